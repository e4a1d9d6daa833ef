#include "sqlite/connection.hpp"

#include <utility>

#include <climits>
#include <sqlite3.h>

namespace swarm::sqlite {

namespace {

core::ErrorCode translate(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return core::ErrorCode::kAlreadyExists;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return core::ErrorCode::kNotFound;
        default:
            break;
    }
    const int primary = extended_code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return core::ErrorCode::kUnavailable;
    }
    return core::ErrorCode::kIo;
}

core::Error make_error(const ConnectionOptions& options, const std::string& location,
                       std::string_view what, std::string_view message, int code) {
    core::Error error;
    error.code = options.classify_errors ? translate(code) : core::ErrorCode::kIo;
    error.message = options.subject + " " +
                    (location.empty() ? std::string("(temporary)") : location) + ": " +
                    std::string(what) + ": " + std::string(message);
    error.detail = "sqlite code " + std::to_string(code) + " (" + sqlite3_errstr(code) + ")";
    return error;
}

}  // namespace

// ---- Statement ------------------------------------------------------------------------------

void Statement::release() noexcept {
    if (stmt_ == nullptr) {
        return;
    }
    if (db_ != nullptr) {
        db_->park(stmt_);
    } else {
        sqlite3_finalize(stmt_);
    }
    stmt_ = nullptr;
    db_ = nullptr;
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        release();
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

core::Result<void> Statement::check_bind(int rc) const {
    if (rc != SQLITE_OK) {
        return tl::unexpected(db_->error("bind"));
    }
    return {};
}

core::Result<void> Statement::bind(int index, std::string_view text) {
    return check_bind(
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

core::Result<void> Statement::bind_blob(int index, std::string_view bytes) {
    return check_bind(
        sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
}

core::Result<void> Statement::bind(int index, std::int64_t value) {
    return check_bind(sqlite3_bind_int64(stmt_, index, value));
}

core::Result<void> Statement::bind(int index, double value) {
    return check_bind(sqlite3_bind_double(stmt_, index, value));
}

core::Result<void> Statement::bind(int index, std::nullopt_t /*null*/) {
    return check_bind(sqlite3_bind_null(stmt_, index));
}

core::Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    auto error = db_->error("step");
    sqlite3_reset(stmt_);
    return tl::unexpected(std::move(error));
}

core::Result<void> Statement::run() {
    for (;;) {
        SWARM_TRY_ASSIGN(const bool has_row, step());
        if (!has_row) {
            return {};
        }
    }
}

std::int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}

double Statement::column_double(int index) const {
    return sqlite3_column_double(stmt_, index);
}

std::string Statement::column_text(int index) const {
    const unsigned char* text = sqlite3_column_text(stmt_, index);
    const int size = sqlite3_column_bytes(stmt_, index);
    if (text == nullptr || size <= 0) {
        return {};
    }
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

// ---- Connection -----------------------------------------------------------------------------

core::Result<std::unique_ptr<Connection>> Connection::open(const std::string& location,
                                                           ConnectionOptions options) {
    sqlite3* handle = nullptr;
    // NOMUTEX: the owner serialises every use of the connection with its own mutex.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (options.uri) {
        flags |= SQLITE_OPEN_URI;
    }
    const int rc = sqlite3_open_v2(location.c_str(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        sqlite3_close_v2(handle);
        return tl::unexpected(make_error(options, location, "cannot open", message, rc));
    }
    sqlite3_extended_result_codes(handle, 1);
    return std::unique_ptr<Connection>(new Connection(handle, location, std::move(options)));
}

Connection::~Connection() {
    for (auto& [sql, stmt] : idle_) {
        sqlite3_finalize(stmt);
    }
    sqlite3_close_v2(handle_);
}

void Connection::park(sqlite3_stmt* stmt) noexcept {
    // reset ends the statement's run (a RETURNING write is complete, read locks are released);
    // its code repeats the last step's error, which the caller has already seen.
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    const char* sql = sqlite3_sql(stmt);
    if (sql == nullptr || idle_.size() >= kStatementCacheSize ||
        !idle_.try_emplace(std::string(sql), stmt).second) {
        sqlite3_finalize(stmt);  // full, or another statement with this text is already idle
    }
}

core::Result<void> Connection::exec(const std::string& sql) {
    if (sqlite3_exec(handle_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return tl::unexpected(error("exec"));
    }
    return {};
}

core::Result<Statement> Connection::prepare(std::string_view sql) {
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
        return tl::unexpected(
            make_error(options_, location_, "prepare", "statement too long", SQLITE_TOOBIG));
    }
    if (auto idle = idle_.find(sql); idle != idle_.end()) {
        auto* cached = idle->second;
        idle_.erase(idle);
        return Statement(this, cached);
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return tl::unexpected(error("prepare"));
    }
    return Statement(this, stmt);
}

core::Result<std::int64_t> Connection::query_int(std::string_view sql) {
    SWARM_TRY_ASSIGN(auto value,
                     query_one(sql, [](const Statement& row) { return row.column_int(0); }));
    return value.value_or(0);
}

core::Result<std::string> Connection::query_text(std::string_view sql) {
    SWARM_TRY_ASSIGN(auto value,
                     query_one(sql, [](const Statement& row) { return row.column_text(0); }));
    return value.value_or(std::string());
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(handle_);
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(handle_);
}

bool Connection::in_memory() const {
    // sqlite3_db_filename is "" for ":memory:" and for temporary databases.
    const char* file = sqlite3_db_filename(handle_, "main");
    return file == nullptr || *file == '\0';
}

core::Error Connection::error(std::string_view what) const {
    return make_error(options_, location_, what, sqlite3_errmsg(handle_),
                      sqlite3_extended_errcode(handle_));
}

// ---- Transaction ----------------------------------------------------------------------------

core::Result<Transaction> Transaction::begin(Connection& db) {
    // IMMEDIATE takes the write lock up front, so another process holding it makes us wait
    // (busy_timeout) here instead of failing later on a lock upgrade.
    SWARM_TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_ != nullptr) {
        (void)db_->exec("ROLLBACK");
    }
}

core::Result<void> Transaction::commit() {
    Connection* db = std::exchange(db_, nullptr);
    if (db == nullptr) {
        return {};
    }
    if (auto ok = db->exec("COMMIT"); !ok) {
        (void)db->exec("ROLLBACK");
        return tl::unexpected(std::move(ok.error()));
    }
    return {};
}

}  // namespace swarm::sqlite
