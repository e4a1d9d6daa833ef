// Hashtag extraction: Unicode tags, what is not a tag, case-insensitive de-duplication.
#include "core/parse/hashtags.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

using Tags = std::vector<std::string>;

TEST(Hashtags, ExtractsUnicodeLettersDigitsAndUnderscore) {
    EXPECT_EQ(extract_hashtags("Bonjour #Café et #données, #東京 #São_Paulo #Web3 #हिन्दी"),
              (Tags{"#Café", "#données", "#東京", "#São_Paulo", "#Web3", "#हिन्दी"}));
}

TEST(Hashtags, IgnoresNumbersUrlsHeadersAndWords) {
    EXPECT_EQ(extract_hashtags("We are #1 in #2026"), Tags{});
    EXPECT_EQ(extract_hashtags("See https://x.com/a#b and www.example.com/#top"), Tags{});
    EXPECT_EQ(extract_hashtags("## Heading\n# Title\n### LinkedIn"), Tags{});
    EXPECT_EQ(extract_hashtags("C# and F# devs, issue#12, a&#39;b"), Tags{});
    EXPECT_EQ(extract_hashtags("#"), Tags{});
}

TEST(Hashtags, FindsTagsAtLineStartsAndAfterPunctuation) {
    EXPECT_EQ(extract_hashtags("#AI leads.\n#SaaS\n(#Growth) \"#Ops\""),
              (Tags{"#AI", "#SaaS", "#Growth", "#Ops"}));
    EXPECT_EQ(extract_hashtags("Ends with #tag."), Tags{"#tag"});
}

TEST(Hashtags, MergeDeduplicatesCaseInsensitivelyKeepingTheFirstSpelling) {
    Tags tags{"#Café"};
    merge_hashtags(tags, {"#CAFÉ", "#café", "#SaaS", "#saas", "#Straße", "#STRASSE"});
    EXPECT_EQ(tags, (Tags{"#Café", "#SaaS", "#Straße"}));
}

TEST(Hashtags, ListsWithoutHashSigns) {
    EXPECT_EQ(hashtags_from_list("AI, SaaS, Product Led"), (Tags{"#AI", "#SaaS", "#ProductLed"}));
    EXPECT_EQ(hashtags_from_list("#AI #SaaS"), (Tags{"#AI", "#SaaS"}));
    EXPECT_EQ(normalize_hashtag("#données"), "#données");
    EXPECT_EQ(normalize_hashtag("2026"), "");
}

TEST(Hashtags, HashtagOnlyLines) {
    EXPECT_TRUE(is_hashtag_only_line("#FieldService #HVAC #Dispatch"));
    EXPECT_TRUE(is_hashtag_only_line("#a, #b | #c"));
    EXPECT_FALSE(is_hashtag_only_line("Try it #today"));
    EXPECT_FALSE(is_hashtag_only_line("no tags here"));
}

}  // namespace
}  // namespace swarm::core::parse
