// UTF-8 helpers: decoding with replacement, NFC, graphemes and the properties validators use.
#include "core/text/utf8.hpp"

#include <gtest/gtest.h>

namespace swarm::core::text {
namespace {

TEST(Utf8, DecodesAndReplacesInvalidBytes) {
    EXPECT_EQ(decode("a\xc3\xa9"), (std::vector<char32_t>{U'a', U'\u00e9'}));
    EXPECT_EQ(decode("a\xff"
                     "b"),
              (std::vector<char32_t>{U'a', 0xFFFD, U'b'}));
    EXPECT_EQ(encode(decode("\xf0\x9d\x95\x8f")), "\xf0\x9d\x95\x8f");  // 𝕏
    EXPECT_EQ(length("caf\xc3\xa9"), 4U);
}

TEST(Utf8, NormalisesToNfc) {
    EXPECT_EQ(nfc("cafe\xcc\x81"), "caf\xc3\xa9");
    EXPECT_EQ(fold_case("GAME-Changer"), "game-changer");
}

TEST(Utf8, GraphemesKeepEmojiSequencesTogether) {
    // family: man ZWJ woman ZWJ girl; flag of Germany; thumbs up with skin tone
    EXPECT_EQ(graphemes("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7")
                  .size(),
              1U);
    EXPECT_EQ(graphemes("\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa").size(), 1U);
    EXPECT_EQ(graphemes("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
                        "a")
                  .size(),
              2U);
    EXPECT_TRUE(is_emoji_component(0x1F4BC));
    EXPECT_FALSE(is_emoji_component(U'a'));
}

TEST(Utf8, PropertiesAndTrim) {
    EXPECT_TRUE(is_letter_or_mark(U'\u6771'));  // 東
    EXPECT_TRUE(is_letter_or_mark(U'\u00e9'));
    EXPECT_FALSE(is_letter_or_mark(U'#'));
    EXPECT_TRUE(is_digit(U'7'));
    EXPECT_EQ(trim("\xc2\xa0 hi \t\n"), "hi");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(ascii_lower("LinkedIn"), "linkedin");
}

}  // namespace
}  // namespace swarm::core::text
