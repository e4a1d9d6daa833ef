// The versioned prompt files and the prompts built from them: every file has a version, every
// placeholder is filled, and the platform list and each platform's rules are always in the text.
#include "core/agents/prompts.hpp"

#include "core/agents/prompt_builder.hpp"
#include "core/agents/research.hpp"
#include "unit/agents/llm_test_fixtures.hpp"

#include <gtest/gtest.h>

namespace swarm::core::agents {
namespace {

const std::string kInvestorOrder =
    "problem, solution, product, market, business model, traction, competition, team, "
    "financials, ask";

FactSheet sample_sheet() {
    test::InMemoryKnowledgeBase kb(test::sample_passages());
    const auto passages = test::sample_passages();
    return *make_offline_researcher()->research(ResearchInput{test::sample_brief(), kb, passages});
}

void expect_filled(const BuiltPrompt& p) {
    EXPECT_EQ(p.user.find("{{"), std::string::npos) << p.user;
    EXPECT_EQ(p.system.find("{{"), std::string::npos) << p.system;
    EXPECT_EQ(p.user.find("<!-- prompt:"), std::string::npos);
}

TEST(Prompts, EveryEmbeddedFileHasAVersionLineNamingIt) {
    const auto files = embedded_prompt_files();
    ASSERT_GE(files.size(), 10U);
    for (const auto& f : files) {
        auto p = find_prompt(f.name);
        ASSERT_TRUE(p.has_value()) << f.name << ": " << p.error().message;
        EXPECT_GE(p->version, 1);
        EXPECT_EQ(p->id(), std::string(f.name) + "@" + std::to_string(p->version));
        EXPECT_FALSE(p->body.empty());
    }
    EXPECT_EQ(find_prompt("nope").error().code, ErrorCode::kNotFound);
}

TEST(Prompts, RenderRefusesAnUnknownPlaceholderAndInsertsValuesVerbatim) {
    EXPECT_EQ(*render_prompt("a {{x}} b", {{"x", "{{y}}"}}), "a {{y}} b");
    auto bad = render_prompt("a {{missing}}", {});
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("{{missing}}"), std::string::npos);
}

TEST(Prompts, SingleCallPromptListsEveryPlatformWithItsRules) {
    const auto sheet = sample_sheet();
    const auto brief = test::sample_brief();
    auto p = single_call_prompt(PromptInputs{brief, sheet, false});
    ASSERT_TRUE(p.has_value()) << p.error().message;
    expect_filled(*p);
    EXPECT_EQ(p->ids, "writer_system@1+single_call@1");
    for (const auto& needle :
         {std::string("LinkedIn (linkedin), X (Twitter) (twitter), Pitch deck (pitch_deck)"),
          std::string("## LinkedIn\n## X (Twitter)\n## Pitch deck"), std::string("all 3 of them"),
          std::string("280 weighted characters"), std::string("3,000 characters"),
          std::string("210 characters"), std::string("3 to 5 hashtags"),
          std::string("1 to 2 hashtags"), kInvestorOrder, std::string("At most 5 bullets"),
          std::string("exactly 12 slides"), std::string("numbers its posts"),
          std::string("game-changer, revolutionary, synergy"), std::string("#FieldService"),
          std::string("Start a 14-day free trial"), std::string("F1 [")}) {
        EXPECT_TRUE(p->user.find(needle) != std::string::npos ||
                    p->system.find(needle) != std::string::npos)
            << needle;
    }
}

TEST(Prompts, EachWriterPromptHasThePlatformListItsRulesAndItsFormat) {
    const auto sheet = sample_sheet();
    auto brief = test::sample_brief();
    brief.options.deck_slides = 10;
    const std::vector<std::pair<Platform, std::string>> rules{
        {Platform::kLinkedIn, "3,000 characters"},
        {Platform::kTwitter, "280 weighted characters"},
        {Platform::kPitchDeck, kInvestorOrder}};
    for (const auto& [platform, rule] : rules) {
        for (const bool structured : {true, false}) {
            auto p = writer_prompt(PromptInputs{brief, sheet, structured}, platform);
            ASSERT_TRUE(p.has_value()) << p.error().message;
            expect_filled(*p);
            const std::string id(to_string(platform));
            EXPECT_EQ(p->ids, "writer_system@1+writer_" + id + "@1");
            EXPECT_NE(p->user.find(rule), std::string::npos) << id;
            EXPECT_NE(p->user.find(platform_list_text(brief)), std::string::npos);
            EXPECT_NE(p->user.find("you write only " + std::string(spec(platform).display_name)),
                      std::string::npos);
            EXPECT_NE(p->user.find("Never use these phrases: game-changer"), std::string::npos);
            EXPECT_EQ(p->user.find("one JSON object") != std::string::npos, structured) << id;
        }
    }
    auto deck = writer_prompt(PromptInputs{brief, sheet, true}, Platform::kPitchDeck);
    EXPECT_NE(deck->user.find("exactly 10 slides"), std::string::npos);
}

TEST(Prompts, RewriteResearchCritiqueAndRevisePromptsAreFilledAndVersioned) {
    const auto sheet = sample_sheet();
    const auto brief = test::sample_brief();
    const PromptInputs in{brief, sheet, true};
    const std::vector<Issue> issues{{"x.too_long", Severity::kError,
                                     "Post is 777 weighted characters; the limit is 280.",
                                     "parts[0]"}};
    auto rewrite = rewrite_prompt(in, Platform::kTwitter, issues, "previous text");
    ASSERT_TRUE(rewrite.has_value());
    expect_filled(*rewrite);
    EXPECT_EQ(rewrite->ids, "writer_system@1+rewrite@1");
    EXPECT_NE(rewrite->user.find("- x.too_long: Post is 777"), std::string::npos);
    EXPECT_NE(rewrite->user.find("(at parts[0])"), std::string::npos);
    auto research = research_prompt(in);
    ASSERT_TRUE(research.has_value());
    expect_filled(*research);
    EXPECT_EQ(research->ids, "research@1");
    const auto& item = test::clean(Platform::kPitchDeck);
    auto critique = critique_prompt(in, item, 0.7);
    ASSERT_TRUE(critique.has_value());
    expect_filled(*critique);
    EXPECT_EQ(critique->ids, "critique@1");
    EXPECT_NE(critique->user.find("Slide 1: " + item.parts[0].title), std::string::npos);
    auto revise =
        revise_prompt(in, Platform::kPitchDeck, RevisionNotes{0.5, 0.7, {}, {}, {}}, "Slide 1: x");
    ASSERT_TRUE(revise.has_value());
    expect_filled(*revise);
    EXPECT_NE(revise->user.find("(none)"), std::string::npos);
}

}  // namespace
}  // namespace swarm::core::agents
