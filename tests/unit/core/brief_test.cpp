// Semantic brief validation shared by every entry point.
#include "core/model/brief.hpp"

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

Brief valid() {
    Brief b;
    b.prompt = "Announce the launch";
    b.platforms = {Platform::kLinkedIn};
    return b;
}

TEST(BriefValidation, AcceptsMinimalBriefWithDefaults) {
    const auto b = validate_brief(valid());
    ASSERT_TRUE(b);
    EXPECT_EQ(b->timezone, "UTC");
    EXPECT_EQ(b->options.deck_slides, 12);
}

TEST(BriefValidation, RejectsWithFieldNames) {
    auto b = valid();
    b.prompt = std::string(kMaxPromptChars + 1, 'a');
    EXPECT_EQ(validate_brief(b).error().field, "prompt");
    b = valid();
    b.platforms.clear();
    EXPECT_EQ(validate_brief(b).error().field, "platforms");
    b = valid();
    b.brand.banned_phrases = {"ok", " "};
    EXPECT_EQ(validate_brief(b).error().field, "brand.banned_phrases[1]");
    b = valid();
    b.brand.required_hashtags = {"#"};
    EXPECT_EQ(validate_brief(b).error().field, "brand.required_hashtags[0]");
    b = valid();
    b.timezone = "/etc/localtime";
    EXPECT_EQ(validate_brief(b).error().field, "timezone");
}

}  // namespace
}  // namespace swarm::core
