// Thin RAII layer over the SQLite C API for the knowledge base: one connection, prepared
// statements and transactions; every SQLite failure becomes a core::Error (kIo) naming the file.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace swarm::kb {

class Database;

/// A prepared statement; finalized on destruction. Must not outlive its Database.
class Statement {
public:
    Statement() = default;

    Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
    core::Result<void> bind(int index, std::string_view text);
    core::Result<void> bind(int index, std::int64_t value);

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

    /// Makes the statement reusable with new bindings.
    void reset();

private:
    Database* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

/// One SQLite connection; closed on destruction. Not thread-safe by itself: the owner serialises.
class Database {
public:
    /// Opens or creates the file at `path` (":memory:" for a private in-memory database).
    static core::Result<std::unique_ptr<Database>> open(const std::string& path);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&&) = delete;
    Database& operator=(Database&&) = delete;

    /// Runs one or more statements that return no rows (schema scripts, PRAGMAs, BEGIN).
    core::Result<void> exec(const std::string& sql);

    core::Result<Statement> prepare(std::string_view sql);

    /// The first column of the first row of `sql` as an integer (PRAGMA user_version, counts).
    core::Result<std::int64_t> query_int(std::string_view sql);

    /// The first column of the first row of `sql` as text.
    core::Result<std::string> query_text(std::string_view sql);

    std::int64_t last_insert_rowid() const;

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

    const std::string& path() const { return path_; }

    bool in_memory() const;

    /// The connection's last error as a kIo core::Error: "knowledge base <path>: <what>: <msg>".
    core::Error error(std::string_view what) const;

private:
    Database(sqlite3* handle, std::string path) : handle_(handle), path_(std::move(path)) {}

    sqlite3* handle_ = nullptr;
    std::string path_;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed.
class Transaction {
public:
    static core::Result<Transaction> begin(Database& db);

    ~Transaction();

    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    core::Result<void> commit();

private:
    explicit Transaction(Database* db) : db_(db) {}

    Database* db_ = nullptr;
};

}  // namespace swarm::kb
