// Named-claim extraction for the grounding check: compliance names and capitalised multi-word
// names, kept conservative (sentence openers and title-case lines are skipped) to avoid noise.
#include "core/text/utf8.hpp"
#include "core/validate/grounding.hpp"
#include "core/validate/text_scan.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::validate {
namespace {

struct Compliance {
    std::u32string_view folded;
    std::string_view display;
};

constexpr std::array<Compliance, 12> kCompliance{{
    {U"soc 2", "SOC 2"},
    {U"soc2", "SOC 2"},
    {U"soc 1", "SOC 1"},
    {U"iso 27001", "ISO 27001"},
    {U"iso 9001", "ISO 9001"},
    {U"hipaa", "HIPAA"},
    {U"gdpr", "GDPR"},
    {U"pci dss", "PCI DSS"},
    {U"pci-dss", "PCI DSS"},
    {U"fedramp", "FedRAMP"},
    {U"ccpa", "CCPA"},
    {U"iso/iec 27001", "ISO 27001"},
}};

// Capitalised words that name times, not claims.
constexpr std::array<std::u32string_view, 19> kCalendarWords{
    U"january",   U"february",  U"march",   U"april",    U"may",      U"june",   U"july",
    U"august",    U"september", U"october", U"november", U"december", U"monday", U"tuesday",
    U"wednesday", U"thursday",  U"friday",  U"saturday", U"sunday"};

bool is_upper(char32_t cp) {
    if (cp < 0x80) {
        return cp >= U'A' && cp <= U'Z';
    }
    if (!text::is_letter_or_mark(cp)) {
        return false;
    }
    std::string one;
    text::append_utf8(one, cp);
    return text::fold_case(one) != one;
}

/// A word such as "Maya", "QuickBooks" or "Série": upper-case first letter, a lower-case letter
/// later, two letters at least. Acronyms ("ARR", "CEO") and numbers are not names here.
bool is_capitalised(std::u32string_view word) {
    if (word.size() < 2 || !is_upper(word.front())) {
        return false;
    }
    const bool has_lower = std::any_of(word.begin() + 1, word.end(), [](char32_t cp) {
        return text::is_letter_or_mark(cp) && !is_upper(cp);
    });
    const auto folded = fold_key(to_utf8(word));
    const bool calendar =
        std::find(kCalendarWords.begin(), kCalendarWords.end(), folded) != kCalendarWords.end();
    return has_lower && !calendar;
}

struct Token {
    std::u32string core;  // without surrounding punctuation
    bool opens = false;   // punctuation before it starts a new run ("(Maya")
    bool closes = false;  // punctuation after it ends the run ("Okafor,")
};

std::vector<Token> tokens_of(std::string_view sentence) {
    std::vector<Token> tokens;
    const auto cps = code_points(sentence);
    std::size_t i = 0;
    while (i < cps.size()) {
        while (i < cps.size() && text::is_space(cps[i])) {
            ++i;
        }
        std::size_t end = i;
        while (end < cps.size() && !text::is_space(cps[end])) {
            ++end;
        }
        std::size_t a = i;
        std::size_t b = end;
        while (a < b && !is_word_char(cps[a])) {
            ++a;
        }
        while (b > a && !is_word_char(cps[b - 1])) {
            --b;
        }
        if (a < b) {
            tokens.push_back({std::u32string(cps.begin() + static_cast<std::ptrdiff_t>(a),
                                             cps.begin() + static_cast<std::ptrdiff_t>(b)),
                              a > i, b < end});
        }
        i = end;
    }
    return tokens;
}

void capitalised_runs(std::string_view sentence, std::vector<std::string>& out) {
    const auto tokens = tokens_of(sentence);
    // Title-case lines ("How We Cut Drive Time in Half") carry no signal in their capitals.
    // Acronyms and numbers are left out of the count.
    std::ptrdiff_t words = 0;
    std::ptrdiff_t capitals = 0;
    for (const auto& t : tokens) {
        const bool has_lower = std::any_of(t.core.begin(), t.core.end(), [](char32_t cp) {
            return text::is_letter_or_mark(cp) && !is_upper(cp);
        });
        words += has_lower ? 1 : 0;
        capitals += has_lower && is_upper(t.core.front()) ? 1 : 0;
    }
    if (words >= 3 && capitals * 4 >= words * 3) {
        return;
    }
    std::vector<std::u32string> run;
    const auto flush = [&] {
        if (run.size() >= 2) {
            std::u32string joined;
            for (const auto& w : run) {
                joined += (joined.empty() ? U"" : U" ") + w;
            }
            out.push_back(to_utf8(joined));
        }
        run.clear();
    };
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const Token& t = tokens[k];
        // A sentence or clause start; a thread counter ("2/7") or a bare number before it does
        // not make the first word of the post part of a name.
        const bool after_counter =
            k == 1 && std::none_of(tokens[0].core.begin(), tokens[0].core.end(),
                                   [](char32_t cp) { return text::is_letter_or_mark(cp); });
        const bool opener = k == 0 || tokens[k - 1].closes || after_counter;
        if (opener || !is_capitalised(t.core)) {
            flush();
            continue;
        }
        if (t.opens) {
            flush();
        }
        run.push_back(t.core);
        if (t.closes) {
            flush();
        }
    }
    flush();
}

}  // namespace

std::vector<std::string> extract_named_claims(std::string_view text) {
    std::vector<std::string> claims;
    const FoldedText folded = fold_for_match(text);
    for (const auto& c : kCompliance) {
        if (!find_phrase(folded, c.folded).empty() &&
            std::find(claims.begin(), claims.end(), c.display) == claims.end()) {
            claims.emplace_back(c.display);
        }
    }
    for (const auto sentence : split_sentences(text)) {
        capitalised_runs(sentence, claims);
    }
    return claims;
}

}  // namespace swarm::core::validate
