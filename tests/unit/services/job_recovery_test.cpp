#include "services_fixture.hpp"

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::EventType;
using core::JobStatus;
using JobRecoveryTest = ServicesTest;

core::JobEvent old_event(const std::string& message) {
    core::JobEvent e;
    e.type = core::EventType::kAgentProgress;
    e.agent = "research";
    e.message = message;
    return e;
}

TEST_F(JobRecoveryTest, JobLeftRunningByADeadProcessIsRequeuedAndCompletes) {
    const auto id = submit().job.id;
    ASSERT_TRUE(jobs_->claim_next("dead-process/w1", 10min)->has_value());
    // The previous life got as far as two events and the LinkedIn item.
    ASSERT_TRUE(events_->append(id, old_event("old 1")).has_value());
    ASSERT_TRUE(events_->append(id, old_event("old 2")).has_value());
    core::NewItem old_item{
        id + "-linkedin", core::Platform::kLinkedIn, "draft", R"({"from":"the previous run"})", 0.5,
        std::nullopt};
    ASSERT_TRUE(content_->put_item(kTestWorkspace, id, old_item).has_value());

    // No backoff here (the store contract covers it): the fake clock does not move.
    ASSERT_TRUE(make_runner(2, {}, "test", core::RetryPolicy{5, 0ms, 0ms}).start().has_value());
    const auto job = wait_final(id);
    EXPECT_EQ(job.status, JobStatus::kSucceeded) << job.error;
    EXPECT_EQ(job.attempts, 2);
    ASSERT_EQ(job.history.size(), 2U);
    EXPECT_EQ(job.history[0].worker_id, "dead-process/w1");
    EXPECT_EQ(job.history[0].outcome, "interrupted");
    EXPECT_EQ(job.history[1].outcome, "succeeded");
    EXPECT_EQ(metrics_.requeued.load(), 1);

    const auto events = events_of(id);
    ASSERT_GE(events.size(), 5U);
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i) + 1);
    }
    EXPECT_EQ(events[0].message, "old 1");
    EXPECT_EQ(events[1].message, "old 2");
    EXPECT_EQ(events[2].agent, "queue");  // the requeue, recorded as a transition
    EXPECT_EQ(events[3].type, EventType::kJobStarted);
    EXPECT_EQ(events.back().type, EventType::kJobFinished);

    const auto items = items_of(id);
    ASSERT_EQ(items.size(), 3U);
    const auto linkedin = content_->get(kTestWorkspace, id + "-linkedin");
    ASSERT_TRUE(linkedin.has_value());
    EXPECT_EQ(linkedin->item_json, old_item.item_json);  // written once, not replaced
    EXPECT_EQ(linkedin->version, 1);
}

TEST_F(JobRecoveryTest, StartWithoutRecoveryLeavesOtherRunnersJobsAlone) {
    const auto id = submit().job.id;
    ASSERT_TRUE(jobs_->claim_next("live-replica/w1", 10min)->has_value());
    core::JobRunnerDeps deps{*jobs_,    *events_,
                             *content_, hub_,
                             signal_,   core::PipelineResources{kbs_, time_zones_, clock_, {}},
                             nullptr};
    core::JobRunnerOptions options;
    options.requeue_all_running_at_start = false;
    options.decode_brief = [](const std::string& json) {
        return codec::decode_brief(json);
    };
    options.encode_item = [](const core::ContentItem& item) {
        return codec::encode_item(item).dump();
    };
    core::JobRunner runner(std::move(deps), std::move(options));
    ASSERT_TRUE(runner.start().has_value());
    runner.stop();
    EXPECT_EQ(jobs_->get(kTestWorkspace, id)->status, JobStatus::kRunning);
    EXPECT_EQ(jobs_->get(kTestWorkspace, id)->lease_owner, "live-replica/w1");
}

TEST_F(JobRecoveryTest, DrainRequeuesUnfinishedJobsWithTheirEventsKept) {
    auto& runner = make_runner(1, gate_.factory(), "old");
    ASSERT_TRUE(runner.start().has_value());
    const auto running_id = submit().job.id;
    ASSERT_TRUE(gate_.wait_entered());
    const auto queued_id = submit().job.id;

    runner.stop_accepting();
    EXPECT_FALSE(runner.wait_idle(std::chrono::steady_clock::now() + 50ms));
    const auto requeued = runner.requeue_unfinished();
    ASSERT_TRUE(requeued.has_value());
    EXPECT_EQ(*requeued, 1);
    EXPECT_EQ(jobs_->get(kTestWorkspace, running_id)->status, JobStatus::kQueued);
    EXPECT_EQ(jobs_->get(kTestWorkspace, running_id)->attempts,
              0);  // a hand-back is not an attempt
    EXPECT_FALSE(jobs_->get(kTestWorkspace, running_id)->not_before.has_value());  // nor delayed
    EXPECT_EQ(jobs_->get(kTestWorkspace, queued_id)->status, JobStatus::kQueued);
    const auto kept = events_of(running_id);
    ASSERT_GE(kept.size(), 2U);
    EXPECT_EQ(kept.front().type, EventType::kJobStarted);
    EXPECT_EQ(kept.back().agent, "queue");

    // The abandoned run finishes its pipeline but writes nothing more.
    gate_.open();
    EXPECT_TRUE(runner.wait_idle(std::chrono::steady_clock::now() + 60s));
    runner.stop();
    EXPECT_EQ(jobs_->get(kTestWorkspace, running_id)->status, JobStatus::kQueued);
    EXPECT_EQ(events_of(running_id).size(), kept.size());
    EXPECT_TRUE(items_of(running_id).empty());

    // The next process picks both up.
    ASSERT_TRUE(make_runner(2, {}, "new").start().has_value());
    const auto finished = wait_final(running_id);
    EXPECT_EQ(finished.status, JobStatus::kSucceeded);
    EXPECT_EQ(finished.attempts, 1);
    ASSERT_EQ(finished.history.size(), 2U);
    EXPECT_EQ(finished.history[0].outcome, "handed_back");
    EXPECT_EQ(wait_final(queued_id).status, JobStatus::kSucceeded);
    const auto events = events_of(running_id);
    EXPECT_EQ(events[kept.size()].type, EventType::kJobStarted);
    EXPECT_EQ(events.back().type, EventType::kJobFinished);
    EXPECT_EQ(items_of(running_id).size(), 3U);
}

TEST_F(JobRecoveryTest, AJobOutOfAttemptsFailsWithItsReasonAndOneFinishedEvent) {
    const auto id = submit().job.id;
    ASSERT_TRUE(jobs_->claim_next("dead-process/w1", 10min)->has_value());
    ASSERT_TRUE(make_runner(1, {}, "test", core::RetryPolicy{1, 0ms, 0ms}).start().has_value());
    const auto job = wait_final(id);
    EXPECT_EQ(job.status, JobStatus::kFailed);
    EXPECT_NE(job.error.find("gave up after 1 attempt"), std::string::npos) << job.error;
    EXPECT_EQ(job.missing_platforms, job.requested_platforms);
    ASSERT_EQ(job.history.size(), 1U);
    EXPECT_EQ(job.history[0].outcome, "interrupted");
    const auto events = events_of(id);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].agent, "queue");
    EXPECT_EQ(events[0].message, job.error);
    EXPECT_EQ(events[1].type, EventType::kJobFinished);
    EXPECT_EQ(events[1].message, "failed");
    EXPECT_EQ(metrics_.failed.load(), 1);
    EXPECT_EQ(metrics_.requeued.load(), 0);
}

TEST_F(JobRecoveryTest, RunnersSharingAStoreAppendOneRequeueEventPerRescue) {
    const auto id = submit().job.id;
    ASSERT_TRUE(jobs_->claim_next("dead-replica/w1", 1ms)->has_value());
    clock_.advance(1s);  // the dead replica's lease ran out (no runner thread is started yet)
    const core::RetryPolicy no_wait{5, 0ms, 0ms};
    for (const auto* name : {"a", "b", "c"}) {
        ASSERT_TRUE(make_runner(2, {}, name, no_wait, true).start().has_value());
    }
    const auto job = wait_final(id);
    EXPECT_EQ(job.status, JobStatus::kSucceeded) << job.error;
    EXPECT_EQ(job.attempts, 2);
    const auto events = events_of(id);
    int requeues = 0;
    for (const auto& e : events) {
        requeues += e.agent == "queue" ? 1 : 0;
    }
    EXPECT_EQ(requeues, 1);
    EXPECT_EQ(metrics_.requeued.load(), 1);
    EXPECT_EQ(count_type(events, EventType::kJobFinished), 1);
}

TEST_F(JobRecoveryTest, WaitIdleIsTrueWhenNothingRuns) {
    auto& runner = make_runner(2);
    ASSERT_TRUE(runner.start().has_value());
    runner.stop_accepting();
    EXPECT_TRUE(runner.wait_idle(std::chrono::steady_clock::now() + 30s));
    EXPECT_EQ(*runner.requeue_unfinished(), 0);
}

}  // namespace
}  // namespace swarm::test
