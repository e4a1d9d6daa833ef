#include "core/parse/cleanup.hpp"

#include "core/parse/hashtags.hpp"
#include "core/parse/header_detector.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/narration.hpp"
#include "core/text/utf8.hpp"

#include <array>

namespace swarm::core::parse {
namespace {

constexpr std::array<std::string_view, 7> kHashtagLabels{"hashtags",
                                                         "hashtag",
                                                         "tags",
                                                         "suggested hashtags",
                                                         "recommended hashtags",
                                                         "hashtag suggestions",
                                                         "hashtags used"};

constexpr std::array<std::string_view, 10> kMediaLabels{
    "media urls", "media url",   "media",  "images",      "image urls",
    "image url",  "image links", "assets", "attachments", "media assets"};

constexpr std::array<std::string_view, 36> kMetaLabels{"word count",
                                                       "character count",
                                                       "char count",
                                                       "characters",
                                                       "character length",
                                                       "length",
                                                       "reading time",
                                                       "estimated reading time",
                                                       "tone",
                                                       "voice",
                                                       "audience",
                                                       "target audience",
                                                       "objective",
                                                       "goal",
                                                       "format",
                                                       "type",
                                                       "posting time",
                                                       "best time to post",
                                                       "suggested posting time",
                                                       "scheduled for",
                                                       "schedule",
                                                       "engagement tip",
                                                       "engagement tips",
                                                       "keywords",
                                                       "seo keywords",
                                                       "status",
                                                       "emoji count",
                                                       "hashtag count",
                                                       "thread length",
                                                       "number of tweets",
                                                       "total tweets",
                                                       "total characters",
                                                       "platform",
                                                       "word count (approx)",
                                                       "tweet count",
                                                       "slide count"};

constexpr std::array<std::string_view, 12> kVisualLabels{
    "image",        "image prompt",      "image suggestion", "image idea", "image description",
    "visual",       "visual suggestion", "visuals",          "alt text",   "graphic",
    "design notes", "suggested image"};

constexpr std::array<std::string_view, 28> kContentLabels{
    "content",   "post",     "post content",  "body",           "text",           "copy",
    "caption",   "tweet",    "message",       "final post",     "final version",  "final content",
    "main post", "hook",     "cta",           "call to action", "call-to-action", "headline",
    "title",     "opening",  "closing",       "body copy",      "intro",          "conclusion",
    "post text", "the post", "linkedin post", "single tweet"};

bool is_image_line(std::string_view line) {
    const std::string_view t = text::trim(line);
    return t.starts_with("![") && t.ends_with(")");
}

bool is_media_line(std::string_view line) {
    bool marker = false;
    const std::string_view t = strip_list_marker(line, marker);
    if (is_image_line(t)) {
        return true;
    }
    // A line that is an address, possibly labelled: "- Image 1: https://cdn.example.com/a.png".
    const auto url = t.find("://");
    return url != std::string_view::npos && t.find(' ', url) == std::string_view::npos &&
           (marker || url < 40);
}

// Skips the lines of a block that follows a label with an empty value.
std::size_t skip_block(const std::vector<std::string>& lines, std::size_t i, bool media) {
    while (i < lines.size() && !is_blank(lines[i])) {
        if (media && !is_media_line(lines[i])) {
            break;
        }
        ++i;
    }
    return i;
}

enum class LabelAction { kNone, kDrop, kDropBlock, kKeepValue, kHashtags, kMedia };

LabelAction classify(const Label& label, bool deck) {
    if (in(kHashtagLabels, label.name)) {
        return LabelAction::kHashtags;
    }
    if (in(kMediaLabels, label.name)) {
        return LabelAction::kMedia;
    }
    if (in(kMetaLabels, label.name)) {
        return LabelAction::kDrop;
    }
    if (deck) {
        return LabelAction::kNone;
    }
    if (in(kVisualLabels, label.name)) {
        return label.value.empty() ? LabelAction::kDropBlock : LabelAction::kDrop;
    }
    return in(kContentLabels, label.name) ? LabelAction::kKeepValue : LabelAction::kNone;
}

}  // namespace

std::string strip_count_suffix(std::string_view line) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) {
        t.remove_suffix(1);
    }
    if (t.empty() || (t.back() != ')' && t.back() != ']')) {
        return std::string(line);
    }
    const char open = t.back() == ')' ? '(' : '[';
    const auto start = t.rfind(open);
    if (start == std::string_view::npos || start == 0) {
        return std::string(line);
    }
    const std::string_view inner = t.substr(start);
    const std::string s = simplify(inner);
    const bool ratio = s.find("/280") != std::string::npos && s.size() <= 12;
    if (!is_count_line(inner) && !ratio) {
        return std::string(line);
    }
    return std::string(text::trim(t.substr(0, start)));
}

Cleaned strip_scaffolding(const std::vector<std::string>& lines, Platform platform) {
    Cleaned out;
    const bool deck = platform == Platform::kPitchDeck;
    std::size_t i = 0;
    while (i < lines.size()) {
        const std::string& line = lines[i];
        const bool after_blank = i == 0 || is_blank(lines[i - 1]);
        ++i;
        if (is_fence_line(line) || is_separator_line(line) || is_image_line(line) ||
            (!is_blank(line) && strip_emphasis(line).empty())) {
            continue;
        }
        if (const auto header = detect_header(line); header && (!header->plain || after_blank)) {
            if (!header->inline_content.empty()) {
                out.lines.push_back(header->inline_content);
            }
            continue;
        }
        if (const auto label = split_label(line)) {
            const LabelAction action = classify(*label, deck);
            if (action == LabelAction::kHashtags) {
                merge_hashtags(out.label_hashtags, hashtags_from_list(label->value));
                while (i < lines.size() && is_hashtag_only_line(lines[i])) {
                    merge_hashtags(out.label_hashtags, extract_hashtags(lines[i]));
                    ++i;
                }
                continue;
            }
            if (action == LabelAction::kMedia || action == LabelAction::kDropBlock) {
                i = label->value.empty() || action == LabelAction::kMedia
                        ? skip_block(lines, i, action == LabelAction::kMedia)
                        : i;
                continue;
            }
            if (action == LabelAction::kDrop) {
                continue;
            }
            if (action == LabelAction::kKeepValue) {
                if (!label->value.empty()) {
                    out.lines.push_back(strip_count_suffix(label->value));
                }
                continue;
            }
        }
        if (is_count_line(line)) {
            continue;
        }
        out.lines.push_back(strip_count_suffix(line));
    }
    return out;
}

}  // namespace swarm::core::parse
