#include "core/services/job_execution.hpp"
#include "services_fixture.hpp"

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::EventType;
using core::JobStatus;
using JobServiceTest = ServicesTest;

TEST_F(JobServiceTest, SubmitQueuesTheJobAndWakesWorkers) {
    const auto before = signal_.generation();
    const auto outcome = submit();
    EXPECT_TRUE(outcome.created);
    EXPECT_EQ(outcome.job.status, JobStatus::kQueued);
    EXPECT_EQ(outcome.job.brief_json, brief_json());
    EXPECT_EQ(outcome.job.requested_platforms.size(), 3U);
    EXPECT_NE(signal_.generation(), before);
    EXPECT_EQ(metrics_.submitted.load(), 1);
    EXPECT_EQ(service_->get(kTestWorkspace, outcome.job.id)->id, outcome.job.id);
}

TEST_F(JobServiceTest, SubmitWithAKnownIdempotencyKeyReturnsTheSameJob) {
    const auto first = submit("key-1");
    const auto again = submit("key-1");
    const auto other = submit("key-2");
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.job.id, first.job.id);
    EXPECT_NE(other.job.id, first.job.id);
    EXPECT_EQ(service_->list(kTestWorkspace, core::JobQuery{})->jobs.size(), 2U);
}

TEST_F(JobServiceTest, FullQueueIsRefusedWithARetryHint) {
    service_ = make_service(2);
    submit();
    submit();
    const auto json = brief_json();
    const auto refused =
        service_->submit(kTestWorkspace, *codec::decode_brief(json), json, std::nullopt);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
    EXPECT_EQ(refused.error().retry_after, std::chrono::seconds(7));
    EXPECT_EQ(metrics_.rejected_queue_full.load(), 1);
    EXPECT_EQ(*core::queue_depth(*jobs_), 2);
}

TEST_F(JobServiceTest, RunningJobsDoNotCountAgainstTheQueue) {
    service_ = make_service(1);
    const auto first = submit();
    ASSERT_TRUE(jobs_->claim_next("w", 1min)->has_value());
    const auto second = submit();
    EXPECT_NE(second.job.id, first.job.id);
}

TEST_F(JobServiceTest, CancelQueuedJobEndsItWithAJobFinishedEvent) {
    const auto job = submit().job;
    const auto cancelled = service_->cancel(kTestWorkspace, job.id);
    ASSERT_TRUE(cancelled.has_value());
    EXPECT_EQ(cancelled->status, JobStatus::kCancelled);
    const auto events = events_of(job.id);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].type, EventType::kJobFinished);
    EXPECT_EQ(events[0].message, "cancelled");
    // Again: unchanged, no second event.
    EXPECT_EQ(service_->cancel(kTestWorkspace, job.id)->status, JobStatus::kCancelled);
    EXPECT_EQ(events_of(job.id).size(), 1U);
    EXPECT_EQ(metrics_.cancelled.load(), 1);
}

TEST_F(JobServiceTest, CancelUnknownJobIsNotFound) {
    const auto missing = service_->cancel(kTestWorkspace, "nope");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(DeliveryOutcome, SucceedsOnlyWithEveryRequestedPlatform) {
    using core::Platform;
    const std::vector<Platform> requested{Platform::kLinkedIn, Platform::kTwitter};
    const auto all =
        core::delivery_outcome(requested, {Platform::kLinkedIn, Platform::kTwitter}, {"a note"});
    EXPECT_EQ(all.status, JobStatus::kSucceeded);
    EXPECT_TRUE(all.error.empty());
    const auto some = core::delivery_outcome(requested, {Platform::kTwitter}, {"why"});
    EXPECT_EQ(some.status, JobStatus::kPartial);
    EXPECT_EQ(some.missing, (std::vector<Platform>{Platform::kLinkedIn}));
    EXPECT_EQ(some.error, "why");
    const auto none = core::delivery_outcome(requested, {}, {});
    EXPECT_EQ(none.status, JobStatus::kFailed);
    EXPECT_EQ(none.missing, requested);
    EXPECT_FALSE(none.error.empty());
    // An item for a platform nobody asked for does not make up for a missing one.
    EXPECT_EQ(
        core::delivery_outcome(requested, {Platform::kLinkedIn, Platform::kPitchDeck}, {}).status,
        JobStatus::kPartial);
}

}  // namespace
}  // namespace swarm::test
