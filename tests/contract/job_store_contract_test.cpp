// Contract: JobStore (idempotent create, atomic claims, leases, recovery, cancel, finish, pages).
// Retries, backoff, fencing and concurrent rescues: job_retry_contract_test.cpp.
#include "contract/storage_backends.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::JobStatus;
using std::chrono::seconds;

class JobStoreContract : public StorageContract {
protected:
    core::JobStore& jobs() { return backend().jobs(); }

    core::JobRecord claim(const std::string& worker, seconds lease = seconds{30}) {
        auto claimed = jobs().claim_next(worker, lease);
        EXPECT_TRUE(claimed.has_value());
        EXPECT_TRUE(claimed && claimed->has_value());
        return claimed && *claimed ? **claimed : core::JobRecord{};
    }
};

SWARM_CONTRACT_SUITE(JobStoreContract);

TEST_P(JobStoreContract, CreateThenGetRoundTrips) {
    core::NewJob job{
        "j1", R"({"topic":"x"})", {core::Platform::kTwitter, core::Platform::kPitchDeck}, "key-1"};
    auto created = jobs().create(kTestWorkspace, job);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_TRUE(created->created);
    auto got = jobs().get(kTestWorkspace, "j1");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, JobStatus::kQueued);
    EXPECT_EQ(got->brief_json, job.brief_json);
    EXPECT_EQ(got->requested_platforms, job.requested_platforms);
    EXPECT_EQ(got->idempotency_key, std::optional<std::string>("key-1"));
    EXPECT_EQ(got->attempts, 0);
    EXPECT_FALSE(got->cancel_requested);
    EXPECT_EQ(got->created_at, backend().clock().now());
    EXPECT_FALSE(got->started_at.has_value());
    EXPECT_FALSE(got->finished_at.has_value());
    EXPECT_EQ(jobs().get(kTestWorkspace, "nope").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(jobs().create(kTestWorkspace, core::NewJob{"j1", "{}", {}, {}}).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(jobs().create(kTestWorkspace, core::NewJob{"", "{}", {}, {}}).error().code,
              ErrorCode::kInvalidArgument);
}

TEST_P(JobStoreContract, SameIdempotencyKeyReturnsTheExistingJob) {
    ASSERT_TRUE(jobs().create(kTestWorkspace, {"first", "{}", {core::Platform::kLinkedIn}, "k"}));
    auto again = jobs().create(kTestWorkspace, {"second", "{}", {core::Platform::kLinkedIn}, "k"});
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->job.id, "first");
    EXPECT_EQ(jobs().get(kTestWorkspace, "second").error().code, ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, ConcurrentCreatesWithOneKeyMakeExactlyOneJob) {
    std::mutex mutex;
    std::vector<core::CreatedJob> results;
    std::vector<std::thread> threads;
    threads.reserve(8);
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            auto r =
                jobs().create(kTestWorkspace, {"job-" + std::to_string(t), "{}", {}, "shared-key"});
            const std::lock_guard lock(mutex);
            ASSERT_TRUE(r) << r.error().message;
            results.push_back(*r);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(results.size(), 8U);
    const auto created =
        std::count_if(results.begin(), results.end(), [](const auto& r) { return r.created; });
    EXPECT_EQ(created, 1);
    for (const auto& r : results) {
        EXPECT_EQ(r.job.id, results.front().job.id);
    }
    EXPECT_EQ(jobs().count_by_status()->at(JobStatus::kQueued), 1);
}

TEST_P(JobStoreContract, EightThreadsClaimFiftyJobsEachExactlyOnce) {
    for (int i = 0; i < 50; ++i) {
        add_job("job-" + std::to_string(i));
    }
    std::mutex mutex;
    std::vector<std::string> claimed;
    std::vector<std::thread> threads;
    threads.reserve(8);
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (;;) {
                auto job = jobs().claim_next("worker-" + std::to_string(t), seconds{30});
                ASSERT_TRUE(job) << job.error().message;
                if (!*job) {
                    return;
                }
                EXPECT_EQ((*job)->attempts, 1);
                const std::lock_guard lock(mutex);
                claimed.push_back((*job)->id);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(claimed.size(), 50U);
    EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), 50U);
    EXPECT_EQ(jobs().count_by_status()->at(JobStatus::kRunning), 50);
}

TEST_P(JobStoreContract, ClaimTakesTheOldestAndSetsTheLease) {
    add_job("older");
    backend().clock().advance(seconds{1});
    add_job("newer");
    const auto now = backend().clock().now();
    const auto job = claim("w1", seconds{30});
    EXPECT_EQ(job.id, "older");
    EXPECT_EQ(job.status, JobStatus::kRunning);
    EXPECT_EQ(job.lease_owner, "w1");
    EXPECT_EQ(job.lease_expires_at, std::optional(now + seconds{30}));
    EXPECT_EQ(job.started_at, std::optional(now));
    EXPECT_EQ(claim("w1").id, "newer");
    EXPECT_FALSE(jobs().claim_next("w1", seconds{30}).value().has_value());
}

TEST_P(JobStoreContract, ExpiredLeaseIsRequeuedAndClaimedAgain) {
    add_job("j");
    const auto start = backend().clock().now();
    claim("w1", seconds{10});
    EXPECT_TRUE(jobs().requeue_expired_leases(start + seconds{5}, {}).value().empty());
    EXPECT_EQ(jobs().requeue_expired_leases(start + seconds{11}, {}).value().size(), 1U);
    auto job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.status, JobStatus::kQueued);
    EXPECT_TRUE(job.lease_owner.empty());
    backend().clock().advance(seconds{20});
    job = claim("w2");
    EXPECT_EQ(job.attempts, 2);
    EXPECT_EQ(job.started_at, std::optional(start));  // the first start is kept
}

TEST_P(JobStoreContract, RenewLeaseOnlyByTheOwnerOfARunningJob) {
    add_job("j");
    const core::JobClaim w1{"w1", claim("w1", seconds{10}).claims};
    backend().clock().advance(seconds{5});
    auto renewed = jobs().renew_lease("j", w1, seconds{10});
    ASSERT_TRUE(renewed);
    EXPECT_EQ(renewed->lease_expires_at, std::optional(backend().clock().now() + seconds{10}));
    EXPECT_EQ(jobs().renew_lease("j", {"w2", w1.claim}, seconds{10}).error().code,
              ErrorCode::kFailedPrecondition);
    ASSERT_TRUE(jobs().finish("j", w1, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(jobs().renew_lease("j", w1, seconds{10}).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(jobs().renew_lease("x", w1, seconds{10}).error().code, ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, HandBackByWorkerThenRequeueAllInterrupted) {
    for (const auto* id : {"a", "b", "c", "d"}) {
        add_job(id);
    }
    claim("w1");
    claim("w1");
    claim("w2");
    EXPECT_EQ(jobs().hand_back("w1").value().size(), 2U);
    EXPECT_EQ(jobs().requeue_interrupted({}).value().size(), 1U);
    EXPECT_TRUE(jobs().requeue_interrupted({}).value().empty());
    EXPECT_EQ(jobs().count_by_status()->at(JobStatus::kQueued), 4);
}

TEST_P(JobStoreContract, CancelRules) {
    add_job("queued");
    auto cancelled = jobs().request_cancel(kTestWorkspace, "queued");
    ASSERT_TRUE(cancelled);
    EXPECT_EQ(cancelled->status, JobStatus::kCancelled);
    EXPECT_TRUE(cancelled->finished_at.has_value());
    EXPECT_TRUE(jobs().request_cancel(kTestWorkspace, "queued"));  // idempotent

    add_job("running");
    const core::JobClaim running{"w1", claim("w1").claims};
    auto flagged = jobs().request_cancel(kTestWorkspace, "running");
    ASSERT_TRUE(flagged);
    EXPECT_EQ(flagged->status, JobStatus::kRunning);
    EXPECT_TRUE(flagged->cancel_requested);
    EXPECT_EQ(jobs().finish("running", running, JobStatus::kCancelled, "cancelled", {})->status,
              JobStatus::kCancelled);

    add_job("done");
    const core::JobClaim done{"w1", claim("w1").claims};
    ASSERT_TRUE(jobs().finish("done", done, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(jobs().request_cancel(kTestWorkspace, "done").error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(jobs().request_cancel(kTestWorkspace, "absent").error().code, ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, FinishOnlyFromRunningAndIdempotent) {
    add_job("j");
    EXPECT_EQ(jobs().finish("j", {"w1", 1}, JobStatus::kSucceeded, "", {}).error().code,
              ErrorCode::kFailedPrecondition);
    const core::JobClaim w1{"w1", claim("w1").claims};
    EXPECT_EQ(jobs().finish("j", w1, JobStatus::kRunning, "", {}).error().code,
              ErrorCode::kInvalidArgument);
    auto done =
        jobs().finish("j", w1, JobStatus::kPartial, "no deck", {core::Platform::kPitchDeck});
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, JobStatus::kPartial);
    EXPECT_EQ(done->error, "no deck");
    EXPECT_EQ(done->missing_platforms, std::vector{core::Platform::kPitchDeck});
    EXPECT_TRUE(done->lease_owner.empty());
    backend().clock().advance(seconds{3});
    auto again = jobs().finish("j", w1, JobStatus::kPartial, "other", {});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->finished_at, done->finished_at);
    EXPECT_EQ(again->error, "no deck");
    EXPECT_EQ(jobs().finish("j", w1, JobStatus::kFailed, "", {}).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(jobs().finish("x", w1, JobStatus::kFailed, "", {}).error().code,
              ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, UsageAddsUpOverRunsAndSurvivesTheFinish) {
    add_job("j");
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->usage.model_calls, 0);
    const core::JobClaim first{"w1", claim("w1").claims};
    ASSERT_TRUE(jobs().add_usage("j", first, core::JobUsage{100, 40, 0.25, 3}));
    ASSERT_EQ(jobs().hand_back("w1").value().size(), 1U);
    const core::JobClaim second{"w2", claim("w2").claims};
    auto after = jobs().add_usage("j", second, core::JobUsage{10, 5, 0.5, 1});
    ASSERT_TRUE(after);
    ASSERT_TRUE(jobs().finish("j", second, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(after->usage.input_tokens, 110);
    EXPECT_EQ(after->usage.output_tokens, 45);
    EXPECT_DOUBLE_EQ(after->usage.cost_usd, 0.75);
    EXPECT_EQ(after->usage.model_calls, 4);
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->usage.input_tokens, 110);
    EXPECT_EQ(jobs().add_usage("absent", second, core::JobUsage{1, 1, 0, 1}).error().code,
              ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, NotesAreReplacedAndKeptOneNotePerLine) {
    add_job("j");
    EXPECT_TRUE(jobs().get(kTestWorkspace, "j")->notes.empty());
    const core::JobClaim w1{"w1", claim("w1").claims};
    ASSERT_TRUE(jobs().set_notes("j", w1, {"first", "two\nlines"}));
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->notes,
              (std::vector<std::string>{"first", "two lines"}));
    ASSERT_TRUE(jobs().set_notes("j", w1, {"only"}));
    ASSERT_TRUE(jobs().finish("j", w1, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->notes,
              std::vector<std::string>{"only"});  // kept when finished
    EXPECT_EQ(jobs().set_notes("absent", w1, {"x"}).error().code, ErrorCode::kNotFound);
}

TEST_P(JobStoreContract, PagesAreStableWhileJobsAreInserted) {
    for (int i = 0; i < 25; ++i) {
        add_job("old-" + std::to_string(100 + i));
        backend().clock().advance(seconds{1});
    }
    std::vector<std::string> seen;
    core::JobQuery query;
    query.limit = 7;
    for (int page_no = 0; page_no < 10; ++page_no) {
        auto page = jobs().list(kTestWorkspace, query);
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& job : page->jobs) {
            seen.push_back(job.id);
        }
        add_job("new-" + std::to_string(page_no));  // newer: must not shift later pages
        backend().clock().advance(seconds{1});
        if (page->next_cursor.empty()) {
            break;
        }
        query.cursor = page->next_cursor;
    }
    std::vector<std::string> expected;
    for (int i = 24; i >= 0; --i) {
        expected.push_back("old-" + std::to_string(100 + i));
    }
    EXPECT_EQ(seen, expected);
}

TEST_P(JobStoreContract, ListFiltersByStatusAndRejectsBadArguments) {
    add_job("a");
    add_job("b");
    claim("w1");
    core::JobQuery query;
    query.status = JobStatus::kRunning;
    auto page = jobs().list(kTestWorkspace, query);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->jobs.size(), 1U);
    EXPECT_EQ(page->jobs[0].id, "a");
    EXPECT_TRUE(page->next_cursor.empty());
    query.limit = 0;
    EXPECT_EQ(jobs().list(kTestWorkspace, query).error().field, "limit");
    query.limit = 101;
    EXPECT_EQ(jobs().list(kTestWorkspace, query).error().code, ErrorCode::kInvalidArgument);
    query.limit = 10;
    query.cursor = "garbage";
    EXPECT_EQ(jobs().list(kTestWorkspace, query).error().field, "cursor");
}

TEST_P(JobStoreContract, CountByStatusIncludesZeros) {
    add_job("a");
    auto counts = jobs().count_by_status();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->size(), 6U);
    EXPECT_EQ(counts->at(JobStatus::kQueued), 1);
    EXPECT_EQ(counts->at(JobStatus::kFailed), 0);
}

TEST_P(JobStoreContract, WorkspaceLoadCountsOnlyItsOwnQueuedAndRunningJobs) {
    // Claims take the oldest queued job of any workspace: each is claimed as it is created.
    add_job("done");
    ASSERT_TRUE(jobs().finish("done", {"w1", claim("w1").claims}, JobStatus::kSucceeded, "", {}));
    add_job("failed");
    ASSERT_TRUE(jobs().finish("failed", {"w1", claim("w1").claims}, JobStatus::kFailed, "x", {}));
    add_job("running");
    claim("w1");
    ASSERT_TRUE(jobs().create(kOtherWorkspace, {"other-running", "{}", {}, {}}));
    claim("w2");
    ASSERT_TRUE(jobs().create(kOtherWorkspace, {"other-queued", "{}", {}, {}}));
    add_job("queued");
    add_job("cancelled");
    ASSERT_TRUE(jobs().request_cancel(kTestWorkspace, "cancelled"));
    ASSERT_TRUE(jobs().create(kOtherWorkspace, {"other-queued-2", "{}", {}, {}}));

    const auto since = kContractEpoch - seconds{1};
    auto load = jobs().workspace_load(kTestWorkspace, since);
    ASSERT_TRUE(load) << load.error().message;
    EXPECT_EQ(load->open_jobs, 2);  // "running" and "queued"
    EXPECT_EQ(jobs().workspace_load(kOtherWorkspace, since)->open_jobs, 3);
    const auto unknown = jobs().workspace_load(core::WorkspaceId("ws_00000000000000c3"), since);
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->open_jobs, 0);
    EXPECT_EQ(unknown->tokens_since, 0);
    EXPECT_EQ(unknown->cost_since, 0.0);
}

TEST_P(JobStoreContract, WorkspaceLoadSumsTokensOfJobsCreatedSince) {
    const auto run = [&](const core::WorkspaceId& workspace, const std::string& id,
                         core::JobUsage usage, bool finish) {
        ASSERT_TRUE(jobs().create(workspace, {id, "{}", {}, {}}));
        const core::JobClaim held{"w1", claim("w1").claims};
        ASSERT_TRUE(jobs().add_usage(id, held, usage));
        if (finish) {
            ASSERT_TRUE(jobs().finish(id, held, JobStatus::kSucceeded, "", {}));
        }
    };
    const auto start = backend().clock().now();
    run(kTestWorkspace, "early", core::JobUsage{100, 50, 0.5, 2}, true);
    backend().clock().advance(seconds{10});
    const auto since = backend().clock().now();
    run(kTestWorkspace, "at-since", core::JobUsage{7, 3, 0.1, 1}, true);  // at `since`: counted
    backend().clock().advance(seconds{5});
    run(kTestWorkspace, "later", core::JobUsage{20, 0, 0.1, 1}, false);
    run(kOtherWorkspace, "other", core::JobUsage{1000, 1000, 1.0, 1}, true);

    auto load = jobs().workspace_load(kTestWorkspace, since);
    ASSERT_TRUE(load) << load.error().message;
    EXPECT_EQ(load->tokens_since, 30);
    EXPECT_EQ(load->open_jobs, 1);  // "later" runs
    EXPECT_EQ(jobs().workspace_load(kTestWorkspace, start)->tokens_since, 180);
    EXPECT_EQ(
        jobs().workspace_load(kTestWorkspace, since + std::chrono::milliseconds{1})->tokens_since,
        20);
    EXPECT_EQ(jobs().workspace_load(kOtherWorkspace, since)->tokens_since, 2000);
    EXPECT_EQ(jobs().workspace_load(kOtherWorkspace, since)->open_jobs, 0);
}

TEST_P(JobStoreContract, WorkspaceLoadSumsCostWithTokensAcrossTheMonthBoundary) {
    // Jobs around the turn of a month (the window a monthly cap counts), in two workspaces, each
    // with usage added over one to three runs; every `since` around each job's creation must see
    // exactly the brute-force sums. Costs are multiples of 1/64, so sums are exact in a double.
    const auto month = std::chrono::sys_days{std::chrono::year{2026} / 2 / 1};
    backend().clock().advance(std::chrono::duration_cast<std::chrono::milliseconds>(
        month - kContractEpoch - std::chrono::seconds{3}));

    struct Made {
        core::WorkspaceId workspace;
        core::Timestamp created;
        std::int64_t tokens = 0;
        double cost = 0;
    };

    std::vector<Made> made;
    std::mt19937 random(3);
    const std::array steps{std::chrono::milliseconds{0}, std::chrono::milliseconds{1},
                           std::chrono::milliseconds{999}, std::chrono::milliseconds{1000}};
    for (int j = 0; j < 16; ++j) {
        const auto& workspace = random() % 3 == 0 ? kOtherWorkspace : kTestWorkspace;
        const auto id = "cost-" + std::to_string(j);
        ASSERT_TRUE(jobs().create(workspace, {id, "{}", {}, {}}));
        Made m{workspace, backend().clock().now()};
        const core::JobClaim held{"w1", claim("w1").claims};
        for (auto runs = 1 + random() % 3; runs > 0; --runs) {
            const core::JobUsage usage{static_cast<std::int64_t>(random() % 1000),
                                       static_cast<std::int64_t>(random() % 1000),
                                       static_cast<double>(random() % 640) / 64.0, 1};
            ASSERT_TRUE(jobs().add_usage(id, held, usage));
            m.tokens += usage.input_tokens + usage.output_tokens;
            m.cost += usage.cost_usd;
        }
        ASSERT_TRUE(jobs().finish(id, held, JobStatus::kSucceeded, "", {}));
        made.push_back(m);
        backend().clock().advance(steps.at(random() % steps.size()));
    }
    ASSERT_LT(made.front().created, core::Timestamp{month});
    ASSERT_GE(made.back().created, core::Timestamp{month});
    std::vector<core::Timestamp> sinces{core::Timestamp{month}};
    for (const auto& m : made) {
        sinces.push_back(m.created);
        sinces.push_back(m.created + std::chrono::milliseconds{1});
    }
    for (const auto since : sinces) {
        for (const auto& workspace : {kTestWorkspace, kOtherWorkspace}) {
            core::WorkspaceLoad expected;
            for (const auto& m : made) {
                if (m.workspace == workspace && m.created >= since) {
                    expected.tokens_since += m.tokens;
                    expected.cost_since += m.cost;
                }
            }
            auto load = jobs().workspace_load(workspace, since);
            ASSERT_TRUE(load) << load.error().message;
            const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                since - core::Timestamp{month})
                                .count();
            EXPECT_EQ(load->tokens_since, expected.tokens_since) << "since month" << at << " ms";
            EXPECT_EQ(load->cost_since, expected.cost_since) << "since month" << at << " ms";
            EXPECT_EQ(load->open_jobs, 0);
        }
    }
}

TEST_P(JobStoreContract, JobsSurviveARestartAndInterruptedOnesAreRequeued) {
    add_job("a");
    add_job("b");
    claim("w1");
    backend().reopen();
    EXPECT_EQ(jobs().get(kTestWorkspace, "a")->status, JobStatus::kRunning);
    EXPECT_EQ(jobs().get(kTestWorkspace, "b")->status, JobStatus::kQueued);
    EXPECT_EQ(jobs().requeue_interrupted({}).value().size(), 1U);
    backend().clock().advance(seconds{2});  // the first retry's backoff
    EXPECT_EQ(claim("w2").attempts, 2);
}

}  // namespace
}  // namespace swarm::test
