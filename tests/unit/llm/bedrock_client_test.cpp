// BedrockClient against a scripted transport: fixture conversations replayed split at every byte,
// the request's shape and signing, corrupt frames, retry classification and secret hygiene.
#include "llm/bedrock_client.hpp"

#include "llm/event_stream.hpp"
#include "support/test_paths.hpp"
#include "unit/llm/scripted_bedrock_transport.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;
using testing::ScriptedBedrockTransport;
using testing::ScriptedExchange;

constexpr const char* kModel = "anthropic.claude-3-haiku-20240307-v1:0";
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr const char* kSession = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

std::string event(const std::string& type, const Json& payload) {
    return encode_event_stream_message({{":event-type", type},
                                        {":content-type", std::string("application/json")},
                                        {":message-type", std::string("event")}},
                                       payload.dump());
}

std::string exception(const std::string& type, const std::string& message) {
    return encode_event_stream_message({{":exception-type", type},
                                        {":content-type", std::string("application/json")},
                                        {":message-type", std::string("exception")}},
                                       Json{{"message", message}}.dump());
}

std::string text_stream(const std::string& text) {
    return event("messageStart", {{"role", "assistant"}}) +
           event("contentBlockDelta", {{"contentBlockIndex", 0}, {"delta", {{"text", text}}}}) +
           event("messageStop", {{"stopReason", "end_turn"}}) +
           event("metadata", {{"usage", {{"inputTokens", 10}, {"outputTokens", 2000}}}});
}

/// The wire bytes of a fixture conversation (see tests/fixtures/llm/bedrock/README.md).
std::string encode_fixture(const Json& fixture) {
    std::string wire;
    for (const auto& message : fixture.at("messages")) {
        if (message.contains("event")) {
            wire += event(message.at("event").get<std::string>(), message.at("payload"));
        } else if (message.contains("exception")) {
            wire += exception(message.at("exception").get<std::string>(),
                              message.at("payload").at("message").get<std::string>());
        } else {
            const auto& error = message.at("error");
            wire += encode_event_stream_message(
                {{":message-type", std::string("error")},
                 {":error-code", error.at("code").get<std::string>()},
                 {":error-message", error.at("message").get<std::string>()}},
                "");
        }
    }
    return wire;
}

struct Harness {
    std::shared_ptr<ScriptedBedrockTransport> transport;
    std::shared_ptr<BedrockClient> client;
    std::vector<std::chrono::milliseconds> sleeps;
};

BedrockConfig base_config() {
    BedrockConfig config;
    config.region = "us-west-2";
    config.model_id = kModel;
    config.access_key_id = "AKIDEXAMPLE";
    config.secret_access_key = kSecret;
    config.session_token = kSession;
    config.retry.max_retries = 2;
    return config;
}

std::unique_ptr<Harness> make_harness(std::vector<ScriptedExchange> script,
                                      BedrockConfig config = base_config(),
                                      std::shared_ptr<const PriceTable> prices = nullptr) {
    auto harness = std::make_unique<Harness>();
    harness->transport = std::make_shared<ScriptedBedrockTransport>(std::move(script));
    RetryEnv env;
    env.sleep = [h = harness.get()](std::chrono::milliseconds delay, std::stop_token) {
        h->sleeps.push_back(delay);
        return true;
    };
    env.now = [] {
        return std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    };
    env.jitter_seed = 7;
    config.prices = std::move(prices);
    harness->client =
        std::make_shared<BedrockClient>(std::move(config), harness->transport, std::move(env));
    return harness;
}

core::LlmRequest simple_request() {
    core::LlmRequest request;
    request.system = "You write posts.";
    request.messages = {{core::LlmRole::kUser, "Write one."},
                        {core::LlmRole::kAssistant, "Draft"},
                        {core::LlmRole::kUser, "Shorter."}};
    request.max_tokens = 300;
    request.temperature = 0.5;
    request.agent = "writer:linkedin";
    return request;
}

struct Run {
    core::Result<core::LlmResponse> result;
    std::vector<std::string> deltas;
};

Run run(BedrockClient& client, const core::LlmRequest& request = simple_request(),
        std::stop_token stop = {}) {
    Run out;
    out.result = client.complete(
        request, [&out](std::string_view delta) { out.deltas.emplace_back(delta); }, stop);
    return out;
}

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& entry :
         std::filesystem::directory_iterator(swarm::test::fixture("llm/bedrock"))) {
        if (entry.path().extension() == ".json") {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

void check_fixture_run(const Run& got, const Json& expect, const std::string& where) {
    EXPECT_EQ(got.deltas, expect.at("deltas").get<std::vector<std::string>>()) << where;
    if (expect.contains("error")) {
        ASSERT_FALSE(got.result) << where;
        EXPECT_EQ(core::to_string(got.result.error().code), expect["error"]["code"]) << where;
        EXPECT_NE(got.result.error().message.find(expect["error"]["message_contains"]),
                  std::string::npos)
            << where << ": " << got.result.error().message;
        return;
    }
    ASSERT_TRUE(got.result) << where << ": " << got.result.error().message;
    const auto& response = *got.result;
    EXPECT_EQ(response.text, expect.at("text")) << where;
    EXPECT_EQ(response.stop_reason, expect.at("stop_reason")) << where;
    EXPECT_EQ(response.usage.output_tokens, expect.at("output_tokens")) << where;
    if (expect.contains("input_tokens")) {
        EXPECT_EQ(response.usage.input_tokens, expect.at("input_tokens")) << where;
    }
    EXPECT_EQ(response.usage.usage_estimated, expect.at("usage_estimated")) << where;
    EXPECT_EQ(response.provider, "bedrock");
    EXPECT_EQ(response.model, kModel);
    EXPECT_EQ(response.attempts, 1);
}

TEST(BedrockClient, FixturesReplayedSplitAtEveryByte) {
    const auto names = fixture_names();
    ASSERT_GE(names.size(), 9U);
    for (const auto& name : names) {
        const Json fixture =
            Json::parse(swarm::test::read_file(swarm::test::fixture("llm/bedrock/" + name)));
        const std::string wire = encode_fixture(fixture);
        core::LlmRequest request = simple_request();
        if (fixture.value("structured", false)) {
            request.structured =
                core::LlmStructuredOutput{"post", R"({"type":"object","properties":{}})"};
        }
        for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
            ScriptedExchange exchange;
            exchange.body = wire;
            exchange.cuts = {cut};
            auto harness = make_harness({exchange});
            check_fixture_run(run(*harness->client, request), fixture.at("expect"),
                              name + " cut " + std::to_string(cut));
            ASSERT_EQ(harness->transport->calls(), 1U) << name;  // nothing here is retried
        }
        ScriptedExchange bytewise;
        bytewise.body = wire;
        bytewise.piece_size = 1;
        auto harness = make_harness({bytewise});
        check_fixture_run(run(*harness->client, request), fixture.at("expect"), name + " bytewise");
    }
}

TEST(BedrockClient, RequestShapeAndSigning) {
    ScriptedExchange ok;
    ok.body = text_stream("hi");
    auto harness = make_harness({ok});
    ASSERT_TRUE(run(*harness->client).result);
    const auto requests = harness->transport->requests();
    ASSERT_EQ(requests.size(), 1U);
    const HttpRequest& http = requests[0];
    EXPECT_EQ(http.url,
              "https://bedrock-runtime.us-west-2.amazonaws.com/model/"
              "anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    ASSERT_TRUE(http.sigv4);
    EXPECT_EQ(http.sigv4->region, "us-west-2");
    EXPECT_EQ(http.sigv4->service, "bedrock");
    EXPECT_EQ(http.sigv4->access_key_id, "AKIDEXAMPLE");
    EXPECT_EQ(http.sigv4->secret_access_key, kSecret);
    EXPECT_EQ(http.sigv4->session_token, kSession);
    using Header = std::pair<std::string, std::string>;
    EXPECT_EQ(http.headers, (std::vector<Header>{{"content-type", "application/json"},
                                                 {"accept", "application/vnd.amazon.eventstream"},
                                                 {"X-Content-Swarm-Agent", "writer:linkedin"}}));
    const Json expected = Json::parse(R"({
        "messages": [{"role": "user", "content": [{"text": "Write one."}]},
                     {"role": "assistant", "content": [{"text": "Draft"}]},
                     {"role": "user", "content": [{"text": "Shorter."}]}],
        "system": [{"text": "You write posts."}],
        "inferenceConfig": {"maxTokens": 300, "temperature": 0.5}})");
    EXPECT_EQ(Json::parse(http.body), expected);
    EXPECT_GT(http.total_timeout.count(), 0);
}

TEST(BedrockClient, StructuredOutputForcesTheSchemaTool) {
    core::LlmRequest request = simple_request();
    request.system.clear();
    request.structured = core::LlmStructuredOutput{
        "post_v1", R"({"type":"object","properties":{"title":{"type":"string"}},)"
                   R"("required":["title"],"additionalProperties":false})"};
    auto body = bedrock_request_body(request);
    ASSERT_TRUE(body);
    const Json json = Json::parse(*body);
    EXPECT_FALSE(json.contains("system"));
    const Json& spec = json["toolConfig"]["tools"][0]["toolSpec"];
    EXPECT_EQ(spec["name"], "post_v1");
    EXPECT_EQ(spec["inputSchema"]["json"], Json::parse(request.structured->schema_json));
    EXPECT_EQ(json["toolConfig"]["toolChoice"], Json::parse(R"({"tool":{"name":"post_v1"}})"));

    request.structured->schema_json = "[not json";
    EXPECT_EQ(bedrock_request_body(request).error().field, "structured.schema_json");
    request.structured = core::LlmStructuredOutput{"bad name", "{}"};
    EXPECT_EQ(bedrock_request_body(request).error().field, "structured.name");
}

TEST(BedrockClient, EndpointOverrideBearerKeyAndModelArn) {
    BedrockConfig config = base_config();
    config.endpoint = "http://127.0.0.1:8123/";
    config.model_id = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x";
    config.bearer_token = "ABSKbearerEXAMPLE";
    ScriptedExchange ok;
    ok.body = text_stream("hi");
    auto harness = make_harness({ok}, config);
    ASSERT_TRUE(run(*harness->client).result);
    const HttpRequest http = harness->transport->requests().at(0);
    EXPECT_EQ(http.url,
              "http://127.0.0.1:8123/model/"
              "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x/"
              "converse-stream");
    EXPECT_FALSE(http.sigv4);
    EXPECT_NE(
        std::find(http.headers.begin(), http.headers.end(),
                  std::pair<std::string, std::string>{"Authorization", "Bearer ABSKbearerEXAMPLE"}),
        http.headers.end());
}

TEST(BedrockClient, NoCredentialsIsInvalidArgument) {
    BedrockConfig config = base_config();
    config.access_key_id.clear();
    auto harness = make_harness({}, config);
    auto got = run(*harness->client);
    ASSERT_FALSE(got.result);
    EXPECT_EQ(got.result.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(harness->transport->calls(), 0U);
}

TEST(BedrockClient, BadCrcMidStreamIsFinalOnceDeltasWereEmitted) {
    const std::string first =
        event("messageStart", {{"role", "assistant"}}) +
        event("contentBlockDelta", {{"contentBlockIndex", 0}, {"delta", {{"text", "Hel"}}}});
    std::string second =
        event("contentBlockDelta", {{"contentBlockIndex", 0}, {"delta", {{"text", "lo"}}}});
    second[second.size() - 10] ^= 0x20;  // a payload byte
    ScriptedExchange corrupt;
    corrupt.body = first + second + event("messageStop", {{"stopReason", "end_turn"}});
    auto harness = make_harness({corrupt, corrupt, corrupt});
    auto got = run(*harness->client);
    ASSERT_FALSE(got.result);
    EXPECT_EQ(got.result.error().code, core::ErrorCode::kUpstream);
    EXPECT_NE(got.result.error().message.find("corrupt event-stream frame (message crc mismatch)"),
              std::string::npos)
        << got.result.error().message;
    EXPECT_EQ(got.deltas, std::vector<std::string>{"Hel"});
    EXPECT_EQ(harness->transport->calls(), 1U);
}

TEST(BedrockClient, BadCrcBeforeAnyDeltaIsRetried) {
    std::string garbled = event("messageStart", {{"role", "assistant"}});
    garbled[2] ^= 0x01;  // prelude
    ScriptedExchange bad;
    bad.body = garbled;
    ScriptedExchange good;
    good.body = text_stream("fine");
    auto harness = make_harness({bad, good});
    auto got = run(*harness->client);
    ASSERT_TRUE(got.result) << got.result.error().message;
    EXPECT_EQ(got.result->text, "fine");
    EXPECT_EQ(got.result->attempts, 2);
    EXPECT_EQ(harness->sleeps.size(), 1U);
}

ScriptedExchange http_failure(long status, const std::string& type, const std::string& message) {
    ScriptedExchange failure;
    failure.status = status;
    failure.headers = {{"content-type", "application/json"},
                       {"x-amzn-errortype", type + ":http://internal.amazon.com/coral/"}};
    failure.body = Json{{"message", message}}.dump();
    return failure;
}

TEST(BedrockClient, HttpErrorsRetriedOrNotByStatus) {
    struct Case {
        long status;
        std::string type;
        bool retried;
    };

    const std::vector<Case> cases = {
        {403, "AccessDeniedException", false},     {400, "ValidationException", false},
        {404, "ResourceNotFoundException", false}, {424, "ModelErrorException", false},
        {429, "ThrottlingException", true},        {429, "ModelNotReadyException", true},
        {408, "ModelTimeoutException", true},      {500, "InternalServerException", true},
        {503, "ServiceUnavailableException", true}};
    for (const auto& c : cases) {
        ScriptedExchange ok;
        ok.body = text_stream("after");
        auto harness = make_harness({http_failure(c.status, c.type, "went wrong"), ok});
        auto got = run(*harness->client);
        if (c.retried) {
            ASSERT_TRUE(got.result) << c.type;
            EXPECT_EQ(got.result->attempts, 2) << c.type;
            EXPECT_EQ(harness->transport->calls(), 2U);
            continue;
        }
        ASSERT_FALSE(got.result) << c.type;
        EXPECT_EQ(got.result.error().code, core::ErrorCode::kUpstream) << c.type;
        const std::string expected = "bedrock model \"" + std::string(kModel) + "\": HTTP " +
                                     std::to_string(c.status) + " " + c.type + ": went wrong";
        EXPECT_NE(got.result.error().message.find(expected), std::string::npos)
            << got.result.error().message;
        EXPECT_EQ(harness->transport->calls(), 1U) << c.type;
    }
}

TEST(BedrockClient, RetriesExhaustedIsUnavailable) {
    const auto throttled = http_failure(429, "ThrottlingException", "slow down");
    auto harness = make_harness({throttled, throttled, throttled});
    auto got = run(*harness->client);
    ASSERT_FALSE(got.result);
    EXPECT_EQ(got.result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(harness->transport->calls(), 3U);  // 1 + max_retries
    EXPECT_EQ(harness->sleeps.size(), 2U);
}

TEST(BedrockClient, InStreamThrottlingBeforeDeltaIsRetried) {
    ScriptedExchange throttled;
    throttled.body =
        event("messageStart", {{"role", "assistant"}}) + exception("throttlingException", "wait");
    ScriptedExchange ok;
    ok.body = text_stream("done");
    auto harness = make_harness({throttled, ok});
    auto got = run(*harness->client);
    ASSERT_TRUE(got.result) << got.result.error().message;
    EXPECT_EQ(got.result->attempts, 2);
    EXPECT_EQ(got.deltas, std::vector<std::string>{"done"});
}

TEST(BedrockClient, TransportErrorsClassified) {
    ScriptedExchange refused;
    refused.error_before_head =
        testing::scripted_error(core::ErrorCode::kUnavailable, "connection refused");
    ScriptedExchange ok;
    ok.body = text_stream("up");
    auto harness = make_harness({refused, ok});
    auto got = run(*harness->client);
    ASSERT_TRUE(got.result);
    EXPECT_EQ(got.result->attempts, 2);

    ScriptedExchange reset_after_delta;
    reset_after_delta.body =
        event("contentBlockDelta", {{"contentBlockIndex", 0}, {"delta", {{"text", "x"}}}});
    reset_after_delta.error = testing::scripted_error(core::ErrorCode::kUnavailable, "reset");
    auto second = make_harness({reset_after_delta, ok});
    auto failed = run(*second->client);
    ASSERT_FALSE(failed.result);
    EXPECT_EQ(failed.result.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(second->transport->calls(), 1U);
}

TEST(BedrockClient, StopRequestedIsCancelled) {
    std::stop_source source;
    source.request_stop();
    ScriptedExchange ok;
    ok.body = text_stream("never");
    auto harness = make_harness({ok});
    auto got = run(*harness->client, simple_request(), source.get_token());
    ASSERT_FALSE(got.result);
    EXPECT_EQ(got.result.error().code, core::ErrorCode::kCancelled);
}

TEST(BedrockClient, CostFromThePriceTable) {
    auto prices = std::make_shared<PriceTable>(
        std::map<std::string, ModelPrice, std::less<>>{{"anthropic.claude-3-haiku", {1.0, 5.0}}});
    ScriptedExchange ok;
    ok.body = text_stream("priced");  // 10 in, 2000 out
    auto harness = make_harness({ok}, base_config(), prices);
    auto got = run(*harness->client);
    ASSERT_TRUE(got.result);
    EXPECT_DOUBLE_EQ(got.result->usage.cost_usd, (10 * 1.0 + 2000 * 5.0) / 1e6);
    EXPECT_TRUE(got.result->usage.cost_known);
}

TEST(BedrockClient, ErrorsNeverContainSecrets) {
    const std::string echo = std::string("bad signature for ") + kSecret + " token " + kSession;
    auto harness = make_harness({http_failure(403, "UnrecognizedClientException", echo)});
    auto got = run(*harness->client);
    ASSERT_FALSE(got.result);
    const auto& error = got.result.error();
    for (const std::string& text : {error.message, error.detail}) {
        EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
        EXPECT_EQ(text.find(kSession), std::string::npos) << text;
    }
    EXPECT_NE(error.message.find("HTTP 403"), std::string::npos);
    EXPECT_NE(error.message.find(kModel), std::string::npos);

    BedrockConfig bearer = base_config();
    bearer.bearer_token = "ABSKsecretbearertoken";
    ScriptedExchange in_stream;
    in_stream.body = exception("validationException", "token ABSKsecretbearertoken " + echo);
    auto second = make_harness({in_stream}, bearer);
    auto failed = run(*second->client);
    ASSERT_FALSE(failed.result);
    EXPECT_EQ(failed.result.error().message.find("ABSKsecretbearertoken"), std::string::npos);
    EXPECT_EQ(failed.result.error().message.find(kSession), std::string::npos);
    EXPECT_NE(failed.result.error().message.find("HTTP 400 stream exception validationException"),
              std::string::npos);
}

TEST(BedrockClient, StopReasonsNormalized) {
    EXPECT_EQ(normalize_bedrock_stop_reason("end_turn"), "stop");
    EXPECT_EQ(normalize_bedrock_stop_reason("stop_sequence"), "stop");
    EXPECT_EQ(normalize_bedrock_stop_reason("max_tokens"), "length");
    EXPECT_EQ(normalize_bedrock_stop_reason("tool_use"), "tool_use");
    EXPECT_EQ(normalize_bedrock_stop_reason("content_filtered"), "content_filter");
    EXPECT_EQ(normalize_bedrock_stop_reason("guardrail_intervened"), "content_filter");
    EXPECT_EQ(normalize_bedrock_stop_reason("brand_new"), "brand_new");
}

}  // namespace
}  // namespace swarm::llm
