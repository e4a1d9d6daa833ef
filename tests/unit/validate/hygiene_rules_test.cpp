// Hygiene: leaked model reasoning and unfilled placeholders, on every field of every platform.
#include "core/validate/rules.hpp"
#include "unit/validate/fieldnote_fixture.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

using test::count_code;
using test::dump;
using test::find_code;
using test::has_issue_at;

std::vector<Issue> check(const ContentItem& item) {
    std::vector<Issue> issues;
    const auto fields = content_fields(item);
    check_hygiene(fields, issues);
    return issues;
}

std::vector<Issue> check_text(std::string text) {
    return check(test::item_with_body(Platform::kLinkedIn, std::move(text)));
}

struct TextCase {
    const char* name;
    std::string text;
    int expected;
};

class LeakedReasoning : public ::testing::TestWithParam<TextCase> {};

TEST_P(LeakedReasoning, IsAnErrorOnlyWhenTheModelTalksAboutItsWork) {
    const auto issues = check_text(GetParam().text);
    EXPECT_EQ(count_code(issues, "content.leaked_reasoning"), GetParam().expected) << dump(issues);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LeakedReasoning,
    ::testing::Values(
        TextCase{"let_me_create", "Let me create a LinkedIn post about dispatch.\nReal text.", 1},
        TextCase{"ill_now", "I'll now write the thread.", 1},
        TextCase{"i_will_create", "I will create three variants.", 1},
        TextCase{"here_is_the", "Here is the LinkedIn post:\nDispatch is hard.", 1},
        TextCase{"as_an_ai", "As an AI, I cannot browse.", 1},
        TextCase{"now_ill_validate", "Now I'll validate the character count.", 1},
        TextCase{"word_count", "Great post.\n(Word count: 212)", 1},
        TextCase{"character_count", "Character count: 1,840", 1},
        TextCase{"markdown_wrapped", "**Let me check** the numbers", 1},
        TextCase{"thinking_tag", "<thinking>plan</thinking>", 1},
        TextCase{"let_me_know_is_fine", "Let me know in the comments what you think.", 0},
        TextCase{"let_me_show_is_fine", "Let me show you how we cut drive time.", 0},
        TextCase{"here_is_mid_sentence_is_fine", "Here is the thing: dispatch is hard.", 0},
        TextCase{"here_are_the_results_is_fine", "Here are the results:\n- 24% less driving", 0},
        TextCase{"let_me_start_with_a_story_is_fine", "Let me start with a story.", 0},
        TextCase{"i_need_to_is_fine", "I need to talk about burnout.", 0},
        TextCase{"plain_copy", "Dispatchers spend 3 to 4 hours a day re-planning.", 0}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

class Placeholders : public ::testing::TestWithParam<TextCase> {};

TEST_P(Placeholders, AreErrors) {
    const auto issues = check_text(GetParam().text);
    EXPECT_EQ(count_code(issues, "content.placeholder"), GetParam().expected) << dump(issues);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Placeholders,
    ::testing::Values(
        TextCase{"insert", "Quote: [Insert customer quote here]", 1},
        TextCase{"your", "Signed, [Your Name]", 1},
        TextCase{"mustache", "Hi {{first_name}}, welcome", 1},
        TextCase{"angle", "Visit <your link>", 1}, TextCase{"tbd", "Launch date: TBD.", 1},
        TextCase{"todo", "TODO add stats", 1}, TextCase{"lorem", "Lorem ipsum dolor sit amet", 1},
        TextCase{"xx_percent", "We cut costs by XX%.", 1},
        TextCase{"dollar_x", "Raising $X from investors", 1},
        TextCase{"dollar_x_m", "ARR of $X.XM", 1}, TextCase{"grouped_x", "XX,XXX users", 1},
        TextCase{"platform_x_is_fine", "Follow us on X and LinkedIn", 0},
        TextCase{"real_numbers", "Raising $6M; 14% growth; 4,100 technicians", 0},
        TextCase{"citation_is_fine", "As reported [1], churn fell", 0},
        TextCase{"lowercase_tbd_word_is_fine", "the tbd column", 0},
        TextCase{"plain_braces_are_fine", "a set {a, b}", 0}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Hygiene, ReportsTheFieldOfADeckOrThread) {
    auto deck = test::fieldnote::deck();
    deck.parts[2].bullets[1] = "[Insert metric]";
    deck.parts[7].notes = "Let me double-check these competitors.";
    const auto issues = check(deck);
    EXPECT_TRUE(has_issue_at(issues, "content.placeholder", "parts[2].bullets[1]")) << dump(issues);
    EXPECT_TRUE(has_issue_at(issues, "content.leaked_reasoning", "parts[7].notes")) << dump(issues);
    auto thread = test::fieldnote::x_thread();
    thread.parts[3].body = "4/6 Here's the next tweet:";
    EXPECT_TRUE(has_issue_at(check(thread), "content.leaked_reasoning", "parts[3]"));
}

TEST(Hygiene, MessageQuotesTheOffendingText) {
    const auto issue =
        find_code(check_text("Let me create the post now"), "content.leaked_reasoning");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_NE(issue.message.find("Let me create the post now"), std::string::npos);
}

TEST(Hygiene, FixtureItemsAreClean) {
    EXPECT_TRUE(check(test::fieldnote::linkedin_post()).empty());
    EXPECT_TRUE(check(test::fieldnote::x_thread()).empty());
    EXPECT_TRUE(check(test::fieldnote::deck()).empty());
}

}  // namespace
}  // namespace swarm::core::validate
