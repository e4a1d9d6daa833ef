// Template placeholders: detection in a line and as a whole body.
#include "core/parse/placeholders.hpp"

#include "core/parse/line_utils.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

TEST(Placeholders, DetectsTemplateSlots) {
    for (const char* line :
         {"[Insert statistic here]", "Visit [Your Website] today", "[Company Name] is hiring",
          "Hello {{first_name}}", "Dear {customer_name},", "<placeholder>", "<insert quote>",
          "Price: TBD", "Lorem ipsum dolor sit amet", "Growth of XX% this year",
          "Raising $X million", "[COMPANY NAME]", "[...]", "<COMPANY_NAME>"}) {
        EXPECT_TRUE(has_placeholder(line)) << line;
    }
}

TEST(Placeholders, LeavesRealTextAlone) {
    for (const char* line :
         {"Read [our guide](https://example.com)", "- [x] done", "- [ ] open", "Tweet [1/5]",
          "Follow us on X", "We grew 3x", "An XL order", "The <b>bold</b> tag", "[Improved]",
          "A dict {1: 2}", "Use C++ templates", "Ratio 3/4"}) {
        EXPECT_FALSE(has_placeholder(line)) << line;
    }
}

TEST(Placeholders, WholeBodyPlaceholders) {
    EXPECT_TRUE(is_placeholder_only("..."));
    EXPECT_TRUE(is_placeholder_only("…"));
    EXPECT_TRUE(is_placeholder_only("TBD"));
    EXPECT_TRUE(is_placeholder_only("Content goes here."));
    EXPECT_TRUE(is_placeholder_only("[Insert post]\n\n[Insert hashtags]"));
    EXPECT_FALSE(is_placeholder_only("Real copy.\n[Insert quote]"));
    EXPECT_FALSE(is_placeholder_only(""));
}

TEST(Placeholders, RemovesOnlyTheLinesWithSlots) {
    auto lines = split_lines("Good line.\n[Insert quote]\nAnother good line.");
    EXPECT_EQ(remove_placeholder_lines(lines), 1U);
    EXPECT_EQ(join_paragraphs(lines), "Good line.\nAnother good line.");
}

}  // namespace
}  // namespace swarm::core::parse
