#include "services_fixture.hpp"

#include <map>
#include <set>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::EventType;
using core::JobStatus;
using JobRunnerTest = ServicesTest;

void expect_gapless(const std::vector<core::JobEvent>& events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i) + 1);
    }
}

TEST_F(JobRunnerTest, StartRefusesWithoutCodecs) {
    core::JobRunnerDeps deps{*jobs_,    *events_,
                             *content_, hub_,
                             signal_,   core::PipelineResources{kbs_, time_zones_, clock_, {}},
                             nullptr};
    core::JobRunner runner(std::move(deps), core::JobRunnerOptions{});
    const auto started = runner.start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(JobRunnerTest, CompletesASubmittedJobWithOneItemPerPlatform) {
    auto& runner = make_runner(1);
    ASSERT_TRUE(runner.start().has_value());
    EXPECT_FALSE(runner.start().has_value());  // once only
    const auto job = wait_final(submit().job.id);
    EXPECT_EQ(job.status, JobStatus::kSucceeded) << job.error;
    EXPECT_TRUE(job.missing_platforms.empty());
    EXPECT_EQ(job.attempts, 1);

    const auto items = items_of(job.id);
    ASSERT_EQ(items.size(), 3U);
    std::set<core::Platform> platforms;
    for (const auto& item : items) {
        platforms.insert(item.platform);
        EXPECT_EQ(item.id, job.id + "-" + std::string(core::to_string(item.platform)));
        const auto decoded = nlohmann::json::parse(item.item_json);
        EXPECT_EQ(decoded.at("id"), item.id);
    }
    EXPECT_EQ(platforms.size(), 3U);

    const auto events = events_of(job.id);
    ASSERT_GE(events.size(), 3U);
    expect_gapless(events);
    EXPECT_EQ(events.front().type, EventType::kJobStarted);
    EXPECT_EQ(events.back().type, EventType::kJobFinished);
    EXPECT_EQ(events.back().message, "succeeded");
    EXPECT_EQ(count_type(events, EventType::kJobFinished), 1);
    EXPECT_EQ(count_type(events, EventType::kItemReady), 3);
    EXPECT_EQ(metrics_.started.load(), 1);
    EXPECT_EQ(metrics_.succeeded.load(), 1);
}

TEST_F(JobRunnerTest, LiveSubscribersSeeEveryEventAfterItWasStored) {
    const auto job = submit().job;  // queued before any worker runs
    std::mutex mutex;
    std::vector<std::int64_t> seen;
    bool stored_first = true;
    auto sub = hub_.subscribe(job.id, [&](const core::JobEvent& e) {
        const auto stored = events_->last_seq(kTestWorkspace, job.id);
        const std::lock_guard lock(mutex);
        stored_first = stored_first && stored && *stored >= e.seq;
        seen.push_back(e.seq);
    });
    ASSERT_TRUE(make_runner(1).start().has_value());
    wait_final(job.id);
    const auto events = events_of(job.id);
    // The last event is stored before it is published: give its callback time to run.
    const auto all_seen = [&] {
        const std::lock_guard lock(mutex);
        return seen.size() >= events.size();
    };
    for (int i = 0; i < 3000 && !all_seen(); ++i) {
        std::this_thread::sleep_for(10ms);
    }
    const std::lock_guard lock(mutex);
    EXPECT_TRUE(stored_first);
    ASSERT_EQ(seen.size(), events.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i], events[i].seq);
    }
}

TEST_F(JobRunnerTest, UnreadableBriefFailsTheJobWithAFinishedEvent) {
    core::NewJob bad{"bad-1", "{not json", {core::Platform::kLinkedIn}, std::nullopt};
    ASSERT_TRUE(jobs_->create(kTestWorkspace, bad).has_value());
    ASSERT_TRUE(make_runner(1).start().has_value());
    signal_.notify_all();
    const auto job = wait_final("bad-1");
    EXPECT_EQ(job.status, JobStatus::kFailed);
    EXPECT_NE(job.error.find("brief"), std::string::npos) << job.error;
    EXPECT_EQ(job.missing_platforms, (std::vector<core::Platform>{core::Platform::kLinkedIn}));
    const auto events = events_of("bad-1");
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].type, EventType::kJobFinished);
    EXPECT_EQ(events[0].message, "failed");
}

TEST_F(JobRunnerTest, CancelOfARunningJobFinishesItCancelledWithoutItems) {
    ASSERT_TRUE(make_runner(1, gate_.factory()).start().has_value());
    const auto id = submit().job.id;
    ASSERT_TRUE(gate_.wait_entered());
    const auto requested = service_->cancel(kTestWorkspace, id);
    ASSERT_TRUE(requested.has_value());
    EXPECT_EQ(requested->status, JobStatus::kRunning);
    EXPECT_TRUE(requested->cancel_requested);
    gate_.open();
    const auto job = wait_final(id);
    EXPECT_EQ(job.status, JobStatus::kCancelled);
    EXPECT_TRUE(items_of(id).empty());
    const auto events = events_of(id);
    expect_gapless(events);
    EXPECT_EQ(events.front().type, EventType::kJobStarted);
    EXPECT_EQ(events.back().type, EventType::kJobFinished);
    EXPECT_EQ(events.back().message, "cancelled");
    EXPECT_EQ(count_type(events, EventType::kJobFinished), 1);
}

TEST_F(JobRunnerTest, CancelledQueuedJobIsNeverRun) {
    const auto id = submit().job.id;
    ASSERT_TRUE(service_->cancel(kTestWorkspace, id).has_value());
    ASSERT_TRUE(make_runner(1).start().has_value());
    const auto other = submit().job.id;
    wait_final(other);
    EXPECT_EQ(jobs_->get(kTestWorkspace, id)->attempts, 0);
    EXPECT_EQ(events_of(id).size(), 1U);
}

TEST_F(JobRunnerTest, WorkersRunEveryJobExactlyOnce) {
    constexpr int kJobs = 8;
    std::vector<std::string> ids;
    ids.reserve(kJobs + 4);
    for (int i = 0; i < kJobs; ++i) {
        ids.push_back(submit().job.id);
    }
    ASSERT_TRUE(make_runner(3).start().has_value());
    for (int i = 0; i < 4; ++i) {
        ids.push_back(submit().job.id);  // some arrive while the workers are busy
    }
    for (const auto& id : ids) {
        const auto job = wait_final(id);
        EXPECT_EQ(job.status, JobStatus::kSucceeded) << id << ": " << job.error;
        EXPECT_EQ(job.attempts, 1) << id;
        const auto events = events_of(id);
        expect_gapless(events);
        EXPECT_EQ(count_type(events, EventType::kJobStarted), 1) << id;
        EXPECT_EQ(count_type(events, EventType::kJobFinished), 1) << id;
        EXPECT_EQ(items_of(id).size(), 3U) << id;
    }
    EXPECT_EQ(metrics_.started.load(), kJobs + 4);
    EXPECT_EQ(metrics_.succeeded.load(), kJobs + 4);
    EXPECT_EQ(*core::queue_depth(*jobs_), 0);
}

}  // namespace
}  // namespace swarm::test
