// Replays every hand-written stream under tests/fixtures/llm/{openai,anthropic} through the real
// client, whole, split at every byte into two pieces and in random pieces, and compares each
// result with the fixture's .expected.json.
#include "llm/anthropic_client.hpp"
#include "llm/openai_client.hpp"
#include "scripted_transport.hpp"
#include "support/test_paths.hpp"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;

struct Decoded {
    core::Result<core::LlmResponse> result;
    std::string deltas;
};

Decoded replay(const std::string& provider, std::vector<std::string> pieces) {
    auto transport = std::make_shared<test::ScriptedTransport>(
        std::vector<test::ScriptedReply>{test::sse_reply(std::move(pieces))});
    RetryPolicy no_retries;
    no_retries.max_retries = 0;
    std::unique_ptr<core::LlmClient> client;
    if (provider == "openai") {
        OpenAiConfig config;
        config.model = "gpt-4o-mini";
        config.retry = no_retries;
        client = std::make_unique<OpenAiClient>(config, transport);
    } else {
        AnthropicConfig config;
        config.model = "claude-sonnet-4-5";
        config.api_key = "key";
        config.retry = no_retries;
        client = std::make_unique<AnthropicClient>(config, transport);
    }
    core::LlmRequest request;
    request.messages = {{core::LlmRole::kUser, "twelve chars"}};
    Decoded out{core::LlmResponse{}, {}};
    out.result =
        client->complete(request, [&out](std::string_view delta) { out.deltas.append(delta); }, {});
    return out;
}

void expect_matches(const Decoded& got, const Json& expected, const std::string& where) {
    EXPECT_EQ(got.deltas, expected.at("deltas").get<std::string>()) << where;
    if (expected.contains("error")) {
        ASSERT_FALSE(got.result) << where << ": expected an error";
        EXPECT_EQ(core::to_string(got.result.error().code), expected.at("error").get<std::string>())
            << where << ": " << got.result.error().message;
        EXPECT_NE(
            got.result.error().message.find(expected.at("message_contains").get<std::string>()),
            std::string::npos)
            << where << ": " << got.result.error().message;
        return;
    }
    ASSERT_TRUE(got.result) << where << ": " << got.result.error().message;
    EXPECT_EQ(got.result->text, expected.at("text").get<std::string>()) << where;
    EXPECT_EQ(got.result->stop_reason, expected.at("stop_reason").get<std::string>()) << where;
    EXPECT_EQ(got.result->usage.input_tokens, expected.at("input_tokens").get<std::int64_t>())
        << where;
    EXPECT_EQ(got.result->usage.output_tokens, expected.at("output_tokens").get<std::int64_t>())
        << where;
    EXPECT_EQ(got.result->usage.usage_estimated, expected.at("usage_estimated").get<bool>())
        << where;
}

class StreamFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(StreamFixture, SameResultHoweverTheBytesAreSplit) {
    const std::string provider = GetParam();
    const auto folder = test::fixture("llm/" + provider);
    int fixtures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".sse") {
            continue;
        }
        ++fixtures;
        const std::string name = entry.path().filename().string();
        const std::string stream = test::read_file(entry.path());
        auto expected_path = entry.path();
        expected_path.replace_extension(".expected.json");
        const Json expected = Json::parse(test::read_file(expected_path));

        expect_matches(replay(provider, {stream}), expected, name + " whole");
        for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
            expect_matches(replay(provider, {stream.substr(0, cut), stream.substr(cut)}), expected,
                           name + " cut at " + std::to_string(cut));
            if (::testing::Test::HasFailure()) {
                return;  // one broken split is enough to read
            }
        }
        std::mt19937 rng(7);
        for (int round = 0; round < 5; ++round) {
            std::vector<std::string> pieces;
            for (std::size_t at = 0; at < stream.size();) {
                const std::size_t size = std::uniform_int_distribution<std::size_t>(1, 9)(rng);
                pieces.push_back(stream.substr(at, size));
                at += size;
            }
            expect_matches(replay(provider, pieces), expected,
                           name + " random round " + std::to_string(round));
        }
    }
    EXPECT_GE(fixtures, 8) << "fixtures missing under " << folder;
}

INSTANTIATE_TEST_SUITE_P(Providers, StreamFixture, ::testing::Values("openai", "anthropic"));

}  // namespace
}  // namespace swarm::llm
