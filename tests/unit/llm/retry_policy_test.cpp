#include "llm/retry_policy.hpp"

#include "scripted_transport.hpp"

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

using std::chrono::milliseconds;

HttpResponseHead head_with(long status, std::vector<std::pair<std::string, std::string>> headers) {
    HttpResponseHead head;
    head.status = status;
    head.headers = std::move(headers);
    return head;
}

AttemptResult failure(bool retryable, std::optional<milliseconds> retry_after = std::nullopt) {
    AttemptResult result;
    result.response = core::fail(core::ErrorCode::kUnavailable, "HTTP 503");
    result.retryable = retryable;
    result.retry_after = retry_after;
    return result;
}

AttemptResult success() {
    AttemptResult result;
    result.response = core::LlmResponse{};
    result.response->text = "ok";
    return result;
}

TEST(RetryPolicy, BackoffDoublesUpToTheCapMinusJitter) {
    const RetryPolicy policy;
    EXPECT_EQ(backoff_delay(policy, 0, 0.0), milliseconds(500));
    EXPECT_EQ(backoff_delay(policy, 1, 0.0), milliseconds(1000));
    EXPECT_EQ(backoff_delay(policy, 3, 0.0), milliseconds(4000));
    EXPECT_EQ(backoff_delay(policy, 4, 0.0), milliseconds(8000));
    EXPECT_EQ(backoff_delay(policy, 9, 0.0), milliseconds(8000));
    EXPECT_EQ(backoff_delay(policy, 0, 0.999), milliseconds(375));  // 25 % jitter at most
    EXPECT_EQ(backoff_delay(policy, 4, 0.5), milliseconds(7000));
}

TEST(RetryPolicy, RetryableStatuses) {
    for (const long status : {408L, 409L, 429L, 500L, 502L, 503L, 529L}) {
        EXPECT_TRUE(is_retryable_status(status)) << status;
    }
    for (const long status : {400L, 401L, 403L, 404L, 422L}) {
        EXPECT_FALSE(is_retryable_status(status)) << status;
    }
}

TEST(RetryPolicy, ShouldRetryHeaderOverridesTheStatus) {
    EXPECT_FALSE(should_retry_response(head_with(500, {{"x-should-retry", "false"}})));
    EXPECT_TRUE(should_retry_response(head_with(400, {{"x-should-retry", "true"}})));
    EXPECT_TRUE(should_retry_response(head_with(503, {{"x-should-retry", "maybe"}})));
}

TEST(RetryPolicy, ParsesRetryAfterForms) {
    const auto now = std::chrono::system_clock::from_time_t(1445412480);  // 21 Oct 2015 07:28:00
    EXPECT_EQ(parse_retry_after(head_with(429, {{"retry-after-ms", "1500"}}), now),
              milliseconds(1500));
    EXPECT_EQ(parse_retry_after(head_with(429, {{"retry-after", "2"}}), now), milliseconds(2000));
    EXPECT_EQ(parse_retry_after(head_with(429, {{"retry-after", "0.5"}}), now), milliseconds(500));
    EXPECT_EQ(
        parse_retry_after(head_with(429, {{"retry-after", "Wed, 21 Oct 2015 07:28:30 GMT"}}), now),
        milliseconds(30000));
    EXPECT_EQ(
        parse_retry_after(head_with(429, {{"retry-after-ms", "250"}, {"retry-after", "9"}}), now),
        milliseconds(250));
    EXPECT_FALSE(parse_retry_after(head_with(429, {{"retry-after", "soon"}}), now));
    EXPECT_FALSE(parse_retry_after(head_with(429, {{"retry-after", "-3"}}), now));
    EXPECT_FALSE(parse_retry_after(head_with(429, {}), now));
}

TEST(RetryPolicy, RetriesUntilSuccessAndCountsAttempts) {
    test::FakeTime time;
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int n) {
            ++calls;
            EXPECT_EQ(n, calls);
            return n < 3 ? failure(true) : success();
        },
        {}, time.now + std::chrono::minutes(5), time.env());
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->attempts, 3);
    ASSERT_EQ(time.sleeps.size(), 2U);
    EXPECT_GE(time.sleeps[0], milliseconds(375));
    EXPECT_LE(time.sleeps[0], milliseconds(500));
    EXPECT_GE(time.sleeps[1], milliseconds(750));
    EXPECT_LE(time.sleeps[1], milliseconds(1000));
}

TEST(RetryPolicy, ExhaustedBudgetReturnsTheLastError) {
    test::FakeTime time;
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int) {
            ++calls;
            return failure(true);
        },
        {}, time.now + std::chrono::minutes(5), time.env());
    ASSERT_FALSE(result);
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(result.error().detail.find("after 3 attempts"), std::string::npos);
}

TEST(RetryPolicy, DeltaEmittedForbidsRetry) {
    test::FakeTime time;
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int) {
            ++calls;
            auto r = failure(true);
            r.delta_emitted = true;
            return r;
        },
        {}, time.now + std::chrono::minutes(5), time.env());
    EXPECT_FALSE(result);
    EXPECT_EQ(calls, 1);
}

TEST(RetryPolicy, RetryAfterAboveTheMaximumIsNotRetried) {
    test::FakeTime time;
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int) {
            ++calls;
            return failure(true, milliseconds(300'000));
        },
        {}, time.now + std::chrono::hours(1), time.env());
    ASSERT_FALSE(result);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(time.sleeps.empty());
    EXPECT_EQ(result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(result.error().message.find("300 s"), std::string::npos) << result.error().message;
}

TEST(RetryPolicy, WaitCrossingTheDeadlineFailsWithDeadlineExceeded) {
    test::FakeTime time;
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int) {
            ++calls;
            return failure(true, milliseconds(2000));
        },
        {}, time.now + milliseconds(3000), time.env());
    ASSERT_FALSE(result);
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(result.error().code, core::ErrorCode::kDeadlineExceeded);
}

TEST(RetryPolicy, StopDuringTheWaitCancels) {
    test::FakeTime time;
    time.on_sleep = [] {
        return false;
    };
    const auto result = call_with_retries(
        RetryPolicy{}, [&](int) { return failure(true); }, {}, time.now + std::chrono::minutes(1),
        time.env());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kCancelled);
}

TEST(RetryPolicy, StopBeforeTheFirstAttemptCancels) {
    std::stop_source source;
    source.request_stop();
    int calls = 0;
    const auto result = call_with_retries(
        RetryPolicy{},
        [&](int) {
            ++calls;
            return success();
        },
        source.get_token(), std::chrono::steady_clock::now() + std::chrono::minutes(1));
    ASSERT_FALSE(result);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(result.error().code, core::ErrorCode::kCancelled);
}

TEST(RetryPolicy, InterruptibleSleepReturnsFalseWhenStopped) {
    std::stop_source source;
    source.request_stop();
    EXPECT_FALSE(interruptible_sleep(std::chrono::hours(1), source.get_token()));
    EXPECT_TRUE(interruptible_sleep(milliseconds(1), {}));
}

}  // namespace
}  // namespace swarm::llm
