// Brief decoding: every field, aliases, defaults, and errors that name the field.
#include "codec/brief_json.hpp"

#include "support/test_paths.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using core::Platform;

TEST(BriefJson, DecodesTheSampleBrief) {
    const auto text = test::read_file(test::source_dir() / "examples" / "brief-fieldnote.json");
    const auto brief = decode_brief(text);
    ASSERT_TRUE(brief) << core::describe(brief.error());
    EXPECT_EQ(brief->platforms, (std::vector<Platform>{Platform::kLinkedIn, Platform::kTwitter,
                                                       Platform::kPitchDeck}));
    EXPECT_EQ(brief->brand.name, "Fieldnote");
    EXPECT_EQ(brief->brand.required_hashtags, std::vector<std::string>{"#FieldService"});
    EXPECT_EQ(brief->brand.banned_phrases.size(), 3U);
    EXPECT_EQ(brief->kb, "kb-fieldnote");
    EXPECT_EQ(brief->timezone, "UTC");
    EXPECT_TRUE(brief->language.empty());  // not given: resolved by the pipeline
    EXPECT_EQ(brief->options.deck_slides, 12);
    EXPECT_FALSE(brief->options.twitter_thread.has_value());
}

TEST(BriefJson, DecodesBrandColoursAndExpandsShortHex) {
    const auto brief = decode_brief(
        R"({"prompt":"p","platforms":["linkedin"],
            "brand":{"name":"Acme","colors":{"background":"#0B1F3A","accent":"#f60"}}})");
    ASSERT_TRUE(brief) << core::describe(brief.error());
    EXPECT_EQ(brief->brand.colors.background, "#0b1f3a");
    EXPECT_EQ(brief->brand.colors.accent, "#ff6600");
    EXPECT_TRUE(brief->brand.colors.text.empty());
    EXPECT_EQ(encode_brand_colors(brief->brand.colors).dump(),
              R"({"accent":"#ff6600","background":"#0b1f3a"})");
}

TEST(BriefJson, RejectsBadColoursNamingTheField) {
    const auto bad = [](const std::string& colors) {
        auto brief = decode_brief(R"({"prompt":"p","platforms":["linkedin"],"brand":{"colors":)" +
                                  colors + "}}");
        EXPECT_FALSE(brief);
        return brief ? std::string{} : core::describe(brief.error());
    };
    EXPECT_NE(bad(R"({"accent":"blue"})").find("brand.colors.accent: must be a colour"),
              std::string::npos);
    EXPECT_NE(bad(R"({"text":"#12345"})").find("brand.colors.text"), std::string::npos);
    EXPECT_NE(bad(R"({"text":"#gggggg"})").find("brand.colors.text"), std::string::npos);
    EXPECT_NE(bad(R"({"primary":"#ffffff"})").find("brand.colors.primary"), std::string::npos);
    EXPECT_NE(bad(R"("#ffffff")").find("brand.colors: must be an object"), std::string::npos);
}

TEST(BriefJson, AcceptsAliasesInAnyCaseAndNormalisesHashtags) {
    const auto brief = decode_brief(
        R"({"prompt":"Launch","platforms":[" X ","Pitch Deck","LinkedIn"],
            "brand":{"required_hashtags":["FieldService","#HVAC "]},
            "options":{"twitter_thread":false,"deck_slides":10},"timezone":"America/New_York"})");
    ASSERT_TRUE(brief) << core::describe(brief.error());
    EXPECT_EQ(brief->platforms, (std::vector<Platform>{Platform::kTwitter, Platform::kPitchDeck,
                                                       Platform::kLinkedIn}));
    EXPECT_EQ(brief->brand.required_hashtags, (std::vector<std::string>{"#FieldService", "#HVAC"}));
    EXPECT_EQ(brief->options.twitter_thread, false);
    EXPECT_EQ(brief->options.deck_slides, 10);
    EXPECT_EQ(brief->timezone, "America/New_York");
}

struct BadCase {
    const char* json;
    const char* field;
    const char* message_part;
};

class BriefJsonErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(BriefJsonErrors, NameTheField) {
    const auto& c = GetParam();
    const auto brief = decode_brief(c.json);
    ASSERT_FALSE(brief);
    EXPECT_EQ(brief.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(brief.error().field, c.field);
    EXPECT_NE(brief.error().message.find(c.message_part), std::string::npos)
        << brief.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BriefJsonErrors,
    ::testing::Values(
        BadCase{R"({"prompt":"p","platforms":["linkedin","twitter","tiktok"]})", "platforms[2]",
                "unknown platform \"tiktok\"; known: linkedin, twitter, pitch_deck"},
        BadCase{R"({"prompt":"p","platforms":"linkedin"})", "platforms", "must be an array"},
        BadCase{R"({"prompt":"p","platforms":[1]})", "platforms[0]", "must be a platform name"},
        BadCase{R"({"prompt":"  ","platforms":["x"]})", "prompt", "non-empty"},
        BadCase{R"({"prompt":"p","platforms":["x"],"brand":{"banned_phrases":[3]}})",
                "brand.banned_phrases[0]", "must be a string"},
        BadCase{R"({"prompt":"p","platforms":["x"],"brand":{"colour":"red"}})", "brand.colour",
                "unknown field"},
        BadCase{R"({"prompt":"p","platforms":["x"],"brand":[]})", "brand", "must be an object"},
        BadCase{R"({"prompt":"p","platforms":["x"],"options":{"deck_slides":"ten"}})",
                "options.deck_slides", "integer from 10 to 12"},
        BadCase{R"({"prompt":"p","platforms":["x"],"options":{"deck_slides":9}})",
                "options.deck_slides", "is 9; allowed: 10 to 12"},
        BadCase{R"({"prompt":"p","platforms":["x"],"options":{"twitter_thread":"yes"}})",
                "options.twitter_thread", "true or false"},
        BadCase{R"({"prompt":"p","platforms":["x"],"timezone":"../../etc/passwd"})", "timezone",
                "IANA time zone"},
        BadCase{R"({"prompt":"p","platforms":["x","twitter"]})", "platforms[1]", "listed twice"},
        BadCase{"{\"prompt\":\"p\",", "brief", "not valid JSON"}));

}  // namespace
}  // namespace swarm::codec
