// Models misbehaving the way real ones do; every job ends with each platform delivered after
// targeted rewrites, or partial naming what is missing and why. Never a silent drop, never
// reasoning or placeholders published.
#include "unit/agents/llm_test_fixtures.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using test::error_reply;
using test::has_note;
using test::ModelHarness;
using test::reply;
using test::user_text;

const std::vector<Platform> kAll{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};

std::string long_tweet() {
    std::string post = "Fieldnote re-plans the day when an emergency call comes in.";
    while (post.size() < 777) {
        post += " More detail about dispatch.";
    }
    return post.substr(0, 777);
}

std::string tweet_json(const std::string& post) {
    return nlohmann::json{{"posts", {post}}}.dump();
}

/// No published text holds the model's reasoning or a placeholder.
void expect_nothing_unpublishable(const Job& job) {
    for (const auto& item : job.items) {
        EXPECT_FALSE(test::has_error_issue(item)) << item.id;
        for (const auto& text : test::item_texts(item)) {
            EXPECT_EQ(text.find("Let me"), std::string::npos) << text;
            EXPECT_EQ(text.find("[Company Name]"), std::string::npos) << text;
        }
    }
}

/// Every platform is either delivered or missing with a note naming it.
void expect_no_silent_drop(const Job& job) {
    for (const auto p : job.brief.platforms) {
        const bool delivered = std::any_of(job.items.begin(), job.items.end(),
                                           [&](const ContentItem& i) { return i.platform == p; });
        const bool missing = std::find(job.missing_platforms.begin(), job.missing_platforms.end(),
                                       p) != job.missing_platforms.end();
        EXPECT_NE(delivered, missing) << to_string(p);
        if (missing) {
            EXPECT_TRUE(has_note(job, std::string(to_string(p)) + ": "))
                << ::testing::PrintToString(job.notes);
        }
    }
}

TEST(ModelMisbehaviour, SingleCallWithOnlyOnePlatformGetsTargetedRewritesForTheOthers) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSingleCall;
    h.writer->script("writer", {reply(test::single_call_reply({Platform::kLinkedIn}))});
    h.writer->script("writer:twitter", {reply(test::json_reply(Platform::kTwitter))});
    h.writer->script("writer:pitch_deck", {reply(test::json_reply(Platform::kPitchDeck))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(job->items.size(), 3U);
    for (const auto p : {Platform::kTwitter, Platform::kPitchDeck}) {
        const auto rewrites = h.writer->requests_for("writer:" + std::string(to_string(p)));
        ASSERT_EQ(rewrites.size(), 1U);
        const auto prompt = user_text(rewrites[0]);
        EXPECT_NE(prompt.find(std::string(spec(p).display_name)), std::string::npos);
        EXPECT_NE(prompt.find("parse.missing_section"), std::string::npos) << prompt;
        EXPECT_TRUE(has_note(*job, std::string(to_string(p)) + ": delivered after 1 rewrite"));
    }
    EXPECT_TRUE(h.writer->requests_for("writer:linkedin").empty());
    expect_no_silent_drop(*job);
}

TEST(ModelMisbehaviour, SingleCallMissingPlatformsThatNeverComeEndPartialNamingThem) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSingleCall;
    h.writer->script("writer", {reply(test::single_call_reply({Platform::kLinkedIn}))});
    h.writer->script("writer:twitter", {reply("Let me create an engaging thread for X now.")});
    h.writer->script("writer:pitch_deck", {reply(test::json_reply(Platform::kPitchDeck))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kTwitter});
    EXPECT_EQ(h.writer->requests_for("writer:twitter").size(), 2U);  // max_rewrites
    EXPECT_TRUE(has_note(*job, "twitter: missing after 2 rewrite(s): "))
        << ::testing::PrintToString(job->notes);
    expect_no_silent_drop(*job);
    expect_nothing_unpublishable(*job);
}

TEST(ModelMisbehaviour, ReasoningInsteadOfContentIsRewrittenNeverPublished) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:linkedin",
                     {reply("Let me create a LinkedIn post that highlights the re-planning "
                            "feature. I'll focus on the owners' pain first."),
                      reply(test::json_reply(Platform::kLinkedIn))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    const auto calls = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(calls.size(), 2U);
    const auto prompt = user_text(calls[1]);
    EXPECT_NE(prompt.find("LinkedIn (linkedin)"), std::string::npos);
    EXPECT_NE(prompt.find("parse.reasoning_only"), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("structured.invalid_json"), std::string::npos);
    expect_nothing_unpublishable(*job);
}

TEST(ModelMisbehaviour, ReasoningInsideTheJsonBodyIsRewritten) {
    ModelHarness h;
    h.script_good_writers();
    const std::string body = "Let me create a LinkedIn post about Fieldnote.\n\n" +
                             test::clean(Platform::kLinkedIn).body;
    h.writer->script("writer:linkedin",
                     {reply(nlohmann::json{{"body", body}, {"hashtags", {"#FieldService"}}}.dump()),
                      reply(test::json_reply(Platform::kLinkedIn))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    const auto calls = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(calls.size(), 2U);
    EXPECT_NE(user_text(calls[1]).find("content.leaked_reasoning"), std::string::npos);
    expect_nothing_unpublishable(*job);
}

TEST(ModelMisbehaviour, A777CharacterTweetIsRewrittenWithTheLengthIssue) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:twitter", {reply(tweet_json(long_tweet())),
                                        reply(test::json_reply(Platform::kTwitter))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    const auto calls = h.writer->requests_for("writer:twitter");
    ASSERT_EQ(calls.size(), 2U);
    const auto prompt = user_text(calls[1]);
    EXPECT_NE(prompt.find("X (Twitter) (twitter)"), std::string::npos);
    EXPECT_NE(prompt.find("x.too_long"), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("777"), std::string::npos);
    EXPECT_NE(prompt.find(long_tweet().substr(0, 60)), std::string::npos);  // previous attempt
    for (const auto& part : job->items[1].parts) {
        EXPECT_LE(part.body.size(), 280U);
    }
}

TEST(ModelMisbehaviour, ATweetThatStaysTooLongEndsPartialWithTheReason) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:twitter", {reply(tweet_json(long_tweet()))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kTwitter});
    EXPECT_EQ(h.writer->requests_for("writer:twitter").size(), 3U);  // 1 + max_rewrites
    EXPECT_TRUE(has_note(*job, "twitter: missing after 2 rewrite(s): x.too_long"))
        << ::testing::PrintToString(job->notes);
    EXPECT_EQ(job->items.size(), 2U);
    expect_no_silent_drop(*job);
}

TEST(ModelMisbehaviour, PlaceholdersAreRewritten) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:linkedin",
                     {reply(nlohmann::json{{"body", "[Company Name] helps field teams.\n\n" +
                                                        test::clean(Platform::kLinkedIn).body},
                                           {"hashtags", {"#FieldService"}}}
                                .dump()),
                      reply(test::json_reply(Platform::kLinkedIn))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    const auto calls = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(calls.size(), 2U);
    EXPECT_NE(user_text(calls[1]).find("content.placeholder"), std::string::npos);
    expect_nothing_unpublishable(*job);
}

TEST(ModelMisbehaviour, JsonInsideACodeFenceIsReadWithoutARewrite) {
    ModelHarness h;
    h.script_good_writers();
    for (const int part : {1, 2}) {
        h.writer->script(
            "writer:pitch_deck#part" + std::to_string(part),
            {reply("Here are my slides:\n\n```json\n" + test::json_deck_part(part) + "\n```\n")});
    }
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(h.writer->requests_for("writer:pitch_deck").size(), 2U);  // the parts, no rewrite
    EXPECT_EQ(job->items[2].parts.size(), test::clean(Platform::kPitchDeck).parts.size());
    EXPECT_EQ(job->items[2].parts[0].title, test::clean(Platform::kPitchDeck).parts[0].title);
}

TEST(ModelMisbehaviour, InvalidStructuredJsonInAPartFallsToTheParserThenToARewrite) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:pitch_deck#part1",
                     {reply(R"({"slides": [{"title": "Problem", "bull)")});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    const auto calls = h.writer->requests_for("writer:pitch_deck");
    ASSERT_EQ(calls.size(), 3U);  // two parts, then one rewrite of the whole deck
    const auto rewrite = std::find_if(calls.begin(), calls.end(), [](const LlmRequest& r) {
        return user_text(r).find("Write part ") == std::string::npos;
    });
    ASSERT_NE(rewrite, calls.end());
    const auto prompt = user_text(*rewrite);
    EXPECT_NE(prompt.find("Pitch deck (pitch_deck)"), std::string::npos);
    EXPECT_NE(prompt.find("structured.invalid_json"), std::string::npos) << prompt;
    EXPECT_EQ(job->items[2].parts.size(), test::clean(Platform::kPitchDeck).parts.size());
}

TEST(ModelMisbehaviour, APartThatWritesTheWholeDeckIsTakenAsTheDeck) {
    ModelHarness h;
    h.script_good_writers();
    // The model ignores the split: part 2 answers with all 12 slides, part 1 with its 6.
    h.writer->script("writer:pitch_deck#part2", {reply(test::json_reply(Platform::kPitchDeck))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(h.writer->requests_for("writer:pitch_deck").size(), 2U);
    EXPECT_EQ(job->items[2].parts.size(), test::clean(Platform::kPitchDeck).parts.size());
    EXPECT_FALSE(has_note(*job, "rewrite")) << ::testing::PrintToString(job->notes);
}

TEST(ModelMisbehaviour, PartsThatOverlapAreRewrittenAsAWholeDeck) {
    ModelHarness h;
    h.script_good_writers();
    // Both parts answer with the first half: 12 slides, but the second half is missing and the
    // first repeated. The joined deck is judged whole; a rewrite must not keep the duplicates.
    h.writer->script("writer:pitch_deck#part2", {reply(test::json_deck_part(1))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    const auto calls = h.writer->requests_for("writer:pitch_deck");
    ASSERT_GE(calls.size(), 2U);
    const auto& deck = job->items[2];
    const auto& want = test::clean(Platform::kPitchDeck).parts;
    ASSERT_EQ(deck.parts.size(), want.size());
    std::set<std::string> titles;
    for (const auto& slide : deck.parts) {
        EXPECT_TRUE(titles.insert(slide.title).second) << "a slide appears twice: " << slide.title;
    }
}

TEST(ModelMisbehaviour, TextFromAProviderWithoutStructuredOutputIsParsed) {
    ModelHarness h;
    h.writer = std::make_shared<test::ScriptedLlmClient>(false);
    h.llm.writer = h.writer;
    for (const auto p : kAll) {
        h.writer->script("writer:" + std::string(to_string(p)), {reply(test::text_reply(p))});
    }
    for (const int part : {1, 2}) {
        h.writer->script("writer:pitch_deck#part" + std::to_string(part),
                         {reply(test::text_deck_part(part))});
    }
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(h.writer->requests().size(), 4U);  // the deck in two parts
    for (const auto& r : h.writer->requests()) {
        EXPECT_FALSE(r.structured.has_value());
    }
    EXPECT_EQ(job->items[2].parts.size(), test::clean(Platform::kPitchDeck).parts.size());
}

TEST(ModelMisbehaviour, AProviderErrorForOneWriterFallsBackToTheOfflineWriter) {
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:twitter", {error_reply(ErrorCode::kUnavailable,
                                                    "openai gpt-x: HTTP 503 after 3 tries")});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    ASSERT_EQ(job->items.size(), 3U);
    EXPECT_EQ(job->items[1].platform, Platform::kTwitter);
    EXPECT_EQ(job->items[1].body, test::clean(Platform::kTwitter).body);
    EXPECT_TRUE(
        has_note(*job, "twitter: written offline after model error: openai gpt-x: HTTP 503"))
        << ::testing::PrintToString(job->notes);
    EXPECT_EQ(h.writer->requests_for("writer:twitter").size(), 1U);  // no rewrite of an error
}

TEST(ModelMisbehaviour, ABudgetExceededStopsIssuingCallsAndEndsPartial) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSequential;
    h.llm.budget.max_tokens = 150;
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial);
    EXPECT_EQ(h.writer->requests().size(), 1U);
    ASSERT_EQ(job->items.size(), 1U);
    EXPECT_EQ(job->items[0].platform, Platform::kLinkedIn);
    EXPECT_EQ(job->missing_platforms,
              (std::vector<Platform>{Platform::kTwitter, Platform::kPitchDeck}));
    const auto tokens = job->usage.total_tokens();
    EXPECT_GT(tokens, 150);
    const auto note = "budget exceeded: tokens " + std::to_string(tokens) + " > 150";
    EXPECT_TRUE(has_note(*job, "twitter: not written: " + note))
        << ::testing::PrintToString(job->notes);
    EXPECT_NE(std::find(job->notes.begin(), job->notes.end(), note), job->notes.end());
    EXPECT_EQ(job->usage.model_calls, 1);
}

TEST(ModelMisbehaviour, ABudgetExceededBeforeAnythingIsWrittenFailsTheJob) {
    ModelHarness h;
    h.llm.budget.max_cost_usd = 0.0001;
    h.llm.research = std::make_shared<test::ScriptedLlmClient>();
    auto research = std::static_pointer_cast<test::ScriptedLlmClient>(h.llm.research);
    research->script("research", {reply(R"({"angle":"","summary":"","ranked_facts":[]})")});
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kFailed);
    EXPECT_TRUE(h.writer->requests().empty());
    EXPECT_TRUE(has_note(*job, "linkedin: not written: budget exceeded: cost $0.0010 > $0.0001"))
        << ::testing::PrintToString(job->notes);
    expect_no_silent_drop(*job);
}

TEST(ModelMisbehaviour, CancellationReachesTheCallAndEndsTheJobPromptly) {
    ModelHarness h;
    h.llm.mode = LlmMode::kSequential;
    h.script_good_writers();
    auto first = reply(test::json_reply(Platform::kLinkedIn));
    first.on_call = [&h] {
        h.stop.request_stop();
    };
    h.writer->script("writer:linkedin", {first});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kCancelled);
    EXPECT_EQ(h.writer->requests().size(), 1U);  // no call after the stop
    EXPECT_TRUE(job->items.empty());
    EXPECT_EQ(job->missing_platforms, kAll);
    EXPECT_TRUE(has_note(*job, "cancelled"));
    const auto events = h.events.events();
    EXPECT_EQ(events.back().type, EventType::kJobFinished);
    EXPECT_EQ(events.back().message, "cancelled");
    EXPECT_TRUE(std::none_of(events.begin(), events.end(), [](const JobEvent& e) {
        return e.agent == "editor" || e.agent == "scheduler";
    }));
}

}  // namespace
}  // namespace swarm::core

namespace swarm::core {
namespace {

// Slot text in ordinary words (not on any placeholder keyword list), as a JSON body or as text:
// never published; a model that keeps answering so leaves the platform missing with the reason.
TEST(ModelMisbehaviour, SlotOnlyRepliesInAnyWordsAreNeverDelivered) {
    const std::vector<std::string> slot_replies{
        nlohmann::json{{"body", "[Hook about the pain point]\n\n[Story of a customer]\n\n[CTA]"},
                       {"hashtags", {"#FieldService"}}}
            .dump(),
        "### LinkedIn\n\n<opening_story_here>\n\n{benefit 1} - {benefit 2}\n\n[Your CTA] "
        "[hashtags]",
        nlohmann::json{{"body", "⟨opening line⟩ 🚀 【proof point】"}}.dump()};
    ModelHarness h;
    h.script_good_writers();
    std::vector<test::ScriptedReply> replies;
    replies.reserve(slot_replies.size());
    for (const auto& r : slot_replies) {
        replies.push_back(reply(r));
    }
    h.writer->script("writer:linkedin", std::move(replies));
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kLinkedIn});
    const auto calls = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(calls.size(), 3U);  // 1 + max_rewrites
    const auto prompt = user_text(calls[1]);
    EXPECT_TRUE(prompt.find("content.slot_only") != std::string::npos ||
                prompt.find("parse.placeholder") != std::string::npos)
        << prompt;
    for (const auto& item : job->items) {
        for (const auto& text : test::item_texts(item)) {
            EXPECT_EQ(text.find("[Hook"), std::string::npos) << text;
            EXPECT_EQ(text.find("{benefit"), std::string::npos) << text;
        }
    }
    expect_no_silent_drop(*job);
    expect_nothing_unpublishable(*job);
}

// A model that echoes its instructions (role, rules, WRONG/RIGHT examples under platform headers)
// is rewritten; the echoed text is never published.
TEST(ModelMisbehaviour, EchoedInstructionsAreRewrittenNeverPublished) {
    const std::string echoed =
        "You are a B2B copywriter.\n\nRules:\n- Keep it under 1,300 characters\n- Do not use "
        "more than 3 hashtags\n\nWRONG:\n### LinkedIn\nExcited to announce our new product!\n\n"
        "RIGHT:\n### LinkedIn\n[Specific hook with a number]\n";
    const std::string leaked_rules = nlohmann::json{
        {"body", test::clean(Platform::kLinkedIn).body + "\n\nMake sure the hook names a "
                                                         "concrete pain and avoid emojis."},
        {"hashtags", {"#FieldService"}}}.dump();
    ModelHarness h;
    h.script_good_writers();
    h.writer->script("writer:linkedin", {reply(echoed), reply(leaked_rules),
                                         reply(test::json_reply(Platform::kLinkedIn))});
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    const auto calls = h.writer->requests_for("writer:linkedin");
    ASSERT_EQ(calls.size(), 3U);
    EXPECT_NE(user_text(calls[1]).find("parse.example_section"), std::string::npos)
        << user_text(calls[1]);
    EXPECT_NE(user_text(calls[2]).find("content.instruction_leak"), std::string::npos)
        << user_text(calls[2]);
    for (const auto& item : job->items) {
        for (const auto& text : test::item_texts(item)) {
            for (const char* echo :
                 {"Excited to announce", "Make sure the hook", "Rules", "WRONG", "You are a"}) {
                EXPECT_EQ(text.find(echo), std::string::npos) << text;
            }
        }
    }
    expect_nothing_unpublishable(*job);
}

}  // namespace
}  // namespace swarm::core
