// The result document keeps DESIGN.md's shape: snake_case keys, parts per platform shape,
// schedule null until scheduled, error bodies with code, message and field.
#include "codec/result_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

TEST(ResultJson, EncodesTheDocumentShape) {
    core::Job job;
    job.id = "job-1";
    job.status = core::JobStatus::kPartial;
    job.brief.platforms = {core::Platform::kTwitter, core::Platform::kPitchDeck};
    job.missing_platforms = {core::Platform::kPitchDeck};
    job.notes = {"pitch_deck: the writer produced nothing"};
    core::ContentItem item;
    item.id = "job-1-twitter";
    item.platform = core::Platform::kTwitter;
    item.body = "1/2 Hello\n\n2/2 World";
    item.parts = {{{}, "1/2 Hello", {}, {}}, {{}, "2/2 World", {}, {}}};
    item.hashtags = {"#A"};
    item.quality = {0.92, {{"x.hashtags", core::Severity::kWarning, "m", "hashtags"}}};
    job.items.push_back(item);

    const auto doc = encode_result(job);
    EXPECT_EQ(doc["job_id"], "job-1");
    EXPECT_EQ(doc["status"], "partial");
    EXPECT_EQ(doc["requested_platforms"], nlohmann::json({"twitter", "pitch_deck"}));
    EXPECT_EQ(doc["missing_platforms"], nlohmann::json({"pitch_deck"}));
    const auto& i = doc["items"][0];
    for (const char* key : {"id", "platform", "body", "parts", "hashtags", "media", "quality",
                            "schedule", "sources"}) {
        EXPECT_TRUE(i.contains(key)) << key;
    }
    EXPECT_TRUE(i["schedule"].is_null());
    EXPECT_EQ(i["parts"][1]["body"], "2/2 World");
    EXPECT_EQ(i["parts"][1]["weighted_length"], 9);
    EXPECT_EQ(i["quality"]["issues"][0]["severity"], "warning");
    EXPECT_EQ(i["metrics"]["weighted_lengths"], nlohmann::json({9, 9}));
}

TEST(ResultJson, SlidesHaveTitleBulletsNotes) {
    const auto part = encode_part(core::Platform::kPitchDeck, {"Problem", "", {"a", "b"}, "n"});
    EXPECT_EQ(part,
              nlohmann::json({{"title", "Problem"}, {"bullets", {"a", "b"}}, {"notes", "n"}}));
}

TEST(ResultJson, ErrorBody) {
    const auto body = encode_error({core::ErrorCode::kInvalidArgument, "bad", "platforms[0]", {}});
    EXPECT_EQ(body["error"]["code"], "invalid_argument");
    EXPECT_EQ(body["error"]["field"], "platforms[0]");
    EXPECT_TRUE(
        encode_error({core::ErrorCode::kNotFound, "x", "", {}})["error"]["field"].is_null());
}

}  // namespace
}  // namespace swarm::codec
