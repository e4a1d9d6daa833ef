// LinkedIn rules: length, word count, the hook before the fold, hashtags, one call to action.
#include "core/validate/rules.hpp"
#include "unit/validate/fieldnote_fixture.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

using test::dump;
using test::find_code;
using test::has_code;
using test::words;

std::vector<Issue> check(const ContentItem& item, const BrandRules* brand = nullptr) {
    std::vector<Issue> issues;
    check_linkedin(item, brand, issues);
    return issues;
}

/// A post of `n` words: a short hook, filler, a CTA line and three hashtags.
ContentItem post_of(int n) {
    const std::string body = "Dispatch is broken.\n\n" + words(n - 10) +
                             ".\n\nBook a demo today.\n\n#FieldService #HVAC #Plumbing";
    auto item = test::item_with_body(Platform::kLinkedIn, body);
    return item;
}

TEST(LinkedInRules, WellShapedPostPasses) {
    const auto issues = check(post_of(200));
    EXPECT_TRUE(issues.empty()) << dump(issues);
}

TEST(LinkedInRules, FixturePostPasses) {
    const auto brand = test::fieldnote::brand();
    const auto issues = check(test::fieldnote::linkedin_post(), &brand);
    EXPECT_TRUE(issues.empty()) << dump(issues);
}

TEST(LinkedInRules, OverThreeThousandCharactersIsAnError) {
    auto item = post_of(200);
    item.body += "\n" + std::string(3000, 'x');
    const auto issue = find_code(check(item), "linkedin.too_long");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_NE(issue.message.find("3000"), std::string::npos) << issue.message;
}

TEST(LinkedInRules, CharactersAreCodePointsNotBytes) {
    // 2,900 two-byte characters are 5,800 bytes but only 2,900 characters.
    std::string body = "Hook line.\n";
    for (int i = 0; i < 2900; ++i) {
        body += "\xC3\xA9";
    }
    EXPECT_FALSE(
        has_code(check(test::item_with_body(Platform::kLinkedIn, body)), "linkedin.too_long"));
}

struct WordCase {
    int words;
    bool flagged;
};

class LinkedInWords : public ::testing::TestWithParam<WordCase> {};

TEST_P(LinkedInWords, WarnsOutsideOneFiftyToThreeHundred) {
    const auto issues = check(post_of(GetParam().words));
    EXPECT_EQ(has_code(issues, "linkedin.word_count"), GetParam().flagged) << dump(issues);
    if (GetParam().flagged) {
        EXPECT_EQ(find_code(issues, "linkedin.word_count").severity, Severity::kWarning);
    }
}

INSTANTIATE_TEST_SUITE_P(Bounds, LinkedInWords,
                         ::testing::Values(WordCase{149, true}, WordCase{150, false},
                                           WordCase{300, false}, WordCase{301, true}));

TEST(LinkedInRules, HookEndingAfterTheFoldIsAWarning) {
    auto item = post_of(200);
    item.body = words(40, "longword") + ".\n\n" +
                item.body;  // first sentence: 359 characters and a full stop
    const auto issue = find_code(check(item), "linkedin.hook_after_fold");
    EXPECT_EQ(issue.severity, Severity::kWarning);
    EXPECT_NE(issue.message.find("360"), std::string::npos) << issue.message;
}

TEST(LinkedInRules, HookEndsAtTheFirstLineBreakOrSentence) {
    auto item = post_of(200);
    item.body = std::string(150, 'a') + "\n" + std::string(150, 'b') + ". " + item.body;
    EXPECT_FALSE(has_code(check(item), "linkedin.hook_after_fold"));
    item.body = "We grew 2.1x in a year, and then " + std::string(200, 'c') + ". Rest.";
    EXPECT_TRUE(has_code(check(item), "linkedin.hook_after_fold"));  // "2.1x" ends nothing
}

TEST(LinkedInRules, HashtagsThreeToFive) {
    auto item = post_of(200);
    item.hashtags = {"#Dispatch"};
    EXPECT_FALSE(has_code(check(item), "linkedin.hashtag_count"));  // 4 distinct
    item.hashtags = {"#Dispatch", "#Ops", "#SMB"};
    EXPECT_EQ(find_code(check(item), "linkedin.hashtag_count").severity, Severity::kWarning);
    item.body = "Dispatch is broken.\n\n" + words(190) + ".\n\nBook a demo.";
    item.hashtags = {"#Ops"};
    EXPECT_TRUE(has_code(check(item), "linkedin.hashtag_count"));
}

TEST(LinkedInRules, MoreThanOneCallToActionIsAWarning) {
    auto item = post_of(200);
    item.body += "\n\nSign up at fieldnote.example/signup.";
    const auto issue = find_code(check(item), "linkedin.multiple_cta");
    EXPECT_EQ(issue.severity, Severity::kWarning);
    EXPECT_NE(issue.message.find('2'), std::string::npos);
}

TEST(LinkedInRules, NoCallToActionIsAWarningWithoutABrandCta) {
    auto item = test::item_with_body(Platform::kLinkedIn,
                                     "Dispatch is broken.\n\n" + words(190) + ".\n\n#A #B #C");
    EXPECT_EQ(find_code(check(item), "linkedin.no_cta").severity, Severity::kWarning);
    const auto brand = test::fieldnote::brand();
    EXPECT_FALSE(has_code(check(item, &brand), "linkedin.no_cta"));  // brand.missing_cta instead
}

TEST(LinkedInRules, BrandCtaSentenceCountsOnce) {
    const auto brand = test::fieldnote::brand();
    auto item = post_of(200);
    item.body += "\n\nOr start a 14-day free trial at fieldnote.example";
    EXPECT_TRUE(has_code(check(item, &brand), "linkedin.multiple_cta"));
}

}  // namespace
}  // namespace swarm::core::validate
