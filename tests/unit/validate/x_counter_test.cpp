// X weighted length: twitter-text v3 conformance cases (conformance/validate.yml, the
// WeightedTweetsWithDiscountedEmojiCounterTest and lengths sections) plus our own edge cases.
#include "core/validate/x_counter.hpp"

#include "core/validate/validator.hpp"

#include <string>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

struct Case {
    const char* name;
    std::string text;
    std::size_t expected;
};

class XWeightedLength : public ::testing::TestWithParam<Case> {};

TEST_P(XWeightedLength, MatchesTwitterText) {
    EXPECT_EQ(x_weighted_length(GetParam().text), GetParam().expected) << GetParam().name;
}

// Built on use: gtest keeps the parameters for the whole run, so no static std::string here.
std::string family() {  // 👨‍👩‍👧‍👦
    return "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91"
           "\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6";
}

std::string cat() {
    return "\xF0\x9F\x90\xB1";
}  // 🐱

std::string mask() {
    return "\xF0\x9F\x98\xB7";
}  // 😷

std::string cjk() {
    return "\xE3\x81\xAE";
}  // の

std::string poem() {  // 160 CJK characters: "故人西辞黄鹤楼，" x 20
    return repeat(
        "\xE6\x95\x85\xE4\xBA\xBA\xE8\xA5\xBF\xE8\xBE\x9E\xE9\xBB\x84\xE9\xB9\xA4\xE6\xA5\xBC"
        "\xEF\xBC\x8C",
        20);
}

// The directional marks (U+202A, U+2066...) in two cases below are the point of those cases.
// NOLINTBEGIN(misc-misleading-bidirectional)
INSTANTIATE_TEST_SUITE_P(
    Conformance, XWeightedLength,
    ::testing::Values(
        Case{"short", "I am a Tweet", 12}, Case{"sentence", "This is a test.", 15},
        Case{"280 ascii", std::string(280, 'a'), 280},
        Case{"281 ascii", std::string(281, 'a'), 281}, Case{"http url", "http://test.com", 23},
        Case{"https url", "https://test.com", 23}, Case{"bare url", "test.com", 23},
        Case{"several urls", "Test https://test.com test https://test.com test.com test", 86},
        Case{"url after text", "Hi http://test.co", 26},
        Case{"cctld with protocol", "http://test.co", 23},
        Case{"astral non-emoji", "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", 4},
        Case{"hangul", "\xEC\xA0\x80\xEC\xB0\x80\xEC\xAF\xBF\xEC\xBF\xBF", 8},
        Case{"mix with family", "H" + cat() + "\xE2\x98\xBA" + family(), 7},
        Case{"five emoji",
             mask() + "\xF0\x9F\x91\xBE\xF0\x9F\x98\xA1\xF0\x9F\x94\xA5\xF0\x9F\x92\xA9", 10},
        Case{"skin tone and zwj",
             "\xF0\x9F\x99\x8B\xF0\x9F\x8F\xBD\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x8E\xA4", 4},
        Case{"140 cjk", repeat(cjk(), 140), 280}, Case{"160 cjk", poem(), 320},
        Case{"latin then 160 cjk", "the" + poem(), 323},
        Case{"160 emoji", repeat(mask(), 160), 320},
        Case{"140 families", repeat(family(), 140), 280},
        Case{"decomposed A acute",
             "A\xCC\x81"
             "B",
             2},
        Case{"hebrew decomposes to three", "A\xEF\xAC\xAC", 4},
        Case{"282 with normalised char", std::string(279, 'x') + "A\xCC\x81" + "x", 281},
        Case{"285 chars", "285 chars-" + repeat("xxxxxxxxxx-", 25), 285},
        Case{"url in the middle",
             "285 chars- http://www.twitter.com/jack " + repeat("xxxxxxxxxx-", 24), 299},
        Case{"ten urls", repeat("https://www.twitter.com/aloha ", 10), 240},
        Case{"general punctuation",
             "This is a tweet with general punctuation characters: "
             "\xE2\x80\x80\xE2\x80\x81\xE2\x80\x82\xE2\x80\x83\xE2\x80\x84\xE2\x80\x85\xE2\x80\x86"
             "\xE2\x80\x87\xE2\x80\x88\xE2\x80\x89\xE2\x80\x8A\xE2\x80\x8B"
             " \xE2\x80\x90 \xE2\x80\x91 \xE2\x80\x92 \xE2\x80\x93 \xE2\x80\x94 \xE2\x80\x95"
             " \xE2\x80\x96  \xE2\x80\x97 \xE2\x80\x98 \xE2\x80\x99 \xE2\x80\x9A \xE2\x80\x9B"
             " \xE2\x80\x9C \xE2\x80\x9D \xE2\x80\x9E \xE2\x80\x9F \xE2\x80\xB2 \xE2\x80\xB3"
             " \xE2\x80\xB4 \xE2\x80\xB5 \xE2\x80\xB6 \xE2\x80\xB7",
             110},
        Case{"unicode 10 emoji",
             "Unicode 10.0 emoji: \xF0\x9F\xA4\xAA; \xF0\x9F\xA7\x95; "
             "\xF0\x9F\xA7\x95\xF0\x9F\x8F\xBE; "
             "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5\xF3\xA0\x81\xAE"
             "\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF",
             34},
        Case{"unicode 9 emoji",
             "Unicode 9.0 emoji: \xF0\x9F\xA4\xA0; \xF0\x9F\x92\x83; "
             "\xF0\x9F\x92\x83\xF0\x9F\x8F\xBE",
             29},
        Case{"invalid characters",
             "ABC\xE2\x80\xAA\xEF\xBF\xBF"
             "ABC\xEF\xBF\xBE",
             12},
        Case{
            "directional marks around idn url",
            "\xE2\x81\xA6\xE2\x80\xAAhttp://foobar.\xD9\xBE\xD8\xA7\xDA\xA9\xD8\xB3\xD8\xAA\xD8\xA7"
            "\xD9\x86/\xE2\x80\xAC\xE2\x81\xA9",
            31},
        Case{"64-char label is not a url",
             "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68}),
    [](const auto& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name) {
            c = (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
        }
        return name;
    });

// NOLINTEND(misc-misleading-bidirectional)

INSTANTIATE_TEST_SUITE_P(
    Emoji, XWeightedLength,
    ::testing::Values(Case{"keycap one", "1\xEF\xB8\x8F\xE2\x83\xA3", 2},
                      Case{"keycap hash", "#\xEF\xB8\x8F\xE2\x83\xA3", 2},
                      Case{"keycap without fe0f", "7\xE2\x83\xA3", 2}, Case{"plain digit", "1", 1},
                      Case{"plain hash and star", "#*", 2},
                      Case{"flag", "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", 2},
                      Case{"two flags",
                           "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", 4},
                      Case{"heart with fe0f", "\xE2\x9D\xA4\xEF\xB8\x8F", 2},
                      Case{"thumbs up skin tone", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 2},
                      Case{"copyright text style", "\xC2\xA9", 1},
                      Case{"copyright with fe0f counts by code point", "\xC2\xA9\xEF\xB8\x8F", 3},
                      Case{"trade mark", "\xE2\x84\xA2", 2},
                      Case{"smiley with text selector", "\xE2\x98\xBA\xEF\xB8\x8E", 4},
                      Case{"zwj family among words", "our " + family() + " team", 11},
                      Case{"mechanic zwj", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x94\xA7", 2}),
    [](const auto& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name) {
            c = (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
        }
        return name;
    });

INSTANTIATE_TEST_SUITE_P(
    Urls, XWeightedLength,
    ::testing::Values(
        Case{"trailing period not in url", "See example.com.", 28},
        Case{"two-label cctld without path", "example.de", 10},
        Case{"two-label cctld with path", "example.de/x", 23},
        Case{"subdomain on cctld", "www.example.de", 23}, Case{"t.co", "t.co", 23},
        Case{"co.jp", "foo.co.jp", 23}, Case{"email is not a url", "user@example.com", 16},
        Case{"sample cta domain", "fieldnote.example", 23}, Case{"not a tld", "Node.js", 7},
        Case{"money is not a url", "$2.1M", 5},
        Case{"long url", "https://example.com/" + std::string(200, 'a'), 23},
        Case{"url with query and parens",
             "Read https://en.wikipedia.org/wiki/Foo_(bar)?x=1&y=2! now", 33},
        Case{"underscore in domain name", "http://domain-dash_2314352345_dfasd.foo-cow_4352.com",
             52},
        Case{"cased protocol", "HTTPS://www.ExaMPLE.COM/index.html", 23},
        Case{"port and path", "http://example.com:8080/login.php", 23},
        Case{"cyrillic path",
             "http://example.com/\xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB5", 23},
        Case{"url glued to letters", "xhttp://example.com", 19}),
    [](const auto& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name) {
            c = (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
        }
        return name;
    });

TEST(XWeightedLengthNfc, DecomposedCafeCountsAsComposed) {
    EXPECT_EQ(x_weighted_length("cafe\xCC\x81"), 4U);
    EXPECT_EQ(x_weighted_length("caf\xC3\xA9"), 4U);
}

TEST(XWeightedLengthNfc, EmptyTextIsZero) {
    EXPECT_EQ(x_weighted_length(""), 0U);
}

TEST(FindUrls, ReportsCodePointSpans) {
    const std::u32string text = U"Try fieldnote.example/trial, or https://t.co/abc.";
    const auto urls = validate::find_urls(text);
    ASSERT_EQ(urls.size(), 2U);
    EXPECT_EQ(text.substr(urls[0].begin, urls[0].end - urls[0].begin), U"fieldnote.example/trial");
    EXPECT_EQ(text.substr(urls[1].begin, urls[1].end - urls[1].begin), U"https://t.co/abc");
}

TEST(FindUrls, IgnoresDecimalsVersionsAndHandles) {
    EXPECT_TRUE(validate::find_urls(U"$2.1M ARR, v1.2, @fieldnote.com, e.g. this").empty());
    EXPECT_TRUE(validate::find_urls(U"http://www.-domain4352.com/").empty());
}

TEST(KnownTlds, HasTheCommonOnes) {
    for (const auto* tld : {U"com", U"org", U"net", U"io", U"co", U"ai", U"dev", U"app", U"example",
                            U"edu", U"gov", U"uk", U"de", U"fr"}) {
        EXPECT_TRUE(validate::is_known_tld(tld));
    }
    EXPECT_FALSE(validate::is_known_tld(U"js"));
    EXPECT_FALSE(validate::is_known_tld(U"md5"));
}

}  // namespace
}  // namespace swarm::core
