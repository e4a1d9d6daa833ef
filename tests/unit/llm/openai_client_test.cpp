#include "llm/openai_client.hpp"

#include "scripted_transport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;

const char* const kDone =
    "data: "
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";

core::LlmRequest sample_request() {
    core::LlmRequest request;
    request.system = "You write posts.";
    request.messages = {{core::LlmRole::kUser, "Write one."},
                        {core::LlmRole::kAssistant, "Draft."},
                        {core::LlmRole::kUser, "Shorter."}};
    request.max_tokens = 300;
    request.temperature = 0.2;
    request.agent = "writer:linkedin";
    request.structured = core::LlmStructuredOutput{
        "post",
        R"({"type":"object","properties":{"text":{"type":"string"}},"required":["text"],"additionalProperties":false})"};
    return request;
}

struct Sent {
    HttpRequest http;
    Json body;
};

Sent send(OpenAiConfig config, const core::LlmRequest& request) {
    auto transport = std::make_shared<test::ScriptedTransport>(
        std::vector<test::ScriptedReply>{test::sse_reply({kDone})});
    OpenAiClient client(std::move(config), transport);
    const auto result = client.complete(request, {}, {});
    EXPECT_TRUE(result) << result.error().message;
    const auto requests = transport->requests();
    EXPECT_EQ(requests.size(), 1U);
    return {requests.at(0), Json::parse(requests.at(0).body)};
}

TEST(OpenAiClient, RequestShapeWithStructuredOutput) {
    OpenAiConfig config;
    config.base_url = "http://127.0.0.1:11434/v1/";
    config.model = "llama3.1";
    config.api_key = "sk-abc";
    config.extra_headers = {{"OpenAI-Organization", "org-1"}};
    const auto sent = send(config, sample_request());
    EXPECT_EQ(sent.http.url, "http://127.0.0.1:11434/v1/chat/completions");
    const auto& body = sent.body;
    EXPECT_EQ(body["model"], "llama3.1");
    ASSERT_EQ(body["messages"].size(), 4U);
    EXPECT_EQ(body["messages"][0], Json({{"role", "system"}, {"content", "You write posts."}}));
    EXPECT_EQ(body["messages"][1]["role"], "user");
    EXPECT_EQ(body["messages"][2], Json({{"role", "assistant"}, {"content", "Draft."}}));
    EXPECT_EQ(body["max_tokens"], 300);
    EXPECT_FALSE(body.contains("max_completion_tokens"));
    EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.2);
    EXPECT_EQ(body["stream"], true);
    EXPECT_EQ(body["stream_options"]["include_usage"], true);
    const auto& format = body["response_format"];
    EXPECT_EQ(format["type"], "json_schema");
    EXPECT_EQ(format["json_schema"]["name"], "post");
    EXPECT_EQ(format["json_schema"]["strict"], true);
    EXPECT_EQ(format["json_schema"]["schema"]["required"][0], "text");

    EXPECT_EQ(test::header_of(sent.http, "Content-Type"), "application/json");
    EXPECT_EQ(test::header_of(sent.http, "Accept"), "text/event-stream");
    EXPECT_EQ(test::header_of(sent.http, "Authorization"), "Bearer sk-abc");
    EXPECT_EQ(test::header_of(sent.http, "X-Content-Swarm-Agent"), "writer:linkedin");
    EXPECT_EQ(test::header_of(sent.http, "OpenAI-Organization"), "org-1");
    EXPECT_EQ(test::header_of(sent.http, "Idempotency-Key").value_or("").size(), 32U);
}

TEST(OpenAiClient, NoKeyNoAuthorizationAndNoSystemMessage) {
    OpenAiConfig config;
    config.model = "m";
    auto request = sample_request();
    request.system.clear();
    const auto sent = send(config, request);
    EXPECT_EQ(sent.http.url, "https://api.openai.com/v1/chat/completions");
    EXPECT_FALSE(test::header_of(sent.http, "Authorization"));
    EXPECT_EQ(sent.body["messages"].size(), 3U);
    EXPECT_EQ(sent.body["messages"][0]["role"], "user");
}

TEST(OpenAiClient, StructuredOffSendsNoResponseFormat) {
    OpenAiConfig config;
    config.model = "m";
    config.structured_output = StructuredOutputMode::kOff;
    EXPECT_FALSE(OpenAiClient(config, nullptr).supports_structured_output());
    const auto sent = send(config, sample_request());
    EXPECT_FALSE(sent.body.contains("response_format"));
    config.structured_output = StructuredOutputMode::kOn;
    EXPECT_TRUE(OpenAiClient(config, nullptr).supports_structured_output());
}

TEST(OpenAiClient, MaxCompletionTokensOption) {
    OpenAiConfig config;
    config.model = "o3-mini";
    config.max_tokens_field = "max_completion_tokens";
    const auto sent = send(config, sample_request());
    EXPECT_EQ(sent.body["max_completion_tokens"], 300);
    EXPECT_FALSE(sent.body.contains("max_tokens"));
}

TEST(OpenAiClient, TimeoutsReachTheTransport) {
    OpenAiConfig config;
    config.model = "m";
    config.timeouts.connect = std::chrono::milliseconds(1234);
    config.timeouts.idle = std::chrono::milliseconds(5678);
    const auto sent = send(config, sample_request());
    EXPECT_EQ(sent.http.connect_timeout, std::chrono::milliseconds(1234));
    EXPECT_EQ(sent.http.idle_timeout, std::chrono::milliseconds(5678));
    EXPECT_LE(sent.http.total_timeout, config.timeouts.total);
}

TEST(OpenAiClient, InvalidRequestsAreRejectedBeforeSending) {
    auto transport = std::make_shared<test::ScriptedTransport>(std::vector<test::ScriptedReply>{});
    OpenAiConfig config;
    config.model = "m";
    OpenAiClient client(config, transport);
    core::LlmRequest empty;
    const auto no_messages = client.complete(empty, {}, {});
    ASSERT_FALSE(no_messages);
    EXPECT_EQ(no_messages.error().code, core::ErrorCode::kInvalidArgument);
    auto bad_schema = sample_request();
    bad_schema.structured->schema_json = "{not json";
    const auto schema = client.complete(bad_schema, {}, {});
    ASSERT_FALSE(schema);
    EXPECT_EQ(schema.error().field, "structured.schema_json");
    EXPECT_TRUE(transport->requests().empty());
}

TEST(OpenAiClient, NonStreamedJsonAnswerIsParsed) {
    auto transport = std::make_shared<test::ScriptedTransport>(std::vector<test::ScriptedReply>{
        test::json_reply(200, R"({"id":"c","object":"chat.completion","choices":[{"index":0,
            "message":{"role":"assistant","content":"Whole answer"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}})")});
    OpenAiConfig config;
    config.model = "gpt-4o-mini";
    config.prices = std::make_shared<PriceTable>(
        std::map<std::string, ModelPrice, std::less<>>{{"gpt-4o-mini", {1.0, 2.0}}});
    OpenAiClient client(config, transport);
    std::string deltas;
    const auto result =
        client.complete(sample_request(), [&](std::string_view d) { deltas.append(d); }, {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->text, "Whole answer");
    EXPECT_EQ(deltas, "Whole answer");
    EXPECT_EQ(result->stop_reason, "stop");
    EXPECT_EQ(result->usage.input_tokens, 7);
    EXPECT_TRUE(result->usage.cost_known);
    EXPECT_DOUBLE_EQ(result->usage.cost_usd, (7 * 1.0 + 2 * 2.0) / 1e6);
    EXPECT_EQ(result->provider, "openai");
    EXPECT_EQ(result->model, "gpt-4o-mini");
    EXPECT_EQ(result->attempts, 1);
}

TEST(OpenAiClient, UnknownPriceLeavesCostUnknown) {
    OpenAiConfig config;
    config.model = "local-model";
    config.prices = std::make_shared<PriceTable>();
    auto transport = std::make_shared<test::ScriptedTransport>(
        std::vector<test::ScriptedReply>{test::sse_reply({kDone})});
    const auto result = OpenAiClient(config, transport).complete(sample_request(), {}, {});
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->usage.cost_known);
    EXPECT_EQ(result->usage.cost_usd, 0);
    EXPECT_TRUE(result->usage.usage_estimated);
}

}  // namespace
}  // namespace swarm::llm
