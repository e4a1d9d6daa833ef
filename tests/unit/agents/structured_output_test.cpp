// Schemas the writers, researcher and critic request, and the tolerant decoding of replies.
#include "core/agents/structured_output.hpp"

#include "support/control_escapes.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::core::agents {
namespace {

using nlohmann::json;

/// Strict subset: every object schema lists all its properties as required and forbids others.
void expect_strict(const json& schema, const std::string& where) {
    if (schema.value("type", "") == "object") {
        ASSERT_TRUE(schema.contains("properties")) << where;
        EXPECT_EQ(schema.value("additionalProperties", true), false) << where;
        std::vector<std::string> keys;
        for (const auto& [key, sub] : schema["properties"].items()) {
            keys.push_back(key);
            expect_strict(sub, where + "." + key);
        }
        auto required = schema["required"].get<std::vector<std::string>>();
        std::sort(keys.begin(), keys.end());
        std::sort(required.begin(), required.end());
        EXPECT_EQ(required, keys) << where;
    }
    if (schema.contains("items")) {
        expect_strict(schema["items"], where + "[]");
    }
}

TEST(StructuredOutput, EverySchemaIsAStrictSubsetWithAValidName) {
    std::vector<LlmStructuredOutput> all{research_schema(), critique_schema()};
    for (const auto p : {Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck}) {
        all.push_back(writer_schema(p));
    }
    for (const auto& s : all) {
        EXPECT_FALSE(s.name.empty());
        EXPECT_LE(s.name.size(), 64U);
        EXPECT_EQ(s.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos);
        const auto doc = json::parse(s.schema_json);
        expect_strict(doc, s.name);
    }
}

TEST(StructuredOutput, DecodesPlainFencedAndPrefixedJson) {
    const std::string doc =
        R"({"body": "Dispatch re-planned in seconds.", "hashtags": ["FieldService", "#HVAC"]})";
    for (const auto& reply : {doc, "```json\n" + doc + "\n```", "Here is the post:\n\n" + doc}) {
        auto item = decode_item(Platform::kLinkedIn, reply);
        ASSERT_TRUE(item.has_value()) << reply;
        EXPECT_EQ(item->body, "Dispatch re-planned in seconds.");
        EXPECT_EQ(item->hashtags, (std::vector<std::string>{"#FieldService", "#HVAC"}));
    }
}

TEST(StructuredOutput, ThreadPostsAreNumberedOnceAndDeckBodiesRendered) {
    auto thread = decode_item(Platform::kTwitter, R"({"posts": ["1/2 First #HVAC", "Second"]})");
    ASSERT_TRUE(thread.has_value());
    ASSERT_EQ(thread->parts.size(), 2U);
    EXPECT_EQ(thread->parts[0].body, "1/2 First #HVAC");
    EXPECT_EQ(thread->parts[1].body, "2/2 Second");
    EXPECT_EQ(thread->hashtags, std::vector<std::string>{"#HVAC"});
    auto single = decode_item(Platform::kTwitter, R"({"posts": ["Only one"]})");
    EXPECT_EQ(single->parts.at(0).body, "Only one");
    auto deck = decode_item(
        Platform::kPitchDeck,
        R"({"slides": [{"title": "Problem", "bullets": ["Calls arrive late"], "notes": "n"}]})");
    ASSERT_TRUE(deck.has_value());
    EXPECT_EQ(deck->parts.at(0).title, "Problem");
    EXPECT_NE(deck->body.find("- Calls arrive late"), std::string::npos);
    EXPECT_EQ(item_text(*deck), "Slide 1: Problem\n- Calls arrive late\nNotes: n");
}

TEST(StructuredOutput, InvalidOrWrongShapedJsonIsAnError) {
    for (const auto& reply :
         {std::string("Let me write this."), std::string(R"({"body": "x)"),
          std::string(R"({"posts": "not a list"})"), std::string(R"({"text": "x"})")}) {
        EXPECT_FALSE(decode_item(Platform::kTwitter, reply).has_value()) << reply;
    }
    EXPECT_FALSE(decode_item(Platform::kLinkedIn, R"({"posts": ["x"]})").has_value());
}

TEST(StructuredOutput, CritiqueAndResearchReplies) {
    auto c = decode_critique("```json\n{\"score\": 1.7, \"issues\": [\"a\", \"\"]}\n```");
    ASSERT_TRUE(c.has_value());
    EXPECT_DOUBLE_EQ(c->score, 1.0);
    EXPECT_EQ(c->issues, std::vector<std::string>{"a"});
    EXPECT_FALSE(decode_critique(R"({"issues": []})").has_value());
    auto r = decode_research(
        R"({"angle": "a", "summary": "s", "ranked_facts": ["F2", "f1", "F2", "F9", "x"]})", 3);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->ranked_facts, (std::vector<std::size_t>{1, 0}));
    EXPECT_EQ(r->angle, "a");
}

// Escapes in a structured reply ("\r", "\u0000" .. "\u001f", "\u007f") decode to bytes the input
// sanitiser never saw; the decoded item carries none of them (the same rule as the parser's).
TEST(StructuredOutput, EscapedControlCharactersNeverReachTheItem) {
    const auto escapes = test::json_control_escapes();
    const std::vector<std::pair<Platform, std::string>> shapes = {
        {Platform::kLinkedIn, R"({"body": "We shipped.@It re-plans.", "hashtags": ["HVAC@"]})"},
        {Platform::kTwitter, R"({"posts": ["First post.@More.", "Second@post."]})"},
    };
    for (const auto& [platform, shape] : shapes) {
        for (const auto& esc : escapes) {
            const std::string reply = test::with_escape(shape, esc);
            const auto item = decode_item(platform, reply);
            ASSERT_TRUE(item.has_value()) << reply;
            std::vector<std::string> fields = {item->body};
            fields.insert(fields.end(), item->hashtags.begin(), item->hashtags.end());
            for (const auto& part : item->parts) {
                fields.push_back(part.body);
            }
            for (const auto& f : fields) {
                EXPECT_EQ(test::first_control_byte(f), -1) << "in \"" << f << "\" from " << reply;
            }
        }
    }
}

}  // namespace
}  // namespace swarm::core::agents
