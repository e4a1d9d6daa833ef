// Template slots: bracketed descriptions of what should be written ("[Hook about the pain]",
// "<insert quote>", "{benefit 1}") told apart from brackets real copy uses (links, counters,
// checkboxes, URLs, HTML-ish tags, JSON, comparisons).
#include "core/parse/instructions.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/placeholders.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::parse {
namespace {

constexpr std::size_t kMaxSlotInner = 160;

struct Slot {
    std::size_t begin = 0;  // first byte of the opening bracket
    std::size_t end = 0;    // one past the closing bracket
    std::string_view inner;
    char kind = '[';  // '[', '<', '{', 'm' (mustache), 'u' (other Unicode brackets)
};

struct Pair {
    std::string_view open;
    std::string_view close;
    char kind;
};

constexpr std::array<Pair, 7> kPairs{{{"{{", "}}", 'm'},
                                      {"[", "]", '['},
                                      {"<", ">", '<'},
                                      {"{", "}", '{'},
                                      {"\xE2\x9F\xA8", "\xE2\x9F\xA9", 'u'},    // ⟨ ⟩
                                      {"\xE3\x80\x90", "\xE3\x80\x91", 'u'},    // 【 】
                                      {"\xE3\x80\x88", "\xE3\x80\x89", 'u'}}};  // 〈 〉

bool ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A letter in any script (invalid bytes and emoji are not letters).
bool has_letter(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, pos, len);
        if (cp < 0x80 ? ascii_letter(static_cast<char>(cp))
                      : (text::is_letter_or_mark(cp) && !is_emoji_noise(cp))) {
            return true;
        }
        pos += len;
    }
    return false;
}

bool has_any_of(std::string_view s, std::string_view chars) {
    return s.find_first_of(chars) != std::string_view::npos;
}

bool url_like(std::string_view inner) {
    return inner.find("://") != std::string_view::npos || istarts_with(inner, "www.") ||
           istarts_with(inner, "mailto:") ||
           (inner.find('@') != std::string_view::npos && inner.find(' ') == std::string_view::npos);
}

// "<b>", "</linkedin>", "<br/>", "<a href=...>": markup, not a slot. Shouting and snake_case
// ("<COMPANY>", "<company_name>") are slots.
bool tag_like(std::string_view inner) {
    std::string_view t = inner;
    if (t.starts_with('/')) {
        return true;
    }
    if (t.ends_with('/')) {
        t.remove_suffix(1);
    }
    if (t.find('=') != std::string_view::npos) {
        return true;
    }
    const bool one_token = !t.empty() && t.find(' ') == std::string_view::npos;
    const bool lower =
        std::none_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    return one_token && lower && t.find('_') == std::string_view::npos;
}

// "[text][1]": a Markdown reference link with a numeric id. "[Hook][CTA]" are two slots.
bool reference_link(std::string_view after) {
    if (!after.starts_with('[')) {
        return false;
    }
    const std::size_t close = after.find(']');
    if (close == std::string_view::npos || close < 2 || close > 6) {
        return false;
    }
    const std::string_view id = after.substr(1, close - 1);
    return std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool accept(std::string_view line, const Slot& slot) {
    const std::string_view in = slot.inner;
    if (in.empty() || in.size() > kMaxSlotInner || in.find('\n') != std::string_view::npos ||
        !has_letter(in) || url_like(in)) {
        return false;
    }
    switch (slot.kind) {
        case '[': {
            const bool link = slot.end < line.size() &&
                              (line[slot.end] == '(' || reference_link(line.substr(slot.end)));
            const bool image = slot.begin > 0 && line[slot.begin - 1] == '!';
            const std::string_view t = text::trim(in);
            const bool checkbox = t == "x" || t == "X";
            const bool footnote = t.starts_with('^');
            // ["linkedin", "twitter"]: a JSON array, not a slot.
            const bool array = t.starts_with('"') || t.starts_with('\'');
            return !link && !image && !checkbox && !footnote && !array;
        }
        case '<':
            // "CAC < $50 and LTV > $500" is a comparison: a slot hugs its brackets.
            return in.front() != ' ' && in.back() != ' ' && in.front() != '=' &&
                   in.front() != '-' && !tag_like(in);
        case '{':
            return !has_any_of(in, "\";:=(){},");
        default:
            return in.find('}') == std::string_view::npos;
    }
}

std::vector<Slot> find_slots(std::string_view line) {
    std::vector<Slot> out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        bool found = false;
        for (const Pair& p : kPairs) {
            if (line.substr(pos, p.open.size()) != p.open) {
                continue;
            }
            const std::size_t from = pos + p.open.size();
            const std::size_t close = line.substr(from, kMaxSlotInner + 2).find(p.close);
            if (close == std::string_view::npos) {
                break;
            }
            Slot slot{pos, from + close + p.close.size(), line.substr(from, close), p.kind};
            if (accept(line, slot)) {
                out.push_back(slot);
                pos = slot.end;
                found = true;
            }
            break;
        }
        if (!found) {
            ++pos;
        }
    }
    return out;
}

// Words that join slots without saying anything ("[Benefit] for [audience]", "[A] vs [B]").
constexpr std::array<std::string_view, 24> kConnectives{
    "and", "or", "vs", "v",  "then", "with", "for", "to", "of", "a", "an", "the",
    "in",  "on", "by", "at", "from", "plus", "etc", "eg", "e",  "g", "ie", "i"};

// A short label before the first slot: "Hook: [question]", "**CTA:** [link]", "Tweet 1/5: [..]".
std::string_view drop_label(std::string_view rest) {
    const std::size_t colon = rest.find(':');
    if (colon > 40) {  // npos too
        return rest;
    }
    const std::string simple = simplify(rest.substr(0, colon));
    return words_of(simple).size() <= 4 ? rest.substr(colon + 1) : rest;
}

bool remainder_has_words(std::string_view rest) {
    if (!has_letter(rest)) {
        return false;
    }
    const std::string simple = simplify(rest, 2048);
    const auto words = words_of(simple);
    const bool real_ascii = std::any_of(words.begin(), words.end(), [](std::string_view w) {
        return std::any_of(w.begin(), w.end(), ascii_letter) && !in(kConnectives, w);
    });
    if (real_ascii) {
        return true;
    }
    // Letters outside ASCII (accented or other scripts) are real words too.
    std::string non_ascii;
    for (const char c : rest) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            non_ascii.push_back(c);
        }
    }
    return has_letter(non_ascii);
}

bool slot_only_line(std::string_view line) {
    const auto slots = find_slots(line);
    if (slots.empty()) {
        return false;
    }
    std::string rest;
    std::size_t at = 0;
    for (const Slot& s : slots) {
        rest.append(line.substr(at, s.begin - at));
        rest.push_back(' ');
        at = s.end;
    }
    rest.append(line.substr(at));
    bool marker = false;
    std::string_view r = strip_list_marker(strip_leading_decoration(rest), marker);
    while (!r.empty() && (r.front() == '#' || r.front() == '>')) {
        r.remove_prefix(1);
    }
    return !remainder_has_words(drop_label(r));
}

std::size_t word_count(std::string_view inner) {
    const std::string simple = simplify(inner);
    return words_of(simple).size();
}

}  // namespace

bool is_slot_only(std::string_view text) {
    bool any = false;
    for (const auto& line : split_lines(text)) {
        if (is_blank(line) || is_separator_line(line)) {
            continue;
        }
        if (!slot_only_line(line)) {
            return false;
        }
        any = true;
    }
    return any;
}

std::vector<std::string> slots_in(std::string_view line) {
    std::vector<std::string> out;
    for (const Slot& s : find_slots(line)) {
        out.emplace_back(line.substr(s.begin, s.end - s.begin));
    }
    return out;
}

bool has_slot(std::string_view line) {
    const auto slots = find_slots(line);
    return std::any_of(slots.begin(), slots.end(), [&](const Slot& s) {
        if (s.kind != '[') {
            return true;
        }
        const std::string_view whole = line.substr(s.begin, s.end - s.begin);
        return word_count(s.inner) >= 3 || has_placeholder(whole);
    });
}

}  // namespace swarm::core::parse
