// Header detection: every header style the models produce, and the lines that only look like one.
#include "core/parse/header_detector.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

struct HeaderCase {
    const char* line;
    Platform platform;
};

class HeaderStyles : public ::testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderStyles, AreRecognised) {
    const auto header = detect_header(GetParam().line);
    ASSERT_TRUE(header.has_value()) << GetParam().line;
    EXPECT_EQ(header->platform, GetParam().platform) << GetParam().line;
}

INSTANTIATE_TEST_SUITE_P(
    AllStyles, HeaderStyles,
    ::testing::Values(HeaderCase{"# LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"## LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"### LinkedIn Post", Platform::kLinkedIn},
                      HeaderCase{"#### Twitter", Platform::kTwitter},
                      HeaderCase{"### 💼 LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"### 💼️ LinkedIn", Platform::kLinkedIn},  // with U+FE0F
                      HeaderCase{"### 🐦️ Twitter Thread", Platform::kTwitter},
                      HeaderCase{"**LinkedIn Post:**", Platform::kLinkedIn},
                      HeaderCase{"**Twitter/X Thread**", Platform::kTwitter},
                      HeaderCase{"### 1. LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"### 3) Pitch Deck", Platform::kPitchDeck},
                      HeaderCase{"### Twitter (Thread)", Platform::kTwitter},
                      HeaderCase{"### LinkedIn Post (150-300 words)", Platform::kLinkedIn},
                      HeaderCase{"### LinkedIn (Improved)", Platform::kLinkedIn},
                      HeaderCase{"Platform: X", Platform::kTwitter},
                      HeaderCase{"**Platform:** Pitch Deck", Platform::kPitchDeck},
                      HeaderCase{"    ### LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"### X", Platform::kTwitter},
                      HeaderCase{"### 𝕏", Platform::kTwitter},
                      HeaderCase{"## X/Twitter", Platform::kTwitter},
                      HeaderCase{"## Twitter / X", Platform::kTwitter},
                      HeaderCase{"### X (formerly Twitter)", Platform::kTwitter},
                      HeaderCase{"### Tweet", Platform::kTwitter},
                      HeaderCase{"### Thread", Platform::kTwitter},
                      HeaderCase{"## Deck", Platform::kPitchDeck},
                      HeaderCase{"## Investor Deck", Platform::kPitchDeck},
                      HeaderCase{"## pitch_deck", Platform::kPitchDeck},
                      HeaderCase{"### LINKEDIN CONTENT", Platform::kLinkedIn},
                      HeaderCase{"### Twitter Post", Platform::kTwitter},
                      HeaderCase{"LinkedIn Post:", Platform::kLinkedIn},
                      HeaderCase{"### Final LinkedIn Post", Platform::kLinkedIn},
                      HeaderCase{"### LinkedIn — Version 2", Platform::kLinkedIn},
                      HeaderCase{"##LinkedIn", Platform::kLinkedIn},
                      HeaderCase{"### X Thread — 6 posts", Platform::kTwitter},
                      HeaderCase{"### Pitch Deck ###", Platform::kPitchDeck}));

class NotHeaders : public ::testing::TestWithParam<const char*> {};

TEST_P(NotHeaders, AreContent) {
    EXPECT_FALSE(detect_header(GetParam()).has_value()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Lookalikes, NotHeaders,
    ::testing::Values("LinkedIn is where our buyers spend their mornings.",
                      "## Why LinkedIn matters for founders", "### Slide 2: Market", "### Problem",
                      "#LinkedIn", "- LinkedIn: 245 words",
                      "**LinkedIn** is the best channel for B2B.", "Tweet 1: Hello there",
                      "**Tweet 1**", "### Tweet 2/5", "1. LinkedIn", "Thread:", "X marks the spot",
                      "### LinkedIn and Twitter posts", "### LinkedIn vs Twitter", "> ### LinkedIn",
                      "✅ LinkedIn: 118 words, hook under 210 characters",
                      "LinkedIn: 246 characters", "LinkedIn: 12,000 followers", "### Xbox launch",
                      "Deck:", "", "Follow us on X for more"));

TEST(HeaderDetector, KeepsContentOnTheHeaderLine) {
    const auto h = detect_header("### LinkedIn: Hello founders, a quick story.");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->inline_content, "Hello founders, a quick story.");
    const auto bold = detect_header("**LinkedIn Post:** **Big news** today.");
    ASSERT_TRUE(bold);
    EXPECT_EQ(bold->inline_content, "**Big news** today.");
}

TEST(HeaderDetector, ReadsTheFlagsOfTheSuffix) {
    EXPECT_TRUE(detect_header("### LinkedIn (Improved)")->flags.revised);
    EXPECT_TRUE(detect_header("### Revised LinkedIn Post")->flags.revised);
    EXPECT_TRUE(detect_header("### LinkedIn Post v2")->flags.revised);
    EXPECT_FALSE(detect_header("### LinkedIn Post")->flags.revised);
    EXPECT_TRUE(detect_header("### Twitter Thread (continued)")->flags.continued);
    EXPECT_TRUE(detect_header("### Twitter (Thread)")->flags.thread);
    EXPECT_TRUE(detect_header("### X Thread — 6 posts")->flags.thread);
    EXPECT_TRUE(detect_header("### Twitter Post 2")->flags.ordinal);
    EXPECT_FALSE(detect_header("### Twitter")->flags.thread);
}

TEST(HeaderDetector, MetaHeadersCloseASection) {
    EXPECT_TRUE(is_meta_header("## Posting Schedule"));
    EXPECT_TRUE(is_meta_header("### Character Counts"));
    EXPECT_TRUE(is_meta_header("**Validation:**"));
    EXPECT_FALSE(is_meta_header("## Slide 3: Market"));
    EXPECT_FALSE(is_meta_header("Posting schedule"));
}

}  // namespace
}  // namespace swarm::core::parse
