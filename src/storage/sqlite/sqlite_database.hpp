// The storage adapter's SQLite database: opens the file, sets WAL, busy_timeout and foreign keys,
// applies the embedded migrations, and serialises every use of its one connection.
#pragma once

#include "core/result.hpp"
#include "sqlite/connection.hpp"
#include "storage/common/write_health.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>

namespace swarm::storage {

// The storage code names the shared SQLite layer's types unqualified.
using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

struct SqliteOptions {
    std::chrono::milliseconds busy_timeout{5000};  // how long to wait for another process's lock
};

/// Connection strategy: ONE connection guarded by a mutex, and every write in a BEGIN IMMEDIATE
/// transaction. Why: SQLite admits one writer at a time anyway, so a write pool buys nothing;
/// with one connection, the read-modify-write steps (idempotent create, claim, seq = max+1,
/// write-once items, versioned updates) are atomic within the process by the mutex and across
/// processes by the IMMEDIATE write lock, and nothing in this process ever sees SQLITE_BUSY from
/// itself. Our statements are short (indexed, bounded by page limits), so readers waiting behind
/// a writer cost little; if profiles say otherwise, `read` can move to a pool of read-only WAL
/// connections without touching the stores. WAL also lets other processes (the CLI) read while
/// the server writes. Thread-safe: share one instance (via shared_ptr) between all stores.
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

    /// Runs `fn(Connection&)` with exclusive use of the connection (autocommit reads).
    template <class F>
    auto read(F&& fn) -> std::invoke_result_t<F&, Connection&> {
        const std::lock_guard lock(mutex_);
        return fn(*connection_);
    }

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

    SqliteDatabase(std::unique_ptr<Connection> connection, std::optional<FileIdentity> identity)
        : connection_(std::move(connection)), identity_(std::move(identity)) {}

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
    std::unique_ptr<Connection> connection_;  // guarded by mutex_
    std::optional<FileIdentity> identity_;    // set once at open
    WriteHealth writes_;
};

}  // namespace swarm::storage
