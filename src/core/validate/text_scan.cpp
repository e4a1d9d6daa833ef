#include "core/validate/text_scan.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace swarm::core::validate {
namespace {

bool is_dash(char32_t cp) {
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

bool is_apostrophe(char32_t cp) {
    return cp == 0x2018 || cp == 0x2019 || cp == 0x02BC;
}

/// Appends the case fold of one code point; ASCII takes the fast path.
void append_folded(std::u32string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp);
        return;
    }
    std::string one;
    text::append_utf8(one, cp);
    for (const char32_t f : text::decode(text::fold_case(one))) {
        out.push_back(f);
    }
}

/// Code points that are NFC as they stand whatever surrounds them (no decomposition, never
/// composed with a neighbour): enough to skip normalisation for typical copy with emoji.
bool is_nfc_stable(char32_t cp) {
    const bool kana = cp >= 0x3000 && cp <= 0x30FF && cp != 0x3099 && cp != 0x309A;
    return cp < 0x300 || (cp >= 0x200B && cp <= 0x2027) || (cp >= 0x2600 && cp <= 0x27BF) || kana ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x20E3 || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

bool is_sentence_end(char32_t cp) {
    return cp == U'.' || cp == U'!' || cp == U'?' || cp == U'\u2026' || cp == U'\u3002' ||
           cp == U'\uFF01' || cp == U'\uFF1F';
}

/// Byte length of the UTF-8 sequence starting with lead byte c.
std::size_t utf8_len(unsigned char c) {
    if (c < 0x80) {
        return 1;
    }
    if ((c & 0xE0U) == 0xC0U) {
        return 2;
    }
    if ((c & 0xF0U) == 0xE0U) {
        return 3;
    }
    return (c & 0xF8U) == 0xF0U ? 4 : 1;
}

void push_trimmed(std::vector<std::string_view>& out, std::string_view piece) {
    const auto t = text::trim(piece);
    if (!t.empty()) {
        out.push_back(t);
    }
}

}  // namespace

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::vector<char32_t> code_points(std::string_view utf8) {
    if (!is_ascii(utf8)) {
        return text::decode(utf8);
    }
    std::vector<char32_t> cps(utf8.size());
    std::transform(utf8.begin(), utf8.end(), cps.begin(),
                   [](char c) { return static_cast<char32_t>(static_cast<unsigned char>(c)); });
    return cps;
}

std::vector<char32_t> nfc_code_points(std::string_view utf8) {
    if (is_ascii(utf8)) {
        return code_points(utf8);
    }
    auto cps = text::decode(utf8);
    if (std::all_of(cps.begin(), cps.end(), is_nfc_stable)) {
        return cps;
    }
    return text::decode(text::nfc(utf8));
}

FoldedText fold_for_match(std::string_view utf8) {
    const auto cps = nfc_code_points(utf8);
    FoldedText out;
    out.text.reserve(cps.size());
    out.origin.reserve(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        const bool space = cp < 0x80 ? cp == U' ' || (cp >= U'\t' && cp <= U'\r')
                                     : text::is_space(cp) || cp == 0x00A0;
        if (space) {
            if (out.text.empty() || out.text.back() != U' ') {
                out.text.push_back(U' ');
            }
        } else if (is_dash(cp)) {
            out.text.push_back(U'-');
        } else if (is_apostrophe(cp)) {
            out.text.push_back(U'\'');
        } else {
            append_folded(out.text, cp);
        }
        while (out.origin.size() < out.text.size()) {
            out.origin.push_back(i);
        }
    }
    return out;
}

std::u32string fold_key(std::string_view utf8) {
    auto folded = fold_for_match(text::trim(utf8)).text;
    return folded;
}

bool is_word_char(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') ||
               (cp >= U'0' && cp <= U'9') || cp == U'_';
    }
    return text::is_letter_or_mark(cp) || text::is_digit(cp);
}

std::vector<std::size_t> find_phrase(const FoldedText& hay, std::u32string_view needle) {
    std::vector<std::size_t> hits;
    if (needle.empty()) {
        return hits;
    }
    const bool need_left = is_word_char(needle.front());
    const bool need_right = is_word_char(needle.back());
    const std::u32string_view h = hay.text;
    for (auto pos = h.find(needle); pos != std::u32string_view::npos;
         pos = h.find(needle, pos + 1)) {
        const auto end = pos + needle.size();
        const bool left_ok = !need_left || pos == 0 || !is_word_char(h[pos - 1]);
        const bool right_ok = !need_right || end == h.size() || !is_word_char(h[end]);
        if (left_ok && right_ok) {
            hits.push_back(pos);
        }
    }
    return hits;
}

std::size_t count_words(std::string_view utf8) {
    std::size_t words = 0;
    bool in_token = false;
    bool token_has_word = false;
    for (const char32_t cp : code_points(utf8)) {
        if (text::is_space(cp)) {
            words += in_token && token_has_word ? 1 : 0;
            in_token = false;
            token_has_word = false;
            continue;
        }
        in_token = true;
        token_has_word = token_has_word || text::is_letter_or_mark(cp) || text::is_digit(cp);
    }
    return words + (in_token && token_has_word ? 1 : 0);
}

std::vector<std::string> hashtags_in(std::string_view utf8) {
    std::vector<std::string> tags;
    const auto cps = code_points(utf8);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (cps[i] != U'#' && cps[i] != 0xFF03) {
            continue;
        }
        if (i > 0 && (is_word_char(cps[i - 1]) || cps[i - 1] == U'&')) {
            continue;
        }
        std::size_t end = i + 1;
        bool has_letter = false;
        while (end < cps.size() && is_word_char(cps[end])) {
            has_letter = has_letter || text::is_letter_or_mark(cps[end]);
            ++end;
        }
        if (has_letter) {
            std::string tag = "#";
            for (std::size_t k = i + 1; k < end; ++k) {
                text::append_utf8(tag, cps[k]);
            }
            tags.push_back(std::move(tag));
        }
        i = end - 1;
    }
    return tags;
}

std::vector<std::string_view> split_sentences(std::string_view utf8) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto n = std::min(utf8_len(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
        if (utf8[i] == '\n') {
            push_trimmed(out, utf8.substr(start, i - start));
            start = i + 1;
        } else {
            char32_t cp = static_cast<unsigned char>(utf8[i]);
            if (n > 1) {
                cp = text::decode(utf8.substr(i, n)).front();
            }
            const bool wide = cp >= 0x3000;  // CJK full stops need no space after them
            const bool followed = wide || i + n == utf8.size() || utf8[i + n] == ' ' ||
                                  utf8[i + n] == '\n' || utf8[i + n] == '\t' || utf8[i + n] == '\r';
            if (is_sentence_end(cp) && followed) {
                push_trimmed(out, utf8.substr(start, i + n - start));
                start = i + n;
            }
        }
        i += n;
    }
    push_trimmed(out, utf8.substr(std::min(start, utf8.size())));
    return out;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t cp : text) {
        text::append_utf8(out, cp);
    }
    return out;
}

std::string excerpt(std::string_view utf8, std::size_t max_chars) {
    const auto cps = code_points(text::trim(utf8));
    std::string out;
    for (std::size_t i = 0; i < cps.size() && i < max_chars; ++i) {
        text::append_utf8(out, cps[i] == U'\n' ? U' ' : cps[i]);
    }
    if (cps.size() > max_chars) {
        out += "\u2026";
    }
    return out;
}

std::string excerpt_around(std::string_view utf8, std::size_t offset, std::size_t length,
                           std::size_t context) {
    const auto cps = nfc_code_points(utf8);
    const std::size_t begin = offset > context ? offset - context : 0;
    const std::size_t end = std::min(cps.size(), offset + length + context);
    std::string out = begin > 0 ? "\u2026" : "";
    for (std::size_t i = begin; i < end; ++i) {
        text::append_utf8(out, text::is_space(cps[i]) ? U' ' : cps[i]);
    }
    out += end < cps.size() ? "\u2026" : "";
    return out;
}

}  // namespace swarm::core::validate
