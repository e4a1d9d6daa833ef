// Retry decisions of both HTTP providers end to end: scripted replies, a recording sleeper and a
// fake clock (nothing sleeps).
#include "llm/anthropic_client.hpp"
#include "llm/openai_client.hpp"
#include "scripted_transport.hpp"

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

using std::chrono::milliseconds;
using test::ScriptedReply;

const std::string kKey = "sk-test-SECRET-0123456789abcdef";
const char* const kOk =
    "data: "
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";
const char* const kOneDelta =
    "data: "
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"},\"finish_reason\":null}]}\n\n";

ScriptedReply openai_error(long status, const std::string& type, const std::string& code,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
    return test::json_reply(status,
                            R"({"error":{"message":"failure )" + type + R"(","type":")" + type +
                                R"(","param":null,"code":")" + code + R"("}})",
                            std::move(headers));
}

struct Harness {
    std::shared_ptr<test::ScriptedTransport> transport;
    test::FakeTime time;
    std::unique_ptr<core::LlmClient> client;
    std::string deltas;

    core::Result<core::LlmResponse> run(std::stop_token stop = {},
                                        milliseconds deadline = milliseconds(0)) {
        core::LlmRequest request;
        request.messages = {{core::LlmRole::kUser, "hi"}};
        request.deadline = deadline;
        return client->complete(
            request, [this](std::string_view d) { deltas.append(d); }, stop);
    }
};

std::unique_ptr<Harness> openai(std::vector<ScriptedReply> replies) {
    auto h = std::make_unique<Harness>();
    h->transport = std::make_shared<test::ScriptedTransport>(std::move(replies));
    OpenAiConfig config;
    config.model = "gpt-4o-mini";
    config.api_key = kKey;
    h->client = std::make_unique<OpenAiClient>(config, h->transport, h->time.env());
    return h;
}

std::unique_ptr<Harness> anthropic(std::vector<ScriptedReply> replies) {
    auto h = std::make_unique<Harness>();
    h->transport = std::make_shared<test::ScriptedTransport>(std::move(replies));
    AnthropicConfig config;
    config.model = "claude-sonnet-4-5";
    config.api_key = kKey;
    h->client = std::make_unique<AnthropicClient>(config, h->transport, h->time.env());
    return h;
}

TEST(ProviderRetry, RetryAfterSecondsIsHonoured) {
    auto h = openai({openai_error(429, "requests", "rate_limit_exceeded", {{"retry-after", "2"}}),
                     test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->attempts, 2);
    EXPECT_EQ(h->time.sleeps, std::vector<milliseconds>{milliseconds(2000)});
    const auto requests = h->transport->requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(test::header_of(requests[0], "Idempotency-Key"),
              test::header_of(requests[1], "Idempotency-Key"));
}

TEST(ProviderRetry, RetryAfterMsIsHonoured) {
    auto h = anthropic(
        {test::json_reply(
             429, R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})",
             {{"retry-after-ms", "1500"}}),
         test::sse_reply({"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(h->time.sleeps, std::vector<milliseconds>{milliseconds(1500)});
}

TEST(ProviderRetry, RetryAfterOverTheMaximumIsNotRetried) {
    auto h = openai({openai_error(429, "requests", "rate_limit_exceeded", {{"retry-after", "600"}}),
                     test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_NE(result.error().message.find("600 s"), std::string::npos) << result.error().message;
    EXPECT_EQ(h->transport->requests().size(), 1U);
    EXPECT_TRUE(h->time.sleeps.empty());
}

TEST(ProviderRetry, RetryableStatusesUseTheBudgetThenFailUnavailable) {
    for (const long status : {500L, 503L, 529L, 408L, 409L}) {
        auto h = anthropic(
            {test::json_reply(
                 status,
                 R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"),
             test::json_reply(status, "{}"), test::json_reply(status, "{}"),
             test::sse_reply({kOk})});
        const auto result = h->run();
        ASSERT_FALSE(result) << status;
        EXPECT_EQ(result.error().code, core::ErrorCode::kUnavailable) << status;
        EXPECT_NE(result.error().message.find("anthropic model \"claude-sonnet-4-5\": HTTP " +
                                              std::to_string(status)),
                  std::string::npos)
            << result.error().message;
        EXPECT_EQ(h->transport->requests().size(), 3U) << status;
        ASSERT_EQ(h->time.sleeps.size(), 2U) << status;
        EXPECT_GE(h->time.sleeps[1], milliseconds(750));
        EXPECT_LE(h->time.sleeps[1], milliseconds(1000));
    }
}

TEST(ProviderRetry, ClientErrorsAreNotRetried) {
    for (const long status : {400L, 401L, 403L, 404L}) {
        auto h =
            openai({openai_error(status, "invalid_request_error", "bad"), test::sse_reply({kOk})});
        const auto result = h->run();
        ASSERT_FALSE(result) << status;
        EXPECT_EQ(result.error().code, core::ErrorCode::kUpstream) << status;
        EXPECT_EQ(h->transport->requests().size(), 1U) << status;
    }
}

TEST(ProviderRetry, MoneyRunningOutIsResourceExhausted) {
    std::vector<std::unique_ptr<Harness>> cases;
    cases.push_back(openai(
        {openai_error(429, "insufficient_quota", "insufficient_quota"), test::sse_reply({kOk})}));
    cases.push_back(anthropic(
        {test::json_reply(
             400,
             R"({"type":"error","error":{"type":"billing_error","message":"credit balance too low"}})"),
         test::sse_reply({kOk})}));
    cases.push_back(anthropic(
        {test::json_reply(
             429,
             R"({"type":"error","error":{"type":"rate_limit_error","message":"limit","details":{"error_code":"enforced_spend_limit_reached"}}})",
             {{"retry-after", "1"}}),
         test::sse_reply({kOk})}));
    for (auto& h : cases) {
        const auto result = h->run();
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, core::ErrorCode::kResourceExhausted)
            << result.error().message;
        EXPECT_EQ(h->transport->requests().size(), 1U);
    }
}

TEST(ProviderRetry, ShouldRetryHeaderIsHonoured) {
    auto never = openai({openai_error(500, "server_error", "x", {{"x-should-retry", "false"}}),
                         test::sse_reply({kOk})});
    EXPECT_FALSE(never->run());
    EXPECT_EQ(never->transport->requests().size(), 1U);
    auto forced =
        openai({openai_error(400, "invalid_request_error", "x", {{"x-should-retry", "true"}}),
                test::sse_reply({kOk})});
    EXPECT_TRUE(forced->run());
    EXPECT_EQ(forced->transport->requests().size(), 2U);
}

TEST(ProviderRetry, LlamaCppLoadingModelIsRetried) {
    auto h = openai(
        {test::json_reply(
             503, R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})"),
         test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->text, "fine");
    EXPECT_EQ(result->attempts, 2);
}

TEST(ProviderRetry, ResetBeforeTheFirstByteIsRetried) {
    auto h = openai({test::connection_error(), test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->attempts, 2);
    EXPECT_EQ(h->deltas, "fine");
}

TEST(ProviderRetry, ResetAfterADeltaIsNotRetried) {
    auto reply = test::sse_reply({kOneDelta});
    reply.error_after = core::Error{core::ErrorCode::kUnavailable, "connection reset", {}, {}};
    auto h = openai({reply, test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(h->transport->requests().size(), 1U);
    EXPECT_EQ(h->deltas, "par");
}

TEST(ProviderRetry, StreamEndedEarlyBeforeAnyDeltaIsRetried) {
    auto h = openai({test::sse_reply({": nothing yet\n\n"}), test::sse_reply({kOk})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->attempts, 2);
}

TEST(ProviderRetry, MidStreamOverloadBeforeADeltaIsRetried) {
    auto h = anthropic(
        {test::sse_reply({"event: error\ndata: "
                          "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                          "\"message\":\"Overloaded\"}}\n\n"}),
         test::sse_reply({"event: content_block_delta\ndata: "
                          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                          "\"text_delta\",\"text\":\"ok\"}}\n\n"
                          "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"})});
    const auto result = h->run();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->text, "ok");
    EXPECT_EQ(result->attempts, 2);
}

TEST(ProviderRetry, DeadlineAcrossAttempts) {
    const auto slow = [] {
        return test::json_reply(503, "{}", {{"retry-after", "2"}});
    };
    auto h = openai({slow(), slow(), slow()});
    const auto result = h->run({}, milliseconds(3000));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kDeadlineExceeded);
    EXPECT_EQ(h->transport->requests().size(), 2U);
}

TEST(ProviderRetry, StopMidStreamCancels) {
    std::stop_source source;
    auto reply = test::sse_reply({kOneDelta});
    reply.after_pieces = [&source] {
        source.request_stop();
    };
    auto h = openai({reply, test::sse_reply({kOk})});
    const auto result = h->run(source.get_token());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kCancelled);
    EXPECT_EQ(h->transport->requests().size(), 1U);
}

TEST(ProviderRetry, StopDuringTheRetryWaitCancels) {
    auto h = openai({openai_error(500, "server_error", "x"), test::sse_reply({kOk})});
    h->time.on_sleep = [] {
        return false;
    };
    const auto result = h->run();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::ErrorCode::kCancelled);
}

TEST(ProviderRetry, ApiKeyNeverAppearsInErrors) {
    const std::string echo = R"({"error":{"message":"Incorrect API key provided: )" + kKey +
                             R"(","type":"invalid_request_error","code":")" + kKey + R"("}})";
    auto o = openai({test::json_reply(401, echo)});
    const auto result = o->run();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message.find(kKey), std::string::npos) << result.error().message;
    EXPECT_EQ(result.error().detail.find(kKey), std::string::npos) << result.error().detail;
    EXPECT_EQ(result.error().message.find("SECRET"), std::string::npos);
    EXPECT_EQ(result.error().message,
              "openai model \"gpt-4o-mini\": HTTP 401: Incorrect API key provided: [redacted]");
    auto a = anthropic({test::json_reply(401, echo)});
    const auto second = a->run();
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().message.find(kKey), std::string::npos);
    EXPECT_EQ(second.error().detail.find(kKey), std::string::npos);
}

}  // namespace
}  // namespace swarm::llm
