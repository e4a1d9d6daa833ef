// Shared by the provider integration suites: one fake-llm per test binary (fixture script
// providers/script.json), real CurlTransport clients for each provider, and a recording sleeper.
#pragma once

#include "core/ports/llm_client.hpp"
#include "llm/client_factory.hpp"
#include "llm/retry_policy.hpp"
#include "support/fake_llm_process.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {

/// Recognizable credentials: none of them may ever appear in an error message.
inline constexpr const char* kApiKey = "sk-test-PROVIDERS-do-not-leak-7f3a";
inline constexpr const char* kAwsAccessKeyId = "AKIDPROVIDERSTEST";
inline constexpr const char* kAwsSecret = "aws-secret-PROVIDERS-do-not-leak-9c1e";
inline constexpr const char* kAwsSessionToken = "session-token-PROVIDERS-4d2b";
inline constexpr const char* kBedrockApiKey = "bedrock-key-PROVIDERS-do-not-leak-5e8f";
inline constexpr const char* kAwsRegion = "us-west-2";

/// The scripted reply for agent "text" (fixture providers/fox.txt) and its word-ish pieces.
inline constexpr const char* kFoxText = "The quick brown fox jumps over the lazy dog, twice.";
inline constexpr std::size_t kFoxPieces = 10;
inline constexpr const char* kRecoveredText = "Recovered after one failed attempt.";

/// "openai", "anthropic", "bedrock": the parameter of every provider suite.
inline std::vector<std::string> all_providers() {
    return {"openai", "anthropic", "bedrock"};
}

/// gpt-4o-mini, claude-3-5-haiku-latest, or a Bedrock id with a ':' (percent-encoded on the wire).
std::string model_for(const std::string& provider);

struct ClientOptions {
    std::chrono::milliseconds idle{5'000};
    bool session_token = false;  // bedrock SigV4 with temporary credentials
    bool bearer = false;         // bedrock: a Bedrock API key instead of SigV4
};

/// Records every retry wait instead of sleeping (thread-safe; shared by copies of the env).
class RecordedWaits {
public:
    llm::RetryEnv env();
    std::vector<std::chrono::milliseconds> waits() const;

private:
    struct State {
        std::mutex mutex;
        std::vector<std::chrono::milliseconds> waits;
    };

    std::shared_ptr<State> state_ = std::make_shared<State>();
};

/// The started fake-llm, shared by every test of the binary (the destructor at exit stops it).
FakeLlmProcess& shared_fake_llm();

/// Builds ProviderConfig for `provider` against the shared fake-llm.
llm::ProviderConfig provider_config(const std::string& provider, const ClientOptions& options,
                                    const llm::RetryEnv& env);

/// A client on a real CurlTransport; retries: 2, backoff 10 ms (no jitter), waits recorded.
std::shared_ptr<core::LlmClient> make_client(const std::string& provider,
                                             const ClientOptions& options,
                                             const llm::RetryEnv& env);

/// One user message with a system prompt, sent as `agent`.
core::LlmRequest text_request(const std::string& agent, int max_tokens = 64);

/// Input tokens fake-llm reports for `request`: max(1, (system + "\n" + messages) / 4).
std::int64_t fake_input_tokens(const core::LlmRequest& request);

struct Call {
    core::Result<core::LlmResponse> result;
    std::vector<std::string> deltas;
    std::string joined() const;
};

Call run_call(core::LlmClient& client, const core::LlmRequest& request, std::stop_token stop = {});

/// GET /_fake/requests (array, oldest first); POST /_fake/reset.
nlohmann::json fake_requests();
void reset_fake();

/// The message of a failed call, or "" for a success (so assertions print something useful).
std::string error_message(const Call& call);

/// Base of the suites: checks fake-llm is up and clears its records and counters.
class FakeLlmTest : public ::testing::Test {
protected:
    void SetUp() override;
    RecordedWaits waits_;
};

/// Parametrized by provider name.
class ProviderTest : public FakeLlmTest, public ::testing::WithParamInterface<std::string> {
protected:
    static const std::string& provider() { return GetParam(); }
};

}  // namespace swarm::test
