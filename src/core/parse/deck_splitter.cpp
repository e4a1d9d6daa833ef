#include "core/parse/deck_splitter.hpp"

#include "core/parse/header_detector.hpp"
#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <array>

namespace swarm::core::parse {
namespace {

enum class Mode { kSlideMarkers, kHeaders, kNumbered, kBold, kSingle };

constexpr std::array<std::string_view, 8> kNoteLabels{
    "speaker notes",   "speaker note",   "notes",     "note",
    "presenter notes", "talking points", "narration", "script"};
constexpr std::array<std::string_view, 9> kDeckVisualLabels{
    "visual", "visuals",           "image",           "graphic", "design", "layout",
    "chart",  "visual suggestion", "image suggestion"};
constexpr std::array<std::string_view, 6> kDeckContentLabels{"content", "bullets", "key points",
                                                             "body",    "points",  "bullet points"};

std::string clean_title(std::string_view t) {
    t = strip_emphasis(t);
    while (!t.empty() && (t.back() == ':' || t.back() == ']' || t.back() == '*')) {
        t.remove_suffix(1);
    }
    t = strip_emphasis(t);
    if (t.size() >= 2 && t.front() == '(' && t.back() == ')') {
        t = t.substr(1, t.size() - 2);
    }
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') {
        t = t.substr(1, t.size() - 2);
    }
    return std::string(text::trim(t));
}

// "1. Problem" / "**2) Solution**": a short numbered title (not a sentence).
std::optional<std::string> numbered_title(std::string_view line) {
    if (line.starts_with(" ") || line.starts_with("\t")) {
        return std::nullopt;
    }
    const std::string_view t = strip_emphasis(line);
    bool marker = false;
    const std::string_view rest = strip_list_marker(t, marker);
    if (!marker || t.empty() || !(t.front() >= '0' && t.front() <= '9')) {
        return std::nullopt;
    }
    const std::string title = clean_title(rest);
    const std::string simple = simplify(title);
    if (title.empty() || title.ends_with(".") || words_of(simple).size() > 8) {
        return std::nullopt;
    }
    return title;
}

std::optional<std::string> bold_title(std::string_view line) {
    const std::string_view t = text::trim(line);
    if (!(t.starts_with("**") || t.starts_with("__")) || t.size() < 5) {
        return std::nullopt;
    }
    const std::string_view inner = t.substr(2);
    const auto close = inner.find(t.substr(0, 2));
    if (close == std::string_view::npos || !text::trim(inner.substr(close + 2)).empty()) {
        return std::nullopt;
    }
    const std::string title = clean_title(inner.substr(0, close));
    return title.empty() ? std::nullopt : std::optional(title);
}

std::optional<std::string> start_title(std::string_view line, Mode mode) {
    switch (mode) {
        case Mode::kSlideMarkers:
            return slide_marker_title(line);
        case Mode::kHeaders:
            if (atx_level(line) > 0) {
                return clean_title(
                    text::trim(line).substr(static_cast<std::size_t>(atx_level(line))));
            }
            return std::nullopt;
        case Mode::kNumbered:
            return numbered_title(line);
        case Mode::kBold:
            return bold_title(line);
        case Mode::kSingle:
            return std::nullopt;
    }
    return std::nullopt;
}

Mode choose_mode(const std::vector<std::string>& lines) {
    int markers = 0;
    int headers = 0;
    int numbered = 0;
    int bold = 0;
    // A numbered or bold title counts only when bullets follow it (else it is prose or a list).
    const auto bullets_follow = [&](std::size_t i) {
        std::size_t next = i + 1;
        while (next < lines.size() && is_blank(lines[next])) {
            ++next;
        }
        bool bullet = false;
        if (next < lines.size()) {
            strip_list_marker(lines[next], bullet);
            bullet = bullet && !numbered_title(lines[next]);
        }
        return bullet;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        markers += slide_marker_title(lines[i]) ? 1 : 0;
        headers += atx_level(lines[i]) > 0 ? 1 : 0;
        bold += bold_title(lines[i]) && bullets_follow(i) ? 1 : 0;
        numbered += numbered_title(lines[i]) && bullets_follow(i) ? 1 : 0;
    }
    if (markers > 0) {
        return Mode::kSlideMarkers;
    }
    if (headers > 0) {
        return Mode::kHeaders;
    }
    if (numbered > 0) {
        return Mode::kNumbered;
    }
    return bold > 0 ? Mode::kBold : Mode::kSingle;
}

void append(std::string& to, std::string_view text, std::string_view glue) {
    if (text.empty()) {
        return;
    }
    if (!to.empty()) {
        to += glue;
    }
    to += text;
}

// One content line of a slide; `in_notes` carries "Speaker notes:" over following lines.
void add_slide_line(Part& slide, std::string_view line, bool& in_notes) {
    const std::string_view t = text::trim(line);
    if (t.empty()) {
        return;
    }
    if (const auto label = split_label(t)) {
        if (in(kNoteLabels, label->name)) {
            in_notes = true;
            append(slide.notes, label->value, " ");
            return;
        }
        if (in(kDeckVisualLabels, label->name)) {
            append(slide.notes, "Visual: " + label->value, " ");
            return;
        }
        if (label->name == "title" || label->name == "slide title" || label->name == "headline") {
            if (slide.title.empty()) {
                slide.title = clean_title(label->value);
                return;
            }
        } else if (in(kDeckContentLabels, label->name)) {
            if (!label->value.empty()) {
                append(slide.body, label->value, "\n");
            }
            return;
        }
    }
    if (in_notes) {
        append(slide.notes, t, " ");
        return;
    }
    bool marker = false;
    const std::string_view bullet = strip_list_marker(t, marker);
    if (marker && !bullet.empty()) {
        slide.bullets.emplace_back(bullet);
        return;
    }
    if (atx_level(t) > 0 || bold_title(t)) {
        const std::string heading =
            atx_level(t) > 0 ? clean_title(t.substr(static_cast<std::size_t>(atx_level(t))))
                             : *bold_title(t);
        if (slide.title.empty()) {
            slide.title = heading;
        } else {
            append(slide.body, heading, "\n");
        }
        return;
    }
    append(slide.body, t, "\n");
}

bool is_empty(const Part& p) {
    return p.title.empty() && p.body.empty() && p.bullets.empty() && p.notes.empty();
}

}  // namespace

std::optional<std::string> slide_marker_title(std::string_view line) {
    std::string_view t = text::trim(line);
    const bool header = atx_level(t) > 0;
    while (!t.empty() && (t.front() == '#' || t.front() == '[')) {
        t.remove_prefix(1);
    }
    t = strip_leading_decoration(t);
    const bool bold = text::trim(line).find("**") != std::string_view::npos;
    if (!istarts_with(t, "slide")) {
        return std::nullopt;
    }
    std::size_t p = 5;
    while (p < t.size() && t[p] == ' ') {
        ++p;
    }
    const std::size_t digits = p;
    while (p < t.size() && t[p] >= '0' && t[p] <= '9' && p - digits < 3) {
        ++p;
    }
    if (p == digits) {
        return std::nullopt;
    }
    if (p < t.size() && t[p] == '/') {
        ++p;
        while (p < t.size() && t[p] >= '0' && t[p] <= '9') {
            ++p;
        }
    }
    std::string_view rest = t.substr(p);
    const std::string_view r = text::trim(rest);
    const bool separated = r.empty() || r.starts_with(":") || r.starts_with(".") ||
                           r.starts_with("-") || r.starts_with(")") || r.starts_with("|") ||
                           r.starts_with("(") || r.starts_with("*") || r.starts_with("]") ||
                           r.starts_with("\xE2\x80\x94") || r.starts_with("\xE2\x80\x93");
    if (!separated && !header && !bold) {
        return std::nullopt;  // "Slide 3 shows ..." is prose
    }
    std::size_t q = 0;
    while (q < r.size() && (r[q] == ':' || r[q] == '.' || r[q] == '-' || r[q] == ')' ||
                            r[q] == '|' || r[q] == '*' || r[q] == ']' || r[q] == ' ')) {
        ++q;
    }
    std::string_view title = r.substr(q);
    while (title.starts_with("\xE2\x80\x94") || title.starts_with("\xE2\x80\x93")) {
        title = text::trim(title.substr(3));
    }
    return clean_title(title);
}

std::vector<Part> split_deck(const std::vector<std::string>& lines) {
    const Mode mode = choose_mode(lines);
    std::vector<Part> slides;
    Part current;
    bool in_notes = false;
    bool started = false;
    for (const auto& line : lines) {
        if (auto title = start_title(line, mode)) {
            // Text before the first slide (a deck title, a tagline) is kept only if it has bullets.
            if (started || !current.bullets.empty()) {
                slides.push_back(std::move(current));
            }
            current = Part{};
            current.title = std::move(*title);
            in_notes = false;
            started = true;
            continue;
        }
        add_slide_line(current, line, in_notes);
    }
    slides.push_back(std::move(current));
    std::vector<Part> kept;
    for (auto& s : slides) {
        if (!is_empty(s)) {
            kept.push_back(std::move(s));
        }
    }
    return kept;
}

std::string render_deck(const std::vector<Part>& slides) {
    std::string out;
    for (std::size_t i = 0; i < slides.size(); ++i) {
        const Part& s = slides[i];
        if (!out.empty()) {
            out += "\n\n";
        }
        out += "## Slide " + std::to_string(i + 1);
        if (!s.title.empty()) {
            out += ": " + s.title;
        }
        if (!s.body.empty()) {
            out += "\n" + s.body;
        }
        if (!s.bullets.empty()) {
            out += s.body.empty() ? "\n" : "\n\n";
            for (std::size_t b = 0; b < s.bullets.size(); ++b) {
                out += (b == 0 ? "- " : "\n- ") + s.bullets[b];
            }
        }
        if (!s.notes.empty()) {
            out += "\n\nSpeaker notes: " + s.notes;
        }
    }
    return out;
}

}  // namespace swarm::core::parse
