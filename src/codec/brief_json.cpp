#include "codec/brief_json.hpp"

#include "codec/json_read.hpp"
#include "core/model/brief_limits.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <initializer_list>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using core::BriefLimits;
using core::ErrorCode;
using core::fail;
using detail::check_fields;
using detail::first_error;
using detail::join;
using detail::Limit;
using detail::read_string;
using detail::read_strings;
using nlohmann::json;

constexpr std::array<std::string_view, 13> kTopFields{
    "prompt",        "platforms", "audience",  "goal",     "tone",    "language", "brand",
    "brand_profile", "kb",        "documents", "timezone", "options", "$schema"};
constexpr std::array<std::string_view, 6> kBrandFields{
    "name", "voice", "required_hashtags", "banned_phrases", "call_to_action", "colors"};
constexpr std::array<std::string_view, 4> kColorFields{"background", "text", "accent", "muted"};

/// "#RRGGBB" or "#RGB" (any case), stored as lower-case "#rrggbb".
core::Result<void> read_color(const json& colors, const char* key, const std::string& field,
                              std::string& out) {
    std::string value;
    if (auto read = read_string(colors, key, field, value, {0, BriefLimits::kMaxColorBytes});
        !read) {
        return read;
    }
    if (value.empty()) {
        return {};
    }
    const bool hex = value.size() > 1 && value[0] == '#' &&
                     std::all_of(value.begin() + 1, value.end(), [](char c) {
                         return std::isxdigit(static_cast<unsigned char>(c));
                     });
    if (!hex || (value.size() != 7 && value.size() != 4)) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format(R"(must be a colour like "#1a73e8" or "#fff", got "{}")", value),
                    field);
    }
    if (value.size() == 4) {
        value = {'#', value[1], value[1], value[2], value[2], value[3], value[3]};
    }
    out = core::text::ascii_lower(value);
    return {};
}

core::Result<void> read_colors(const json& brand, const std::string& prefix,
                               core::BrandColors& colors) {
    const auto it = brand.find("colors");
    if (it == brand.end() || it->is_null()) {
        return {};
    }
    const std::string field = prefix + "colors";
    if (!it->is_object()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an object with {}", join(kColorFields)), field);
    }
    return first_error({
        [&] { return check_fields(*it, kColorFields, field + "."); },
        [&] { return read_color(*it, "background", field + ".background", colors.background); },
        [&] { return read_color(*it, "text", field + ".text", colors.text); },
        [&] { return read_color(*it, "accent", field + ".accent", colors.accent); },
        [&] { return read_color(*it, "muted", field + ".muted", colors.muted); },
    });
}

constexpr std::array<std::string_view, 2> kOptionFields{"twitter_thread", "deck_slides"};

core::Result<void> read_platforms(const json& root, core::Brief& brief) {
    const auto it = root.find("platforms");
    if (it == root.end() || it->is_null()) {
        return fail(ErrorCode::kInvalidArgument,
                    R"(is required: a list such as ["linkedin", "twitter"]; known: )" +
                        core::known_platform_list(),
                    "platforms");
    }
    if (!it->is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an array of platform names, got {}; known: {}",
                                it->type_name(), core::known_platform_list()),
                    "platforms");
    }
    if (it->size() > BriefLimits::kMaxPlatforms) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("has {} elements; at most {} allowed", it->size(),
                                BriefLimits::kMaxPlatforms),
                    "platforms");
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        const auto field = fmt::format("platforms[{}]", i);
        if (!v.is_string()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("must be a platform name, got {}; known: {}", v.type_name(),
                                    core::known_platform_list()),
                        field);
        }
        SWARM_TRY(detail::check_length(v.get_ref<const std::string&>(), field,
                                       BriefLimits::kMaxPlatformNameBytes));
        const auto name = v.get<std::string>();
        const auto platform = core::platform_from_name(name);
        if (!platform) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("unknown platform \"{}\"; known: {}", name,
                                    core::known_platform_list()),
                        field);
        }
        brief.platforms.push_back(*platform);
    }
    return {};
}

core::Result<void> read_brand(const json& root, core::Brief& brief) {
    const auto it = root.find("brand");
    if (it == root.end() || it->is_null()) {
        return {};
    }
    SWARM_TRY_ASSIGN(auto brand, decode_brand(*it, "brand"));
    brief.brand = std::move(brand);
    return {};
}

core::Result<void> read_options(const json& root, core::Brief& brief) {
    const auto it = root.find("options");
    if (it == root.end() || it->is_null()) {
        return {};
    }
    if (!it->is_object()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an object with {}", join(kOptionFields)), "options");
    }
    if (auto r = check_fields(*it, kOptionFields, "options."); !r) {
        return r;
    }
    if (const auto t = it->find("twitter_thread"); t != it->end() && !t->is_null()) {
        if (!t->is_boolean()) {
            return fail(ErrorCode::kInvalidArgument, "must be true or false",
                        "options.twitter_thread");
        }
        brief.options.twitter_thread = t->get<bool>();
    }
    if (const auto d = it->find("deck_slides"); d != it->end() && !d->is_null()) {
        if (!d->is_number_integer()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("must be an integer from {} to {}", core::kMinDeckSlides,
                                    core::kMaxDeckSlides),
                        "options.deck_slides");
        }
        const auto n = d->get<std::int64_t>();
        if (n < core::kMinDeckSlides || n > core::kMaxDeckSlides) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("is {}; allowed: {} to {}", n, core::kMinDeckSlides,
                                    core::kMaxDeckSlides),
                        "options.deck_slides");
        }
        brief.options.deck_slides = static_cast<int>(n);
    }
    return {};
}

}  // namespace

core::Result<core::BrandRules> decode_brand(const json& value, const std::string& field) {
    if (!value.is_object()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an object with {}", join(kBrandFields)),
                    field.empty() ? "brand" : field);
    }
    const std::string prefix = field.empty() ? "" : field + ".";
    core::BrandRules b;
    SWARM_TRY(first_error({
        [&] { return check_fields(value, kBrandFields, prefix); },
        [&] {
            return read_string(value, "name", prefix + "name", b.name,
                               {0, BriefLimits::kMaxBrandNameBytes});
        },
        [&] {
            return read_string(value, "voice", prefix + "voice", b.voice,
                               {0, BriefLimits::kMaxTextBytes});
        },
        [&] {
            return read_strings(value, "required_hashtags", prefix + "required_hashtags",
                                b.required_hashtags,
                                {BriefLimits::kMaxHashtags, BriefLimits::kMaxHashtagBytes});
        },
        [&] {
            return read_strings(
                value, "banned_phrases", prefix + "banned_phrases", b.banned_phrases,
                {BriefLimits::kMaxBannedPhrases, BriefLimits::kMaxBannedPhraseBytes});
        },
        [&] {
            return read_string(value, "call_to_action", prefix + "call_to_action", b.call_to_action,
                               {0, BriefLimits::kMaxCallToActionBytes});
        },
        [&] { return read_colors(value, prefix, b.colors); },
    }));
    return b;
}

json encode_brand_colors(const core::BrandColors& colors) {
    json out = json::object();
    const std::array<std::pair<const char*, const std::string*>, 4> fields{
        {{"background", &colors.background},
         {"text", &colors.text},
         {"accent", &colors.accent},
         {"muted", &colors.muted}}};
    for (const auto& [key, value] : fields) {
        if (!value->empty()) {
            out[key] = *value;
        }
    }
    return out;
}

std::string document_field(std::string_view json_text, const std::string& name) {
    const auto root = json::parse(json_text, nullptr, false);
    if (root.is_object()) {
        if (const auto it = root.find("documents"); it != root.end() && it->is_array()) {
            for (std::size_t i = 0; i < it->size(); ++i) {
                if ((*it)[i].is_string() && (*it)[i].get_ref<const std::string&>() == name) {
                    return fmt::format("documents[{}]", i);
                }
            }
        }
    }
    return "documents";
}

core::Result<core::Brief> decode_brief(std::string_view json_text) {
    if (json_text.size() > BriefLimits::kMaxBriefBytes) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("is {} bytes; at most {} allowed", json_text.size(),
                                BriefLimits::kMaxBriefBytes),
                    "brief");
    }
    SWARM_TRY_ASSIGN(json root, parse_json(json_text, "brief"));
    if (!root.is_object()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be a JSON object, got {}", root.type_name()), "brief");
    }
    core::Brief brief;
    constexpr Limit kText{0, BriefLimits::kMaxTextBytes};
    SWARM_TRY(first_error({
        [&] { return check_fields(root, kTopFields, ""); },
        // prompt: core::validate_brief bounds it (kMaxPromptChars) for every entry point.
        [&] { return read_string(root, "prompt", "prompt", brief.prompt); },
        [&] { return read_platforms(root, brief); },
        [&] { return read_string(root, "audience", "audience", brief.audience, kText); },
        [&] { return read_string(root, "goal", "goal", brief.goal, kText); },
        [&] { return read_string(root, "tone", "tone", brief.tone, kText); },
        [&] {
            return read_string(root, "language", "language", brief.language,
                               {0, BriefLimits::kMaxLanguageBytes});
        },
        [&] { return read_brand(root, brief); },
        [&] {
            return read_string(root, "brand_profile", "brand_profile", brief.brand_profile,
                               {0, BriefLimits::kMaxIdBytes});
        },
        [&] {
            return read_string(root, "kb", "kb", brief.kb, {0, BriefLimits::kMaxKbBytes});
        },
        // Each name's rules (core::validate_brief) are the knowledge base's own.
        [&] {
            return read_strings(root, "documents", "documents", brief.documents,
                                {BriefLimits::kMaxDocuments, 0});
        },
        [&] {
            return read_string(root, "timezone", "timezone", brief.timezone,
                               {0, BriefLimits::kMaxTimezoneBytes});
        },
        [&] { return read_options(root, brief); },
    }));
    if (!root.contains("prompt")) {
        return fail(ErrorCode::kInvalidArgument, "is required: what the content should say",
                    "prompt");
    }
    return core::validate_brief(std::move(brief));
}

}  // namespace swarm::codec
