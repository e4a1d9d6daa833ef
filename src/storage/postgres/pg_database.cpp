#include "storage/postgres/pg_database.hpp"

#include "storage/postgres/migrations_sql.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace swarm::storage {

namespace {

// pg_advisory_xact_lock key serialising migrations of every replica ("swrmmigr").
constexpr std::int64_t kMigrationLock = 0x7377726d6d696772;

constexpr std::size_t kMaxPoolSize = 64;

std::string millis(std::chrono::milliseconds duration) {
    return std::to_string(duration.count());
}

std::string first_line(std::string_view text) {
    const auto end = text.find('\n');
    return std::string(text.substr(0, end));
}

core::ErrorCode code_for_sqlstate(const std::string& state) {
    if (state == "23505") {
        return core::ErrorCode::kAlreadyExists;  // unique_violation
    }
    if (state == "23503") {
        return core::ErrorCode::kNotFound;  // foreign_key_violation: the job does not exist
    }
    // query_canceled (statement_timeout), lock_not_available, serialization and deadlock
    // failures, too_many_connections, shutdown and connection classes: try again later.
    static constexpr std::array<std::string_view, 8> kUnavailable = {
        "57014", "55P03", "40001", "40P01", "53300", "57P01", "57P02", "57P03"};
    if (std::find(kUnavailable.begin(), kUnavailable.end(), state) != kUnavailable.end() ||
        state.starts_with("08")) {
        return core::ErrorCode::kUnavailable;
    }
    return core::ErrorCode::kIo;
}

core::Error too_new(std::int64_t version) {
    core::Error error;
    error.code = core::ErrorCode::kFailedPrecondition;
    error.message = "storage postgres has schema version " + std::to_string(version) +
                    "; this build supports up to " +
                    std::to_string(PgDatabase::latest_schema_version()) + " (upgrade the binary)";
    return error;
}

/// Applies every pending migration in the caller's transaction, under the advisory lock.
core::Result<void> migrate(pqxx::work& tx, const PgOptions& options) {
    const auto limit =
        std::chrono::duration_cast<std::chrono::milliseconds>(options.migration_timeout);
    tx.exec0("SET LOCAL statement_timeout = " + millis(limit));
    tx.exec0("SET LOCAL lock_timeout = " + millis(limit));
    tx.exec_params1("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
    if (!options.schema.empty()) {
        tx.exec0("CREATE SCHEMA IF NOT EXISTS " + tx.quote_name(options.schema));
    }
    tx.exec0(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const auto version =
        tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].as<std::int64_t>();
    if (version > PgDatabase::latest_schema_version()) {
        return tl::unexpected(too_new(version));
    }
    for (auto index = static_cast<std::size_t>(version); index < kPgMigrations.size(); ++index) {
        tx.exec0(std::string(kPgMigrations.at(index)));
        tx.exec_params0(
            "INSERT INTO schema_migrations (version, applied_at) "
            "VALUES ($1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT)",
            static_cast<std::int64_t>(index) + 1);
    }
    return {};
}

}  // namespace

core::Error pg_error(const std::exception& error) {
    core::Error out;
    out.code = core::ErrorCode::kIo;
    if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
        out.code = code_for_sqlstate(sql->sqlstate());
        out.detail = "sqlstate " + sql->sqlstate();
    } else if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr ||
               dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
        out.code = core::ErrorCode::kUnavailable;
    } else if (dynamic_cast<const std::logic_error*>(&error) != nullptr) {
        out.code = core::ErrorCode::kInternal;  // a misuse of pqxx: a bug here
    }
    out.message = "storage postgres: " + first_line(error.what());
    return out;
}

std::string pg_conninfo(const std::string& url, std::chrono::seconds connect_timeout) {
    if (url.find("connect_timeout") != std::string::npos) {
        return url;
    }
    const auto setting = "connect_timeout=" + std::to_string(connect_timeout.count());
    if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return url + (url.find('?') == std::string::npos ? "?" : "&") + setting;
    }
    return url + " " + setting;
}

void pg_configure(pqxx::connection& connection, const PgOptions& options) {
    // set_variable (not a raw SET) so pqxx re-applies them if it ever reconnects this object.
    connection.set_variable("application_name", connection.quote(options.application_name));
    connection.set_variable("statement_timeout", millis(options.statement_timeout));
    connection.set_variable("lock_timeout", millis(options.statement_timeout));
    // A client that stalls inside a transaction must not hold row locks forever.
    connection.set_variable(
        "idle_in_transaction_session_timeout",
        millis(std::max(options.statement_timeout * 4, std::chrono::milliseconds{60000})));
    if (!options.schema.empty()) {
        connection.set_variable("search_path", connection.quote_name(options.schema));
    }
}

core::Result<std::shared_ptr<PgDatabase>> PgDatabase::open(const std::string& url,
                                                           const PgOptions& options) {
    if (options.pool_size < 1 || options.pool_size > kMaxPoolSize) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be between 1 and " + std::to_string(kMaxPoolSize), "pool_size");
    }
    if (options.statement_timeout <= std::chrono::milliseconds::zero()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be positive",
                          "statement_timeout");
    }
    std::shared_ptr<PgDatabase> db(
        new PgDatabase(pg_conninfo(url, options.connect_timeout), options));
    SWARM_TRY(db->transact([&](pqxx::work& tx) { return migrate(tx, db->options_); }));
    return db;
}

PgDatabase::~PgDatabase() = default;

std::int64_t PgDatabase::latest_schema_version() {
    return static_cast<std::int64_t>(kPgMigrations.size());
}

core::Result<std::int64_t> PgDatabase::schema_version() {
    return transact([](pqxx::work& tx) -> core::Result<std::int64_t> {
        return tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0]
            .as<std::int64_t>();
    });
}

core::Result<void> PgDatabase::run(const Body& body) {
    auto result = run_attempts(body);
    if (result) {
        faults_.succeeded();
    } else {
        faults_.failed(result.error());
    }
    return result;
}

core::Result<void> PgDatabase::run_attempts(const Body& body) {
    for (int attempt = 1;; ++attempt) {
        auto connection = acquire();
        if (!connection) {
            return tl::unexpected(std::move(connection.error()));
        }
        try {
            {
                // The transaction must end before the connection goes back to the pool.
                pqxx::work tx(**connection);
                if (body(tx)) {
                    tx.commit();
                } else {
                    tx.abort();
                }
            }
            release(std::move(*connection), true);
            return {};
        } catch (const pqxx::in_doubt_error& error) {
            // The connection broke during COMMIT: the outcome is unknown, so never re-run.
            release(std::move(*connection), false);
            return tl::unexpected(pg_error(error));
        } catch (const pqxx::broken_connection& error) {
            release(std::move(*connection), false);
            if (attempt >= 2) {
                return tl::unexpected(pg_error(error));
            }
        } catch (const std::exception& error) {
            const bool healthy = (*connection)->is_open();
            release(std::move(*connection), healthy);
            return tl::unexpected(pg_error(error));
        }
    }
}

core::Result<std::unique_ptr<pqxx::connection>> PgDatabase::acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    for (;;) {
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
        if (open_count_ < options_.pool_size) {
            ++open_count_;
            lock.unlock();
            auto connection = connect();
            if (!connection) {
                lock.lock();
                --open_count_;
                returned_.notify_one();
            }
            return connection;
        }
        if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_count_ >= options_.pool_size) {
            return core::fail(core::ErrorCode::kUnavailable,
                              "storage postgres: all " + std::to_string(options_.pool_size) +
                                  " connections stayed busy for " +
                                  millis(options_.acquire_timeout) + " ms");
        }
    }
}

void PgDatabase::release(std::unique_ptr<pqxx::connection> connection, bool healthy) {
    if (healthy && connection->is_open()) {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    } else {
        connection.reset();  // closes outside the lock
        const std::lock_guard lock(mutex_);
        --open_count_;
    }
    returned_.notify_one();
}

core::Result<std::unique_ptr<pqxx::connection>> PgDatabase::connect() {
    try {
        auto connection = std::make_unique<pqxx::connection>(conninfo_);
        pg_configure(*connection, options_);
        return connection;
    } catch (const std::exception& error) {
        auto out = pg_error(error);
        if (out.code == core::ErrorCode::kIo) {
            out.code = core::ErrorCode::kUnavailable;  // any failure to connect is transient
        }
        return tl::unexpected(std::move(out));
    }
}

}  // namespace swarm::storage
