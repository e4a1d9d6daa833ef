// Limits on every string and list of a brief and a brand profile, and untrusted JSON: for each
// bounded field a brief at the limit decodes and one past it is a 400 naming the field and the
// limit; bad bytes, duplicate keys, huge numbers and deep nesting are errors naming the value.
#include "core/model/brief_limits.hpp"

#include "codec/brief_json.hpp"
#include "codec/json_read.hpp"

#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using core::BriefLimits;
using nlohmann::json;

json minimal() {
    return json{{"prompt", "p"},
                {"platforms", {"linkedin"}},
                {"brand", {{"banned_phrases", {"a", "b", "c"}}}}};
}

/// A string of `bytes` bytes; multi-byte characters so that a limit in bytes is not mistaken
/// for one in characters.
std::string text_of(std::size_t bytes) {
    std::string s;
    while (s.size() + 2 <= bytes) {
        s += "é";
    }
    s.append(bytes - s.size(), 'a');
    return s;
}

struct StringLimit {
    json::json_pointer where;
    std::string field;
    std::size_t max_bytes;
};

class BriefStringLimits : public ::testing::TestWithParam<StringLimit> {};

TEST_P(BriefStringLimits, AtTheLimitDecodesOnePastIsAnErrorNamingTheField) {
    const auto& c = GetParam();
    auto at = minimal();
    at[c.where] = text_of(c.max_bytes);
    auto over = minimal();
    over[c.where] = text_of(c.max_bytes + 1);
    const auto ok = decode_brief(at.dump());
    // The value at the limit may still fail a semantic rule (a time zone made of é): only the
    // length rule must not be what fails.
    if (!ok) {
        EXPECT_EQ(ok.error().message.find("at most"), std::string::npos) << ok.error().message;
    }
    const auto bad = decode_brief(over.dump());
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, c.field);
    EXPECT_NE(bad.error().message.find(fmt::format("at most {}", c.max_bytes)), std::string::npos)
        << bad.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, BriefStringLimits,
    ::testing::Values(
        StringLimit{"/audience"_json_pointer, "audience", BriefLimits::kMaxTextBytes},
        StringLimit{"/goal"_json_pointer, "goal", BriefLimits::kMaxTextBytes},
        StringLimit{"/tone"_json_pointer, "tone", BriefLimits::kMaxTextBytes},
        StringLimit{"/language"_json_pointer, "language", BriefLimits::kMaxLanguageBytes},
        StringLimit{"/kb"_json_pointer, "kb", BriefLimits::kMaxKbBytes},
        StringLimit{"/timezone"_json_pointer, "timezone", BriefLimits::kMaxTimezoneBytes},
        StringLimit{"/brand_profile"_json_pointer, "brand_profile", BriefLimits::kMaxIdBytes},
        StringLimit{"/prompt"_json_pointer, "prompt", core::kMaxPromptChars},
        StringLimit{"/platforms/0"_json_pointer, "platforms[0]",
                    BriefLimits::kMaxPlatformNameBytes},
        StringLimit{"/brand/name"_json_pointer, "brand.name", BriefLimits::kMaxBrandNameBytes},
        StringLimit{"/brand/voice"_json_pointer, "brand.voice", BriefLimits::kMaxTextBytes},
        StringLimit{"/brand/call_to_action"_json_pointer, "brand.call_to_action",
                    BriefLimits::kMaxCallToActionBytes},
        StringLimit{"/brand/banned_phrases/3"_json_pointer, "brand.banned_phrases[3]",
                    BriefLimits::kMaxBannedPhraseBytes},
        StringLimit{"/brand/required_hashtags/0"_json_pointer, "brand.required_hashtags[0]",
                    BriefLimits::kMaxHashtagBytes},
        StringLimit{"/brand/colors/accent"_json_pointer, "brand.colors.accent",
                    BriefLimits::kMaxColorBytes}));

struct ListLimit {
    json::json_pointer where;
    std::string field;
    std::size_t max_items;
    std::string element;  // a valid element
};

class BriefListLimits : public ::testing::TestWithParam<ListLimit> {};

TEST_P(BriefListLimits, AtTheLimitDecodesOnePastIsAnErrorNamingTheList) {
    const auto& c = GetParam();
    const auto brief_with = [&](std::size_t n) {
        auto b = minimal();
        json list = json::array();
        for (std::size_t i = 0; i < n; ++i) {
            list.push_back(fmt::format("{}{}", c.element, i));
        }
        b[c.where] = list;
        return b.dump();
    };
    const auto ok = decode_brief(brief_with(c.max_items));
    if (!ok) {
        EXPECT_EQ(ok.error().message.find("at most"), std::string::npos) << ok.error().message;
    }
    const auto bad = decode_brief(brief_with(c.max_items + 1));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, c.field);
    EXPECT_NE(bad.error().message.find(fmt::format("at most {}", c.max_items)), std::string::npos)
        << bad.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Lists, BriefListLimits,
    ::testing::Values(ListLimit{"/brand/banned_phrases"_json_pointer, "brand.banned_phrases",
                                BriefLimits::kMaxBannedPhrases, "phrase "},
                      ListLimit{"/brand/required_hashtags"_json_pointer, "brand.required_hashtags",
                                BriefLimits::kMaxHashtags, "#Tag"},
                      ListLimit{"/platforms"_json_pointer, "platforms", BriefLimits::kMaxPlatforms,
                                "linkedin"}));

TEST(BriefLimits, TheWholeDocumentIsBounded) {
    const auto bad = decode_brief(std::string(BriefLimits::kMaxBriefBytes + 1, ' '));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "brief");
}

TEST(BriefLimits, BrandProfilesShareTheLimits) {
    json brand{{"name", "Acme"}, {"banned_phrases", json::array()}};
    for (std::size_t i = 0; i <= BriefLimits::kMaxBannedPhrases; ++i) {
        brand["banned_phrases"].push_back("x");
    }
    const auto bad = decode_brand(brand);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "banned_phrases");
}

struct JsonCase {
    std::string text;
    std::string field;
    std::string message_part;
};

std::string repeat(std::string_view piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += piece;
    }
    return out;
}

class UntrustedJson : public ::testing::TestWithParam<JsonCase> {};

TEST_P(UntrustedJson, IsAnErrorNamingTheValue) {
    const auto& c = GetParam();
    const auto doc = parse_json(c.text, "brief");
    ASSERT_FALSE(doc) << c.text;
    EXPECT_EQ(doc.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(doc.error().field, c.field);
    EXPECT_NE(doc.error().message.find(c.message_part), std::string::npos) << doc.error().message;
    EXPECT_TRUE(is_valid_utf8(doc.error().message)) << "the message must be JSON-safe";
    // And through the brief decoder, which must not throw.
    const auto brief = decode_brief(c.text);
    ASSERT_FALSE(brief);
    EXPECT_EQ(brief.error().field, c.field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, UntrustedJson,
    ::testing::Values(JsonCase{"{\"prompt\":\"\xff\"}", "brief", "UTF-8"},
                      JsonCase{"{\"prompt\":\"a\xc3\"}", "brief", "UTF-8"},
                      JsonCase{"{\"prompt\":\"\xed\xa0\x80\"}", "brief", "UTF-8"},  // a surrogate
                      JsonCase{R"({"prompt":"a","prompt":"b"})", "prompt", "duplicate"},
                      JsonCase{R"({"brand":{"name":"a","name":"b"}})", "brand.name", "duplicate"},
                      JsonCase{R"({"x":[{"k":1},{"k":1,"k":2}]})", "x[1].k", "duplicate"},
                      JsonCase{R"({"options":{"deck_slides":1e999}})", "options.deck_slides",
                               "too large"},
                      JsonCase{R"({"platforms":["a",-1e400]})", "platforms[1]", "too large"},
                      JsonCase{"{\"prompt\":tru\xc3\xa9}", "brief", "not valid JSON"},
                      JsonCase{std::string(100, '[') + std::string(100, ']'),
                               repeat("[0]", kMaxJsonDepth), "deeper than"}));

TEST(UntrustedJson, DeepNestingNamesThePath) {
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text += "{\"a\":";
    }
    text += "1" + std::string(100, '}');
    const auto doc = parse_json(text, "body");
    ASSERT_FALSE(doc);
    EXPECT_NE(doc.error().message.find("deeper than"), std::string::npos);
    EXPECT_EQ(doc.error().field.substr(0, 4), "a.a.");
}

TEST(Utf8, AgreesWithADecoderOnGeneratedBytes) {
    // Reference: a strict decoder written from the Unicode table (D92), byte by byte.
    const auto reference = [](const std::string& s) {
        std::size_t i = 0;
        while (i < s.size()) {
            const auto b = [&](std::size_t k) {
                return static_cast<unsigned char>(s[k]);
            };
            const unsigned c = b(i);
            std::size_t len = 0;
            unsigned cp = 0;
            if (c < 0x80) {
                ++i;
                continue;
            }
            if (c >= 0xC0 && c < 0xE0) {
                len = 2;
                cp = c & 0x1FU;
            } else if (c >= 0xE0 && c < 0xF0) {
                len = 3;
                cp = c & 0x0FU;
            } else if (c >= 0xF0 && c < 0xF8) {
                len = 4;
                cp = c & 0x07U;
            } else {
                return false;
            }
            if (i + len > s.size()) {
                return false;
            }
            for (std::size_t k = 1; k < len; ++k) {
                if ((b(i + k) & 0xC0U) != 0x80U) {
                    return false;
                }
                cp = (cp << 6U) | (b(i + k) & 0x3FU);
            }
            const unsigned min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += len;
        }
        return true;
    };
    std::mt19937 rng(7);
    using namespace std::string_literals;
    const std::string interesting =
        "\x00\x41\x7f\x80\xbf\xc0\xc1\xc2\xdf\xe0\xa0\x9f\xed\xee\xef"
        "\xf0\x8f\x90\xf4\xf5\xff"s;  // with the NUL byte
    std::size_t valid = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        for (std::size_t k = rng() % 6; k > 0; --k) {
            s.push_back(rng() % 2 == 0 ? interesting[rng() % interesting.size()]
                                       : static_cast<char>(rng() % 256));
        }
        ASSERT_EQ(is_valid_utf8(s), reference(s)) << testing::PrintToString(s);
        valid += reference(s) ? 1U : 0U;
    }
    EXPECT_GT(valid, 1000U);
}

}  // namespace
}  // namespace swarm::codec
