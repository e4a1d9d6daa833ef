#include "core/agents/llm_session.hpp"
#include "unit/agents/llm_test_fixtures.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using test::has_note;
using test::ModelHarness;
using test::reply;

const std::vector<Platform> kAll{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};

std::string id(Platform p) {
    return std::string(to_string(p));
}

/// Every platform delivered, each item clean, streamed and stored before it was read.
void expect_delivered_and_streamed(const ModelHarness& h, const Job& job,
                                   const std::vector<std::string>& replies) {
    EXPECT_EQ(job.status, JobStatus::kSucceeded) << ::testing::PrintToString(job.notes);
    ASSERT_EQ(job.items.size(), 3U) << ::testing::PrintToString(job.notes);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(job.items[i].platform, kAll[i]);
        EXPECT_EQ(job.items[i].id, "job1-" + id(kAll[i]));
        EXPECT_FALSE(test::has_error_issue(job.items[i])) << job.items[i].id;
        EXPECT_TRUE(job.items[i].schedule.has_value());
    }
    EXPECT_TRUE(job.missing_platforms.empty());
    EXPECT_FALSE(has_note(job, "rewrite")) << ::testing::PrintToString(job.notes);
    std::string all_replies;
    for (const auto& r : replies) {
        all_replies += r;
    }
    std::string streamed;
    for (const auto& e : h.events.events()) {
        if (e.type == EventType::kAgentProgress && e.agent == "writer") {
            streamed += e.message;
        }
    }
    EXPECT_EQ(streamed.size(), all_replies.size());
    const auto records = h.raw.records();
    ASSERT_EQ(records.size(), replies.size());
    for (const auto& r : records) {
        EXPECT_EQ(r.job_id, "job1");
        EXPECT_NE(std::find(replies.begin(), replies.end(), r.text), replies.end()) << r.agent;
    }
}

/// The replies a good job's writer calls get, per platform in call order: one per platform, the
/// deck's two parts (it has 12 slides, so it is written in two halves).
std::vector<std::string> writer_replies(Platform p) {
    if (p == Platform::kPitchDeck) {
        return {test::json_deck_part(1), test::json_deck_part(2)};
    }
    return {test::json_reply(p)};
}

TEST(ModelPipeline, ParallelModeDeliversEveryPlatformAndStreamsEachCall) {
    ModelHarness h;
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value()) << job.error().message;
    std::vector<std::string> replies;
    for (const auto p : kAll) {
        const auto mine = writer_replies(p);
        replies.insert(replies.end(), mine.begin(), mine.end());
        // Each call's deltas, concatenated in call order, equal its reply: the deck's second
        // part, asked at the same time, is shown after the first, never interleaved with it.
        std::string expected;
        for (const auto& r : mine) {
            expected += r;
        }
        EXPECT_EQ(h.progress("writer", p), expected) << id(p);
        const auto requests = h.writer->requests_for("writer:" + id(p));
        ASSERT_EQ(requests.size(), mine.size());
        for (const auto& r : requests) {
            ASSERT_TRUE(r.structured.has_value());
            EXPECT_FALSE(r.system.empty());
        }
    }
    expect_delivered_and_streamed(h, *job, replies);
    // The halves joined in order are the whole deck.
    const auto& deck = job->items[2];
    const auto& want = test::clean(Platform::kPitchDeck).parts;
    ASSERT_EQ(deck.parts.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(deck.parts[i].title, want[i].title) << i;
    }
    EXPECT_EQ(job->usage.model_calls, 4);
    EXPECT_EQ(job->usage.input_tokens, h.writer->usage().input_tokens);
    EXPECT_EQ(job->usage.output_tokens, h.writer->usage().output_tokens);
    EXPECT_DOUBLE_EQ(job->usage.cost_usd, h.writer->usage().cost_usd);
}

TEST(ModelPipeline, ProgressEventsAreCoalescedButNeverSplitAcrossCalls) {
    ModelHarness h;
    h.script_good_writers();
    ASSERT_TRUE(h.run().has_value());
    for (const auto p : kAll) {
        std::vector<std::string> messages;
        for (const auto& e : h.events.events()) {
            if (e.type == EventType::kAgentProgress && e.agent == "writer" && e.platform == p) {
                messages.push_back(e.message);
            }
        }
        ASSERT_FALSE(messages.empty());
        // Walk the calls in order: every message lies within one call's reply, and only a
        // call's last message may be shorter than the flush size.
        std::size_t m = 0;
        std::size_t total = 0;
        for (const auto& reply : writer_replies(p)) {
            std::size_t covered = 0;
            while (covered < reply.size()) {
                ASSERT_LT(m, messages.size()) << id(p);
                ASSERT_EQ(reply.compare(covered, messages[m].size(), messages[m]), 0)
                    << id(p) << ": a message is not the next piece of one call's reply";
                covered += messages[m].size();
                if (covered < reply.size()) {
                    EXPECT_GE(messages[m].size(), agents::kProgressFlushChars) << id(p);
                }
                ++m;
            }
            total += reply.size();
        }
        EXPECT_EQ(m, messages.size()) << id(p);
        // 7-character deltas: coalescing keeps the count far below one event per delta.
        EXPECT_LT(messages.size(), total / 7);
    }
}

TEST(ModelPipeline, RawOutputsAreStoredWithPromptVersionsBeforeTheWriterFinishes) {
    ModelHarness h;
    h.script_good_writers();
    ASSERT_TRUE(h.run().has_value());
    const auto records = h.raw.records();
    const auto before = h.raw.events_before();
    const auto events = h.events.events();
    ASSERT_EQ(records.size(), 4U);
    for (std::size_t i = 0; i < records.size(); ++i) {
        ASSERT_TRUE(records[i].platform.has_value());
        const auto p = *records[i].platform;
        const auto file = p == Platform::kPitchDeck ? "writer_pitch_deck_part" : "writer_" + id(p);
        EXPECT_EQ(records[i].agent,
                  fmt::format("writer:{} prompt=writer_system@1+{}@1", id(p), file));
        const auto mine = writer_replies(p);
        EXPECT_NE(std::find(mine.begin(), mine.end(), records[i].text), mine.end()) << id(p);
        const auto finished = std::find_if(events.begin(), events.end(), [&](const JobEvent& e) {
            return e.type == EventType::kAgentFinished && e.agent == "writer" && e.platform == p;
        });
        ASSERT_NE(finished, events.end());
        // before[i] events existed when the reply was stored; the finished event at index
        // before[i] or later did not exist yet, so the reply was stored before the writer finished.
        EXPECT_LE(before[i], static_cast<std::size_t>(finished - events.begin()));
    }
}

TEST(ModelPipeline, SequentialModeMakesTheSameCallsOneAfterAnother) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSequential;
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    std::vector<std::string> agents;
    std::vector<std::string> replies;
    for (const auto& r : h.writer->requests()) {
        agents.push_back(r.agent);
    }
    EXPECT_EQ(agents, (std::vector<std::string>{"writer:linkedin", "writer:twitter",
                                                "writer:pitch_deck", "writer:pitch_deck"}));
    for (const auto p : kAll) {
        const auto mine = writer_replies(p);
        replies.insert(replies.end(), mine.begin(), mine.end());
    }
    expect_delivered_and_streamed(h, *job, replies);
    // Sequential: all of one call's progress comes before the next call's.
    std::string streamed;
    for (const auto& e : h.events.events()) {
        if (e.type == EventType::kAgentProgress && e.agent == "writer") {
            streamed += e.message;
        }
    }
    EXPECT_EQ(streamed, replies[0] + replies[1] + replies[2] + replies[3]);
}

TEST(ModelPipeline, SingleCallModeWritesEveryPlatformInOneCall) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSingleCall;
    const auto text = test::single_call_reply(kAll);
    h.writer->script("writer", {reply(text)});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    const auto requests = h.writer->requests();
    ASSERT_EQ(requests.size(), 1U) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(requests[0].agent, "writer");
    EXPECT_FALSE(requests[0].structured.has_value());
    EXPECT_EQ(h.progress("writer", std::nullopt), text);
    expect_delivered_and_streamed(h, *job, {text});
    EXPECT_EQ(h.raw.records()[0].agent, "writer prompt=writer_system@1+single_call@1");
    EXPECT_FALSE(h.raw.records()[0].platform.has_value());
}

}  // namespace
}  // namespace swarm::core
