// The storage adapter's SQLite database: opens the file, sets WAL, busy_timeout and foreign keys,
// applies the embedded migrations, and serialises every use of its one connection.
#pragma once

#include "core/result.hpp"
#include "sqlite/connection.hpp"
#include "storage/common/write_health.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace swarm::storage {

// The storage code names the shared SQLite layer's types unqualified.
using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

struct SqliteOptions {
    std::chrono::milliseconds busy_timeout{5000};  // how long to wait for another process's lock
    /// Read-only connections `read` runs on, beside the one that writes (0: reads share it). Not
    /// for in-memory databases, which always have one connection.
    int read_connections = 2;
};

/// Connection strategy: ONE writing connection guarded by a mutex, and every write in a BEGIN
/// IMMEDIATE transaction. Why: SQLite admits one writer at a time anyway, so a write pool buys
/// nothing; with one writer, the read-modify-write steps (idempotent create, claim, seq = max+1,
/// write-once items, versioned updates) are atomic within the process by the mutex and across
/// processes by the IMMEDIATE write lock, and nothing in this process ever sees SQLITE_BUSY from
/// itself. Reads run on a small pool of query-only connections (WAL: a reader sees every commit
/// made before it started and never waits for a writer), so reads on several threads neither
/// queue behind each other nor behind a write; profiled, the one shared connection made the
/// second storage thread a cost (lock hand-offs) instead of a gain. In-memory databases keep one
/// connection for everything. Thread-safe: share one instance (via shared_ptr) between all stores.
class SqliteDatabase {
public:
    /// Opens `location` (a path, or a "file:NAME?mode=memory&cache=shared" URI for tests),
    /// configures it and applies pending migrations, each in its own transaction.
    /// kFailedPrecondition: the database has a schema newer than this binary; kIo otherwise.
    static core::Result<std::shared_ptr<SqliteDatabase>> open(const std::string& location,
                                                              const SqliteOptions& options = {});

    /// The schema version this binary migrates to (the number of embedded migrations).
    static std::int64_t latest_schema_version();

    /// The version recorded in schema_migrations.
    core::Result<std::int64_t> schema_version();

    /// Runs `fn(Connection&)` with exclusive use of a read connection (autocommit reads; the
    /// connection is query-only: a write inside `fn` fails). A free reader is taken when there is
    /// one, else the call waits for one.
    template <class F>
    auto read(F&& fn) -> std::invoke_result_t<F&, Connection&> {
        if (readers_.empty()) {
            const std::lock_guard lock(mutex_);
            return fn(*connection_);
        }
        auto& reader = acquire_reader();
        const std::lock_guard lock(reader.mutex, std::adopt_lock);
        return fn(*reader.connection);
    }

    /// The number of read-only connections (0: reads share the writing one).
    std::size_t read_connections() const { return readers_.size(); }

    /// A number that changes whenever anything in the database may have changed: every write
    /// of this process changes it before write() returns, and a change committed by another
    /// process (noticed by the watch) within one watch interval. nullopt until
    /// start_change_watch ran, and while the watch cannot read (nothing can be vouched for).
    /// Callers use it to trust what they read from memory: equal numbers, no write in between.
    std::optional<std::uint64_t> change_epoch() const;

    /// Starts noticing commits of other processes: a background thread reads PRAGMA
    /// data_version on a connection of its own every `interval`. Once; not for in-memory
    /// databases (kFailedPrecondition), which no other process can write.
    core::Result<void> start_change_watch(std::chrono::milliseconds interval);

    /// Runs `fn(Connection&)` inside BEGIN IMMEDIATE; commits when it returns a value, rolls back
    /// when it returns an error. A storage fault (full disk, read-only file) is remembered for
    /// health() until a later write succeeds.
    /// A write to a deleted or replaced file is refused (kUnavailable): SQLite would accept it
    /// into an unlinked inode and it would be gone at restart, after the client saw success.
    template <class F>
    auto write(F&& fn) -> std::invoke_result_t<F&, Connection&> {
        const std::lock_guard lock(mutex_);
        if (auto problem = file_problem()) {
            core::Error error{core::ErrorCode::kUnavailable, "storage: " + *problem, {}, {}, {}};
            writes_.failed(error);
            return tl::unexpected(std::move(error));
        }
        auto result = write_locked(fn);
        change_epoch_.fetch_add(1, std::memory_order_acq_rel);  // even a failed one: be safe
        if (result) {
            writes_.succeeded();
        } else {
            writes_.failed(result.error());
        }
        return result;
    }

    /// Cheap (one stat call, no SQL; safe to call on a timer): why this database cannot be
    /// trusted with writes, or nullopt. Detects the file deleted or replaced under the open
    /// connection (writes would go to an unlinked inode and vanish at restart) and a write that
    /// failed with no successful write since. The message names no path (it may be shown).
    std::optional<std::string> health() const;

    const std::string& location() const { return connection_->location(); }

private:
    /// The device and inode of the opened file; nullopt for in-memory databases.
    struct FileIdentity {
        std::string path;
        std::uint64_t device = 0;
        std::uint64_t inode = 0;
    };

    struct Reader {
        std::mutex mutex;
        std::unique_ptr<Connection> connection;  // guarded by mutex
    };

    SqliteDatabase(std::unique_ptr<Connection> connection, std::optional<FileIdentity> identity)
        : connection_(std::move(connection)), identity_(std::move(identity)) {}

    /// True for ":memory:" and "mode=memory" URIs: no other connection sees the same database.
    bool in_memory() const;
    /// Opens the read-only connections (none for an in-memory database).
    core::Result<void> open_readers(const SqliteOptions& options);
    /// A reader, locked: the first free one from a rotating start, else waits for one.
    Reader& acquire_reader();

    template <class F>
    auto write_locked(F& fn) -> std::invoke_result_t<F&, Connection&> {
        SWARM_TRY_ASSIGN(auto txn, Transaction::begin(*connection_));
        auto result = fn(*connection_);
        if (!result) {
            return result;
        }
        SWARM_TRY(txn.commit());
        return result;
    }

    static std::optional<FileIdentity> identify(const Connection& connection);
    /// The file deleted or replaced since open (one stat), or nullopt.
    std::optional<std::string> file_problem() const;

    std::mutex mutex_;
    std::unique_ptr<Connection> connection_;        // guarded by mutex_
    std::optional<FileIdentity> identity_;          // set once at open
    std::vector<std::unique_ptr<Reader>> readers_;  // fixed after open
    std::atomic<std::size_t> next_reader_{0};
    std::atomic<std::uint64_t> change_epoch_{1};
    std::atomic<bool> watching_{false};  // the watch runs and its last read succeeded
    std::mutex watch_mutex_;
    std::condition_variable_any watch_wake_;
    std::jthread watch_;  // declared last: stopped and joined first
    WriteHealth writes_;
};

}  // namespace swarm::storage
