// The storage adapter's PostgreSQL database: a small bounded pool of pqxx connections, every
// statement under a timeout, migrations applied once at open under an advisory lock.
#pragma once

#include "core/result.hpp"
#include "storage/common/write_health.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <pqxx/pqxx>

namespace swarm::storage {

struct PgOptions {
    std::size_t pool_size = 4;                          // connections at most (1..64)
    std::chrono::milliseconds statement_timeout{5000};  // every statement (server side)
    std::chrono::milliseconds acquire_timeout{5000};    // waiting for a free pool connection
    std::chrono::seconds connect_timeout{5};
    std::chrono::seconds migration_timeout{60};  // migrations and waiting for another replica's
    std::string schema;  // empty: the URL's default search_path; else created and used (tests)
    std::string application_name = "content-swarm";  // shown in pg_stat_activity
};

/// Connection strategy: pqxx::connection is not thread-safe, so each transaction borrows one
/// connection of a mutex-guarded pool (opened lazily up to pool_size; a caller waits at most
/// acquire_timeout, then gets kUnavailable). Every connection carries statement_timeout,
/// lock_timeout and idle_in_transaction_session_timeout as session variables (reinstated by
/// pqxx if it reconnects). A transaction that fails because the connection broke is retried once
/// on a fresh connection; one that broke during COMMIT is not (its outcome is unknown) and
/// reports kUnavailable. Errors translate by SQLSTATE: unique → kAlreadyExists, foreign key →
/// kNotFound, timeouts/lock/connection trouble → kUnavailable, else kIo. Thread-safe: share one
/// instance (via shared_ptr) between all stores; several processes may share the database.
class PgDatabase {
public:
    /// Connects to `url` (postgres://user@host:port/db or a libpq key=value string) and applies
    /// pending migrations in one transaction under pg_advisory_xact_lock, so replicas starting
    /// together migrate once. kFailedPrecondition: the schema is newer than this binary;
    /// kInvalidArgument: bad options; kUnavailable: cannot connect; kIo otherwise.
    static core::Result<std::shared_ptr<PgDatabase>> open(const std::string& url,
                                                          const PgOptions& options = {});

    ~PgDatabase();
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;

    /// The schema version this binary migrates to (the number of embedded migrations).
    static std::int64_t latest_schema_version();

    /// The version recorded in schema_migrations.
    core::Result<std::int64_t> schema_version();

    /// Runs `fn(pqxx::work&)` in one read-committed transaction on a pooled connection; commits
    /// when it returns a value, rolls back when it returns an error. `fn` may run twice (after a
    /// broken connection), so it must not have effects outside the transaction.
    template <class F>
    auto transact(F&& fn) -> std::invoke_result_t<F&, pqxx::work&> {
        std::optional<std::invoke_result_t<F&, pqxx::work&>> out;
        SWARM_TRY(run([&](pqxx::work& tx) {
            out.emplace(fn(tx));
            return out->has_value();
        }));
        return std::move(*out);
    }

    const PgOptions& options() const { return options_; }

    /// No I/O (safe on a timer): the last storage fault (connection lost, timeout, disk full on
    /// the server) that no later successful transaction has cleared, or nullopt.
    std::optional<std::string> health() const { return faults_.problem(); }

private:
    PgDatabase(std::string conninfo, PgOptions options)
        : conninfo_(std::move(conninfo)), options_(std::move(options)) {}

    using Body = std::function<bool(pqxx::work&)>;

    /// One attempt, retried once on a broken connection. The body returns whether to commit.
    /// Faults are remembered for health().
    core::Result<void> run(const Body& body);
    core::Result<void> run_attempts(const Body& body);

    core::Result<std::unique_ptr<pqxx::connection>> acquire();
    void release(std::unique_ptr<pqxx::connection> connection, bool healthy);
    core::Result<std::unique_ptr<pqxx::connection>> connect();

    std::string conninfo_;
    PgOptions options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<pqxx::connection>> idle_;  // guarded by mutex_
    std::size_t open_count_ = 0;                           // guarded by mutex_
    WriteHealth faults_;
};

/// Translates an exception thrown by pqxx (or the standard library) into a core::Error.
core::Error pg_error(const std::exception& error);

/// libpq connection string for `url` with connect_timeout added when absent.
std::string pg_conninfo(const std::string& url, std::chrono::seconds connect_timeout);

/// Applies session settings (timeouts, search_path) to a fresh connection.
void pg_configure(pqxx::connection& connection, const PgOptions& options);

}  // namespace swarm::storage
