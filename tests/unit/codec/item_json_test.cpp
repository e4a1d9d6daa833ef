// decode_item is the inverse of encode_item (round trips per platform shape), fills defaults for
// missing optional fields and names the field at fault; decode_brand reads brand objects.
#include "codec/item_json.hpp"

#include "codec/brief_json.hpp"
#include "codec/result_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using nlohmann::json;

core::ContentItem sample_thread() {
    core::ContentItem item;
    item.id = "job-1-twitter";
    item.platform = core::Platform::kTwitter;
    item.body = "1/2 Hello\n\n2/2 World";
    item.parts = {{{}, "1/2 Hello", {}, {}}, {{}, "2/2 World", {}, {}}};
    item.hashtags = {"#A", "#B"};
    item.media = {{"https://x/card.png", "card", 1200, 675, "A card"}};
    item.quality = {0.75, {{"x.hashtags", core::Severity::kError, "too many", "hashtags"}}};
    item.schedule = core::Schedule{{}, "2026-12-01T09:00:00-05:00", "America/New_York", "peak"};
    item.sources = {{"traction.md", "Traction", "traction.md#1"}};
    item.status = "approved";
    return item;
}

core::ContentItem decoded(const json& doc) {
    auto item = decode_item(doc);
    EXPECT_TRUE(item.has_value()) << (item ? "" : core::describe(item.error()));
    return item ? *item : core::ContentItem{};
}

core::Error error_of(const json& doc) {
    auto item = decode_item(doc);
    EXPECT_FALSE(item.has_value());
    return item ? core::Error{} : item.error();
}

TEST(ItemJson, RoundTripsAThread) {
    const auto doc = encode_item(sample_thread());
    const auto item = decoded(doc);
    EXPECT_EQ(encode_item(item), doc);
    EXPECT_EQ(item.quality.issues.at(0).severity, core::Severity::kError);
    ASSERT_TRUE(item.schedule.has_value());
    EXPECT_EQ(item.schedule->timezone, "America/New_York");
}

TEST(ItemJson, RoundTripsADeck) {
    core::ContentItem deck;
    deck.id = "d";
    deck.platform = core::Platform::kPitchDeck;
    deck.parts = {{"Problem", {}, {"slow", "costly"}, "say it plainly"}};
    const auto doc = encode_item(deck);
    const auto item = decoded(doc);
    EXPECT_EQ(encode_item(item), doc);
    EXPECT_EQ(item.parts.at(0).bullets.at(1), "costly");
}

TEST(ItemJson, MissingOptionalFieldsTakeDefaults) {
    const auto item = decoded(json{{"platform", "linkedin"}, {"body", "Hi"}});
    EXPECT_EQ(item.platform, core::Platform::kLinkedIn);
    EXPECT_EQ(item.body, "Hi");
    EXPECT_EQ(item.status, "draft");
    EXPECT_TRUE(item.parts.empty());
    EXPECT_FALSE(item.schedule.has_value());
    EXPECT_EQ(decoded(json{{"platform", "twitter"}, {"schedule", nullptr}}).schedule, std::nullopt);
}

TEST(ItemJson, ErrorsNameTheField) {
    struct Case {
        json doc;
        std::string field;
    };

    const std::vector<Case> cases{
        {json::array(), "item"},
        {json{{"body", "x"}}, "platform"},
        {json{{"platform", "tiktok"}}, "platform"},
        {json{{"platform", "twitter"}, {"body", 3}}, "body"},
        {json{{"platform", "twitter"}, {"parts", json{{"body", 1}}}}, "parts"},
        {json{{"platform", "twitter"}, {"parts", json::array({json{{"body", 1}}})}},
         "parts[0].body"},
        {json{{"platform", "twitter"}, {"hashtags", json::array({"#a", 2})}}, "hashtags[1]"},
        {json{{"platform", "twitter"}, {"media", json::array({json{{"width", "w"}}})}},
         "media[0].width"},
        {json{{"platform", "twitter"}, {"quality", json{{"score", "high"}}}}, "quality.score"},
        {json{{"platform", "twitter"},
              {"quality", json{{"issues", json::array({json{{"severity", "fatal"}}})}}}},
         "quality.issues[0].severity"},
        {json{{"platform", "twitter"}, {"schedule", 5}}, "schedule"},
        {json{{"platform", "twitter"}, {"sources", json::array({"x"})}}, "sources[0]"},
    };
    for (const auto& c : cases) {
        const auto e = error_of(c.doc);
        EXPECT_EQ(e.code, core::ErrorCode::kInvalidArgument) << c.doc.dump();
        EXPECT_EQ(e.field, c.field) << c.doc.dump();
    }
}

TEST(BrandJson, DecodesABrandObject) {
    const auto brand = decode_brand(json{{"name", "Acme"},
                                         {"voice", "plain"},
                                         {"required_hashtags", {"#Acme"}},
                                         {"banned_phrases", {"synergy"}},
                                         {"call_to_action", "Book a demo"}});
    ASSERT_TRUE(brand.has_value());
    EXPECT_EQ(brand->name, "Acme");
    EXPECT_EQ(brand->voice, "plain");
    EXPECT_EQ(brand->required_hashtags, std::vector<std::string>{"#Acme"});
    EXPECT_EQ(brand->banned_phrases, std::vector<std::string>{"synergy"});
    EXPECT_EQ(brand->call_to_action, "Book a demo");
}

TEST(BrandJson, ErrorsNameTheFieldWithItsPrefix) {
    auto bare = decode_brand(json{{"voice", 1}});
    ASSERT_FALSE(bare.has_value());
    EXPECT_EQ(bare.error().field, "voice");
    auto prefixed = decode_brand(json{{"colour", "red"}}, "brand");
    ASSERT_FALSE(prefixed.has_value());
    EXPECT_EQ(prefixed.error().field, "brand.colour");
    auto not_object = decode_brand(json::array());
    ASSERT_FALSE(not_object.has_value());
    EXPECT_EQ(not_object.error().field, "brand");
}

TEST(BrandJson, BriefStillReadsItsBrand) {
    const auto brief = decode_brief(
        R"({"prompt":"p","platforms":["linkedin"],"brand":{"name":"Acme","banned_phrases":["x"]}})");
    ASSERT_TRUE(brief.has_value()) << core::describe(brief.error());
    EXPECT_EQ(brief->brand.name, "Acme");
    const auto bad = decode_brief(R"({"prompt":"p","platforms":["linkedin"],"brand":{"voice":2}})");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "brand.voice");
}

}  // namespace
}  // namespace swarm::codec
