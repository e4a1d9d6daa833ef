// Every fault fake-llm injects, for each provider over real libcurl: what is retried and recovers,
// what fails at once with which code, and that nothing is retried once text reached the caller.
#include "llm_provider_harness.hpp"

#include <string>
#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using FaultParam = std::tuple<std::string, std::string>;  // provider, fault

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// A failed call's message names provider and model and carries no credential.
void expect_clean_error(const Call& call, const std::string& provider) {
    ASSERT_FALSE(call.result) << "unexpected success: " << call.result->text;
    const auto& error = call.result.error();
    EXPECT_TRUE(contains(error.message, provider)) << error.message;
    EXPECT_TRUE(contains(error.message, "\"" + model_for(provider) + "\"")) << error.message;
    for (const char* secret : {kApiKey, kAwsSecret, kAwsSessionToken, kBedrockApiKey}) {
        EXPECT_FALSE(contains(error.message, secret)) << error.message;
        EXPECT_FALSE(contains(error.detail, secret)) << error.detail;
    }
}

std::string param_name(const ::testing::TestParamInfo<FaultParam>& info) {
    return std::get<0>(info.param) + "_" + std::get<1>(info.param);
}

class FaultTest : public FakeLlmTest, public ::testing::WithParamInterface<FaultParam> {
protected:
    static const std::string& provider() { return std::get<0>(GetParam()); }

    static const std::string& fault() { return std::get<1>(GetParam()); }

    /// A short idle timeout only where a stall has to be detected.
    static ClientOptions options() {
        ClientOptions options;
        if (fault() == "stall") {
            options.idle = milliseconds(300);
        }
        return options;
    }
};

// --- Retried before any text reached the caller, and the second attempt succeeds. ---

class RecoveringFault : public FaultTest {};

TEST_P(RecoveringFault, RetriesOnceAndRecovers) {
    const auto client = make_client(provider(), options(), waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("recover:" + fault()));

    ASSERT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.result->text, kRecoveredText);
    EXPECT_EQ(call.joined(), kRecoveredText);  // the failed attempt published nothing
    EXPECT_EQ(call.result->attempts, 2);
    EXPECT_EQ(call.result->stop_reason, "stop");

    const auto waits = waits_.waits();
    ASSERT_EQ(waits.size(), 1U);
    // 429 carries retry-after: 2 (retry-after-ms: 2000); the others wait the 10 ms backoff.
    EXPECT_EQ(waits[0], fault() == "429" ? milliseconds(2'000) : milliseconds(10));

    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 2U) << seen.dump();
    EXPECT_EQ(seen[0]["fault"], fault());
    EXPECT_EQ(seen[0]["agent"], "recover:" + fault());
    EXPECT_EQ(seen[1]["fault"], "");
    EXPECT_EQ(seen[1]["status_sent"], 200);
    if (fault() == "429" || fault() == "500") {
        EXPECT_EQ(seen[0]["status_sent"], std::stoi(fault()));
    } else if (fault() == "529") {
        EXPECT_EQ(seen[0]["status_sent"], provider() == "bedrock" ? 503 : 529);
    }
}

INSTANTIATE_TEST_SUITE_P(Providers, RecoveringFault,
                         ::testing::Combine(::testing::ValuesIn(all_providers()),
                                            ::testing::Values("429", "500", "529", "disconnect",
                                                              "mid_stream_error", "stall")),
                         param_name);

// --- Refused at once: no retry, the right code, a message safe to show. ---

class RefusingFault : public FaultTest {};

TEST_P(RefusingFault, FailsAtOnceWithoutLeakingTheKey) {
    const auto client = make_client(provider(), options(), waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("fail:" + fault()));

    expect_clean_error(call, provider());
    ASSERT_FALSE(call.result);
    const bool quota = fault() == "insufficient_quota";
    EXPECT_EQ(call.result.error().code,
              quota ? core::ErrorCode::kResourceExhausted : core::ErrorCode::kUpstream)
        << call.result.error().message;
    const int status = quota ? (provider() == "openai"      ? 429
                                : provider() == "anthropic" ? 402
                                                            : 400)
                             : (provider() == "bedrock" ? 403 : 401);
    EXPECT_TRUE(contains(call.result.error().message, "HTTP " + std::to_string(status)))
        << call.result.error().message;
    EXPECT_TRUE(call.deltas.empty());
    EXPECT_TRUE(waits_.waits().empty());
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U) << seen.dump();
    EXPECT_EQ(seen[0]["status_sent"], status);
}

INSTANTIATE_TEST_SUITE_P(Providers, RefusingFault,
                         ::testing::Combine(::testing::ValuesIn(all_providers()),
                                            ::testing::Values("401", "insufficient_quota")),
                         param_name);

// --- After text reached the caller: the call fails cleanly and is never retried. ---

class LateFault : public FaultTest {
protected:
    static core::ErrorCode expected_code() {
        if (fault() == "malformed_chunk") {
            return core::ErrorCode::kUpstream;
        }
        return fault() == "stall" ? core::ErrorCode::kDeadlineExceeded
                                  : core::ErrorCode::kUnavailable;
    }

    /// The tokens sent before the fault.
    static std::string expected_text() {
        return fault() == "disconnect" ? "one two three" : "one two";
    }
};

TEST_P(LateFault, FailsWithoutRetryAfterDeltas) {
    const auto client = make_client(provider(), options(), waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("late:" + fault()));

    expect_clean_error(call, provider());
    ASSERT_FALSE(call.result);
    EXPECT_EQ(call.result.error().code, expected_code()) << call.result.error().message;
    EXPECT_EQ(call.joined(), expected_text());
    EXPECT_TRUE(waits_.waits().empty());
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U) << seen.dump();  // exactly one request: no retry after deltas
    EXPECT_EQ(seen[0]["fault"], fault());
    if (fault() == "mid_stream_error") {
        const std::string type = provider() == "openai"      ? "server_error"
                                 : provider() == "anthropic" ? "overloaded_error"
                                                             : "throttlingException";
        EXPECT_TRUE(contains(call.result.error().message, type)) << call.result.error().message;
    } else if (fault() == "malformed_chunk") {
        EXPECT_TRUE(contains(call.result.error().message, "malformed"))
            << call.result.error().message;
    }
}

INSTANTIATE_TEST_SUITE_P(Providers, LateFault,
                         ::testing::Combine(::testing::ValuesIn(all_providers()),
                                            ::testing::Values("disconnect", "mid_stream_error",
                                                              "malformed_chunk", "stall")),
                         param_name);

// --- Bedrock's event-stream CRCs. ---

class BedrockCrc : public FakeLlmTest {};

TEST_F(BedrockCrc, CorruptFrameIsRejectedAndNeverPublished) {
    const auto client = make_client("bedrock", {}, waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("late:bad_crc"));

    expect_clean_error(call, "bedrock");
    ASSERT_FALSE(call.result);
    EXPECT_EQ(call.result.error().code, core::ErrorCode::kUpstream);
    EXPECT_TRUE(contains(call.result.error().message, "crc")) << call.result.error().message;
    // The corrupted frame carried " three": it must not reach the caller.
    EXPECT_EQ(call.joined(), "one two");
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U) << seen.dump();
    EXPECT_EQ(seen[0]["fault"], "bad_crc");
}

TEST_F(BedrockCrc, CorruptFrameBeforeAnyDeltaIsRetried) {
    const auto client = make_client("bedrock", {}, waits_.env());
    ASSERT_NE(client, nullptr);
    const Call call = run_call(*client, text_request("recover:bad_crc"));

    ASSERT_TRUE(call.result) << error_message(call);
    EXPECT_EQ(call.result->attempts, 2);
    EXPECT_EQ(call.joined(), kRecoveredText);
    EXPECT_EQ(fake_requests().size(), 2U);
}

}  // namespace
}  // namespace swarm::test
