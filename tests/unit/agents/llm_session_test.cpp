// One job's model calls: coalesced streaming, raw outputs, usage, budget and cancellation.
#include "core/agents/llm_session.hpp"

#include "unit/agents/llm_test_fixtures.hpp"

#include <gtest/gtest.h>

namespace swarm::core::agents {
namespace {

using test::reply;

struct SessionHarness {
    test::FakeClock clock{std::chrono::system_clock::time_point{}};
    test::RecordingEventSink events;
    test::RecordingRawOutputStore raw{events};
    std::stop_source stop;

    LlmSession session(JobBudget budget = {}) {
        return LlmSession(LlmSessionDeps{events, clock, &raw, "j", stop.get_token(), budget});
    }

    static LlmRequest request(std::string agent = "writer:twitter") {
        LlmRequest r;
        r.agent = std::move(agent);
        r.messages.push_back(LlmMessage{LlmRole::kUser, "hi"});
        return r;
    }

    std::vector<std::string> progress() const {
        std::vector<std::string> out;
        for (const auto& e : events.events()) {
            EXPECT_EQ(e.type, EventType::kAgentProgress);
            out.push_back(e.message);
        }
        return out;
    }
};

const CallLabel kLabel{"writer", Platform::kTwitter, "writer_system@1+writer_twitter@1"};

TEST(LlmSession, DeltasAreCoalescedInOrderAndStoredVerbatim) {
    SessionHarness h;
    test::ScriptedLlmClient client(true, 3);
    std::string text;
    for (int i = 0; i < 40; ++i) {
        text += "word" + std::to_string(i) + " ";
    }
    client.script("writer", {reply(text)});
    auto s = h.session();
    auto r = s.call(client, SessionHarness::request(), kLabel);
    ASSERT_TRUE(r.has_value());
    const auto messages = h.progress();
    std::string joined;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        joined += messages[i];
        if (i + 1 < messages.size()) {
            EXPECT_GE(messages[i].size(), kProgressFlushChars);
            EXPECT_LT(messages[i].size(), kProgressFlushChars + 3);
        }
    }
    EXPECT_EQ(joined, text);
    for (const auto& e : h.events.events()) {
        EXPECT_EQ(e.agent, "writer");
        EXPECT_EQ(e.platform, Platform::kTwitter);
    }
    ASSERT_EQ(h.raw.records().size(), 1U);
    EXPECT_EQ(h.raw.records()[0].text, text);
    EXPECT_EQ(h.raw.records()[0].agent, "writer:twitter prompt=writer_system@1+writer_twitter@1");
    EXPECT_EQ(s.usage().model_calls, 1);
    EXPECT_EQ(s.usage().output_tokens, static_cast<std::int64_t>(text.size() / 4));
}

TEST(LlmSession, AProviderThatDoesNotStreamStillShowsItsText) {
    SessionHarness h;
    test::ScriptedLlmClient client(true, 0);
    client.script("writer", {reply("short answer")});
    auto s = h.session();
    ASSERT_TRUE(s.call(client, SessionHarness::request(), kLabel).has_value());
    EXPECT_EQ(h.progress(), std::vector<std::string>{"short answer"});
}

TEST(LlmSession, AFailedCallKeepsWhatItStreamed) {
    SessionHarness h;
    test::ScriptedLlmClient client;
    auto partial = test::error_reply(ErrorCode::kUnavailable, "connection reset");
    partial.text = "half a post";
    client.script("writer", {partial});
    auto s = h.session();
    auto r = s.call(client, SessionHarness::request(), kLabel);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE(is_budget_error(r.error()));
    ASSERT_EQ(h.raw.records().size(), 1U);
    EXPECT_EQ(h.raw.records()[0].text, "half a post");
    EXPECT_NE(h.raw.records()[0].agent.find("error=unavailable"), std::string::npos);
}

TEST(LlmSession, TokenBudgetRefusesTheNextCall) {
    SessionHarness h;
    test::ScriptedLlmClient client;
    client.script("writer", {reply(std::string(400, 'x'))});  // 100 in + 100 out
    auto s = h.session(JobBudget{150, 0, std::chrono::seconds{0}});
    ASSERT_TRUE(s.call(client, SessionHarness::request(), kLabel).has_value());
    EXPECT_EQ(s.budget_exceeded(), "budget exceeded: tokens 200 > 150");
    auto refused = s.call(client, SessionHarness::request(), kLabel);
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(is_budget_error(refused.error()));
    EXPECT_EQ(refused.error().message, "budget exceeded: tokens 200 > 150");
    EXPECT_EQ(client.requests().size(), 1U);
    EXPECT_EQ(s.take_notes(), std::vector<std::string>{"budget exceeded: tokens 200 > 150"});
}

TEST(LlmSession, WallTimeBudgetBoundsTheDeadlineAndThenRefuses) {
    SessionHarness h;
    test::ScriptedLlmClient client;
    client.script("writer", {reply("ok")});
    auto s = h.session(JobBudget{0, 0, std::chrono::seconds{60}});
    h.clock.advance(std::chrono::seconds{20});
    ASSERT_TRUE(s.call(client, SessionHarness::request(), kLabel).has_value());
    EXPECT_EQ(client.requests()[0].deadline, std::chrono::milliseconds{40000});
    h.clock.advance(std::chrono::seconds{41});
    auto refused = s.call(client, SessionHarness::request(), kLabel);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message, "budget exceeded: wall time 61s >= 60s");
}

TEST(LlmSession, ACancelledJobMakesNoCall) {
    SessionHarness h;
    test::ScriptedLlmClient client;
    client.script("writer", {reply("ok")});
    auto s = h.session();
    h.stop.request_stop();
    auto r = s.call(client, SessionHarness::request(), kLabel);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kCancelled);
    EXPECT_TRUE(client.requests().empty());
}

}  // namespace
}  // namespace swarm::core::agents
