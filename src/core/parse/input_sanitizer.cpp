#include "core/parse/input_sanitizer.hpp"

#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <array>

namespace swarm::core::parse {
namespace {

constexpr std::array<std::string_view, 7> kReasoningTags{
    "thinking", "think", "reasoning", "scratchpad", "analysis", "reflection", "internal"};

// Valid UTF-8 with '\n' line ends and no control bytes other than tab and newline.
std::string clean_bytes(std::string_view input, Sanitized& report) {
    std::string out;
    out.reserve(input.size());
    std::size_t pos = input.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (pos < input.size()) {
        const auto c = static_cast<unsigned char>(input[pos]);
        if (c < 0x80U) {
            if (c == '\r') {
                out.push_back('\n');
                pos += (pos + 1 < input.size() && input[pos + 1] == '\n') ? std::size_t{2}
                                                                          : std::size_t{1};
                continue;
            }
            if ((c < 0x20U && c != '\t' && c != '\n') || c == 0x7FU) {
                report.control_bytes = true;
            } else {
                out.push_back(static_cast<char>(c));
            }
            ++pos;
            continue;
        }
        std::size_t len = 0;
        const char32_t cp = code_point_at(input, pos, len);
        if (cp == 0xFFFD && !input.substr(pos).starts_with("\xEF\xBF\xBD")) {
            report.invalid_utf8 = true;
            out.append("\xEF\xBF\xBD");
        } else {
            out.append(input.substr(pos, len));
        }
        pos += len;
    }
    return out;
}

bool is_ascii_only(std::string_view s) {
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0x80U) != 0) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string clean_decoded_text(std::string_view text) {
    Sanitized ignored;
    return clean_bytes(text, ignored);
}

std::string remove_reasoning_blocks(std::string_view text, bool& removed) {
    std::string out;
    out.reserve(text.size());
    // Once a closing tag is known to be absent after some point it is absent after any later
    // point: remembering that keeps the scan linear on inputs full of unclosed tags.
    std::array<bool, kReasoningTags.size()> no_close{};
    std::size_t pos = 0;
    std::size_t lt = text.find('<');
    while (lt != std::string_view::npos) {
        std::size_t skip_to = lt + 1;
        for (std::size_t t = 0; t < kReasoningTags.size(); ++t) {
            const std::string_view tag = kReasoningTags[t];
            const std::string_view rest = text.substr(lt + 1);
            if (!istarts_with(rest, tag) || rest.size() <= tag.size() || rest[tag.size()] != '>') {
                continue;
            }
            const std::size_t open_end = lt + tag.size() + 2;
            const std::string close = "</" + std::string(tag) + ">";
            const auto end = no_close[t] ? std::string_view::npos : ifind(text, close, open_end);
            no_close[t] = end == std::string_view::npos;
            out.append(text.substr(pos, lt - pos));
            pos = end == std::string_view::npos ? open_end : end + close.size();
            skip_to = pos;
            removed = true;
            break;
        }
        lt = text.find('<', skip_to);
    }
    out.append(text.substr(pos));
    return out;
}

Sanitized sanitize(std::string_view input) {
    Sanitized report;
    std::string bytes = clean_bytes(input, report);
    if (!is_ascii_only(bytes)) {
        bytes = text::nfc(bytes);
    }
    report.text = remove_reasoning_blocks(bytes, report.reasoning_blocks);
    return report;
}

}  // namespace swarm::core::parse
