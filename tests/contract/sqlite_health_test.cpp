// SQLite-specific: the database's health() notices its file deleted or replaced under the open
// connection (writes are then refused) and a write refused by a read-only file, and a content
// store reports it.
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/fakes.hpp"
#include "support/test_paths.hpp"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

std::shared_ptr<storage::SqliteDatabase> open_db(const std::string& location) {
    auto db = storage::SqliteDatabase::open(location);
    EXPECT_TRUE(db) << (db ? "" : db.error().message);
    return db ? *db : nullptr;
}

core::Result<void> write_one(storage::SqliteDatabase& db) {
    return db.write([](storage::Connection& c) {
        return c.exec("CREATE TABLE IF NOT EXISTS probe (x INTEGER); INSERT INTO probe VALUES (1)");
    });
}

TEST(SqliteHealth, AFreshFileIsHealthyAndAnInMemoryDatabaseToo) {
    TempDir dir;
    auto db = open_db((dir.path() / "h.db").string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(write_one(*db));
    EXPECT_FALSE(db->health());
    auto memory = open_db("file:health-mem?mode=memory&cache=shared");
    ASSERT_TRUE(memory);
    EXPECT_FALSE(memory->health());
}

TEST(SqliteHealth, ADeletedFileIsReportedWhileWritesStillSucceed) {
    TempDir dir;
    const auto path = dir.path() / "h.db";
    auto db = open_db(path.string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(write_one(*db));
    std::filesystem::remove(path);
    // SQLite would write to the unlinked inode and the write would vanish at restart: refused.
    auto refused = write_one(*db);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(refused.error().message.find("missing"), std::string::npos);
    EXPECT_EQ(db->read([](storage::Connection& c) {
                    return c.query_int("SELECT COUNT(*) FROM probe");
                }).value_or(-1),
              1)
        << "reads still answer from the open file";
    const auto problem = db->health();
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("missing"), std::string::npos) << *problem;
    EXPECT_EQ(problem->find(dir.path().string()), std::string::npos) << "no paths: " << *problem;
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    const storage::SqliteContentStore content(db, clock);
    EXPECT_EQ(content.storage_health(), problem);
}

TEST(SqliteHealth, AReplacedFileIsReported) {
    TempDir dir;
    const auto path = dir.path() / "h.db";
    auto db = open_db(path.string());
    ASSERT_TRUE(db);
    const auto other = dir.path() / "other.db";
    ASSERT_TRUE(open_db(other.string()));
    std::filesystem::rename(other, path);
    const auto problem = db->health();
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("replaced"), std::string::npos) << *problem;
    EXPECT_EQ(write_one(*db).error().code, core::ErrorCode::kUnavailable);
}

TEST(SqliteHealth, AWriteRefusedByAReadOnlyDatabaseIsReportedUntilAWriteSucceeds) {
    TempDir dir;
    const auto path = (dir.path() / "h.db").string();
    ASSERT_TRUE(open_db(path));
    // Opened read-only (as a read-only file or mount makes SQLite do): reads work, writes fail.
    auto db = open_db("file:" + path + "?mode=ro");
    ASSERT_TRUE(db);
    EXPECT_FALSE(db->health());
    auto refused = write_one(*db);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kIo) << refused.error().message;
    const auto problem = db->health();
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("the last write failed"), std::string::npos) << *problem;
    // A write the store refuses as an answer (not a fault) does not clear or set it.
    auto answered = db->write([](storage::Connection&) -> core::Result<void> {
        return core::fail(core::ErrorCode::kNotFound, "no such row");
    });
    EXPECT_FALSE(answered);
    EXPECT_TRUE(db->health());
}

TEST(SqliteHealth, AFailedWriteIsClearedByALaterSuccess) {
    TempDir dir;
    auto db = open_db((dir.path() / "h.db").string());
    ASSERT_TRUE(db);
    auto failed =
        db->write([](storage::Connection& c) { return c.exec("INSERT INTO nope VALUES (1)"); });
    ASSERT_FALSE(failed);
    ASSERT_EQ(failed.error().code, core::ErrorCode::kIo) << failed.error().message;
    EXPECT_TRUE(db->health());
    ASSERT_TRUE(write_one(*db));
    EXPECT_FALSE(db->health());
}

}  // namespace
}  // namespace swarm::test
