#include "core/parse/placeholders.hpp"

#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::parse {
namespace {

constexpr std::size_t kMaxPlaceholderInner = 80;

constexpr std::array<std::string_view, 40> kKeywords{
    "insert",     "add",      "your",     "enter",    "fill",      "placeholder", "tbd",
    "todo",       "company",  "name",     "link",     "url",       "date",        "number",
    "product",    "brand",    "client",   "customer", "statistic", "stat",        "metric",
    "percentage", "amount",   "location", "city",     "website",   "email",       "phone",
    "handle",     "specific", "relevant", "quote",    "image",     "logo",        "cta",
    "industry",   "topic",    "x",        "n",        "headline"};

constexpr std::array<std::string_view, 14> kWholeBody{"tbd",
                                                      "todo",
                                                      "tba",
                                                      "n/a",
                                                      "na",
                                                      "content here",
                                                      "content goes here",
                                                      "your content here",
                                                      "post content here",
                                                      "insert content here",
                                                      "coming soon",
                                                      "placeholder",
                                                      "to be written",
                                                      "lorem ipsum"};

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || is_upper(c) || (c >= '0' && c <= '9') || c == '_';
}

bool keyword_start(std::string_view inner) {
    const std::string simple = simplify(inner);
    const auto words = words_of(simple);
    return !words.empty() &&
           std::find(kKeywords.begin(), kKeywords.end(), words.front()) != kKeywords.end();
}

// "COMPANY NAME", "PRODUCT_NAME": shouting inside brackets is a template slot.
bool all_caps(std::string_view inner) {
    std::size_t letters = 0;
    for (const char c : inner) {
        if (is_upper(c)) {
            ++letters;
        } else if (!(c == ' ' || c == '_' || c == '-' || c == '%' || c == '$' || c == '.' ||
                     (c >= '0' && c <= '9'))) {
            return false;  // a lower-case letter, or anything else that is not a slot's
        }
    }
    return letters >= 2 || inner == "X";
}

bool bracket_placeholder(std::string_view s, char open, char close) {
    std::size_t pos = s.find(open);
    while (pos != std::string_view::npos) {
        const auto found = s.substr(pos + 1, kMaxPlaceholderInner).find(close);
        if (found == std::string_view::npos) {
            pos = s.find(open, pos + 1);
            continue;
        }
        const std::size_t end = pos + 1 + found;
        const std::string_view inner = text::trim(s.substr(pos + 1, end - pos - 1));
        const bool link = end + 1 < s.size() && (s[end + 1] == '(' || s[end + 1] == '[');
        const bool image = pos > 0 && s[pos - 1] == '!';
        const bool checkbox = inner.empty() || inner == "x" || inner == "X";
        if (!link && !image && !checkbox) {
            if (inner == "..." || inner == "\xE2\x80\xA6") {
                return true;
            }
            const bool has_letter = std::any_of(inner.begin(), inner.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || is_upper(c);
            });
            if (has_letter && inner.find('<') == std::string_view::npos &&
                (keyword_start(inner) || all_caps(inner) ||
                 (open == '<' && inner.find('_') != std::string_view::npos))) {
                return true;
            }
        }
        pos = s.find(open, pos + 1);
    }
    return false;
}

// {company_name}: an identifier in single braces.
bool brace_placeholder(std::string_view s) {
    std::size_t pos = s.find('{');
    while (pos != std::string_view::npos) {
        const auto found = s.substr(pos + 1, kMaxPlaceholderInner).find('}');
        if (found == std::string_view::npos) {
            pos = s.find('{', pos + 1);
            continue;
        }
        const std::size_t end = pos + 1 + found;
        const std::string_view inner = s.substr(pos + 1, end - pos - 1);
        const bool ident = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) {
            return is_word_char(c) || c == ' ';
        });
        if (ident) {
            return true;
        }
        pos = s.find('{', end);
    }
    return false;
}

bool standalone_word(std::string_view s, std::string_view word) {
    std::size_t pos = s.find(word);
    while (pos != std::string_view::npos) {
        const bool left = pos == 0 || !is_word_char(s[pos - 1]);
        const std::size_t e = pos + word.size();
        const bool right = e >= s.size() || !is_word_char(s[e]);
        if (left && right) {
            return true;
        }
        pos = s.find(word, pos + 1);
    }
    return false;
}

// "XX%", "$X", "$XM", "X,XXX": numbers the model did not know.
bool x_number(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '(' || s[i] == '\t')) {
            ++i;
        }
        std::size_t e = i;
        while (e < s.size() && s[e] != ' ' && s[e] != '\t') {
            ++e;
        }
        std::string_view tok = s.substr(i, e - i);
        while (!tok.empty() && (tok.back() == '.' || tok.back() == ',' || tok.back() == ')' ||
                                tok.back() == '!' || tok.back() == ';')) {
            tok.remove_suffix(1);
        }
        const bool dollar = tok.starts_with("$");
        const bool percent = tok.ends_with("%") || tok.ends_with("+");
        std::size_t xs = 0;
        bool only_x = !tok.empty();
        for (const char c : tok.substr(dollar ? 1 : 0)) {
            if (c == 'X') {
                ++xs;
            } else if (!(c == ',' || c == '.' || c == '%' || c == '+' || c == 'K' || c == 'M' ||
                         c == 'B')) {
                only_x = false;
            }
        }
        if (only_x && xs > 0 && (dollar || percent || xs >= 2)) {
            return true;
        }
        i = e;
    }
    return false;
}

}  // namespace

bool has_placeholder(std::string_view line) {
    if (line.find("{{") != std::string_view::npos ||
        ifind(line, "lorem ipsum") != std::string_view::npos) {
        return true;
    }
    if (standalone_word(line, "TBD") || standalone_word(line, "TODO") ||
        standalone_word(line, "TBA")) {
        return true;
    }
    return bracket_placeholder(line, '[', ']') || bracket_placeholder(line, '<', '>') ||
           brace_placeholder(line) || x_number(line);
}

bool is_placeholder_only(std::string_view text) {
    const std::string_view t = strip_emphasis(text);
    if (t.empty()) {
        return false;
    }
    const bool dots = std::all_of(t.begin(), t.end(), [](char c) {
        return c == '.' || c == ' ' || c == '\n' || c == '-' || c == '\xE2' || c == '\x80' ||
               c == '\xA6';
    });
    if (dots) {
        return true;
    }
    std::string s = simplify(t, 200);
    while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == ' ')) {
        s.pop_back();
    }
    if (t.size() < 200 && std::find(kWholeBody.begin(), kWholeBody.end(), s) != kWholeBody.end()) {
        return true;
    }
    const auto lines = split_lines(t);
    return std::all_of(lines.begin(), lines.end(),
                       [](const std::string& l) { return is_blank(l) || has_placeholder(l); });
}

std::size_t remove_placeholder_lines(std::vector<std::string>& lines) {
    const auto before = lines.size();
    lines.erase(
        std::remove_if(lines.begin(), lines.end(),
                       [](const std::string& l) { return !is_blank(l) && has_placeholder(l); }),
        lines.end());
    return before - lines.size();
}

}  // namespace swarm::core::parse
