// Grounding: every number and named claim in the item must appear in some knowledge-base passage
// (or in the brand's own name and call to action); what does not is reported, never rewritten.
#include "core/validate/grounding.hpp"

#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

struct SupportIndex {
    std::vector<NumberClaim> numbers;
    FoldedText folded;       // every source text, folded, one after another
    std::u32string compact;  // the same without spaces and '-' ("soc2typeii")
};

std::u32string compact_of(std::u32string_view folded) {
    std::u32string out;
    out.reserve(folded.size());
    for (const char32_t cp : folded) {
        if (cp != U' ' && cp != U'-') {
            out.push_back(cp);
        }
    }
    return out;
}

/// Folded words of a text (letters, digits, '_').
std::vector<std::u32string> folded_words(std::u32string_view folded) {
    std::vector<std::u32string> words;
    std::u32string word;
    for (const char32_t cp : folded) {
        if (is_word_char(cp)) {
            word.push_back(cp);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

SupportIndex build_index(std::span<const Passage> passages, const BrandRules* brand) {
    std::string all;
    const auto add = [&](std::string_view source) {
        all.append(source);
        all.append("\n\n");
    };
    for (const auto& passage : passages) {
        add(passage.heading);
        add(passage.text);
    }
    if (brand != nullptr) {
        add(brand->name);
        add(brand->call_to_action);
    }
    SupportIndex index;
    index.numbers = extract_numbers(all, false);
    index.folded = fold_for_match(all);
    index.compact = compact_of(index.folded.text);
    return index;
}

bool supports_number(const SupportIndex& index, const NumberClaim& claim) {
    return std::any_of(index.numbers.begin(), index.numbers.end(),
                       [&](const NumberClaim& fact) { return same_number(claim, fact); });
}

bool supports_name(const SupportIndex& index, std::string_view claim) {
    const std::u32string key = fold_key(claim);
    if (index.compact.find(compact_of(key)) != std::u32string::npos) {
        return true;
    }
    // Every word of the name somewhere in the sources ("Okafor" and "Maya" apart) is enough:
    // the check is there to catch invented names, not to police word order.
    const auto words = folded_words(key);
    return !words.empty() && std::all_of(words.begin(), words.end(), [&](const auto& w) {
        return !find_phrase(index.folded, w).empty();
    });
}

void check_field(const Field& field, const SupportIndex& index,
                 std::set<std::pair<std::string, std::string>>& reported, std::vector<Issue>& out) {
    for (const auto& claim : extract_numbers(field.text, true)) {
        if (!supports_number(index, claim) && reported.emplace(field.location, claim.text).second) {
            out.push_back(make_issue(
                "grounding.unsupported_number", Severity::kWarning, field.location,
                fmt::format("\"{}\" does not appear in the knowledge base; use a documented "
                            "figure or remove it.",
                            claim.text)));
        }
    }
    if (field.kind == FieldKind::kTitle) {
        return;  // titles are title case; their capitals say nothing
    }
    for (const auto& name : extract_named_claims(field.text)) {
        if (!supports_name(index, name) && reported.emplace(field.location, name).second) {
            out.push_back(make_issue(
                "grounding.unsupported_claim", Severity::kWarning, field.location,
                fmt::format("\"{}\" is not mentioned in the knowledge base; check the claim.",
                            name)));
        }
    }
}

}  // namespace

void check_grounding(std::span<const Field> fields, std::span<const Passage> passages,
                     const BrandRules* brand, std::vector<Issue>& out) {
    if (passages.empty()) {
        return;
    }
    const SupportIndex index = build_index(passages, brand);
    std::set<std::pair<std::string, std::string>> reported;
    for (const auto& field : fields) {
        if (field.kind != FieldKind::kHashtags) {
            check_field(field, index, reported, out);
        }
    }
}

}  // namespace swarm::core::validate
