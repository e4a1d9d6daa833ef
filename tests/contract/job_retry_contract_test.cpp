// Contract: JobStore retries (capped backoff, a maximum after which the job fails with its
// history), the drain hand-back that costs nothing, fencing by claim, and concurrent rescues.
#include "contract/storage_backends.hpp"

#include <algorithm>
#include <latch>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::JobStatus;
using std::chrono::seconds;

class JobRetryContract : public StorageContract {
protected:
    core::JobStore& jobs() { return backend().jobs(); }

    core::JobClaim claim(const std::string& worker, seconds lease = seconds{10}) {
        auto claimed = jobs().claim_next(worker, lease);
        EXPECT_TRUE(claimed && claimed->has_value()) << worker << " claimed nothing";
        return claimed && *claimed ? core::JobClaim{worker, (*claimed)->claims} : core::JobClaim{};
    }

    bool claimable() {
        auto claimed = jobs().claim_next("probe", seconds{10});
        EXPECT_TRUE(claimed.has_value());
        if (claimed && *claimed) {
            // Put it back without touching the retry state: this test only looked.
            EXPECT_EQ(jobs().hand_back("probe").value().size(), 1U);
            return true;
        }
        return false;
    }

    /// Lets the lease of the running job lapse and rescues it; returns what the rescue did.
    core::RequeuedJob expire_and_rescue(const core::RetryPolicy& policy) {
        backend().clock().advance(seconds{11});
        auto rescued = jobs().requeue_expired_leases(backend().clock().now(), policy);
        EXPECT_TRUE(rescued && rescued->size() == 1U);
        return rescued && !rescued->empty() ? rescued->front() : core::RequeuedJob{};
    }
};

SWARM_CONTRACT_SUITE(JobRetryContract);

TEST_P(JobRetryContract, AnInterruptedRunIsRetriedAfterACappedDoublingBackoff) {
    add_job("j");
    const core::RetryPolicy policy{10, std::chrono::seconds{2}, std::chrono::seconds{5}};
    for (const int wait : {2, 4, 5, 5}) {  // base * 2^(attempts-1), capped at 5 s
        claim("w1");
        const auto rescued = expire_and_rescue(policy);
        EXPECT_EQ(rescued.id, "j");
        EXPECT_EQ(rescued.status, JobStatus::kQueued);
        const auto due = backend().clock().now() + seconds{wait};
        EXPECT_EQ(rescued.not_before, std::optional(due));
        EXPECT_EQ(jobs().get(kTestWorkspace, "j")->not_before, std::optional(due));
        backend().clock().advance(seconds{wait} - std::chrono::milliseconds{1});
        EXPECT_FALSE(claimable()) << "claimable before its backoff ended (" << wait << " s)";
        backend().clock().advance(std::chrono::milliseconds{1});
    }
    const auto job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.attempts, 4);
    ASSERT_EQ(job.history.size(), 4U);
    EXPECT_EQ(job.history[0].outcome, "lease_expired");
}

TEST_P(JobRetryContract, AtTheMaximumTheJobFailsWithItsHistory) {
    add_job("j");
    const core::RetryPolicy policy{2, std::chrono::seconds{1}, std::chrono::seconds{60}};
    const auto first_start = backend().clock().now();
    claim("w1");
    EXPECT_EQ(expire_and_rescue(policy).status, JobStatus::kQueued);
    backend().clock().advance(seconds{1});
    const auto second_start = backend().clock().now();
    claim("w2");
    const auto rescued = expire_and_rescue(policy);
    EXPECT_EQ(rescued.status, JobStatus::kFailed);
    EXPECT_FALSE(rescued.not_before.has_value());
    EXPECT_NE(rescued.error.find("gave up after 2 attempts"), std::string::npos) << rescued.error;

    const auto job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.status, JobStatus::kFailed);
    EXPECT_EQ(job.error, rescued.error);
    EXPECT_EQ(job.finished_at, std::optional(backend().clock().now()));
    EXPECT_EQ(job.missing_platforms, job.requested_platforms);
    EXPECT_TRUE(job.lease_owner.empty());
    ASSERT_EQ(job.history.size(), 2U);
    EXPECT_EQ(job.history[0].claim, 1);
    EXPECT_EQ(job.history[0].worker_id, "w1");
    EXPECT_EQ(job.history[0].started_at, first_start);
    EXPECT_EQ(job.history[0].ended_at, std::optional(first_start + seconds{11}));
    EXPECT_EQ(job.history[1].claim, 2);
    EXPECT_EQ(job.history[1].worker_id, "w2");
    EXPECT_EQ(job.history[1].started_at, second_start);
    EXPECT_EQ(job.history[1].outcome, "lease_expired");
    EXPECT_FALSE(jobs().claim_next("w3", seconds{10}).value().has_value());
    EXPECT_TRUE(jobs().requeue_expired_leases(backend().clock().now(), policy)->empty());
}

TEST_P(JobRetryContract, RestartRecoveryCountsAsAnAttemptToo) {
    add_job("j");
    const core::RetryPolicy policy{1, std::chrono::seconds{1}, std::chrono::seconds{1}};
    claim("w1");
    backend().reopen();
    const auto requeued = jobs().requeue_interrupted(policy).value();
    ASSERT_EQ(requeued.size(), 1U);
    EXPECT_EQ(requeued[0].status, JobStatus::kFailed);
    const auto job = jobs().get(kTestWorkspace, "j").value();
    ASSERT_EQ(job.history.size(), 1U);
    EXPECT_EQ(job.history[0].outcome, "interrupted");
    EXPECT_NE(job.error.find("gave up after 1 attempt:"), std::string::npos) << job.error;
}

TEST_P(JobRetryContract, ADrainHandBackIsImmediateAndNeverCounts) {
    add_job("j");
    for (int round = 0; round < 3; ++round) {
        claim("w" + std::to_string(round));
        const auto back = jobs().hand_back("w" + std::to_string(round)).value();
        ASSERT_EQ(back.size(), 1U);
        EXPECT_EQ(back[0].status, JobStatus::kQueued);
        EXPECT_EQ(back[0].attempts, 0);
        EXPECT_FALSE(back[0].not_before.has_value());
    }
    auto job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.attempts, 0);
    EXPECT_EQ(job.claims, 3);
    ASSERT_EQ(job.history.size(), 3U);
    EXPECT_EQ(job.history[2].outcome, "handed_back");
    EXPECT_EQ(job.history[2].worker_id, "w2");
    // Claimable at once, and still on its first counted attempt: with a maximum of 2, a crash
    // now is retried, not the end of the job.
    claim("w8");
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->attempts, 1);
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->history.back().outcome, "running");
    const core::RetryPolicy policy{2, std::chrono::seconds{0}, std::chrono::seconds{0}};
    EXPECT_EQ(expire_and_rescue(policy).status, JobStatus::kQueued);
    const auto run = claim("w9");
    ASSERT_TRUE(jobs().finish("j", run, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->history.back().outcome, "succeeded");
    EXPECT_EQ(jobs().get(kTestWorkspace, "j")->attempts, 2);
    EXPECT_TRUE(jobs().hand_back("w9").value().empty());
}

TEST_P(JobRetryContract, AClaimThatLostItsLeaseCanNoLongerWriteToTheJob) {
    add_job("j");
    const auto stale = claim("w1");
    expire_and_rescue({});
    backend().clock().advance(seconds{2});
    const auto fresh = claim("w1");  // the same worker id, a new claim
    EXPECT_EQ(fresh.claim, stale.claim + 1);
    const auto precondition = ErrorCode::kFailedPrecondition;
    EXPECT_EQ(jobs().renew_lease("j", stale, seconds{10}).error().code, precondition);
    EXPECT_EQ(jobs().set_notes("j", stale, {"stale"}).error().code, precondition);
    EXPECT_EQ(jobs().add_usage("j", stale, {1, 1, 1.0, 1}).error().code, precondition);
    EXPECT_EQ(jobs().finish("j", stale, JobStatus::kFailed, "stale", {}).error().code,
              precondition);
    auto job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.status, JobStatus::kRunning);
    EXPECT_TRUE(job.notes.empty());
    EXPECT_EQ(job.usage.model_calls, 0);

    ASSERT_TRUE(jobs().renew_lease("j", fresh, seconds{10}));
    ASSERT_TRUE(jobs().add_usage("j", fresh, {2, 3, 0.5, 1}));
    ASSERT_TRUE(jobs().finish("j", fresh, JobStatus::kSucceeded, "", {}));
    // Idempotent for the claim that finished; refused for the stale one, whatever the status.
    EXPECT_TRUE(jobs().finish("j", fresh, JobStatus::kSucceeded, "", {}));
    EXPECT_EQ(jobs().finish("j", stale, JobStatus::kSucceeded, "", {}).error().code, precondition);
    job = jobs().get(kTestWorkspace, "j").value();
    EXPECT_EQ(job.usage.model_calls, 1);
    EXPECT_EQ(job.history.size(), 2U);
}

TEST_P(JobRetryContract, ConcurrentRescuesReportEachJobExactlyOnce) {
    constexpr int kJobs = 12;
    for (int i = 0; i < kJobs; ++i) {
        add_job("job-" + std::to_string(i));
        claim("dead-" + std::to_string(i));
    }
    backend().clock().advance(seconds{11});
    const auto now = backend().clock().now();
    std::mutex mutex;
    std::vector<std::string> reported;
    std::latch start(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            for (int round = 0; round < 3; ++round) {
                auto rescued = jobs().requeue_expired_leases(now, {});
                ASSERT_TRUE(rescued) << rescued.error().message;
                const std::lock_guard lock(mutex);
                for (const auto& job : *rescued) {
                    reported.push_back(job.id);
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    std::sort(reported.begin(), reported.end());
    std::vector<std::string> expected;
    for (int i = 0; i < kJobs; ++i) {
        expected.push_back("job-" + std::to_string(i));
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(reported, expected);  // each once: never zero, never twice
}

}  // namespace
}  // namespace swarm::test
