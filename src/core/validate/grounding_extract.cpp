// Extraction of numbers and named claims for the grounding check (see grounding.hpp).
#include "core/text/utf8.hpp"
#include "core/validate/grounding.hpp"
#include "core/validate/text_scan.hpp"
#include "core/validate/x_counter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace swarm::core::validate {
namespace {

using Text = std::u32string_view;

constexpr std::array<Text, 16> kCountingWords{
    U"slide", U"step", U"part",  U"post",    U"page", U"phase",  U"chapter", U"iso",
    U"soc",   U"tier", U"level", U"version", U"no",   U"number", U"type",    U"round"};

bool digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

char32_t lower(char32_t c) {
    return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c;
}

bool ascii_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

struct Parsed {
    NumberClaim claim;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool integer = true;
    bool scaled = false;
    bool glued = false;  // letters right after the digits that are not a known suffix
};

/// Digits with thousands separators and an optional decimal part, from t[i].
std::size_t scan_digits(Text t, std::size_t i, std::string& ascii, bool& integer) {
    std::size_t j = i;
    while (j < t.size() && digit(t[j])) {
        ascii.push_back(static_cast<char>(t[j]));
        ++j;
        const bool group = j + 3 < t.size() && t[j] == U',' && digit(t[j + 1]) && digit(t[j + 2]) &&
                           digit(t[j + 3]) && (j + 4 >= t.size() || !digit(t[j + 4]));
        j += group ? 1 : 0;
    }
    if (j + 1 < t.size() && t[j] == U'.' && digit(t[j + 1])) {
        ascii.push_back('.');
        integer = false;
        for (++j; j < t.size() && digit(t[j]); ++j) {
            ascii.push_back(static_cast<char>(t[j]));
        }
    }
    return j;
}

/// The lower-case ASCII word starting at t[i] ("" when none).
std::u32string word_at(Text t, std::size_t i) {
    std::u32string w;
    for (; i < t.size() && ascii_letter(t[i]); ++i) {
        w.push_back(lower(t[i]));
    }
    return w;
}

void apply_scale(Parsed& p, double factor) {
    p.claim.value *= factor;
    p.scaled = true;
}

/// Glued suffix: 2.1M, 15k, 5bn, 3x, 1st; anything else marks the number as glued.
void read_suffix(Text t, Parsed& p) {
    const std::u32string w = word_at(t, p.end);
    if (w.empty()) {
        return;
    }
    p.end += w.size();
    if (w == U"k") {
        apply_scale(p, 1e3);
    } else if (w == U"m" || w == U"mm" || w == U"mn") {
        apply_scale(p, 1e6);
    } else if (w == U"b" || w == U"bn") {
        apply_scale(p, 1e9);
    } else if (w == U"x") {
        p.claim.kind = NumberKind::kMultiple;
    } else {
        p.glued = true;  // "1st", "3D", "5G", "24h": not a claim we can check
    }
}

/// Words after a space: "3.2 million", "14 percent", "6 million dollars", "1 in 5".
void read_words(Text t, Parsed& p) {
    for (int round = 0; round < 2 && p.end + 1 < t.size() && t[p.end] == U' '; ++round) {
        const std::u32string w = word_at(t, p.end + 1);
        const std::size_t after = p.end + 1 + w.size();
        if (w == U"thousand" || w == U"million" || w == U"billion" || w == U"trillion") {
            apply_scale(p, w == U"thousand"  ? 1e3
                           : w == U"million" ? 1e6
                           : w == U"billion" ? 1e9
                                             : 1e12);
        } else if (w == U"percent" || (w == U"per" && word_at(t, after + 1) == U"cent")) {
            p.claim.kind = NumberKind::kPercent;
        } else if (w == U"dollars" || w == U"usd") {
            p.claim.kind = NumberKind::kMoney;
        } else if (w == U"in" && after + 1 < t.size() && t[after] == U' ' && digit(t[after + 1])) {
            std::string ascii;
            bool integer = true;
            const std::size_t end = scan_digits(t, after + 1, ascii, integer);
            const double denominator = std::strtod(ascii.c_str(), nullptr);
            if (denominator > 0) {
                p.claim.value /= denominator;
                p.claim.kind = NumberKind::kRatio;
                p.end = end;
            }
            return;
        } else {
            return;
        }
        p.end = w == U"per" ? after + 5 : after;
    }
}

Parsed parse_at(Text t, std::size_t i) {
    Parsed p;
    p.begin = i;
    std::string ascii;
    p.end = scan_digits(t, i, ascii, p.integer);
    p.claim.value = std::strtod(ascii.c_str(), nullptr);
    if (i > 0 && (t[i - 1] == U'$' || t[i - 1] == U'\u20AC' || t[i - 1] == U'\u00A3')) {
        p.claim.kind = NumberKind::kMoney;
        p.begin = i - 1;
    }
    const auto is_percent = [&](std::size_t k) {
        return k < t.size() && (t[k] == U'%' || t[k] == U'\uFF05');
    };
    const bool spaced =
        p.end < t.size() && (t[p.end] == U' ' || t[p.end] == U'\u00A0' || t[p.end] == U'\u202F');
    if (is_percent(p.end) || (spaced && is_percent(p.end + 1))) {  // "14%", "14 %"
        p.claim.kind = NumberKind::kPercent;
        p.end += is_percent(p.end) ? 1U : 2U;
    } else {
        read_suffix(t, p);
        if (!p.glued) {
            read_words(t, p);
        }
    }
    return p;
}

/// The lower-case word before position i, skipping spaces ("slide" in "Slide 3").
std::u32string word_before(Text t, std::size_t i) {
    while (i > 0 && t[i - 1] == U' ') {
        --i;
    }
    std::size_t start = i;
    while (start > 0 && ascii_letter(t[start - 1])) {
        --start;
    }
    std::u32string w;
    for (std::size_t k = start; k < i; ++k) {
        w.push_back(lower(t[k]));
    }
    return w;
}

bool at_line_start(Text t, std::size_t i) {
    while (i > 0 && (t[i - 1] == U' ' || t[i - 1] == U'\t')) {
        --i;
    }
    return i == 0 || t[i - 1] == U'\n';
}

/// Context that makes a number a label rather than a claim.
bool is_label(Text t, const Parsed& p) {
    const std::size_t i = p.begin;
    const char32_t before = i > 0 ? t[i - 1] : U' ';
    const char32_t after = p.end < t.size() ? t[p.end] : U' ';
    const char32_t after2 = p.end + 1 < t.size() ? t[p.end + 1] : U' ';
    if (p.glued || before == U'/' || before == U':' || before == U'#' || before == U'@' ||
        before == U'.' || ((after == U'/' || after == U':') && digit(after2))) {
        return true;
    }
    if (at_line_start(t, i) && (after == U'.' || after == U')') && after2 == U' ') {
        return true;  // "1. " or "2) " list marker
    }
    const auto prev = word_before(t, i);
    if (std::find(kCountingWords.begin(), kCountingWords.end(), prev) != kCountingWords.end()) {
        return true;
    }
    return p.claim.kind == NumberKind::kPlain && p.integer && !p.scaled && p.claim.value <= 10;
}

bool inside(const std::vector<Span>& spans, std::size_t i) {
    return std::any_of(spans.begin(), spans.end(),
                       [i](const Span& s) { return i >= s.begin && i < s.end; });
}

}  // namespace

std::vector<NumberClaim> extract_numbers(std::string_view text, bool as_claims) {
    const auto cps = nfc_code_points(text);
    const Text t(cps.data(), cps.size());
    const auto urls = as_claims ? find_urls(t) : std::vector<Span>{};
    std::vector<NumberClaim> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!digit(t[i])) {
            continue;
        }
        const bool glued_before = i > 0 && is_word_char(t[i - 1]);
        Parsed parsed = parse_at(t, i);
        const bool skip = as_claims && (glued_before || inside(urls, i) || is_label(t, parsed));
        if (!skip) {
            parsed.claim.text = to_utf8(t.substr(parsed.begin, parsed.end - parsed.begin));
            out.push_back(parsed.claim);
        }
        i = std::max(i + 1, parsed.end) - 1;
        while (i + 1 < t.size() && is_word_char(t[i + 1])) {
            ++i;  // the rest of a glued token ("B2B", "3D")
        }
    }
    return out;
}

bool same_number(const NumberClaim& claim, const NumberClaim& fact) {
    double want = claim.value;
    double have = fact.value;
    const auto k = claim.kind;
    const auto f = fact.kind;
    // "2.1 million" and "$2.1M" restate each other (writers drop or add the currency); a
    // percentage needs a percentage, or the same "1 in 5".
    const auto loose = [](NumberKind a, NumberKind b) {
        return a == NumberKind::kPlain && (b == NumberKind::kMoney || b == NumberKind::kMultiple);
    };
    bool kinds_ok = k == f || loose(k, f) || loose(f, k);
    if (k == NumberKind::kRatio && f == NumberKind::kPercent) {
        want *= 100;
        kinds_ok = true;
    } else if (k == NumberKind::kPercent && f == NumberKind::kRatio) {
        have *= 100;
        kinds_ok = true;
    }
    return kinds_ok && std::fabs(want - have) <= 1e-9 * std::max(1.0, std::fabs(have));
}

}  // namespace swarm::core::validate
