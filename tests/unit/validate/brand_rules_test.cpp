// Brand rules: banned phrases (Unicode case folding, whole words, offsets), required hashtags
// and the call to action where each platform expects it.
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
using test::has_code;
using test::has_issue_at;

std::vector<Issue> check(const ContentItem& item, const BrandRules& brand) {
    std::vector<Issue> issues;
    const auto fields = content_fields(item);
    check_brand(item, fields, brand, issues);
    return issues;
}

BrandRules banned(std::vector<std::string> phrases) {
    BrandRules brand;
    brand.banned_phrases = std::move(phrases);
    return brand;
}

ContentItem linkedin(std::string body) {
    return test::item_with_body(Platform::kLinkedIn, std::move(body));
}

TEST(BrandRules, BannedPhraseIsAnErrorWithLocationAndOffset) {
    const auto issues = check(linkedin("Real synergy between teams."), banned({"synergy"}));
    const auto issue = find_code(issues, "brand.banned_phrase");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_EQ(issue.location, "body");
    EXPECT_NE(issue.message.find("offset 5"), std::string::npos) << issue.message;
    EXPECT_NE(issue.message.find("\"Real synergy between teams.\""), std::string::npos)
        << issue.message;
}

TEST(BrandRules, OffsetsCountCodePointsOfTheOriginal) {
    const auto issues =
        check(linkedin(std::string(40, 'w') + " caf\xC3\xA9 \xE2\x80\x94 SYNERGY here"),
              banned({"synergy"}));
    const auto message = find_code(issues, "brand.banned_phrase").message;
    EXPECT_NE(message.find("offset 48"), std::string::npos) << message;
    EXPECT_NE(message.find("\u2026wwwwwwwwwwww caf\xC3\xA9 \xE2\x80\x94 SYNERGY here\""),
              std::string::npos)
        << message;
}

struct BannedCase {
    const char* name;
    std::string text;
    std::string phrase;
    int hits;
};

class BannedPhrases : public ::testing::TestWithParam<BannedCase> {};

TEST_P(BannedPhrases, MatchCaseInsensitivelyOnWordBoundaries) {
    const auto issues = check(linkedin(GetParam().text), banned({GetParam().phrase}));
    EXPECT_EQ(count_code(issues, "brand.banned_phrase"), GetParam().hits) << dump(issues);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BannedPhrases,
    ::testing::Values(
        BannedCase{"upper_case", "A REVOLUTIONARY tool", "revolutionary", 1},
        BannedCase{"inside_a_word", "synergyx and antisynergy", "synergy", 0},
        BannedCase{"hyphen_variants",
                   "a game\xE2\x80\x91"
                   "changer and a Game-Changer",
                   "game-changer", 2},
        BannedCase{"line_break_inside", "the game\nchanger", "game changer", 1},
        BannedCase{"unicode_fold",
                   "STRASSE and Stra\xC3\x9F"
                   "e",
                   "stra\xC3\x9F"
                   "e",
                   2},
        BannedCase{"greek_fold",
                   "\xCE\xA3\xCE\xA5\xCE\x9D\xCE\x95\xCE\xA1\xCE\x93\xCE\x95\xCE\x99\xCE\x91",
                   "\xCF\x83\xCF\x85\xCE\xBD\xCE\xB5\xCF\x81\xCE\xB3\xCE\xB5\xCE\xB9\xCE\xB1", 1},
        BannedCase{"punctuation_edges", "Best-in-class!", "best-in-class", 1},
        BannedCase{"in_a_hashtag", "tagged #synergy", "synergy", 1},
        BannedCase{"absent", "Plain words only", "synergy", 0}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(BrandRules, BannedPhraseInASlideBulletNamesTheBullet) {
    auto deck = test::fieldnote::deck();
    deck.parts[3].bullets[2] = "A revolutionary router";
    const auto issues = check(deck, test::fieldnote::brand());
    EXPECT_TRUE(has_issue_at(issues, "brand.banned_phrase", "parts[3].bullets[2]")) << dump(issues);
}

TEST(BrandRules, RequiredHashtagFoundInHashtagsOrBody) {
    const auto brand = test::fieldnote::brand();
    auto item = test::fieldnote::linkedin_post();
    EXPECT_FALSE(has_code(check(item, brand), "brand.missing_hashtag"));
    item.hashtags = {};
    EXPECT_FALSE(has_code(check(item, brand), "brand.missing_hashtag"));  // still in the body
    item.body = "No tags here. Start a 14-day free trial at fieldnote.example";
    item.hashtags = {"#fieldservice"};
    EXPECT_FALSE(has_code(check(item, brand), "brand.missing_hashtag"));  // case-insensitive
    item.hashtags = {"#FieldServices"};
    const auto issue = find_code(check(item, brand), "brand.missing_hashtag");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_EQ(issue.location, "hashtags");
    EXPECT_NE(issue.message.find("#FieldService"), std::string::npos);
}

TEST(BrandRules, DecksNeedNoHashtags) {
    EXPECT_FALSE(has_code(check(test::fieldnote::deck(), test::fieldnote::brand()),
                          "brand.missing_hashtag"));
}

TEST(BrandRules, LinkedInCtaByTextOrLink) {
    const auto brand = test::fieldnote::brand();
    EXPECT_FALSE(has_code(check(linkedin("Start a 14-day free trial at fieldnote.example."), brand),
                          "brand.missing_cta"));
    EXPECT_FALSE(has_code(check(linkedin("Try it: https://www.fieldnote.example/trial"), brand),
                          "brand.missing_cta"));
    EXPECT_FALSE(has_code(check(linkedin("Start your 14-day free trial at our site"), brand),
                          "brand.missing_cta"));  // most of the CTA's words in one sentence
    const auto issue =
        find_code(check(linkedin("Follow us for more."), brand), "brand.missing_cta");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_EQ(issue.location, "body");
}

TEST(BrandRules, XCtaInAnyPostIsEnoughAndMissingIsAWarning) {
    const auto brand = test::fieldnote::brand();
    auto thread = test::fieldnote::x_thread();
    EXPECT_FALSE(has_code(check(thread, brand), "brand.missing_cta"));
    thread.parts.back().body = "6/6 Thanks for reading #FieldService";
    const auto issue = find_code(check(thread, brand), "brand.missing_cta");
    EXPECT_EQ(issue.severity, Severity::kWarning);
    EXPECT_EQ(issue.location, "parts");
}

TEST(BrandRules, DeckCtaOnTheLastSlideOrInNotesElseInfo) {
    const auto brand = test::fieldnote::brand();
    auto deck = test::fieldnote::deck();
    EXPECT_FALSE(has_code(check(deck, brand), "brand.missing_cta"));
    deck.parts.back().bullets = {"Thanks"};
    const auto issue = find_code(check(deck, brand), "brand.missing_cta");
    EXPECT_EQ(issue.severity, Severity::kInfo);
    EXPECT_EQ(issue.location, "parts[11]");
    deck.parts[5].notes = "Close with: start a 14-day free trial at fieldnote.example";
    EXPECT_FALSE(has_code(check(deck, brand), "brand.missing_cta"));
}

TEST(BrandRules, EmptyBrandChecksNothing) {
    EXPECT_TRUE(check(linkedin("Anything at all"), BrandRules{}).empty());
}

}  // namespace
}  // namespace swarm::core::validate
