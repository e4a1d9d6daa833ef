// Thin RAII layer over the SQLite C API shared by the kb and storage adapters: one connection,
// prepared statements, transactions; every SQLite failure becomes a core::Error.
#pragma once

#include "core/result.hpp"
#include "core/result_value.hpp"

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace swarm::sqlite {

class Connection;
class Statement;

/// Bytes to bind as a BLOB (a string binds as TEXT, which must be UTF-8).
struct Blob {
    std::string_view bytes;
};

namespace detail {

/// What a row mapper yields: T for a mapper returning T or core::Result<T>.
template <class Map>
using MappedType = core::InvokeResultValue<Map, const Statement&>;

/// Calls the mapper and lifts a plain value into a Result.
template <class Map>
core::Result<MappedType<Map>> map_row(Map& map, const Statement& row) {
    return map(row);
}

}  // namespace detail

/// A prepared statement; on destruction it is reset and handed back to its Connection's cache of
/// prepared statements (or finalized when the cache is full). Must not outlive its Connection.
class Statement {
public:
    Statement() = default;

    Statement(Connection* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

    ~Statement() { release(); }

    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT); nullopt binds NULL.
    core::Result<void> bind(int index, std::string_view text);

    core::Result<void> bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }

    core::Result<void> bind(int index, const char* text) {
        return bind(index, std::string_view(text));
    }

    /// Binds bytes as a BLOB (copied); text binds are for UTF-8 only.
    core::Result<void> bind_blob(int index, std::string_view bytes);

    core::Result<void> bind(int index, Blob blob) { return bind_blob(index, blob.bytes); }

    core::Result<void> bind(int index, std::int64_t value);
    core::Result<void> bind(int index, double value);
    core::Result<void> bind(int index, std::nullopt_t /*null*/);

    /// Every other integer type (int, std::size_t, bool ...) binds as a 64-bit integer.
    template <std::integral T>

    requires(!std::same_as<T, std::int64_t>) core::Result<void> bind(int index, T value) {
        return bind(index, static_cast<std::int64_t>(value));
    }

    template <class T>
    core::Result<void> bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }

    /// Binds `args` to parameters 1, 2, ... in order; stops at the first failure.
    template <class... Args>
    core::Result<void> bind_all(const Args&... args) {
        int index = 0;
        core::Result<void> ok;
        ((ok = ok ? bind(++index, args) : ok), ...);
        return ok;
    }

    /// Advances one row: true while a row is available, false when done.
    core::Result<bool> step();

    /// Steps to completion (for statements that return no rows).
    core::Result<void> run();

    /// Column readers for the current row (0-based).
    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    bool column_is_null(int index) const;

    /// Makes the statement reusable with new bindings.
    void reset();

    /// Resets, binds `args` to ?1, ?2, ... and steps to completion: one run of a statement
    /// prepared once and executed many times.
    template <class... Args>
    core::Result<void> execute(const Args&... args) {
        reset();
        SWARM_TRY(bind_all(args...));
        return run();
    }

private:
    /// Returns the statement to its connection's cache (or finalizes it); leaves this empty.
    void release() noexcept;
    /// Ok for SQLITE_OK, else the connection's error for "bind".
    core::Result<void> check_bind(int rc) const;

    Connection* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

/// How a Connection opens its location and reports failures.
struct ConnectionOptions {
    /// Names the database in error messages: "<subject> <location>: <what>: <sqlite message>".
    std::string subject = "sqlite";
    /// Translate constraint and lock failures to specific codes (see Connection::error); when
    /// false every failure is kIo.
    bool classify_errors = true;
    /// Accept "file:" URIs as well as plain paths.
    bool uri = true;
};

/// One SQLite connection; closed on destruction. Not thread-safe by itself: the owner serialises
/// every use.
class Connection {
public:
    /// Opens or creates `location`: a path, ":memory:" or (with options.uri) a "file:" URI.
    static core::Result<std::unique_ptr<Connection>> open(const std::string& location,
                                                          ConnectionOptions options = {});

    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&&) = delete;
    Connection& operator=(Connection&&) = delete;

    /// Runs statements that return no rows (scripts, PRAGMAs, BEGIN).
    core::Result<void> exec(const std::string& sql);

    /// A prepared statement for `sql`: an idle one from the cache when this text was prepared
    /// before (parsing is most of a short query's cost), else a new one. Statements return to the
    /// cache when they are destroyed; at most kStatementCacheSize stay idle.
    core::Result<Statement> prepare(std::string_view sql);
    /// Statements kept prepared between uses.
    static constexpr std::size_t kStatementCacheSize = 96;

    /// Idle statements in the cache (for tests).
    std::size_t cached_statements() const { return idle_.size(); }

    /// Prepares `sql`, binds `args` to ?1, ?2, ... and steps to completion (statements that
    /// return no rows). Rows changed: `changes()`.
    template <class... Args>
    core::Result<void> execute(std::string_view sql, const Args&... args) {
        SWARM_TRY_ASSIGN(auto stmt, prepare(sql));
        SWARM_TRY(stmt.bind_all(args...));
        return stmt.run();
    }

    /// The first row mapped by `map(const Statement&)` (which returns T or Result<T>), or
    /// nullopt when there is no row. The statement is finalized before this returns, so a
    /// RETURNING write is complete.
    template <class Map, class... Args>
    auto query_one(std::string_view sql, Map&& map, const Args&... args)
        -> core::Result<std::optional<detail::MappedType<Map>>> {
        using T = detail::MappedType<Map>;
        SWARM_TRY_ASSIGN(auto stmt, prepare(sql));
        SWARM_TRY(stmt.bind_all(args...));
        SWARM_TRY_ASSIGN(const bool has_row, stmt.step());
        if (!has_row) {
            return std::optional<T>();
        }
        SWARM_TRY_ASSIGN(auto value, detail::map_row(map, stmt));
        return std::optional<T>(std::move(value));
    }

    /// Every row mapped by `map(const Statement&)`, in order; the first failure (SQLite's or
    /// the mapper's) is returned instead.
    template <class Map, class... Args>
    auto query_all(std::string_view sql, Map&& map, const Args&... args)
        -> core::Result<std::vector<detail::MappedType<Map>>> {
        SWARM_TRY_ASSIGN(auto stmt, prepare(sql));
        SWARM_TRY(stmt.bind_all(args...));
        std::vector<detail::MappedType<Map>> rows;
        for (;;) {
            SWARM_TRY_ASSIGN(const bool has_row, stmt.step());
            if (!has_row) {
                return rows;
            }
            SWARM_TRY_ASSIGN(auto value, detail::map_row(map, stmt));
            rows.push_back(std::move(value));
        }
    }

    /// The first column of the first row as an integer (0 when there is no row).
    core::Result<std::int64_t> query_int(std::string_view sql);

    /// The first column of the first row as text (empty when there is no row).
    core::Result<std::string> query_text(std::string_view sql);

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

    std::int64_t last_insert_rowid() const;

    const std::string& location() const { return location_; }

    /// True for ":memory:" and temporary databases (no file behind the connection).
    bool in_memory() const;

    /// The connection's last error. With options.classify_errors, constraint violations of UNIQUE
    /// or PRIMARY KEY → kAlreadyExists, FOREIGN KEY → kNotFound, BUSY/LOCKED → kUnavailable,
    /// anything else → kIo; without, always kIo.
    core::Error error(std::string_view what) const;

private:
    friend class Statement;

    /// Transparent hashing, so a lookup by string_view allocates nothing.
    struct SqlHash {
        using is_transparent = void;

        std::size_t operator()(std::string_view sql) const noexcept {
            return std::hash<std::string_view>{}(sql);
        }
    };

    Connection(sqlite3* handle, std::string location, ConnectionOptions options)
        : handle_(handle), location_(std::move(location)), options_(std::move(options)) {}

    /// Takes back a statement that is done with (reset, bindings cleared) or finalizes it.
    void park(sqlite3_stmt* stmt) noexcept;

    sqlite3* handle_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> idle_;
    std::string location_;
    ConnectionOptions options_;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed.
class Transaction {
public:
    static core::Result<Transaction> begin(Connection& db);

    ~Transaction();

    Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    core::Result<void> commit();

private:
    explicit Transaction(Connection* db) : db_(db) {}

    Connection* db_ = nullptr;
};

}  // namespace swarm::sqlite
