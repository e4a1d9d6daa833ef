// PostgreSQL-specific: replicas sharing one database (migrate once, SKIP LOCKED claims, lease
// rescue, gap-free event seqs, one item per job and platform) and the pool's bounds.
#include "contract/storage_backends_pg.hpp"
#include "storage/postgres/pg_content_store.hpp"
#include "storage/postgres/pg_event_store.hpp"
#include "storage/postgres/pg_job_store.hpp"

#include <algorithm>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::JobStatus;
using std::chrono::seconds;

class PgReplicas : public PgTest {
protected:
    FakeClock clock_{kContractEpoch};

    /// Runs `fn(thread_index)` on `count` threads started together and waits for them.
    template <class F>
    static void in_parallel(int count, F fn) {
        std::latch start(count);
        std::vector<std::thread> threads;
        threads.reserve(static_cast<std::size_t>(count));
        for (int t = 0; t < count; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                fn(t);
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    }
};

TEST_F(PgReplicas, ReplicasStartingTogetherMigrateOnce) {
    const auto latest = storage::PgDatabase::latest_schema_version();
    ASSERT_GE(latest, 1);
    for (int round = 0; round < 3; ++round) {
        const auto schema = fresh_pg_schema();
        std::mutex mutex;
        std::vector<std::string> failures;
        in_parallel(4, [&](int) {
            auto db = storage::PgDatabase::open(url(), pg_test_options(schema, 1));
            const std::lock_guard lock(mutex);
            if (!db) {
                failures.push_back(core::describe(db.error()));
            } else if ((*db)->schema_version().value_or(-1) != latest) {
                failures.emplace_back("wrong schema version");
            }
        });
        EXPECT_TRUE(failures.empty()) << failures.front();
        EXPECT_EQ(pg_query(url(), "SELECT COUNT(*) FROM \"" + schema + "\".schema_migrations"),
                  std::to_string(latest));
        drop_pg_schema(url(), schema);
    }
}

TEST_F(PgReplicas, ADatabaseNewerThanTheBinaryIsRefused) {
    ASSERT_TRUE(open_replica(1));
    const auto newer = storage::PgDatabase::latest_schema_version() + 1;
    pg_query(url(), "INSERT INTO \"" + schema() + "\".schema_migrations VALUES (" +
                        std::to_string(newer) + ", 0)");
    auto db = storage::PgDatabase::open(url(), pg_test_options(schema(), 1));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(db.error().message.find(std::to_string(newer)), std::string::npos);
}

TEST_F(PgReplicas, EightThreadsOverTwoConnectionsClaimEveryJobExactlyOnce) {
    auto db_a = open_replica(1);
    auto db_b = open_replica(1);
    ASSERT_TRUE(db_a && db_b);
    storage::PgJobStore a(db_a, clock_);
    storage::PgJobStore b(db_b, clock_);
    constexpr int kJobs = 100;
    for (int i = 0; i < kJobs; ++i) {
        ASSERT_TRUE(a.create(kTestWorkspace, {"job-" + std::to_string(i), "{}", {}, std::nullopt}));
    }
    std::mutex mutex;
    std::vector<std::string> claimed;
    in_parallel(8, [&](int t) {
        auto& store = t % 2 == 0 ? a : b;
        for (;;) {
            auto job = store.claim_next("worker-" + std::to_string(t), seconds{30});
            ASSERT_TRUE(job) << job.error().message;
            if (!*job) {
                return;
            }
            EXPECT_EQ((*job)->attempts, 1) << (*job)->id;
            const std::lock_guard lock(mutex);
            claimed.push_back((*job)->id);
        }
    });
    EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kJobs));
    EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(),
              static_cast<std::size_t>(kJobs));
    EXPECT_EQ(b.count_by_status()->at(JobStatus::kRunning), kJobs);
}

TEST_F(PgReplicas, ACrashedReplicasExpiredLeaseIsRescuedByTheOther) {
    auto db_a = open_replica(1);
    auto db_b = open_replica(1);
    ASSERT_TRUE(db_a && db_b);
    storage::PgJobStore b(db_b, clock_);
    storage::PgContentStore content_b(db_b, clock_);
    ASSERT_TRUE(b.create(kTestWorkspace, {"j", "{}", {core::Platform::kTwitter}, std::nullopt}));
    {
        storage::PgJobStore a(db_a, clock_);
        const auto claimed = a.claim_next("replica-a", seconds{10}).value().value();
        ASSERT_EQ(claimed.id, "j");
        ASSERT_EQ(claimed.claims, 1);
    }
    db_a.reset();  // replica a dies without finishing or renewing
    clock_.advance(seconds{5});
    EXPECT_TRUE(b.requeue_expired_leases(clock_.now(), {}).value().empty());  // still leased
    clock_.advance(seconds{6});
    EXPECT_EQ(b.requeue_expired_leases(clock_.now(), {}).value().size(), 1U);
    clock_.advance(seconds{2});  // the retry's backoff
    const auto rescued = b.claim_next("replica-b", seconds{10}).value().value();
    EXPECT_EQ(rescued.id, "j");
    EXPECT_EQ(rescued.attempts, 2);
    EXPECT_EQ(rescued.lease_owner, "replica-b");

    // Replica a comes back as a zombie: it lost the lease and its item loses to b's.
    auto zombie_db = open_replica(1);
    ASSERT_TRUE(zombie_db);
    storage::PgJobStore zombie(zombie_db, clock_);
    storage::PgContentStore zombie_content(zombie_db, clock_);
    const core::JobClaim zombie_claim{"replica-a", 1};
    const core::JobClaim b_claim{"replica-b", rescued.claims};
    EXPECT_EQ(zombie.renew_lease("j", zombie_claim, seconds{10}).error().code,
              ErrorCode::kFailedPrecondition);
    const auto first = content_b.put_item(
        kTestWorkspace, "j",
        {"item-b", core::Platform::kTwitter, "draft", R"({"by":"b"})", 0.9, std::nullopt});
    const auto second = zombie_content.put_item(
        kTestWorkspace, "j",
        {"item-a", core::Platform::kTwitter, "draft", R"({"by":"a"})", 0.1, std::nullopt});
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(first->created);
    EXPECT_FALSE(second->created);
    EXPECT_EQ(second->item.id, "item-b");
    EXPECT_EQ(zombie.finish("j", zombie_claim, JobStatus::kSucceeded, "", {}).error().code,
              ErrorCode::kFailedPrecondition);  // fenced: the job is b's now
    ASSERT_TRUE(b.finish("j", b_claim, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(zombie.finish("j", zombie_claim, JobStatus::kSucceeded, "", {}).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(b.get(kTestWorkspace, "j")->history.size(), 2U);
}

TEST_F(PgReplicas, TwoReplicasRescuingTogetherReportEachJobOnce) {
    auto db_a = open_replica(2);
    auto db_b = open_replica(2);
    ASSERT_TRUE(db_a && db_b);
    storage::PgJobStore a(db_a, clock_);
    storage::PgJobStore b(db_b, clock_);
    constexpr int kJobs = 20;
    for (int i = 0; i < kJobs; ++i) {
        ASSERT_TRUE(a.create(kTestWorkspace, {"job-" + std::to_string(i), "{}", {}, std::nullopt}));
        ASSERT_TRUE(a.claim_next("dead", seconds{10}).value().has_value());
    }
    clock_.advance(seconds{11});
    const auto now = clock_.now();
    std::mutex mutex;
    std::vector<std::string> reported;
    in_parallel(4, [&](int t) {
        auto& store = t % 2 == 0 ? a : b;
        auto rescued = store.requeue_expired_leases(now, {});
        ASSERT_TRUE(rescued) << rescued.error().message;
        const std::lock_guard lock(mutex);
        for (const auto& job : *rescued) {
            reported.push_back(job.id);
        }
    });
    EXPECT_EQ(reported.size(), static_cast<std::size_t>(kJobs));
    EXPECT_EQ(std::set<std::string>(reported.begin(), reported.end()).size(),
              static_cast<std::size_t>(kJobs));
    EXPECT_EQ(b.count_by_status()->at(JobStatus::kQueued), kJobs);
}

TEST_F(PgReplicas, ConcurrentAppendsFromTwoReplicasGetGapFreeSeqs) {
    auto db_a = open_replica(2);
    auto db_b = open_replica(2);
    ASSERT_TRUE(db_a && db_b);
    storage::PgJobStore jobs(db_a, clock_);
    storage::PgEventStore a(db_a, clock_);
    storage::PgEventStore b(db_b, clock_);
    ASSERT_TRUE(jobs.create(kTestWorkspace, {"j", "{}", {}, std::nullopt}));
    in_parallel(8, [&](int t) {
        auto& store = t % 2 == 0 ? a : b;
        core::JobEvent event;
        event.type = core::EventType::kAgentProgress;
        event.agent = "writer";
        for (int i = 0; i < 25; ++i) {
            auto stored = store.append("j", event);
            ASSERT_TRUE(stored) << stored.error().message;
        }
    });
    std::vector<std::int64_t> seqs;
    const auto events = b.list_after(kTestWorkspace, "j", 0, 1000).value();
    for (const auto& event : events) {
        seqs.push_back(event.seq);
    }
    std::vector<std::int64_t> expected(200);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        expected[i] = static_cast<std::int64_t>(i) + 1;
    }
    EXPECT_EQ(seqs, expected);
    EXPECT_EQ(a.last_seq(kTestWorkspace, "j").value(), 200);
}

TEST_F(PgReplicas, AnIdempotencyKeyIsUniqueAcrossReplicas) {
    auto db_a = open_replica(2);
    auto db_b = open_replica(2);
    ASSERT_TRUE(db_a && db_b);
    storage::PgJobStore a(db_a, clock_);
    storage::PgJobStore b(db_b, clock_);
    std::mutex mutex;
    std::vector<core::CreatedJob> results;
    in_parallel(8, [&](int t) {
        auto& store = t % 2 == 0 ? a : b;
        auto created =
            store.create(kTestWorkspace, {"job-" + std::to_string(t), "{}", {}, "one-key"});
        const std::lock_guard lock(mutex);
        ASSERT_TRUE(created) << created.error().message;
        results.push_back(*created);
    });
    ASSERT_EQ(results.size(), 8U);
    EXPECT_EQ(std::count_if(results.begin(), results.end(), [](auto& r) { return r.created; }), 1);
    for (const auto& r : results) {
        EXPECT_EQ(r.job.id, results.front().job.id);
    }
    EXPECT_EQ(a.count_by_status()->at(JobStatus::kQueued), 1);
}

}  // namespace
}  // namespace swarm::test
