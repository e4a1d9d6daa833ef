// SQLite-specific: reads run on query-only connections beside the writing one, so a read neither
// waits for a write in progress nor can write, and sees every write committed before it started
// (from any thread). In-memory databases keep one connection.
#include "storage/sqlite/sqlite_database.hpp"
#include "support/test_paths.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using storage::Connection;

std::shared_ptr<storage::SqliteDatabase> open_db(const std::string& location) {
    auto db = storage::SqliteDatabase::open(location);
    EXPECT_TRUE(db) << (db ? "" : db.error().message);
    return db ? *db : nullptr;
}

core::Result<std::int64_t> count(storage::SqliteDatabase& db) {
    return db.read([](Connection& c) { return c.query_int("SELECT COUNT(*) FROM probe"); });
}

TEST(SqliteReaders, AFileHasReadConnectionsAndMemoryHasNone) {
    TempDir dir;
    auto file = open_db((dir.path() / "r.db").string());
    ASSERT_TRUE(file);
    EXPECT_EQ(file->read_connections(), 2U);
    auto memory = open_db("file:readers-mem?mode=memory&cache=shared");
    ASSERT_TRUE(memory);
    EXPECT_EQ(memory->read_connections(), 0U);
    auto none = storage::SqliteDatabase::open((dir.path() / "w.db").string(),
                                              storage::SqliteOptions{.read_connections = 0});
    ASSERT_TRUE(none);
    EXPECT_EQ((*none)->read_connections(), 0U);
}

TEST(SqliteReaders, AReadCannotWrite) {
    TempDir dir;
    auto db = open_db((dir.path() / "r.db").string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->write([](Connection& c) { return c.exec("CREATE TABLE probe (x INTEGER)"); }));
    for (int i = 0; i < 4; ++i) {  // every reader, whichever the rotation picks
        auto wrote = db->read([](Connection& c) { return c.exec("INSERT INTO probe VALUES (1)"); });
        EXPECT_FALSE(wrote) << "a read connection accepted a write";
    }
    EXPECT_EQ(count(*db).value_or(-1), 0);
}

TEST(SqliteReaders, AReadDoesNotWaitForAWriteInProgress) {
    TempDir dir;
    auto db = open_db((dir.path() / "r.db").string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->write([](Connection& c) {
        return c.exec("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1)");
    }));
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> inside;
    auto writer = std::async(std::launch::async, [&] {
        return db->write([&](Connection& c) -> core::Result<void> {
            SWARM_TRY(c.exec("INSERT INTO probe VALUES (2)"));
            inside.set_value();
            released.wait();  // holds the write (and its transaction) open
            return {};
        });
    });
    inside.get_future().wait();
    auto reader = std::async(std::launch::async, [&] { return count(*db); });
    // With one shared connection the read would wait for the write, which waits for us.
    const auto status = reader.wait_for(std::chrono::seconds(10));
    release.set_value();
    ASSERT_EQ(status, std::future_status::ready) << "the read waited for the write";
    EXPECT_EQ(reader.get().value_or(-1), 1) << "a read sees only committed rows";
    ASSERT_TRUE(writer.get());
    EXPECT_EQ(count(*db).value_or(-1), 2);
}

TEST(SqliteReaders, EveryThreadReadsWhatWasCommittedBeforeItsRead) {
    TempDir dir;
    auto db = open_db((dir.path() / "r.db").string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->write([](Connection& c) { return c.exec("CREATE TABLE probe (x INTEGER)"); }));
    constexpr int kThreads = 4;
    constexpr int kWrites = 150;
    std::atomic<int> stale{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kWrites; ++i) {
                auto wrote = db->write([](Connection& c) -> core::Result<std::int64_t> {
                    SWARM_TRY(c.exec("INSERT INTO probe VALUES (1)"));
                    return c.query_int("SELECT COUNT(*) FROM probe");
                });
                if (!wrote) {
                    ++failed;
                    continue;
                }
                // Read-your-writes: at least as many rows as this write saw.
                if (count(*db).value_or(-1) < *wrote) {
                    ++stale;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(stale.load(), 0);
    EXPECT_EQ(count(*db).value_or(-1), kThreads * kWrites);
}

}  // namespace
}  // namespace swarm::test
