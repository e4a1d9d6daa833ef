#include "core/agents/editor.hpp"

#include "core/agents/research.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer.hpp"
#include "core/validate/validator.hpp"
#include "support/fakes.hpp"
#include "unit/agents/agent_fixtures.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using agents::count_words;
using agents::split_sentences;

std::string sentence(int i) {
    return "Our pilot crews in region " + std::to_string(i) +
           " finished their routes early and spent the spare hour on preventive maintenance.";
}

ContentItem linkedin(std::string body, std::vector<std::string> tags) {
    ContentItem item;
    item.platform = Platform::kLinkedIn;
    item.body = std::move(body);
    item.hashtags = std::move(tags);
    return item;
}

EditOutcome edit(ContentItem& item, const Brief& brief) {
    return edit_item(item, EditContext{brief, {}});
}

bool has_code(const Quality& q, std::string_view code) {
    return std::any_of(q.issues.begin(), q.issues.end(),
                       [&](const Issue& i) { return i.code == code; });
}

TEST(Editor, DropsSentencesWithBannedPhrases) {
    const Brief brief = test::sample_brief();
    auto item = linkedin(
        "Fieldnote re-plans a day in seconds.\n\nThis is a true game-changer for "
        "dispatchers. Dispatchers save 3 hours a day.\n\nStart a 14-day free "
        "trial at fieldnote.example",
        {"#FieldService", "#HVAC", "#Dispatch"});
    const auto outcome = edit(item, brief);
    EXPECT_EQ(item.body.find("game-changer"), std::string::npos);
    EXPECT_NE(item.body.find("Dispatchers save 3 hours a day."), std::string::npos);
    EXPECT_FALSE(outcome.repairs.empty());
    EXPECT_FALSE(has_code(item.quality, "brand.banned_phrase"));
}

TEST(Editor, AddsTheCallToActionAndFixesHashtags) {
    const Brief brief = test::sample_brief();
    auto item = linkedin("Fieldnote re-plans a day in seconds.\n\n#HVAC #hvac",
                         {"#HVAC", "#hvac", "#Dispatch", "#Plumbing", "#Routing", "#SaaS", "#X"});
    edit(item, brief);
    EXPECT_NE(item.body.find(brief.brand.call_to_action), std::string::npos);
    ASSERT_EQ(item.hashtags.size(), 5U);
    EXPECT_EQ(item.hashtags.front(), "#FieldService");
    EXPECT_EQ(std::count(item.hashtags.begin(), item.hashtags.end(), "#hvac"), 0);
    EXPECT_TRUE(item.body.ends_with("#FieldService #HVAC #Dispatch #Plumbing #Routing"))
        << item.body;
    EXPECT_FALSE(has_code(item.quality, "brand.missing_cta"));
    EXPECT_FALSE(has_code(item.quality, "brand.missing_hashtag"));
}

TEST(Editor, MovesAShorterSentenceUpWhenTheHookPassesTheFold) {
    const Brief brief = test::sample_brief();
    const std::string long_first =
        "Dispatchers at small and mid-sized service companies still plan the day on whiteboards "
        "and spreadsheets while technicians drive between jobs and customers wait for answers "
        "that nobody at the office can give them in time";
    ASSERT_GT(long_first.size(), 210U);
    auto item = linkedin(long_first +
                             "\n\nRoute Optimization cuts drive time by 24% on average."
                             "\n\nStart a 14-day free trial at fieldnote.example",
                         {"#FieldService", "#HVAC", "#Dispatch"});
    edit(item, brief);
    EXPECT_TRUE(item.body.starts_with("Route Optimization cuts drive time by 24% on average.\n\n"))
        << item.body;
    EXPECT_NE(item.body.find(long_first), std::string::npos);
    EXPECT_FALSE(has_code(item.quality, "linkedin.hook_after_fold"));
}

TEST(Editor, TrimsALongPostByDroppingSentencesWithoutAddingAny) {
    const Brief brief = test::sample_brief();
    std::string body = "Fieldnote re-plans a day in seconds.\n\n";
    for (int i = 0; i < 25; ++i) {
        body += sentence(i) + (i % 3 == 2 ? "\n\n" : " ");
    }
    body += "\n\nStart a 14-day free trial at fieldnote.example";
    const auto before = split_sentences(body);
    auto item = linkedin(body, {"#FieldService", "#HVAC", "#Dispatch"});
    ASSERT_GT(count_words(item.body), 300U);
    const auto outcome = edit(item, brief);
    EXPECT_LE(count_words(item.body), 300U);
    EXPECT_GE(count_words(item.body), 250U);
    EXPECT_NE(item.body.find(brief.brand.call_to_action), std::string::npos);
    const std::string text = item.body.substr(0, item.body.rfind("\n\n#"));  // no hashtag line
    for (const auto& s : split_sentences(text)) {
        EXPECT_NE(std::find(before.begin(), before.end(), s), before.end()) << s;
    }
    EXPECT_LE(outcome.rounds, kMaxEditRounds);
}

TEST(Editor, ResplitsAnXPostOverTheLimitAndNumbersTheThread) {
    const Brief brief = test::sample_brief();
    ContentItem item;
    item.platform = Platform::kTwitter;
    item.hashtags = {"#FieldService"};
    std::string long_post;
    for (int i = 0; i < 5; ++i) {
        long_post += sentence(i) + " ";
    }
    item.parts = {Part{{}, long_post, {}, {}},
                  Part{{}, brief.brand.call_to_action + "\n\n#FieldService", {}, {}}};
    edit(item, brief);
    ASSERT_GE(item.parts.size(), 3U);
    const auto n = item.parts.size();
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_LE(x_weighted_length(item.parts[i].body), 280U) << item.parts[i].body;
        EXPECT_TRUE(
            item.parts[i].body.starts_with(std::to_string(i + 1) + "/" + std::to_string(n) + " "));
    }
    EXPECT_NE(item.parts.back().body.find(brief.brand.call_to_action), std::string::npos);
    EXPECT_FALSE(has_code(item.quality, "x.too_long"));
    EXPECT_FALSE(has_code(item.quality, "x.thread_numbering"));
}

TEST(Editor, FixesDeckBulletsAndSlides) {
    const Brief brief = test::sample_brief();
    ContentItem deck;
    deck.platform = Platform::kPitchDeck;
    for (int i = 0; i < 13; ++i) {
        deck.parts.push_back(Part{"Slide " + std::to_string(i + 1), {}, {}, "Notes."});
    }
    deck.parts[12].title = "Next steps";
    deck.parts[1].bullets = {
        "A synergy of tools.", "One", "Two 2", "Three 3", "Four 4", "Five 5", "Six"};
    deck.parts[2].bullets = {
        "Technicians drive an average of 38% more miles than an optimized route would need, and "
        "1 in 5 appointment windows is missed."};
    edit(deck, brief);
    ASSERT_EQ(deck.parts.size(), 12U);
    EXPECT_NE(deck.parts.back().title, "Next steps");
    // The banned bullet goes, then the last bullet without a number.
    const std::vector<std::string> want{"One", "Two 2", "Three 3", "Four 4", "Five 5"};
    EXPECT_EQ(deck.parts[1].bullets, want);
    ASSERT_EQ(deck.parts[2].bullets.size(), 1U);
    EXPECT_EQ(deck.parts[2].bullets[0],
              "Technicians drive an average of 38% more miles than an optimized route would need.");
    EXPECT_NE(deck.body.find("## 3. Slide 3\n- Technicians drive"), std::string::npos);
    EXPECT_FALSE(has_code(deck.quality, "deck.too_many_bullets"));
    EXPECT_FALSE(has_code(deck.quality, "deck.long_bullet"));
}

TEST(Editor, LeavesCleanWriterOutputAloneAndKeepsWriterNotes) {
    const Brief brief = test::sample_brief();
    const auto passages = test::sample_passages();
    test::InMemoryKnowledgeBase kb(passages);
    const auto sheet = make_offline_researcher()->research(ResearchInput{brief, kb, passages});
    ASSERT_TRUE(sheet.has_value());
    for (const Platform p : brief.platforms) {
        auto item = make_offline_writer(p)->write(WriterInput{brief, *sheet, spec(p)});
        ASSERT_TRUE(item.has_value());
        item->quality.issues.push_back(Issue{"writer.test", Severity::kInfo, "note", "body"});
        const auto before = *item;
        const auto outcome = edit_item(*item, EditContext{brief, passages});
        EXPECT_EQ(outcome.rounds, 1) << to_string(p);
        EXPECT_TRUE(outcome.repairs.empty()) << to_string(p) << ": " << outcome.repairs.front();
        EXPECT_EQ(item->body, before.body);
        EXPECT_TRUE(has_code(item->quality, "writer.test"));
    }
}

TEST(Editor, StopsAfterThreeRoundsWhenARepairCannotHold) {
    Brief brief = test::sample_brief();
    // A call to action longer than a post: every round re-adds it and has to cut it again.
    brief.brand.call_to_action.clear();
    for (int i = 0; i < 6; ++i) {
        brief.brand.call_to_action += sentence(i) + " ";
    }
    ContentItem item;
    item.platform = Platform::kTwitter;
    item.hashtags = {"#FieldService"};
    item.parts = {Part{{}, "Fieldnote re-plans a day in seconds.", {}, {}}};
    const auto outcome = edit(item, brief);
    EXPECT_EQ(outcome.rounds, kMaxEditRounds);
    for (const auto& p : item.parts) {
        EXPECT_LE(x_weighted_length(p.body), 280U);
    }
}

TEST(Editor, MakeOfflineEditorWorksThroughThePort) {
    const Brief brief = test::sample_brief();
    auto item = linkedin("A short post without a call to action.", {"#FieldService"});
    auto editor = make_offline_editor();
    const auto outcome = editor->edit(item, EditContext{brief, {}});
    EXPECT_GE(outcome.rounds, 1);
    EXPECT_LE(outcome.rounds, kMaxEditRounds);
    EXPECT_NE(item.body.find(brief.brand.call_to_action), std::string::npos);
}

}  // namespace
}  // namespace swarm::core
