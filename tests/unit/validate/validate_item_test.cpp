// validate_item end to end: realistic good items from the Fieldnote sample pass without errors;
// typical failures of the old system (leaked reasoning, missing platform text) are caught.
#include "core/validate/validator.hpp"
#include "unit/validate/fieldnote_fixture.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using test::dump;
using test::has_code;

struct Fixture {
    BrandRules brand = test::fieldnote::brand();
    std::vector<Passage> passages = test::fieldnote::passages();

    ValidationContext context() const { return ValidationContext{&brand, passages}; }
};

TEST(ValidateItem, GoodLinkedInPostHasNoIssues) {
    const Fixture f;
    const auto quality = validate_item(test::fieldnote::linkedin_post(), f.context());
    EXPECT_TRUE(quality.issues.empty()) << dump(quality.issues);
    EXPECT_DOUBLE_EQ(quality.score, 1.0);
}

TEST(ValidateItem, GoodXThreadHasNoIssues) {
    const Fixture f;
    const auto quality = validate_item(test::fieldnote::x_thread(), f.context());
    EXPECT_TRUE(quality.issues.empty()) << dump(quality.issues);
    EXPECT_DOUBLE_EQ(quality.score, 1.0);
}

TEST(ValidateItem, GoodTwelveSlideDeckHasNoIssues) {
    const Fixture f;
    const auto deck = test::fieldnote::deck();
    ASSERT_EQ(deck.parts.size(), 12U);
    const auto quality = validate_item(deck, f.context());
    EXPECT_TRUE(quality.issues.empty()) << dump(quality.issues);
    EXPECT_DOUBLE_EQ(quality.score, 1.0);
}

TEST(ValidateItem, ScoreReflectsTheIssuesFound) {
    const Fixture f;
    auto post = test::fieldnote::linkedin_post();
    post.body = "Let me create the post.\n" + post.body + " A real synergy.";
    const auto quality = validate_item(post, f.context());
    EXPECT_TRUE(has_code(quality.issues, "content.leaked_reasoning")) << dump(quality.issues);
    EXPECT_TRUE(has_code(quality.issues, "brand.banned_phrase")) << dump(quality.issues);
    EXPECT_DOUBLE_EQ(quality.score, score_issues(quality.issues));
    EXPECT_LT(quality.score, 0.6);
}

TEST(ValidateItem, EmptyItemIsOneErrorAndScoresZero) {
    const Fixture f;
    ContentItem item;
    item.platform = Platform::kTwitter;
    item.hashtags = {"#FieldService"};
    const auto quality = validate_item(item, f.context());
    ASSERT_EQ(quality.issues.size(), 1U) << dump(quality.issues);
    EXPECT_EQ(quality.issues[0].code, "content.empty");
    EXPECT_EQ(quality.issues[0].severity, Severity::kError);
    EXPECT_DOUBLE_EQ(quality.score, 0.0);
}

TEST(ValidateItem, WithoutBrandOrPassagesOnlyPlatformRulesRun) {
    auto post = test::fieldnote::linkedin_post();
    post.body += " We serve 999 companies. A real synergy.";
    const auto quality = validate_item(post, ValidationContext{});
    EXPECT_FALSE(has_code(quality.issues, "brand.banned_phrase"));
    EXPECT_FALSE(has_code(quality.issues, "grounding.unsupported_number"));
}

TEST(ValidateItem, UngroundedDeckFigureIsFlagged) {
    const Fixture f;
    auto deck = test::fieldnote::deck();
    deck.parts[6].bullets[1] = "$3.4M ARR, growing 14% month over month";
    const auto quality = validate_item(deck, f.context());
    ASSERT_TRUE(has_code(quality.issues, "grounding.unsupported_number")) << dump(quality.issues);
    EXPECT_EQ(test::find_code(quality.issues, "grounding.unsupported_number").location,
              "parts[6].bullets[1]");
}

TEST(ValidateItem, SinglePostXItemUsesTheBody) {
    const Fixture f;
    auto item = test::item_with_body(
        Platform::kTwitter,
        "Fieldnote re-plans a technician's day within seconds when an emergency call arrives. "
        "Start a 14-day free trial at fieldnote.example #FieldService");
    item.hashtags = {"#FieldService"};
    const auto quality = validate_item(item, f.context());
    EXPECT_TRUE(quality.issues.empty()) << dump(quality.issues);
}

}  // namespace
}  // namespace swarm::core
