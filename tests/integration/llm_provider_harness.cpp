#include "llm_provider_harness.hpp"

#include "llm/curl_transport.hpp"
#include "support/http_client.hpp"
#include "support/test_paths.hpp"

#include <algorithm>
#include <utility>

namespace swarm::test {

std::string model_for(const std::string& provider) {
    if (provider == "openai") {
        return "gpt-4o-mini";
    }
    if (provider == "anthropic") {
        return "claude-3-5-haiku-latest";
    }
    return "anthropic.claude-3-haiku-20240307-v1:0";
}

llm::RetryEnv RecordedWaits::env() {
    llm::RetryEnv env;
    env.sleep = [state = state_](std::chrono::milliseconds delay, const std::stop_token& stop) {
        const std::lock_guard lock(state->mutex);
        state->waits.push_back(delay);
        return !stop.stop_requested();
    };
    env.jitter_seed = 42;
    return env;
}

std::vector<std::chrono::milliseconds> RecordedWaits::waits() const {
    const std::lock_guard lock(state_->mutex);
    return state_->waits;
}

FakeLlmProcess& shared_fake_llm() {
    static FakeLlmProcess fake(fixture("fake-llm/providers/script.json"));
    return fake;
}

llm::ProviderConfig provider_config(const std::string& provider, const ClientOptions& options,
                                    const llm::RetryEnv& env) {
    llm::ProviderConfig config;
    config.provider = provider;
    config.model = model_for(provider);
    config.base_url = shared_fake_llm().base_url() + (provider == "openai" ? "/v1" : "");
    if (provider == "bedrock") {
        config.region = kAwsRegion;
        if (options.bearer) {
            config.api_key = kBedrockApiKey;
        } else {
            config.aws_access_key_id = kAwsAccessKeyId;
            config.aws_secret_access_key = kAwsSecret;
            config.aws_session_token = options.session_token ? kAwsSessionToken : "";
        }
    } else {
        config.api_key = kApiKey;
    }
    // Hang guards only: no test relies on these passing except the idle timeout it sets itself.
    config.timeouts.connect = std::chrono::seconds(5);
    config.timeouts.idle = options.idle;
    config.timeouts.total = std::chrono::seconds(30);
    config.retry.max_retries = 2;
    config.retry.base = std::chrono::milliseconds(10);
    config.retry.cap = std::chrono::milliseconds(40);
    config.retry.jitter = 0;
    config.retry_env = env;
    return config;
}

std::shared_ptr<core::LlmClient> make_client(const std::string& provider,
                                             const ClientOptions& options,
                                             const llm::RetryEnv& env) {
    auto client = llm::make_llm_client(provider_config(provider, options, env),
                                       std::make_shared<llm::CurlTransport>(), nullptr);
    return client ? *client : nullptr;
}

core::LlmRequest text_request(const std::string& agent, int max_tokens) {
    core::LlmRequest request;
    request.system = "You write short, friendly answers.";
    request.messages = {{core::LlmRole::kUser, "Tell me about the fox."}};
    request.max_tokens = max_tokens;
    request.temperature = 0.5;
    request.agent = agent;
    return request;
}

std::int64_t fake_input_tokens(const core::LlmRequest& request) {
    std::string prompt = request.system;
    for (const auto& message : request.messages) {
        prompt += (prompt.empty() ? "" : "\n") + message.text;
    }
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(prompt.size() / 4));
}

std::string Call::joined() const {
    std::string text;
    for (const auto& delta : deltas) {
        text += delta;
    }
    return text;
}

Call run_call(core::LlmClient& client, const core::LlmRequest& request, std::stop_token stop) {
    Call call;
    call.result = client.complete(
        request, [&call](std::string_view delta) { call.deltas.emplace_back(delta); },
        std::move(stop));
    return call;
}

nlohmann::json fake_requests() {
    const auto reply = http_request(shared_fake_llm().port(), "GET", "/_fake/requests");
    auto json = nlohmann::json::parse(reply.body, nullptr, false);
    return reply.status == 200 && json.is_array() ? json : nlohmann::json::array();
}

void reset_fake() {
    const auto reply = http_request(shared_fake_llm().port(), "POST", "/_fake/reset");
    ASSERT_EQ(reply.status, 200) << reply.body;
}

std::string error_message(const Call& call) {
    return call.result ? std::string() : call.result.error().message;
}

void FakeLlmTest::SetUp() {
    ASSERT_NE(shared_fake_llm().port(), 0) << "fake-llm did not start";
    reset_fake();
}

}  // namespace swarm::test
