// The platform registry: names, aliases and the limits DESIGN.md's table sets.
#include "core/model/platform.hpp"

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

TEST(Platform, NamesAndAliases) {
    EXPECT_EQ(platform_from_name("linkedin"), Platform::kLinkedIn);
    EXPECT_EQ(platform_from_name("  LinkedIn "), Platform::kLinkedIn);
    EXPECT_EQ(platform_from_name("x"), Platform::kTwitter);
    EXPECT_EQ(platform_from_name("X"), Platform::kTwitter);
    EXPECT_EQ(platform_from_name("Twitter/X"), Platform::kTwitter);
    EXPECT_EQ(platform_from_name("Pitch Deck"), Platform::kPitchDeck);
    EXPECT_EQ(platform_from_name("investor deck"), Platform::kPitchDeck);
    EXPECT_FALSE(platform_from_name("tiktok"));
    EXPECT_FALSE(platform_from_name(""));
    EXPECT_EQ(known_platform_list(), "linkedin, twitter, pitch_deck");
}

TEST(Platform, LimitsMatchTheDesignTable) {
    EXPECT_EQ(spec(Platform::kLinkedIn).max_chars, 3000U);
    EXPECT_EQ(spec(Platform::kLinkedIn).min_words, 150);
    EXPECT_EQ(spec(Platform::kLinkedIn).max_words, 300);
    EXPECT_EQ(spec(Platform::kLinkedIn).image_height, 627);
    EXPECT_EQ(spec(Platform::kTwitter).max_chars, 280U);
    EXPECT_EQ(spec(Platform::kTwitter).max_hashtags, 2);
    EXPECT_EQ(spec(Platform::kTwitter).image_height, 675);
    EXPECT_EQ(spec(Platform::kPitchDeck).min_parts, 10);
    EXPECT_EQ(spec(Platform::kPitchDeck).max_parts, 12);
    EXPECT_EQ(spec(Platform::kPitchDeck).max_bullets_per_part, 5);
    EXPECT_EQ(spec(Platform::kPitchDeck).image_width, 1920);
    for (const auto& s : all_platforms()) {
        EXPECT_EQ(&spec(s.platform), &s);
        EXPECT_EQ(platform_from_name(s.id), s.platform);
        EXPECT_FALSE(s.house_rules.empty());
    }
}

}  // namespace
}  // namespace swarm::core
