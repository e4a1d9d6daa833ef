// JSON-shaped model output: keyed objects, item lists, wrappers, fences, broken and deep JSON.
#include "core/parse/json_values.hpp"
#include "core/parse/raw_section.hpp"
#include "core/parse/section_parser.hpp"
#include "support/control_escapes.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

ParseResult parse(std::string_view text, std::vector<Platform> platforms) {
    return parse_model_output(text, ParseOptions{std::move(platforms)});
}

TEST(JsonSections, KeyedObjectWithCamelCaseAndAliases) {
    const auto scan = json_sections(
        R"({"linkedIn": "Post text here.", "x_thread": ["one", "two"], "pitchDeck": {"slides": []}})");
    ASSERT_EQ(scan.sections.size(), 3U);
    // JSON objects are unordered: look the sections up by platform.
    const auto find = [&](Platform p) {
        for (const auto& s : scan.sections) {
            if (s.platform == p) {
                return &s;
            }
        }
        return static_cast<const RawSection*>(nullptr);
    };
    ASSERT_NE(find(Platform::kLinkedIn), nullptr);
    ASSERT_NE(find(Platform::kTwitter), nullptr);
    ASSERT_NE(find(Platform::kPitchDeck), nullptr);
    EXPECT_EQ(find(Platform::kLinkedIn)->body, "Post text here.");
    EXPECT_EQ(find(Platform::kTwitter)->parts.size(), 2U);
    EXPECT_TRUE(find(Platform::kTwitter)->flags.thread);
}

TEST(JsonSections, NestedPlatformsWrapper) {
    const auto r = parse(R"({"platforms": {"linkedin": {"post": "Wrapped post body."}}})",
                         {Platform::kLinkedIn});
    ASSERT_EQ(r.items.size(), 1U);
    EXPECT_EQ(r.items[0].body, "Wrapped post body.");
}

TEST(JsonSections, ItemListWithTypeKey) {
    const auto r =
        parse(R"([{"type": "Twitter", "text": "A single post."}])", {Platform::kTwitter});
    ASSERT_EQ(r.items.size(), 1U);
    EXPECT_EQ(r.items[0].parts.size(), 1U);
    EXPECT_EQ(r.items[0].body, "A single post.");
}

TEST(JsonSections, SlidesFromStringsAndObjects) {
    const auto r = parse(
        R"({"pitch_deck": {"slides": [{"title": "Problem", "bullets": ["a", "b"], "speakerNotes": "n"},
           {"heading": "Ask", "points": "- $6M\n- 18 months"}]}})",
        {Platform::kPitchDeck});
    ASSERT_EQ(r.items.size(), 1U);
    ASSERT_EQ(r.items[0].parts.size(), 2U);
    EXPECT_EQ(r.items[0].parts[0].notes, "n");
    EXPECT_EQ(r.items[0].parts[1].title, "Ask");
    EXPECT_EQ(r.items[0].parts[1].bullets, (std::vector<std::string>{"$6M", "18 months"}));
}

TEST(JsonSections, ProseAroundAndTrailingText) {
    const auto r = parse("Here you go:\n{\"linkedin\": \"Body.\"}\nHope this helps!",
                         {Platform::kLinkedIn, Platform::kTwitter});
    ASSERT_EQ(r.items.size(), 1U);
    EXPECT_EQ(r.items[0].body, "Body.");
    EXPECT_EQ(r.missing_platforms, std::vector<Platform>{Platform::kTwitter});
}

TEST(JsonSections, TruncatedJsonKeepsCompleteStrings) {
    const auto scan = json_sections(
        R"({"linkedin": "Complete \"quoted\" post\nline two \u00e9 \ud83d\ude80", "twitter": "cut off)");
    ASSERT_EQ(scan.sections.size(), 1U);
    EXPECT_EQ(scan.sections[0].body, "Complete \"quoted\" post\nline two é 🚀");
}

TEST(JsonSections, TooDeepIsRefusedNotCrashed) {
    std::string deep(100000, '[');
    deep += std::string(100000, ']');
    EXPECT_TRUE(json_sections(deep).sections.empty());
    const auto r = parse("```json\n" + deep + "\n```", {Platform::kLinkedIn, Platform::kTwitter});
    EXPECT_TRUE(r.items.empty());
}

TEST(JsonSections, BalancedEndSkipsStrings) {
    EXPECT_EQ(balanced_end(R"({"a": "}{]["} trailing)", 8), 13U);
    EXPECT_EQ(balanced_end(R"({"a": [1, 2})", 8), std::string_view::npos);
    EXPECT_EQ(balanced_end("[[[[]]]]", 3), std::string_view::npos);
}

TEST(JsonSections, SpacedKeys) {
    EXPECT_EQ(spaced_key("speakerNotes"), "speaker Notes");
    EXPECT_EQ(spaced_key("pitch_deck"), "pitch deck");
}

// JSON escapes decode after the input was sanitised: every control character a model can write
// as an escape (\r, \r\n, \u0000 .. \u001f, \u007f), in every JSON position a body comes from
// (a keyed string, truncated JSON, an array of posts, an item object, a slide), leaves '\n' line
// ends and no other control bytes, as raw input would. Found by the parser fuzzer ("\n\r" in a
// LinkedIn body).
TEST(JsonSections, EscapedControlCharactersAreCleanedLikeRawInput) {
    const auto escapes = test::json_control_escapes();
    const std::vector<std::pair<std::string, std::vector<Platform>>> shapes = {
        {R"({"linkedin": "First line.@Second line of the post."})", {Platform::kLinkedIn}},
        // Truncated JSON: the lenient "key": "value" scan decodes the escapes itself.
        {R"({"linkedin": "First line.@Second line of the post.", "twitter": ["unfinished)",
         {Platform::kLinkedIn}},
        {R"({"twitter": ["A first post.@Still the first.", "A second post."]})",
         {Platform::kTwitter}},
        {R"([{"platform": "LinkedIn", "content": "We shipped.@It re-plans routes."}])",
         {Platform::kLinkedIn}},
        {R"({"pitch_deck": {"slides": [{"title": "Problem", "body": "Calls come in.@Routes break."},
            {"title": "Ask", "bullets": ["$6M@for 18 months"]}]}})",
         {Platform::kPitchDeck}},
    };
    for (const auto& [shape, platforms] : shapes) {
        for (const auto& esc : escapes) {
            const std::string text = test::with_escape(shape, esc);
            const auto r = parse(text, platforms);
            ASSERT_EQ(r.items.size(), 1U) << text;
            std::vector<std::string> fields = {r.items[0].body};
            for (const auto& part : r.items[0].parts) {
                fields.push_back(part.body);
                fields.push_back(part.title);
                fields.insert(fields.end(), part.bullets.begin(), part.bullets.end());
            }
            for (const auto& f : fields) {
                EXPECT_EQ(test::first_control_byte(f), -1) << "in \"" << f << "\" from " << text;
            }
        }
    }
}

}  // namespace
}  // namespace swarm::core::parse
