// X rules: length per post, empty and invalid posts, thread length, numbering and hashtags.
#include "core/validate/rules.hpp"
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

std::vector<Issue> check(const ContentItem& item) {
    std::vector<Issue> issues;
    check_twitter(item, issues);
    return issues;
}

ContentItem thread(std::vector<std::string> posts, std::vector<std::string> hashtags = {"#X"}) {
    ContentItem item;
    item.platform = Platform::kTwitter;
    for (auto& p : posts) {
        item.parts.push_back(Part{"", std::move(p), {}, ""});
    }
    item.hashtags = std::move(hashtags);
    return item;
}

ContentItem single(std::string body) {
    auto item = test::item_with_body(Platform::kTwitter, std::move(body));
    item.hashtags = {"#FieldService"};
    return item;
}

TEST(TwitterRules, PostAtTheLimitPasses) {
    EXPECT_TRUE(check(single(std::string(280, 'a'))).empty());
}

TEST(TwitterRules, PostOverTheLimitIsAnErrorWithTheWeightedLength) {
    const auto issues = check(single(std::string(281, 'a')));
    const auto issue = find_code(issues, "x.too_long");
    EXPECT_EQ(issue.severity, Severity::kError);
    EXPECT_EQ(issue.location, "body");
    EXPECT_NE(issue.message.find("281"), std::string::npos) << issue.message;
    EXPECT_NE(issue.message.find("280"), std::string::npos) << issue.message;
}

TEST(TwitterRules, CjkCountsDouble) {
    std::string cjk140;
    for (int i = 0; i < 140; ++i) {
        cjk140 += "\xE6\x97\xA5";  // 日
    }
    EXPECT_FALSE(has_code(check(single(cjk140)), "x.too_long"));
    EXPECT_NE(find_code(check(single(cjk140 + "\xE6\x97\xA5")), "x.too_long").message.find("282"),
              std::string::npos);
}

TEST(TwitterRules, UrlsCountTwentyThreeWhateverTheirLength) {
    const std::string url = "https://fieldnote.example/" + std::string(300, 'p');
    EXPECT_FALSE(has_code(check(single(std::string(256, 'a') + " " + url)), "x.too_long"));
    EXPECT_TRUE(has_code(check(single(std::string(257, 'a') + " " + url)), "x.too_long"));
}

TEST(TwitterRules, LongPostInAThreadIsReportedAtItsPart) {
    const auto issues = check(thread({"1/2 fine", "2/2 " + std::string(300, 'b')}));
    EXPECT_TRUE(has_issue_at(issues, "x.too_long", "parts[1]")) << dump(issues);
    EXPECT_EQ(count_code(issues, "x.too_long"), 1);
}

TEST(TwitterRules, EmptyPostIsAnError) {
    const auto issues = check(thread({"1/3 one", "2/3 two", "  \n"}));
    EXPECT_TRUE(has_issue_at(issues, "x.empty_post", "parts[2]")) << dump(issues);
    EXPECT_EQ(find_code(issues, "x.empty_post").severity, Severity::kError);
}

TEST(TwitterRules, InvalidCharacterIsAnError) {
    EXPECT_TRUE(has_code(check(single("bad \xEF\xBF\xBE char")), "x.invalid_character"));
    EXPECT_FALSE(has_code(check(single("fine text")), "x.invalid_character"));
}

TEST(TwitterRules, ThreadLongerThanTheHouseLimitIsAWarning) {
    std::vector<std::string> posts;
    for (int i = 1; i <= 16; ++i) {
        posts.push_back(std::to_string(i) + "/16 post");
    }
    const auto issues = check(thread(posts));
    EXPECT_EQ(find_code(issues, "x.thread_too_long").severity, Severity::kWarning);
    posts.resize(15);
    for (int i = 1; i <= 15; ++i) {
        posts[static_cast<std::size_t>(i - 1)] = std::to_string(i) + "/15 post";
    }
    EXPECT_FALSE(has_code(check(thread(posts)), "x.thread_too_long"));
}

struct NumberingCase {
    const char* name;
    std::vector<std::string> posts;
    std::vector<std::string> flagged;  // locations expected to carry x.thread_numbering
};

class ThreadNumbering : public ::testing::TestWithParam<NumberingCase> {};

TEST_P(ThreadNumbering, FlagsExactlyTheInconsistentPosts) {
    const auto issues = check(thread(GetParam().posts));
    std::vector<std::string> flagged;
    for (const auto& issue : issues) {
        if (issue.code == "x.thread_numbering") {
            EXPECT_EQ(issue.severity, Severity::kWarning);
            flagged.push_back(issue.location);
        }
    }
    EXPECT_EQ(flagged, GetParam().flagged) << dump(issues);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ThreadNumbering,
    ::testing::Values(
        NumberingCase{"leading", {"1/3 a", "2/3 b", "3/3 c"}, {}},
        NumberingCase{"trailing_with_emoji", {"a \xF0\x9F\xA7\xB5 1/3", "b 2/3", "c (3/3)"}, {}},
        NumberingCase{"brackets_and_open_total", {"[1/3] a", "2/ b", "3/3: c"}, {}},
        NumberingCase{"unnumbered", {"a", "b", "c"}, {"parts"}},
        NumberingCase{"one_missing", {"1/3 a", "b", "3/3 c"}, {"parts[1]"}},
        NumberingCase{"wrong_index", {"1/3 a", "3/3 b", "3/3 c"}, {"parts[1]"}},
        NumberingCase{
            "wrong_total", {"1/4 a", "2/4 b", "3/4 c"}, {"parts[0]", "parts[1]", "parts[2]"}},
        NumberingCase{"not_a_marker", {"1/3 open 24/7", "2/3 b", "3/3 c"}, {}}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(TwitterRules, SinglePostNeedsNoNumbering) {
    EXPECT_FALSE(has_code(check(single("Just one post")), "x.thread_numbering"));
}

TEST(TwitterRules, HashtagsAreCountedAcrossTheItemOnce) {
    auto item =
        thread({"1/2 #FieldService is here", "2/2 also #fieldservice #HVAC"}, {"#FieldService"});
    EXPECT_FALSE(has_code(check(item), "x.too_many_hashtags"));  // 2 distinct
    item.hashtags.emplace_back("#Plumbing");
    const auto issues = check(item);
    EXPECT_EQ(find_code(issues, "x.too_many_hashtags").severity, Severity::kWarning);
    EXPECT_NE(find_code(issues, "x.too_many_hashtags").message.find('3'), std::string::npos);
}

TEST(TwitterRules, NoHashtagIsOnlyInformation) {
    auto item = single("Nothing tagged here");
    item.hashtags.clear();
    const auto issues = check(item);
    EXPECT_EQ(find_code(issues, "x.no_hashtags").severity, Severity::kInfo);
}

TEST(TwitterRules, KeycapAndAnchorAreNotHashtags) {
    auto item = single("Press #\xEF\xB8\x8F\xE2\x83\xA3 or see page#top and #2024");
    EXPECT_FALSE(has_code(check(item), "x.too_many_hashtags"));
}

}  // namespace
}  // namespace swarm::core::validate
