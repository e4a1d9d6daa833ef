// Reads JSON-shaped model output into sections: {"linkedin": "...", "twitter": [...]},
// [{"platform": "linkedin", "content": "..."}], wrappers such as {"items": [...]}, in a ```json
// fence or surrounded by prose.
#include "core/parse/hashtags.hpp"
#include "core/parse/input_sanitizer.hpp"
#include "core/parse/json_values.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/raw_section.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include <nlohmann/json.hpp>

namespace swarm::core::parse {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxCandidates = 6;
constexpr int kMaxNesting = 3;
constexpr std::size_t kMaxJsonDepth = 64;

constexpr std::array<std::string_view, 9> kBodyKeys{"content", "body",    "text",  "post", "copy",
                                                    "caption", "message", "tweet", "value"};
constexpr std::array<std::string_view, 6> kPostKeys{"thread", "tweets",       "posts",
                                                    "parts",  "thread posts", "items"};
constexpr std::array<std::string_view, 3> kSlideKeys{"slides", "deck", "parts"};
constexpr std::array<std::string_view, 12> kWrapperKeys{
    "items", "posts",     "content items", "contents", "results", "outputs",
    "data",  "platforms", "content",       "output",   "result",  "response"};
constexpr std::array<std::string_view, 5> kPlatformKeys{"platform", "type", "channel", "network",
                                                        "name"};

template <std::size_t N>
const json* field(const json& obj, const std::array<std::string_view, N>& names) {
    if (!obj.is_object()) {
        return nullptr;
    }
    for (const auto name : names) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (simplify(spaced_key(it.key())) == name) {
                return &it.value();
            }
        }
    }
    return nullptr;
}

std::string str(const json* j) {
    return j != nullptr && j->is_string() ? clean_decoded_text(j->get<std::string>()) : "";
}

std::vector<std::string> strings(const json* j) {
    std::vector<std::string> out;
    if (j == nullptr) {
        return out;
    }
    if (j->is_string()) {
        out.push_back(clean_decoded_text(j->get<std::string>()));
    } else if (j->is_array()) {
        for (const auto& e : *j) {
            if (e.is_string()) {
                out.push_back(clean_decoded_text(e.get<std::string>()));
            } else if (e.is_object()) {
                const std::string text = str(field(e, kBodyKeys));
                if (!text.empty()) {
                    out.push_back(text);
                }
            }
        }
    }
    return out;
}

std::vector<std::string> lines_of(const json* j) {
    std::vector<std::string> out;
    for (const auto& s : strings(j)) {
        for (auto& line : split_lines(s)) {
            bool marker = false;
            const std::string_view t = strip_list_marker(line, marker);
            if (!t.empty()) {
                out.emplace_back(t);
            }
        }
    }
    return out;
}

Part slide_from(const json& e) {
    static constexpr std::array<std::string_view, 4> kTitle{"title", "heading", "headline", "name"};
    static constexpr std::array<std::string_view, 7> kBullets{
        "bullets", "points", "bullet points", "key points", "content", "body", "text"};
    static constexpr std::array<std::string_view, 4> kNotes{"notes", "speaker notes",
                                                            "presenter notes", "note"};
    Part slide;
    if (e.is_string()) {
        slide.body = clean_decoded_text(e.get<std::string>());
        return slide;
    }
    slide.title = str(field(e, kTitle));
    slide.bullets = lines_of(field(e, kBullets));
    for (const auto& n : strings(field(e, kNotes))) {
        slide.notes += (slide.notes.empty() ? "" : " ") + n;
    }
    return slide;
}

void add_parts(RawSection& section, const json& list) {
    if (!list.is_array()) {
        return;
    }
    for (const auto& e : list) {
        if (section.platform == Platform::kPitchDeck) {
            section.parts.push_back(slide_from(e));
        } else if (section.platform == Platform::kTwitter) {
            for (auto& s : strings(&e)) {
                section.parts.push_back(Part{"", std::move(s), {}, ""});
            }
        } else {
            for (const auto& s : strings(&e)) {
                section.body += (section.body.empty() ? "" : "\n\n") + s;
            }
        }
    }
    section.flags.thread = section.platform == Platform::kTwitter && section.parts.size() > 1;
}

void fill_from_object(RawSection& section, const json& obj) {
    static constexpr std::array<std::string_view, 3> kTags{"hashtags", "tags", "hash tags"};
    const json* body = field(obj, kBodyKeys);
    if (body != nullptr && body->is_array()) {
        add_parts(section, *body);
    } else {
        section.body = str(body);
    }
    const json* list =
        section.platform == Platform::kPitchDeck ? field(obj, kSlideKeys) : field(obj, kPostKeys);
    if (list != nullptr) {
        add_parts(section, *list);
    }
    for (const auto& t : strings(field(obj, kTags))) {
        merge_hashtags(section.hashtags, hashtags_from_list(t));
    }
}

RawSection section_from(Platform platform, const NameFlags& flags, const json& value) {
    RawSection section;
    section.platform = platform;
    section.flags = flags;
    section.source = SectionSource::kJson;
    if (value.is_string()) {
        section.body = clean_decoded_text(value.get<std::string>());
    } else if (value.is_array()) {
        add_parts(section, value);
    } else if (value.is_object()) {
        fill_from_object(section, value);
    }
    return section;
}

std::optional<NameMatch> platform_of(std::string_view name) {
    auto match = match_platform_phrase(simplify(spaced_key(name)));
    if (!match || match->inline_start != std::string_view::npos) {
        return std::nullopt;
    }
    return match;
}

void interpret(const json& j, SectionScan& scan, int depth);

void interpret_item(const json& item, SectionScan& scan, int depth) {
    if (!item.is_object()) {
        return;
    }
    const std::string name = str(field(item, kPlatformKeys));
    if (const auto match = platform_of(name)) {
        scan.sections.push_back(section_from(match->platform, match->flags, item));
    } else if (depth < kMaxNesting) {
        interpret(item, scan, depth + 1);
    }
}

void interpret(const json& j, SectionScan& scan, int depth) {
    if (j.is_array()) {
        for (const auto& e : j) {
            interpret_item(e, scan, depth);
        }
        return;
    }
    if (!j.is_object()) {
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (const auto match = platform_of(it.key())) {
            scan.sections.push_back(section_from(match->platform, match->flags, it.value()));
        }
    }
    if (!scan.sections.empty()) {
        return;
    }
    if (field(j, kPlatformKeys) != nullptr && platform_of(str(field(j, kPlatformKeys)))) {
        interpret_item(j, scan, depth);
        return;
    }
    const json* wrapped = field(j, kWrapperKeys);
    if (wrapped != nullptr && !wrapped->is_string() && depth < kMaxNesting) {
        interpret(*wrapped, scan, depth + 1);
    }
    if (scan.sections.empty() && !scan.anonymous &&
        (field(j, kBodyKeys) != nullptr || field(j, kPostKeys) != nullptr ||
         field(j, kSlideKeys) != nullptr)) {
        RawSection anon = section_from(Platform::kLinkedIn, NameFlags{}, j);
        scan.anonymous = std::move(anon);  // platform decided by the caller
    }
}

// Truncated or broken JSON: recover complete "platform": "text" values.
SectionScan lenient(std::string_view candidate) {
    SectionScan scan;
    std::optional<NameMatch> current;
    for (auto& [key, value] : string_pairs(candidate)) {
        if (const auto match = platform_of(key)) {
            current = match;
            if (!value.empty()) {
                RawSection s;
                s.platform = match->platform;
                s.flags = match->flags;
                s.source = SectionSource::kJson;
                s.body = std::move(value);
                scan.sections.push_back(std::move(s));
            }
            continue;
        }
        const std::string k = simplify(spaced_key(key));
        const bool body_key = std::find(kBodyKeys.begin(), kBodyKeys.end(), k) != kBodyKeys.end();
        if (current && body_key && !value.empty()) {
            RawSection s;
            s.platform = current->platform;
            s.flags = current->flags;
            s.source = SectionSource::kJson;
            s.body = std::move(value);
            scan.sections.push_back(std::move(s));
            current.reset();
        }
    }
    return scan;
}

}  // namespace

SectionScan json_sections(std::string_view text) {
    for (const std::string_view candidate : json_candidates(text, kMaxCandidates)) {
        const std::string_view trimmed = text::trim(candidate);
        if (trimmed.empty() || (trimmed.front() != '{' && trimmed.front() != '[')) {
            continue;
        }
        // Depth-limited bracket matching first: it trims trailing prose and refuses pathological
        // nesting before the JSON parser sees the text.
        const std::size_t end = balanced_end(trimmed, kMaxJsonDepth);
        SectionScan scan;
        if (end != std::string_view::npos) {
            const std::string_view doc = trimmed.substr(0, end);
            const json j = json::parse(doc.begin(), doc.end(), nullptr, false);
            if (!j.is_discarded()) {
                interpret(j, scan, 0);
            } else {
                scan = lenient(doc);
            }
        } else {
            scan = lenient(trimmed);
        }
        if (!scan.sections.empty() || scan.anonymous) {
            return scan;
        }
    }
    return {};
}

}  // namespace swarm::core::parse
