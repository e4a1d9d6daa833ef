// Brand rules from the brief or brand profile: banned phrases (case-folded, whole words, with the
// offset), required hashtags, and the call to action where each platform expects it.
#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/cta.hpp"
#include "core/validate/phrase_matcher.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

/// One automaton over all phrases, built per check: the work is the fields' length plus the
/// hits, whatever the number of phrases. Issues keep the order of a per-phrase scan.
void check_banned(std::span<const Field> fields, const BrandRules& brand, std::vector<Issue>& out) {
    std::vector<std::u32string> needles;
    needles.reserve(brand.banned_phrases.size());
    for (const auto& phrase : brand.banned_phrases) {
        auto needle = fold_key(phrase);
        if (needle == U" ") {
            needle.clear();  // white space alone is no phrase: never matches
        }
        needles.push_back(std::move(needle));
    }
    const PhraseMatcher matcher(needles);

    struct Found {
        std::size_t phrase;
        std::size_t field;
        std::size_t pos;
    };

    std::vector<Found> found;
    std::vector<FoldedText> folded;
    folded.reserve(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) {
        folded.push_back(fold_for_match(fields[f].text));
        for (const auto& hit : matcher.find_all(folded.back())) {
            found.push_back({hit.needle, f, hit.pos});
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.phrase < b.phrase; });
    for (const auto& [phrase, f, hit] : found) {
        const auto& origin = folded[f].origin;
        const std::size_t offset = origin[hit];
        const std::size_t length = origin[hit + needles[phrase].size() - 1] + 1 - offset;
        out.push_back(
            make_issue("brand.banned_phrase", Severity::kError, fields[f].location,
                       fmt::format(R"(Banned phrase "{}" at offset {}: "{}".)",
                                   std::string(text::trim(brand.banned_phrases[phrase])), offset,
                                   excerpt_around(fields[f].text, offset, length))));
    }
}

void check_hashtags(const ContentItem& item, std::span<const Field> fields, const BrandRules& brand,
                    std::vector<Issue>& out) {
    std::set<std::u32string> present;
    for (const auto& tag : item.hashtags) {
        present.insert(fold_key(tag));
    }
    for (const auto& field : fields) {
        for (const auto& tag : hashtags_in(field.text)) {
            present.insert(fold_key(tag));
        }
    }
    for (const auto& required : brand.required_hashtags) {
        const auto trimmed = std::string(text::trim(required));
        if (trimmed.empty() || trimmed == "#") {
            continue;
        }
        const std::string tag = trimmed.front() == '#' ? trimmed : "#" + trimmed;
        if (!present.contains(fold_key(tag))) {
            out.push_back(make_issue("brand.missing_hashtag", Severity::kError, "hashtags",
                                     fmt::format("Required hashtag {} is missing.", tag)));
        }
    }
}

bool any_field_mentions(std::span<const Field> fields, const CtaMatcher& cta,
                        bool (*wanted)(const Field&)) {
    return std::any_of(fields.begin(), fields.end(),
                       [&](const Field& f) { return wanted(f) && mentions_cta(cta, f.text); });
}

void check_cta(const ContentItem& item, std::span<const Field> fields, const BrandRules& brand,
               std::vector<Issue>& out) {
    if (text::trim(brand.call_to_action).empty()) {
        return;
    }
    const CtaMatcher cta = make_cta_matcher(brand.call_to_action);
    const std::string wanted = std::string(text::trim(brand.call_to_action));
    switch (spec(item.platform).shape) {
        case OutputShape::kPost:
            if (!mentions_cta(cta, item.body)) {
                out.push_back(
                    make_issue("brand.missing_cta", Severity::kError, "body",
                               fmt::format("The call to action \"{}\" is missing.", wanted)));
            }
            return;
        case OutputShape::kThread:
            if (!any_field_mentions(fields, cta, [](const Field& f) {
                    return f.kind == FieldKind::kPost || f.kind == FieldKind::kBody;
                })) {
                out.push_back(make_issue(
                    "brand.missing_cta", Severity::kWarning, item.parts.empty() ? "body" : "parts",
                    fmt::format("No post carries the call to action \"{}\".", wanted)));
            }
            return;
        case OutputShape::kDeck: {
            const std::size_t last = item.parts.empty() ? 0 : item.parts.size() - 1;
            const bool found = std::any_of(fields.begin(), fields.end(), [&](const Field& f) {
                const bool in_last = f.part == last && f.kind != FieldKind::kHashtags;
                return (in_last || f.kind == FieldKind::kNotes) && mentions_cta(cta, f.text);
            });
            if (!found) {
                out.push_back(make_issue(
                    "brand.missing_cta", Severity::kInfo,
                    item.parts.empty() ? "parts" : part_location(last),
                    fmt::format("The last slide does not carry the call to action \"{}\".",
                                wanted)));
            }
            return;
        }
    }
}

}  // namespace

void check_brand(const ContentItem& item, std::span<const Field> fields, const BrandRules& brand,
                 std::vector<Issue>& out) {
    check_banned(fields, brand, out);
    if (spec(item.platform).shape != OutputShape::kDeck) {
        check_hashtags(item, fields, brand, out);  // decks carry no hashtags
    }
    check_cta(item, fields, brand, out);
}

}  // namespace swarm::core::validate
