// SQLite-specific: migrations run once, are recorded, and a newer database is refused.
#include "storage/sqlite/sqlite_database.hpp"
#include "support/test_paths.hpp"

#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace swarm::test {
namespace {

/// Runs `sql` on the file with a plain connection and returns the first integer column.
std::int64_t raw_query(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    const int rc = sqlite3_step(stmt);
    EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(db);
    const std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

TEST(SqliteMigrations, AppliedOnceAndRecorded) {
    TempDir dir;
    const auto path = (dir.path() / "m.db").string();
    const auto latest = storage::SqliteDatabase::latest_schema_version();
    ASSERT_GE(latest, 1);
    for (int round = 0; round < 3; ++round) {
        auto db = storage::SqliteDatabase::open(path);
        ASSERT_TRUE(db) << db.error().message;
        EXPECT_EQ((*db)->schema_version().value(), latest);
    }
    EXPECT_EQ(raw_query(path, "SELECT COUNT(*) FROM schema_migrations"), latest);
    EXPECT_GT(raw_query(path, "SELECT MIN(applied_at) FROM schema_migrations"), 0);
    EXPECT_EQ(raw_query(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode()"), 1);
}

TEST(SqliteMigrations, ADatabaseNewerThanTheBinaryIsRefused) {
    TempDir dir;
    const auto path = (dir.path() / "m.db").string();
    ASSERT_TRUE(storage::SqliteDatabase::open(path));
    const auto newer = storage::SqliteDatabase::latest_schema_version() + 1;
    raw_query(path, "INSERT INTO schema_migrations (version, applied_at) VALUES (" +
                        std::to_string(newer) + ", 0)");
    auto db = storage::SqliteDatabase::open(path);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_NE(db.error().message.find(std::to_string(newer)), std::string::npos);
}

TEST(SqliteMigrations, SharedInMemoryUriOpens) {
    auto db = storage::SqliteDatabase::open("file:contract_mem?mode=memory&cache=shared");
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ((*db)->schema_version().value(), storage::SqliteDatabase::latest_schema_version());
}

TEST(SqliteMigrations, UnopenablePathIsAnIoError) {
    TempDir dir;
    auto db = storage::SqliteDatabase::open((dir.path() / "missing" / "x.db").string());
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, core::ErrorCode::kIo);
}

}  // namespace
}  // namespace swarm::test
