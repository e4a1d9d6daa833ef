#include "llm/provider_errors.hpp"

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

HttpResponseHead status(long code) {
    HttpResponseHead head;
    head.status = code;
    return head;
}

const ErrorContext kOpenAi{"openai", "gpt-4o-mini", "sk-test-SECRET-1234567890"};

TEST(ProviderErrors, ParsesTheKnownBodyShapes) {
    const auto openai = parse_error_body(
        R"({"error":{"message":"Rate limit","type":"requests","param":null,"code":"rate_limit_exceeded"}})");
    EXPECT_EQ(openai.message, "Rate limit");
    EXPECT_EQ(openai.type, "requests");
    EXPECT_EQ(openai.code, "rate_limit_exceeded");
    const auto llama = parse_error_body(
        R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})");
    EXPECT_EQ(llama.code, "503");
    EXPECT_EQ(llama.message, "Loading model");
    const auto anthropic = parse_error_body(
        R"({"type":"error","error":{"type":"rate_limit_error","message":"Spend limit","details":{"error_code":"enforced_spend_limit_reached"}}})");
    EXPECT_EQ(anthropic.type, "rate_limit_error");
    EXPECT_EQ(anthropic.details_code, "enforced_spend_limit_reached");
    EXPECT_TRUE(is_quota_exhausted(anthropic));
    EXPECT_EQ(parse_error_body(R"({"message":"bare"})").message, "bare");
    EXPECT_EQ(parse_error_body("<html>").message, "");
}

TEST(ProviderErrors, MessageNamesProviderModelAndStatus) {
    const auto result = classify_http_error(
        kOpenAi, status(401),
        R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}})");
    ASSERT_FALSE(result.response);
    EXPECT_EQ(result.response.error().message,
              "openai model \"gpt-4o-mini\": HTTP 401: Incorrect API key provided");
    EXPECT_EQ(result.response.error().code, core::ErrorCode::kUpstream);
    EXPECT_FALSE(result.retryable);
}

TEST(ProviderErrors, RedactsTheKeyFromMessageAndDetail) {
    const std::string body =
        R"({"error":{"message":"Incorrect API key provided: sk-test-SECRET-1234567890.","type":"sk-test-SECRET-1234567890","code":"invalid_api_key"}})";
    const auto result = classify_http_error(kOpenAi, status(401), body);
    ASSERT_FALSE(result.response);
    const auto& error = result.response.error();
    EXPECT_EQ(error.message.find("SECRET"), std::string::npos) << error.message;
    EXPECT_EQ(error.detail.find("SECRET"), std::string::npos) << error.detail;
    EXPECT_NE(error.message.find("[redacted]"), std::string::npos);
    EXPECT_NE(error.detail.find("[redacted]"), std::string::npos);
}

TEST(ProviderErrors, UnparsableBodyIsClippedAndRedacted) {
    const std::string body = "oops sk-test-SECRET-1234567890 " + std::string(1000, 'x');
    const auto result = classify_http_error(kOpenAi, status(502), body);
    ASSERT_FALSE(result.response);
    EXPECT_TRUE(result.retryable);
    EXPECT_EQ(result.response.error().message.find("SECRET"), std::string::npos);
    EXPECT_LT(result.response.error().message.size(), 400U);
}

TEST(ProviderErrors, ClipKeepsUtf8Whole) {
    const std::string text =
        "ab\xC3\xA9"
        "cd";  // "abécd"
    EXPECT_EQ(clip_text(text, 3), "ab...");
    EXPECT_EQ(clip_text(text, 4), "ab\xC3\xA9...");
    EXPECT_EQ(clip_text("short", 300), "short");
}

TEST(ProviderErrors, QuotaIsResourceExhausted) {
    const auto quota = classify_http_error(
        kOpenAi, status(429),
        R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})");
    ASSERT_FALSE(quota.response);
    EXPECT_EQ(quota.response.error().code, core::ErrorCode::kResourceExhausted);
    EXPECT_FALSE(quota.retryable);
}

TEST(ProviderErrors, StreamErrorsRetryableOnlyBeforeDeltas) {
    const ProviderErrorBody overloaded{"overloaded_error", "", "Overloaded", ""};
    EXPECT_TRUE(classify_stream_error(kOpenAi, overloaded, false).retryable);
    EXPECT_FALSE(classify_stream_error(kOpenAi, overloaded, true).retryable);
    const ProviderErrorBody invalid{"invalid_request_error", "", "bad", ""};
    const auto result = classify_stream_error(kOpenAi, invalid, false);
    EXPECT_FALSE(result.retryable);
    EXPECT_EQ(result.response.error().code, core::ErrorCode::kUpstream);
}

TEST(ProviderErrors, TransportErrors) {
    const core::Error reset{core::ErrorCode::kUnavailable, "connection reset", {}, {}};
    EXPECT_TRUE(classify_transport_error(kOpenAi, reset, false).retryable);
    EXPECT_FALSE(classify_transport_error(kOpenAi, reset, true).retryable);
    const core::Error stopped{core::ErrorCode::kCancelled, "stopped", {}, {}};
    const auto result = classify_transport_error(kOpenAi, stopped, false);
    EXPECT_FALSE(result.retryable);
    EXPECT_EQ(result.response.error().code, core::ErrorCode::kCancelled);
}

}  // namespace
}  // namespace swarm::llm
