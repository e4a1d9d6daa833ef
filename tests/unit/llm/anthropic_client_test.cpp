#include "llm/anthropic_client.hpp"

#include "llm/anthropic_stream.hpp"
#include "scripted_transport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;

const char* const kStream =
    "event: message_start\ndata: "
    "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n"
    "event: content_block_delta\ndata: "
    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
    "\"hi\"}}\n\n"
    "event: message_delta\ndata: "
    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_"
    "tokens\":1}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

core::LlmRequest sample_request() {
    core::LlmRequest request;
    request.system = "Be brief.";
    request.messages = {{core::LlmRole::kUser, "Hello"}};
    request.max_tokens = 512;
    request.temperature = 0.5;
    request.agent = "research";
    return request;
}

struct Sent {
    HttpRequest http;
    Json body;
};

Sent send(const core::LlmRequest& request, std::string base_url = "https://api.anthropic.com") {
    auto transport = std::make_shared<test::ScriptedTransport>(
        std::vector<test::ScriptedReply>{test::sse_reply({kStream})});
    AnthropicConfig config;
    config.base_url = std::move(base_url);
    config.model = "claude-sonnet-4-5";
    config.api_key = "sk-ant-xyz";
    AnthropicClient client(config, transport);
    const auto result = client.complete(request, {}, {});
    EXPECT_TRUE(result) << result.error().message;
    EXPECT_EQ(result.value_or(core::LlmResponse{}).text, "hi");
    const auto requests = transport->requests();
    EXPECT_EQ(requests.size(), 1U);
    return {requests.at(0), Json::parse(requests.at(0).body)};
}

TEST(AnthropicClient, RequestShapeAndHeaders) {
    const auto sent = send(sample_request(), "http://127.0.0.1:9000/");
    EXPECT_EQ(sent.http.url, "http://127.0.0.1:9000/v1/messages");
    EXPECT_EQ(test::header_of(sent.http, "x-api-key"), "sk-ant-xyz");
    EXPECT_EQ(test::header_of(sent.http, "anthropic-version"), "2023-06-01");
    EXPECT_EQ(test::header_of(sent.http, "content-type"), "application/json");
    EXPECT_EQ(test::header_of(sent.http, "accept"), "text/event-stream");
    EXPECT_EQ(test::header_of(sent.http, "X-Content-Swarm-Agent"), "research");
    EXPECT_FALSE(test::header_of(sent.http, "Authorization"));
    const auto& body = sent.body;
    EXPECT_EQ(body["model"], "claude-sonnet-4-5");
    EXPECT_EQ(body["max_tokens"], 512);
    EXPECT_EQ(body["system"], "Be brief.");
    EXPECT_EQ(body["messages"], Json::parse(R"([{"role":"user","content":"Hello"}])"));
    EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.5);
    EXPECT_EQ(body["stream"], true);
    EXPECT_FALSE(body.contains("tools"));
    EXPECT_FALSE(body.contains("tool_choice"));
}

TEST(AnthropicClient, StructuredOutputIsAForcedTool) {
    auto request = sample_request();
    request.system.clear();
    request.structured = core::LlmStructuredOutput{"brief", R"({"type":"object","properties":{}})"};
    const auto sent = send(request);
    EXPECT_FALSE(sent.body.contains("system"));
    ASSERT_EQ(sent.body["tools"].size(), 1U);
    EXPECT_EQ(sent.body["tools"][0]["name"], "brief");
    EXPECT_EQ(sent.body["tools"][0]["input_schema"],
              Json::parse(R"({"type":"object","properties":{}})"));
    EXPECT_TRUE(sent.body["tools"][0]["description"].is_string());
    EXPECT_EQ(sent.body["tool_choice"], Json::parse(R"({"type":"tool","name":"brief"})"));
}

TEST(AnthropicClient, NonStreamedMessageIsParsed) {
    auto transport = std::make_shared<test::ScriptedTransport>(std::vector<test::ScriptedReply>{
        test::json_reply(200, R"({"type":"message","content":[{"type":"text","text":"ignored"},
            {"type":"tool_use","id":"t","name":"brief","input":{"a":1}}],
            "stop_reason":"tool_use","usage":{"input_tokens":9,"output_tokens":4}})")});
    AnthropicConfig config;
    config.model = "claude";
    AnthropicClient client(config, transport);
    const auto result = client.complete(sample_request(), {}, {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(Json::parse(result->text), Json::parse(R"({"a":1})"));
    EXPECT_EQ(result->stop_reason, "tool_use");
    EXPECT_EQ(result->usage.output_tokens, 4);
    EXPECT_EQ(result->provider, "anthropic");
}

TEST(AnthropicClient, StopReasonMapping) {
    EXPECT_EQ(AnthropicStreamDecoder::normalize_stop_reason("end_turn"), "stop");
    EXPECT_EQ(AnthropicStreamDecoder::normalize_stop_reason("max_tokens"), "length");
    EXPECT_EQ(AnthropicStreamDecoder::normalize_stop_reason("tool_use"), "tool_use");
    EXPECT_EQ(AnthropicStreamDecoder::normalize_stop_reason("refusal"), "refusal");
    EXPECT_EQ(AnthropicStreamDecoder::normalize_stop_reason("pause_turn"), "pause_turn");
}

}  // namespace
}  // namespace swarm::llm
