// Narration glued to the copy on the same line: "... drove 24% less. Now let me create the X
// thread." at the end of a section, "Here's the LinkedIn post: Every HVAC owner ..." at its start.
#include "core/parse/line_utils.hpp"
#include "core/parse/narration.hpp"
#include "core/text/utf8.hpp"

namespace swarm::core::parse {
namespace {

bool terminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == ':';
}

// "1." or "2/5:" before a boundary is a list marker or a counter, not a sentence.
bool has_words(std::string_view s) {
    std::size_t letters = 0;
    for (const char c : s) {
        letters += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    static_cast<unsigned char>(c) >= 0x80)
                       ? 1U
                       : 0U;
    }
    return letters >= 2;
}

// Where the last sentence of `s` starts: after ". ", "! ", "? ", ": " or after a hashtag
// ("#FieldService Now let me ..."); npos when `s` is one sentence.
std::size_t last_sentence_start(std::string_view s) {
    for (std::size_t i = s.size(); i-- > 1;) {
        if (s[i] != ' ' || i + 1 >= s.size()) {
            continue;
        }
        if (terminator(s[i - 1])) {
            return has_words(s.substr(0, i)) ? i + 1 : std::string_view::npos;
        }
        const std::size_t word = s.rfind(' ', i - 1);
        const std::size_t from = word == std::string_view::npos ? 0 : word + 1;
        const char next = s[i + 1];
        if (s[from] == '#' && next >= 'A' && next <= 'Z') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

// Where the first sentence of `s` ends (one past its terminator); npos when `s` is one sentence.
std::size_t first_sentence_end(std::string_view s) {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] == ' ' && terminator(s[i - 1]) && has_words(s.substr(0, i))) {
            return i;
        }
    }
    return std::string_view::npos;
}

std::string* edge_line(std::vector<std::string>& lines, bool last) {
    if (last) {
        for (std::size_t j = lines.size(); j > 0; --j) {
            if (!is_blank(lines[j - 1])) {
                return &lines[j - 1];
            }
        }
        return nullptr;
    }
    for (auto& l : lines) {
        if (!is_blank(l)) {
            return &l;
        }
    }
    return nullptr;
}

}  // namespace

bool trim_inline_narration(std::vector<std::string>& lines, bool deck) {
    bool removed = false;
    // At most a few sentences: "Pilot teams drove 24% less. I hope this helps! Let me know if
    // you'd like any changes."
    for (int round = 0; round < 4; ++round) {
        std::string* line = edge_line(lines, true);
        if (line == nullptr) {
            break;
        }
        const std::string_view s = text::trim(*line);
        const std::size_t start = last_sentence_start(s);
        if (start == std::string_view::npos ||
            !is_narration_line(s.substr(start), LinePosition::kMiddle, deck)) {
            break;
        }
        *line = std::string(text::trim(s.substr(0, start)));
        removed = true;
    }
    if (std::string* line = edge_line(lines, false)) {
        const std::string_view s = text::trim(*line);
        const std::size_t end = first_sentence_end(s);
        // Only an announcing intro ("Here is the LinkedIn post: ..."): a line that opens with
        // "Let me create the post. I'll focus on ..." is reasoning as a whole (trim_edges).
        if (end != std::string_view::npos && s[end - 1] == ':' &&
            is_narration_line(s.substr(0, end), LinePosition::kMiddle, deck)) {
            *line = std::string(text::trim(s.substr(end)));
            removed = true;
        }
    }
    return removed;
}

}  // namespace swarm::core::parse
