#include "core/agents/research.hpp"

#include "core/agents/text_tools.hpp"
#include "core/text/utf8.hpp"
#include "support/fakes.hpp"
#include "unit/agents/agent_fixtures.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using agents::count_words;
using agents::extract_numbers;
using agents::shorten_at_clause;
using agents::split_sentences;

FactSheet research_on(const Brief& brief, std::vector<Passage> passages) {
    test::InMemoryKnowledgeBase kb(passages);
    auto sheet = make_offline_researcher()->research(ResearchInput{brief, kb, passages});
    EXPECT_TRUE(sheet.has_value());
    return sheet ? *sheet : FactSheet{};
}

const Fact* find_fact(const FactSheet& sheet, std::string_view start) {
    for (const auto& f : sheet.facts) {
        if (f.text.starts_with(start)) {
            return &f;
        }
    }
    return nullptr;
}

TEST(TextTools, SplitsSentencesButNotDecimalsOrAbbreviations) {
    const auto s = split_sentences(
        "Revenue is $2.1M, e.g. from 340 companies. Growth is 14%! Is it real? Yes.");
    ASSERT_EQ(s.size(), 4U);
    EXPECT_EQ(s[0], "Revenue is $2.1M, e.g. from 340 companies.");
    EXPECT_EQ(s[1], "Growth is 14%!");
    EXPECT_EQ(s[3], "Yes.");
}

TEST(TextTools, CountsWordsNotPunctuation) {
    EXPECT_EQ(count_words("Three numbers \u2014 from our pilots:\n- 24% less drive time"), 9U);
    EXPECT_EQ(count_words(""), 0U);
}

TEST(TextTools, ExtractsNumberTokensAsWritten) {
    const auto n = extract_numbers("$2.1M ARR, 4,100 technicians, 38% more, Q3 2026, 1/5.");
    const std::vector<std::string> want{"$2.1M", "4,100", "38%", "3", "2026", "1/5"};
    EXPECT_EQ(n, want);
}

TEST(TextTools, ShortensAtClauseBoundaries) {
    const std::string text =
        "Technicians drive an average of 38% more miles than an optimized route would need, and "
        "1 in 5 appointment windows is missed, which drives bad reviews and refunds.";
    const auto s = shorten_at_clause(text, 90, agents::char_length);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(*s,
              "Technicians drive an average of 38% more miles than an optimized route would need.");
    EXPECT_FALSE(shorten_at_clause("A sentence with no clause boundary at all here.", 10,
                                   agents::char_length)
                     .has_value());
}

TEST(TextTools, RemovesParentheticalsBeforeCutting) {
    const auto s = shorten_at_clause(
        "Founded in 2023 by Maya Okafor (CEO, former operations lead at a 120-truck HVAC company) "
        "and Daniel Reyes (CTO).",
        90, agents::char_length);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(*s, "Founded in 2023 by Maya Okafor and Daniel Reyes.");
}

TEST(TextTools, HashtagsAndStems) {
    EXPECT_EQ(agents::camel_hashtag({"field", "service"}), "#FieldService");
    EXPECT_EQ(agents::camel_hashtag({"HVAC"}), "#HVAC");
    EXPECT_TRUE(agents::same_hashtag("#fieldservice", "FieldService"));
    EXPECT_EQ(agents::stem("plumbers"), agents::stem("plumbing"));
    EXPECT_EQ(agents::stem("emergencies"), "emergency");
    EXPECT_TRUE(agents::contains_phrase("What a Game-Changer this is", "game-changer"));
    EXPECT_FALSE(agents::contains_phrase("synergy", "syn"));
}

TEST(Research, ExtractsBulletsAndSentencesSkippingQuestionsAndHeadings) {
    const Passage p{"faq#0", "faq.md", "Acme \u2014 FAQ",
                    "# Acme FAQ\n**How long does setup take?** Most teams are live in one day. We "
                    "import data from a\nspreadsheet.\n\n- Works offline in basements.\n- Costs "
                    "$29 per month.\n",
                    0.0};
    const auto facts = agents::extract_facts(p);
    ASSERT_EQ(facts.size(), 4U);
    EXPECT_EQ(facts[0].text, "Most teams are live in one day.");
    EXPECT_FALSE(facts[0].from_list);
    EXPECT_EQ(facts[1].text, "We import data from a spreadsheet.");
    EXPECT_EQ(facts[2].text, "Works offline in basements.");
    EXPECT_TRUE(facts[2].from_list);
    EXPECT_EQ(facts[3].numbers, std::vector<std::string>{"$29"});
    EXPECT_EQ(facts[3].topic, FactTopic::kPricing);  // "per month" in a company-level passage
}

TEST(Research, TopicsComeFromHeadings) {
    using agents::topic_of_heading;
    EXPECT_EQ(topic_of_heading("Fieldnote \u2014 Traction and Market > Market"),
              FactTopic::kMarket);
    EXPECT_EQ(topic_of_heading("Fieldnote \u2014 Traction and Market > Business model"),
              FactTopic::kBusinessModel);
    EXPECT_EQ(topic_of_heading("Fieldnote \u2014 Team and Fundraise > The ask"), FactTopic::kAsk);
    EXPECT_EQ(topic_of_heading("Fieldnote \u2014 Product Features > Smart Dispatch"),
              FactTopic::kProduct);
    EXPECT_EQ(topic_of_heading("Fieldnote \u2014 Company Overview > The problem we solve"),
              FactTopic::kProblem);
    EXPECT_EQ(topic_of_heading("Notes"), std::nullopt);
}

TEST(Research, SampleKnowledgeBaseGivesARichFactSheet) {
    const auto sheet = research_on(test::sample_brief(), test::sample_passages());
    EXPECT_GE(sheet.facts.size(), 35U);
    EXPECT_EQ(sheet.document_count, 6U);
    EXPECT_EQ(sheet.company_name, "Fieldnote");
    EXPECT_TRUE(sheet.one_liner.starts_with("Fieldnote builds scheduling and dispatch software"));
    const auto* arr = find_fact(sheet, "$2.1M annual recurring revenue");
    ASSERT_NE(arr, nullptr);
    EXPECT_EQ(arr->topic, FactTopic::kTraction);
    EXPECT_EQ(arr->document, "traction.md");
    EXPECT_NE(std::find(arr->numbers.begin(), arr->numbers.end(), "14%"), arr->numbers.end());
    const auto* founded = find_fact(sheet, "Founded in 2023");
    ASSERT_NE(founded, nullptr);
    EXPECT_EQ(founded->topic, FactTopic::kTeam);
    // A sentence about re-planning for emergencies is the closest match to the prompt.
    const auto best =
        std::max_element(sheet.facts.begin(), sheet.facts.end(),
                         [](const Fact& a, const Fact& b) { return a.relevance < b.relevance; });
    EXPECT_NE(text::ascii_lower(best->text).find("re-plans"), std::string::npos) << best->text;
    EXPECT_NE(best->text.find("emergency"), std::string::npos) << best->text;
    const auto& tags = sheet.hashtag_candidates;
    ASSERT_GE(tags.size(), 3U);
    EXPECT_EQ(tags[0], "#HVAC");
    EXPECT_NE(std::find(tags.begin(), tags.end(), "#Plumbing"), tags.end());
    EXPECT_EQ(std::find(tags.begin(), tags.end(), "#FieldService"), tags.end());  // required
    EXPECT_EQ(std::find(tags.begin(), tags.end(), "#Fieldnote"), tags.end());     // company
}

TEST(Research, FactsAreUniqueAndInKnowledgeBaseOrder) {
    auto passages = test::sample_passages();
    auto copy = passages.front();
    copy.id = "copy";
    copy.document = "copy.md";
    passages.push_back(copy);
    const auto sheet = research_on(test::sample_brief(), passages);
    for (std::size_t i = 0; i < sheet.facts.size(); ++i) {
        EXPECT_EQ(sheet.facts[i].order, i);
        for (std::size_t j = 0; j < i; ++j) {
            EXPECT_NE(sheet.facts[i].text, sheet.facts[j].text);
        }
    }
    EXPECT_EQ(sheet.facts.front().document, "company_overview.md");
}

TEST(Research, TinyKnowledgeBaseStillYieldsFactsWhenSearchFindsLittle) {
    Brief brief = test::tiny_brief();
    brief.prompt = "zzz qqq";  // matches nothing: research falls back to every passage
    brief.audience.clear();
    brief.goal.clear();
    const auto sheet = research_on(brief, test::tiny_passages());
    EXPECT_EQ(sheet.facts.size(), 5U);
    EXPECT_EQ(sheet.company_name, "Breadbot");
    EXPECT_EQ(sheet.one_liner,
              "Breadbot makes a countertop robot that kneads and shapes dough for small "
              "bakeries.");
}

TEST(Research, FindsTheCompanyNameInHeadingsWithoutABrand) {
    Brief brief = test::tiny_brief();
    brief.brand.name.clear();
    const auto sheet = research_on(brief, test::tiny_passages());
    EXPECT_EQ(sheet.company_name, "Breadbot");
}

}  // namespace
}  // namespace swarm::core
