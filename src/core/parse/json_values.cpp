#include "core/parse/json_values.hpp"

#include "core/parse/input_sanitizer.hpp"
#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

namespace swarm::core::parse {
namespace {

constexpr std::size_t kMaxDepth = 64;

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool read_hex4(std::string_view s, std::size_t p, char32_t& out) {
    if (p + 4 > s.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const int v = hex_value(s[p + i]);
        if (v < 0) {
            return false;
        }
        out = out * 16 + static_cast<char32_t>(v);
    }
    return true;
}

// Decodes a JSON string starting after its opening quote; returns the index after the closing
// quote, or npos when the string never ends.
std::size_t decode_string(std::string_view s, std::size_t p, std::string& out) {
    while (p < s.size()) {
        const char c = s[p];
        if (c == '"') {
            return p + 1;
        }
        if (c != '\\') {
            out.push_back(c);
            ++p;
            continue;
        }
        if (p + 1 >= s.size()) {
            return std::string_view::npos;
        }
        const char e = s[p + 1];
        p += 2;
        switch (e) {
            case 'n':
                out.push_back('\n');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'r':  // dropped: a carriage return, backspace or form feed means nothing in a post
            case 'b':
            case 'f':
                break;
            case 'u': {
                char32_t cp = 0;
                if (!read_hex4(s, p, cp)) {
                    out.append("\xEF\xBF\xBD");
                    break;
                }
                p += 4;
                char32_t low = 0;
                if (cp >= 0xD800 && cp <= 0xDBFF && s.substr(p).starts_with("\\u") &&
                    read_hex4(s, p + 2, low) && low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
                    p += 6;
                }
                text::append_utf8(out, (cp >= 0xD800 && cp <= 0xDFFF) ? char32_t{0xFFFD} : cp);
                break;
            }
            default:
                out.push_back(e);
                break;
        }
    }
    return std::string_view::npos;
}

std::size_t skip_spaces(std::string_view s, std::size_t p) {
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n')) {
        ++p;
    }
    return p;
}

}  // namespace

std::size_t balanced_end(std::string_view text, std::size_t max_depth) {
    std::string stack;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            stack.push_back(c == '{' ? '}' : ']');
            if (stack.size() > max_depth) {
                return std::string_view::npos;
            }
        } else if (c == '}' || c == ']') {
            if (stack.empty() || stack.back() != c) {
                return std::string_view::npos;
            }
            stack.pop_back();
            if (stack.empty()) {
                return i + 1;
            }
        }
    }
    return std::string_view::npos;
}

std::vector<std::string_view> json_candidates(std::string_view text, std::size_t limit) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (out.size() < limit && (pos = ifind(text, "```json", pos)) != std::string_view::npos) {
        const auto body = text.find('\n', pos);
        if (body == std::string_view::npos) {
            break;
        }
        const auto close = text.find("```", body);
        out.push_back(text.substr(
            body + 1, (close == std::string_view::npos ? text.size() : close) - body - 1));
        pos = body;
    }
    std::size_t line = 0;
    std::size_t tried = 0;
    while (line < text.size() && out.size() < limit && tried < limit) {
        const std::size_t first = text.find_first_not_of(" \t", line);
        if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
            ++tried;
            const std::string_view rest = text.substr(first);
            const std::size_t end = balanced_end(rest, kMaxDepth);
            out.push_back(end == std::string_view::npos ? rest : rest.substr(0, end));
            if (end != std::string_view::npos) {
                line = first + end;
                continue;
            }
        }
        const auto next = text.find('\n', line);
        line = next == std::string_view::npos ? text.size() : next + 1;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> string_pairs(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::size_t p = text.find('"');
    while (p != std::string_view::npos && p < text.size()) {
        std::string key;
        const std::size_t after_key = decode_string(text, p + 1, key);
        if (after_key == std::string_view::npos) {
            break;
        }
        std::size_t q = skip_spaces(text, after_key);
        if (q < text.size() && text[q] == ':') {
            q = skip_spaces(text, q + 1);
            if (q < text.size() && text[q] == '"') {
                std::string value;
                const std::size_t after_value = decode_string(text, q + 1, value);
                if (after_value == std::string_view::npos) {
                    break;
                }
                // "\u0000" and the like decode to control bytes the input sanitiser never saw.
                pairs.emplace_back(std::move(key), clean_decoded_text(value));
                p = text.find('"', after_value);
                continue;
            }
            pairs.emplace_back(std::move(key), std::string());  // a key opening an object/array
        }
        p = text.find('"', after_key);
    }
    return pairs;
}

std::string spaced_key(std::string_view key) {
    std::string out;
    out.reserve(key.size() + 4);
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool upper = c >= 'A' && c <= 'Z';
        if (upper && i > 0 && key[i - 1] >= 'a' && key[i - 1] <= 'z') {
            out.push_back(' ');
        }
        out.push_back(c == '_' || c == '-' ? ' ' : c);
    }
    return out;
}

}  // namespace swarm::core::parse
