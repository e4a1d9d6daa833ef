// The three providers (OpenAI, Anthropic, Bedrock) over real libcurl against the real fake-llm:
// streamed text, request shapes as the server saw them, structured output, cancellation, SigV4.
#include "llm/curl_transport.hpp"
#include "llm_provider_harness.hpp"

#include <future>
#include <regex>
#include <thread>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

constexpr const char* kSchema =
    R"({"type":"object","additionalProperties":false,"required":["title","points","score"],)"
    R"("properties":{"title":{"type":"string"},"points":{"type":"array","items":)"
    R"({"type":"string"}},"score":{"type":"integer"}}})";

class LlmProvider : public ProviderTest {};

TEST_P(LlmProvider, StreamsTextDeltasInOrderWithUsage) {
    const auto client = make_client(provider(), {}, waits_.env());
    ASSERT_NE(client, nullptr);
    const auto request = text_request("text");
    const Call call = run_call(*client, request);

    ASSERT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.result->text, kFoxText);
    EXPECT_EQ(call.joined(), kFoxText);  // deltas arrive in order, nothing lost or repeated
    ASSERT_EQ(call.deltas.size(), kFoxPieces);
    EXPECT_EQ(call.deltas.front(), "The");
    EXPECT_EQ(call.deltas.back(), " twice.");
    EXPECT_EQ(call.result->stop_reason, "stop");
    EXPECT_EQ(call.result->usage.input_tokens, fake_input_tokens(request));
    EXPECT_EQ(call.result->usage.output_tokens, static_cast<std::int64_t>(kFoxPieces));
    EXPECT_FALSE(call.result->usage.usage_estimated);
    EXPECT_EQ(call.result->attempts, 1);
    EXPECT_EQ(call.result->provider, provider());
    EXPECT_EQ(call.result->model, model_for(provider()));
    EXPECT_TRUE(waits_.waits().empty());

    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U) << seen.dump();
    EXPECT_EQ(seen[0]["provider"], provider());
    EXPECT_EQ(seen[0]["model"], model_for(provider()));
    EXPECT_EQ(seen[0]["agent"], "text");
    EXPECT_EQ(seen[0]["headers"].value("x-content-swarm-agent", ""), "text");
    EXPECT_EQ(seen[0]["status_sent"], 200);
    EXPECT_EQ(seen[0]["tokens_sent"], kFoxPieces);
}

TEST_P(LlmProvider, FinishesWithLengthWhenMaxTokensIsSmall) {
    const auto client = make_client(provider(), {}, waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("text", 3));

    ASSERT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.result->stop_reason, "length");
    EXPECT_EQ(call.result->text, "The quick brown");
    EXPECT_EQ(call.joined(), "The quick brown");
    EXPECT_EQ(call.result->usage.output_tokens, 3);
}

TEST_P(LlmProvider, RequestBodyAndHeadersAsTheServerSawThem) {
    const auto client = make_client(provider(), {}, waits_.env());
    ASSERT_NE(client, nullptr);
    const auto request = text_request("text", 77);
    ASSERT_TRUE(run_call(*client, request).result);

    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U);
    const json& body = seen[0]["body"];
    const json& headers = seen[0]["headers"];
    ASSERT_TRUE(body.is_object()) << seen.dump();
    EXPECT_EQ(seen[0]["method"], "POST");
    if (provider() == "openai") {
        EXPECT_EQ(seen[0]["path"], "/v1/chat/completions");
        EXPECT_EQ(body["model"], "gpt-4o-mini");
        EXPECT_EQ(body["max_tokens"], 77);
        EXPECT_EQ(body["stream"], true);
        EXPECT_EQ(body["stream_options"]["include_usage"], true);
        ASSERT_EQ(body["messages"].size(), 2U);
        EXPECT_EQ(body["messages"][0], json({{"role", "system"}, {"content", request.system}}));
        EXPECT_EQ(body["messages"][1],
                  json({{"role", "user"}, {"content", request.messages[0].text}}));
        EXPECT_FALSE(body.contains("response_format"));
        EXPECT_EQ(headers.value("authorization", ""), std::string("Bearer ") + kApiKey);
        EXPECT_TRUE(
            std::regex_match(headers.value("idempotency-key", ""), std::regex("[0-9a-f]{32}")));
    } else if (provider() == "anthropic") {
        EXPECT_EQ(seen[0]["path"], "/v1/messages");
        EXPECT_EQ(body["model"], "claude-3-5-haiku-latest");
        EXPECT_EQ(body["max_tokens"], 77);
        EXPECT_EQ(body["stream"], true);
        EXPECT_EQ(body["system"], request.system);
        ASSERT_EQ(body["messages"].size(), 1U);
        EXPECT_EQ(body["messages"][0],
                  json({{"role", "user"}, {"content", request.messages[0].text}}));
        EXPECT_FALSE(body.contains("tools"));
        EXPECT_EQ(headers.value("x-api-key", ""), kApiKey);
        EXPECT_EQ(headers.value("anthropic-version", ""), "2023-06-01");
    } else {
        // The model id is percent-encoded in the path (':' → %3A); fake-llm decodes it.
        EXPECT_EQ(seen[0]["path"],
                  "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        EXPECT_FALSE(body.contains("model"));
        EXPECT_FALSE(body.contains("stream"));  // ConverseStream streams by its path
        EXPECT_EQ(body["inferenceConfig"]["maxTokens"], 77);
        EXPECT_EQ(body["system"], json::parse(R"([{"text":")" + request.system + R"("}])"));
        ASSERT_EQ(body["messages"].size(), 1U);
        EXPECT_EQ(body["messages"][0]["role"], "user");
        EXPECT_EQ(body["messages"][0]["content"][0]["text"], request.messages[0].text);
        EXPECT_FALSE(body.contains("toolConfig"));
        EXPECT_EQ(headers.value("accept", ""), "application/vnd.amazon.eventstream");
    }
    EXPECT_DOUBLE_EQ(provider() == "bedrock" ? body["inferenceConfig"]["temperature"].get<double>()
                                             : body["temperature"].get<double>(),
                     0.5);
}

TEST_P(LlmProvider, StructuredOutputTextIsTheJsonDocument) {
    const auto client = make_client(provider(), {}, waits_.env());
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->supports_structured_output());
    auto request = text_request("structured", 200);
    request.structured = core::LlmStructuredOutput{"post_outline", kSchema};
    const Call call = run_call(*client, request);

    ASSERT_TRUE(call.result) << error_message(call);
    const json expected = {{"title", "Hello from the fox"}, {"points", {"a b", "c"}}, {"score", 3}};
    EXPECT_EQ(json::parse(call.result->text, nullptr, false), expected) << call.result->text;
    EXPECT_EQ(call.joined(), call.result->text);
    EXPECT_GT(call.deltas.size(), 1U);  // streamed in fragments, not one block at the end

    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U);
    const json& body = seen[0]["body"];
    const json schema = json::parse(kSchema);
    if (provider() == "openai") {
        EXPECT_EQ(call.result->stop_reason, "stop");
        EXPECT_EQ(body["response_format"]["type"], "json_schema");
        EXPECT_EQ(body["response_format"]["json_schema"]["name"], "post_outline");
        EXPECT_EQ(body["response_format"]["json_schema"]["strict"], true);
        EXPECT_EQ(body["response_format"]["json_schema"]["schema"], schema);
    } else if (provider() == "anthropic") {
        EXPECT_EQ(call.result->stop_reason, "tool_use");  // input_json_delta fragments
        ASSERT_EQ(body["tools"].size(), 1U);
        EXPECT_EQ(body["tools"][0]["name"], "post_outline");
        EXPECT_EQ(body["tools"][0]["input_schema"], schema);
        EXPECT_EQ(body["tool_choice"], json({{"type", "tool"}, {"name", "post_outline"}}));
    } else {
        EXPECT_EQ(call.result->stop_reason, "tool_use");
        const json& config = body["toolConfig"];
        ASSERT_EQ(config["tools"].size(), 1U);
        EXPECT_EQ(config["tools"][0]["toolSpec"]["name"], "post_outline");
        EXPECT_EQ(config["tools"][0]["toolSpec"]["inputSchema"]["json"], schema);
        EXPECT_EQ(config["toolChoice"]["tool"]["name"], "post_outline");
    }
}

TEST_P(LlmProvider, StopAfterTheFirstDeltaCancelsASlowStream) {
    const auto client = make_client(provider(), {}, waits_.env());
    ASSERT_NE(client, nullptr);
    std::stop_source stop;
    std::promise<void> first_delta;
    bool signalled = false;
    // Cancel from another thread, as a job cancellation would.
    std::jthread canceller([&stop, delta = first_delta.get_future()]() mutable {
        delta.wait();
        stop.request_stop();
    });
    std::vector<std::string> deltas;
    const auto started = std::chrono::steady_clock::now();
    const auto result = client->complete(
        text_request("slow"),
        [&](std::string_view delta) {
            deltas.emplace_back(delta);
            if (!std::exchange(signalled, true)) {
                first_delta.set_value();
            }
        },
        stop.get_token());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (!signalled) {
        first_delta.set_value();  // let the canceller finish whatever happened
    }

    ASSERT_FALSE(result) << "the 2 s stream completed despite the stop request";
    EXPECT_EQ(result.error().code, core::ErrorCode::kCancelled) << result.error().message;
    ASSERT_FALSE(deltas.empty());
    EXPECT_EQ(deltas.front(), "one");
    EXPECT_LT(deltas.size(), 10U);                // the whole reply is 10 pieces at 5 per second
    EXPECT_LT(elapsed, std::chrono::seconds(5));  // hang guard, not a timing assertion
    EXPECT_EQ(fake_requests().size(), 1U);        // cancellation is never retried
}

TEST_P(LlmProvider, FactoryBuildsAWorkingClient) {
    auto built = llm::make_llm_client(provider_config(provider(), {}, waits_.env()),
                                      std::make_shared<llm::CurlTransport>(), nullptr);
    ASSERT_TRUE(built) << built.error().message;
    const auto& client = *built;
    EXPECT_EQ(client->provider(), provider());
    EXPECT_EQ(client->model(), model_for(provider()));
    const Call call = run_call(*client, text_request("text"));
    ASSERT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.result->text, kFoxText);
    EXPECT_EQ(fake_requests().size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Providers, LlmProvider, ::testing::ValuesIn(all_providers()),
                         [](const auto& param_info) { return param_info.param; });

TEST(LlmProviderFactory, UnknownProviderIsInvalidArgument) {
    llm::ProviderConfig config;
    config.provider = "mistral";
    config.model = "mistral-large";
    config.api_key = kApiKey;
    const auto built =
        llm::make_llm_client(config, std::make_shared<llm::CurlTransport>(), nullptr);
    ASSERT_FALSE(built);
    EXPECT_EQ(built.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(built.error().field, "provider");
    EXPECT_NE(built.error().message.find("mistral"), std::string::npos);
}

class BedrockAuth : public FakeLlmTest {};

/// The one request fake-llm saw, after a successful call with `options`.
json bedrock_request_seen(const ClientOptions& options, const llm::RetryEnv& env) {
    const auto client = make_client("bedrock", options, env);
    if (client == nullptr) {
        return {};
    }
    const Call call = run_call(*client, text_request("text"));
    EXPECT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.joined(), kFoxText);
    const json seen = fake_requests();
    return seen.size() == 1 ? seen[0] : json();
}

TEST_F(BedrockAuth, SigV4CredentialIsScopedToBedrock) {
    const json seen = bedrock_request_seen({}, waits_.env());
    ASSERT_TRUE(seen.is_object());
    const std::string authorization = seen["headers"].value("authorization", "");
    const std::regex credential(
        R"(AWS4-HMAC-SHA256 Credential=AKIDPROVIDERSTEST/\d{8}/us-west-2/bedrock/aws4_request, )"
        R"(SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64})");
    EXPECT_TRUE(std::regex_match(authorization, credential)) << authorization;
    EXPECT_TRUE(seen["headers"].contains("x-amz-date"));
    EXPECT_FALSE(seen["headers"].contains("x-amz-security-token"));
    EXPECT_EQ(seen["aws_security_token"], false);
    EXPECT_EQ(seen["headers"].dump().find(kAwsSecret), std::string::npos);
}

TEST_F(BedrockAuth, SessionTokenIsSentAndSigned) {
    const json seen = bedrock_request_seen({.session_token = true}, waits_.env());
    ASSERT_TRUE(seen.is_object());
    const std::string authorization = seen["headers"].value("authorization", "");
    EXPECT_TRUE(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDPROVIDERSTEST/"))
        << authorization;
    EXPECT_NE(authorization.find("/us-west-2/bedrock/aws4_request"), std::string::npos);
    EXPECT_NE(authorization.find("x-amz-security-token"), std::string::npos) << authorization;
    EXPECT_EQ(seen["headers"].value("x-amz-security-token", ""), kAwsSessionToken);
    EXPECT_EQ(seen["aws_security_token"], true);
}

TEST_F(BedrockAuth, BedrockApiKeyIsABearerTokenWithoutSigV4) {
    const json seen = bedrock_request_seen({.bearer = true}, waits_.env());
    ASSERT_TRUE(seen.is_object());
    EXPECT_EQ(seen["headers"].value("authorization", ""), std::string("Bearer ") + kBedrockApiKey);
    EXPECT_FALSE(seen["headers"].contains("x-amz-date"));
    EXPECT_FALSE(seen["headers"].contains("x-amz-security-token"));
}

}  // namespace
}  // namespace swarm::test
