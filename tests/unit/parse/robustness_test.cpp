// The parser is pure and total: any bytes in, a consistent result out (huge inputs included;
// their speed is measured in bench/parser_bench.cpp, not here).
#include "core/parse/section_parser.hpp"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

const std::vector<Platform> kAll{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};

void expect_consistent(const ParseResult& r, const std::vector<Platform>& requested) {
    EXPECT_EQ(r.items.size() + r.missing_platforms.size(), requested.size());
    EXPECT_GE(r.completeness, 0.0);
    EXPECT_LE(r.completeness, 1.0);
    for (const auto& item : r.items) {
        EXPECT_FALSE(item.body.empty());
    }
}

TEST(Robustness, EmptyAndWhitespaceInput) {
    for (const char* text : {"", "   ", "\n\n\t\r\n", "\xEF\xBB\xBF"}) {
        const auto r = parse_model_output(text, ParseOptions{kAll});
        expect_consistent(r, kAll);
        EXPECT_EQ(r.missing_platforms, kAll);
        ASSERT_FALSE(r.warnings.empty());
        EXPECT_EQ(r.warnings.back().code, "parse.empty_input");
    }
}

TEST(Robustness, NothingRequested) {
    const auto r = parse_model_output("### LinkedIn\nHello", ParseOptions{});
    EXPECT_TRUE(r.items.empty());
    EXPECT_EQ(r.completeness, 0.0);
}

TEST(Robustness, DuplicateRequestsCountOnce) {
    const auto r = parse_model_output("### LinkedIn\nHello there.",
                                      ParseOptions{{Platform::kLinkedIn, Platform::kLinkedIn}});
    EXPECT_EQ(r.items.size(), 1U);
    EXPECT_EQ(r.completeness, 1.0);
}

TEST(Robustness, HugeInputIsParsed) {
    std::string text;
    const std::string block =
        "### LinkedIn\nField service teams lose hours every day to re-planning. #FieldService\n\n"
        "### Twitter\n1/2 First post about dispatch.\n2/2 Second post. #HVAC\n\n"
        "### Pitch Deck\n## Slide 1: Problem\n- Manual dispatch\nNotes: open strong.\n\n";
    while (text.size() < 1'200'000) {
        text += block;
    }
    const auto r = parse_model_output(text, ParseOptions{kAll});
    expect_consistent(r, kAll);
    EXPECT_EQ(r.items.size(), 3U);
}

TEST(Robustness, HugeSingleLinesOfSpecialCharacters) {
    for (const char c : {'#', '[', '<', '{', '"', '*', '-', '/', '(', ':', '\n', ' '}) {
        const std::string text(1'000'000, c);
        const auto r = parse_model_output(text, ParseOptions{kAll});
        expect_consistent(r, kAll);
        const auto one = parse_model_output(text, ParseOptions{{Platform::kTwitter}});
        expect_consistent(one, {Platform::kTwitter});
    }
}

TEST(Robustness, LongRunsOfOneTokenAreHandled) {
    for (const std::string token : {"<think>", "<linkedin ", "#a ", "[Insert ", "https://x.com/#a ",
                                    "1/ ", "Slide 1: ", "{\"linkedin\": \"", "**"}) {
        std::string text;
        while (text.size() < 500'000) {
            text += token;
        }
        const auto r = parse_model_output(text, ParseOptions{kAll});
        expect_consistent(r, kAll);
    }
}

TEST(Robustness, InvalidUtf8AndNulBytes) {
    std::string text = "### LinkedIn\nBad \xC3\x28 bytes \xF0\x28\x8C\x28 and NUL ";
    text.push_back('\0');
    text += " inside.\n### Twitter\n\xFF\xFE\xFD post text";
    const auto r =
        parse_model_output(text, ParseOptions{{Platform::kLinkedIn, Platform::kTwitter}});
    expect_consistent(r, {Platform::kLinkedIn, Platform::kTwitter});
    ASSERT_EQ(r.items.size(), 2U);
    EXPECT_EQ(r.items[0].body.find('\0'), std::string::npos);
}

TEST(Robustness, UnbalancedTags) {
    const auto r = parse_model_output(
        "<linkedin>Body one.\n</twitter>\n<pitch_deck>\n- a\n</linkedin>", ParseOptions{kAll});
    expect_consistent(r, kAll);
}

TEST(Robustness, RandomBytesNeverBreakTheInvariants) {
    std::mt19937 rng(12345);
    const std::string alphabet =
        "### LinkedIn Twitter X Pitch Deck Slide 1: 1/ Tweet **\n\n-•[]{}<>\"#:💼️𝕏\xFF";
    for (int i = 0; i < 300; ++i) {
        std::string text;
        const auto len = std::uniform_int_distribution<std::size_t>(0, 400)(rng);
        for (std::size_t j = 0; j < len; ++j) {
            text.push_back(
                alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)]);
        }
        const auto r = parse_model_output(text, ParseOptions{kAll});
        expect_consistent(r, kAll);
    }
}

}  // namespace
}  // namespace swarm::core
