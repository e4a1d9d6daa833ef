#include "storage/sqlite/sqlite_database.hpp"

#include "storage/sqlite/migrations_sql.hpp"

#include <string>
#include <sys/stat.h>
#include <utility>

namespace swarm::storage {

namespace {

core::Result<void> configure(Connection& db, const SqliteOptions& options) {
    const std::string settings =
        "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout.count()) +
        "; PRAGMA foreign_keys = ON;";
    SWARM_TRY(db.exec(settings));
    // WAL: readers in other processes are not blocked by our writes. An in-memory database
    // answers "memory" and stays correct. NORMAL is durable in WAL except for the last commits
    // on power loss (not on a process crash, which is what kill -9 recovery needs).
    SWARM_TRY(db.exec("PRAGMA journal_mode = WAL"));
    return db.exec("PRAGMA synchronous = NORMAL");
}

/// Storage failures name "storage <location>" and map constraint and lock codes to the ports'
/// codes; tests open shared in-memory databases by "file:" URI.
sqlite::ConnectionOptions storage_connection_options() {
    sqlite::ConnectionOptions options;
    options.subject = "storage";
    options.classify_errors = true;
    options.uri = true;
    return options;
}

core::Result<std::int64_t> current_version(Connection& db);

/// A query-only connection to `location` that has read once: the read opens the file's WAL
/// index, so it keeps answering from the open file if the path is unlinked later (health()
/// reports that), as the writer does.
core::Result<std::unique_ptr<Connection>> open_query_only(const std::string& location,
                                                          const SqliteOptions& options) {
    SWARM_TRY_ASSIGN(auto connection, Connection::open(location, storage_connection_options()));
    SWARM_TRY(
        connection->exec("PRAGMA busy_timeout = " + std::to_string(options.busy_timeout.count()) +
                         "; PRAGMA query_only = ON;"));
    SWARM_TRY(current_version(*connection));
    return connection;
}

core::Result<std::int64_t> current_version(Connection& db) {
    return db.query_int("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
}

core::Error too_new(const Connection& db, std::int64_t version) {
    core::Error error;
    error.code = core::ErrorCode::kFailedPrecondition;
    error.message = "storage " + db.location() + " has schema version " + std::to_string(version) +
                    "; this build supports up to " +
                    std::to_string(SqliteDatabase::latest_schema_version()) +
                    " (upgrade the binary)";
    return error;
}

/// Applies migration `index` (version index+1) unless another process did it first.
core::Result<void> apply(Connection& db, std::size_t index) {
    SWARM_TRY_ASSIGN(auto txn, Transaction::begin(db));
    SWARM_TRY_ASSIGN(const auto version, current_version(db));
    const auto target = static_cast<std::int64_t>(index) + 1;
    if (version >= target) {
        return txn.commit();
    }
    SWARM_TRY(db.exec(std::string(kSqliteMigrations.at(index))));
    SWARM_TRY(
        db.execute("INSERT INTO schema_migrations (version, applied_at) "
                   "VALUES (?1, CAST(strftime('%s', 'now') AS INTEGER) * 1000)",
                   target));
    return txn.commit();
}

core::Result<void> migrate(Connection& db) {
    SWARM_TRY(
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"));
    SWARM_TRY_ASSIGN(const auto version, current_version(db));
    if (version > SqliteDatabase::latest_schema_version()) {
        return tl::unexpected(too_new(db, version));
    }
    for (auto index = static_cast<std::size_t>(version); index < kSqliteMigrations.size();
         ++index) {
        SWARM_TRY(apply(db, index));
    }
    return {};
}

}  // namespace

core::Result<std::shared_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& location,
                                                                   const SqliteOptions& options) {
    SWARM_TRY_ASSIGN(auto connection, Connection::open(location, storage_connection_options()));
    SWARM_TRY(configure(*connection, options));
    SWARM_TRY(migrate(*connection));
    auto identity = identify(*connection);
    auto database = std::shared_ptr<SqliteDatabase>(
        new SqliteDatabase(std::move(connection), std::move(identity)));
    SWARM_TRY(database->open_readers(options));
    return database;
}

bool SqliteDatabase::in_memory() const {
    return connection_->in_memory() || location().find("mode=memory") != std::string::npos;
}

core::Result<void> SqliteDatabase::open_readers(const SqliteOptions& options) {
    if (in_memory()) {
        return {};  // another connection would open another (empty) database
    }
    for (int i = 0; i < options.read_connections; ++i) {
        SWARM_TRY_ASSIGN(auto reader, open_query_only(location(), options));
        auto slot = std::make_unique<Reader>();
        slot->connection = std::move(reader);
        readers_.push_back(std::move(slot));
    }
    return {};
}

std::optional<std::uint64_t> SqliteDatabase::change_epoch() const {
    if (!watching_.load(std::memory_order_acquire)) {
        return std::nullopt;
    }
    return change_epoch_.load(std::memory_order_acquire);
}

core::Result<void> SqliteDatabase::start_change_watch(std::chrono::milliseconds interval) {
    if (in_memory()) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "an in-memory database has no other writers to watch for", "db");
    }
    if (watch_.joinable()) {
        return {};
    }
    // No busy wait: a poll that cannot read at once makes the watch blind (vouch for nothing)
    // instead of holding stale answers in memory while it waits.
    SWARM_TRY_ASSIGN(auto shared, open_query_only(location(), SqliteOptions{.busy_timeout = {}}));
    const auto read_version = [](Connection& c) {
        return c.query_int("PRAGMA data_version");
    };
    SWARM_TRY_ASSIGN(auto seen, read_version(*shared));
    // A commit between that read and `watching_` going true changed data_version after it:
    // the first poll sees it and moves the epoch on.
    watching_.store(true, std::memory_order_release);
    watch_ = std::jthread([this, interval, seen, read_version,
                           watcher = std::shared_ptr<Connection>(std::move(shared))](
                              const std::stop_token& stop) mutable {
        std::unique_lock lock(watch_mutex_);
        for (;;) {
            // Returns early only when a stop is requested (the predicate is never true).
            watch_wake_.wait_for(lock, stop, interval, [] { return false; });
            if (stop.stop_requested()) {
                return;
            }
            auto now = read_version(*watcher);
            if (!now) {
                watching_.store(false, std::memory_order_release);  // blind: vouch for nothing
                change_epoch_.fetch_add(1, std::memory_order_acq_rel);
                continue;
            }
            if (*now != seen) {
                seen = *now;
                change_epoch_.fetch_add(1, std::memory_order_acq_rel);
            }
            watching_.store(true, std::memory_order_release);
        }
    });
    return {};
}

SqliteDatabase::Reader& SqliteDatabase::acquire_reader() {
    const auto count = readers_.size();
    const auto start = next_reader_.fetch_add(1, std::memory_order_relaxed) % count;
    for (std::size_t i = 0; i < count; ++i) {
        auto& reader = *readers_[(start + i) % count];
        if (reader.mutex.try_lock()) {
            return reader;
        }
    }
    auto& reader = *readers_[start];
    reader.mutex.lock();
    return reader;
}

std::optional<SqliteDatabase::FileIdentity> SqliteDatabase::identify(const Connection& connection) {
    if (connection.in_memory()) {
        return std::nullopt;
    }
    // A "file:PATH?params" URI names the same file as PATH.
    std::string path = connection.location();
    if (path.rfind("file:", 0) == 0) {
        path = path.substr(
            5, path.find('?') == std::string::npos ? std::string::npos : path.find('?') - 5);
    }

    struct stat info {};

    if (path.empty() || ::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return FileIdentity{path, static_cast<std::uint64_t>(info.st_dev),
                        static_cast<std::uint64_t>(info.st_ino)};
}

std::optional<std::string> SqliteDatabase::health() const {
    if (auto problem = file_problem()) {
        return problem;
    }
    return writes_.problem();
}

std::optional<std::string> SqliteDatabase::file_problem() const {
    if (!identity_) {
        return std::nullopt;
    }

    struct stat info {};

    if (::stat(identity_->path.c_str(), &info) != 0) {
        return std::string("the database file is missing (deleted while open)");
    }
    if (static_cast<std::uint64_t>(info.st_dev) != identity_->device ||
        static_cast<std::uint64_t>(info.st_ino) != identity_->inode) {
        return std::string("the database file was replaced while open");
    }
    return std::nullopt;
}

std::int64_t SqliteDatabase::latest_schema_version() {
    return static_cast<std::int64_t>(kSqliteMigrations.size());
}

core::Result<std::int64_t> SqliteDatabase::schema_version() {
    return read([](Connection& db) { return current_version(db); });
}

}  // namespace swarm::storage
