// PostgreSQL-specific: the connection pool's bounds, statement timeouts, reconnecting after the
// server dropped a connection, and error translation.
#include "contract/storage_backends_pg.hpp"
#include "storage/postgres/pg_job_store.hpp"

#include <latch>
#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;

class PgDatabaseTest : public PgTest {};

TEST_F(PgDatabaseTest, EveryStatementIsBoundedByTheTimeout) {
    auto options = pg_test_options(schema(), 1);
    options.statement_timeout = std::chrono::milliseconds{200};
    auto db = storage::PgDatabase::open(url(), options);
    ASSERT_TRUE(db) << db.error().message;
    auto slept = (*db)->transact([](pqxx::work& tx) -> core::Result<void> {
        tx.exec("SELECT pg_sleep(5)");
        return {};
    });
    ASSERT_FALSE(slept);
    EXPECT_EQ(slept.error().code, ErrorCode::kUnavailable) << slept.error().message;
    EXPECT_EQ((*db)->schema_version().value(), storage::PgDatabase::latest_schema_version());
}

TEST_F(PgDatabaseTest, HealthReportsAFaultUntilATransactionSucceeds) {
    auto options = pg_test_options(schema(), 1);
    options.statement_timeout = std::chrono::milliseconds{100};
    auto db = storage::PgDatabase::open(url(), options);
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_FALSE((*db)->health());
    // A refusal is an answer, not a fault: the health stays good.
    auto refused = (*db)->transact([](pqxx::work& tx) -> core::Result<void> {
        tx.exec("CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (1)");
        return {};
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
    EXPECT_FALSE((*db)->health());
    auto slept = (*db)->transact([](pqxx::work& tx) -> core::Result<void> {
        tx.exec("SELECT pg_sleep(5)");
        return {};
    });
    ASSERT_FALSE(slept);
    const auto problem = (*db)->health();
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find(slept.error().message), std::string::npos) << *problem;
    ASSERT_TRUE((*db)->schema_version());
    EXPECT_FALSE((*db)->health());
}

TEST_F(PgDatabaseTest, APoolOfOneMakesTheSecondCallerWaitThenGiveUp) {
    auto options = pg_test_options(schema(), 1);
    options.acquire_timeout = std::chrono::milliseconds{100};
    auto db = storage::PgDatabase::open(url(), options);
    ASSERT_TRUE(db) << db.error().message;
    std::latch held(1);
    std::latch release(1);
    std::thread holder([&] {
        auto ok = (*db)->transact([&](pqxx::work&) -> core::Result<void> {
            held.count_down();
            release.wait();
            return {};
        });
        EXPECT_TRUE(ok);
    });
    held.wait();
    auto busy = (*db)->schema_version();
    release.count_down();
    holder.join();
    ASSERT_FALSE(busy);
    EXPECT_EQ(busy.error().code, ErrorCode::kUnavailable);
    EXPECT_TRUE((*db)->schema_version());  // the connection came back to the pool
}

TEST_F(PgDatabaseTest, AConnectionTheServerDroppedIsReplacedWithItsSettings) {
    auto options = pg_test_options(schema(), 1);
    options.statement_timeout = std::chrono::milliseconds{4321};
    options.application_name = schema();
    auto db = storage::PgDatabase::open(url(), options);
    ASSERT_TRUE(db) << db.error().message;
    const auto backend_pid = [&] {
        return (*db)
            ->transact([](pqxx::work& tx) -> core::Result<std::string> {
                return tx.exec1("SELECT pg_backend_pid()")[0].c_str();
            })
            .value();
    };
    const auto before = backend_pid();
    EXPECT_EQ(pg_query(url(), "SELECT pg_terminate_backend(" + before + ")"), "t");
    FakeClock clock{kContractEpoch};
    storage::PgJobStore jobs(*db, clock);
    auto created = jobs.create(kTestWorkspace, {"after-drop", "{}", {}, std::nullopt});
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_NE(backend_pid(), before);
    auto timeout = (*db)->transact([](pqxx::work& tx) -> core::Result<std::string> {
        return tx.exec1("SHOW statement_timeout")[0].c_str();
    });
    EXPECT_EQ(timeout.value(), "4321ms");
    EXPECT_EQ(pg_query(url(), "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" +
                                  schema() + "'"),
              "1");
}

TEST_F(PgDatabaseTest, AnUnreachableServerIsUnavailable) {
    storage::PgOptions options;
    options.connect_timeout = std::chrono::seconds{2};
    auto db = storage::PgDatabase::open("postgres://nobody@127.0.0.1:1/none", options);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(db.error().message.find("password"), std::string::npos);
    options.pool_size = 0;
    EXPECT_EQ(storage::PgDatabase::open(url(), options).error().field, "pool_size");
}

TEST(PgConninfo, AddsAConnectTimeoutOnce) {
    const std::chrono::seconds five{5};
    EXPECT_EQ(storage::pg_conninfo("postgres://u@h:1/db", five),
              "postgres://u@h:1/db?connect_timeout=5");
    EXPECT_EQ(storage::pg_conninfo("postgresql://u@h/db?sslmode=disable", five),
              "postgresql://u@h/db?sslmode=disable&connect_timeout=5");
    EXPECT_EQ(storage::pg_conninfo("host=h dbname=d", five), "host=h dbname=d connect_timeout=5");
    EXPECT_EQ(storage::pg_conninfo("postgres://h/db?connect_timeout=1", five),
              "postgres://h/db?connect_timeout=1");
}

}  // namespace
}  // namespace swarm::test
