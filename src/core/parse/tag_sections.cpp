// Splits output that wraps each platform in XML-like tags: <linkedin>...</linkedin>.
#include "core/parse/line_utils.hpp"
#include "core/parse/raw_section.hpp"

#include <optional>

namespace swarm::core::parse {
namespace {

constexpr std::size_t kMaxTagName = 40;

struct Tag {
    std::size_t begin = 0;  // '<'
    std::size_t end = 0;    // after '>'
    Platform platform = Platform::kLinkedIn;
    bool closing = false;
    bool part = false;  // <tweet>, <post>: a post inside a thread
};

std::optional<Tag> tag_at(std::string_view text, std::size_t pos) {
    Tag tag;
    tag.begin = pos;
    std::size_t p = pos + 1;
    if (p < text.size() && text[p] == '/') {
        tag.closing = true;
        ++p;
    }
    const std::size_t name_start = p;
    while (p < text.size() && p - name_start <= kMaxTagName &&
           ((text[p] >= 'a' && text[p] <= 'z') || (text[p] >= 'A' && text[p] <= 'Z') ||
            (text[p] >= '0' && text[p] <= '9') || text[p] == '_' || text[p] == '-')) {
        ++p;
    }
    const std::string_view name = text.substr(name_start, p - name_start);
    if (name.empty() || p - name_start > kMaxTagName) {
        return std::nullopt;
    }
    const auto window = text.substr(p, 81).find('>');
    const auto close = window == std::string_view::npos ? window : p + window;
    if (close == std::string_view::npos || (p < text.size() && text[p] != '>' && text[p] != ' ')) {
        return std::nullopt;
    }
    std::string spaced(name);
    for (char& c : spaced) {
        c = (c == '_' || c == '-') ? ' ' : c;
    }
    const auto match = match_platform_phrase(simplify(spaced));
    if (!match || match->inline_start != std::string_view::npos) {
        return std::nullopt;
    }
    const std::string lower = simplify(spaced);
    tag.platform = match->platform;
    tag.part = lower == "tweet" || lower == "post";
    tag.end = close + 1;
    return tag;
}

// Nested same-platform tags (<tweet> inside <twitter>) become paragraph breaks.
std::string section_body(std::string_view text, const std::vector<Tag>& nested, bool& thread) {
    std::string body;
    std::size_t at = 0;
    for (const Tag& t : nested) {
        body.append(text.substr(at, t.begin - at));
        body.append("\n\n");
        at = t.end;
        thread = true;
    }
    body.append(text.substr(at));
    return body;
}

}  // namespace

SectionScan tag_sections(std::string_view text) {
    SectionScan scan;
    std::optional<Tag> open;
    std::vector<Tag> nested;
    const auto finish = [&](std::size_t stop) {
        RawSection section;
        section.platform = open->platform;
        section.source = SectionSource::kTag;
        std::vector<Tag> relative;
        for (Tag t : nested) {
            t.begin -= open->end;
            t.end -= open->end;
            relative.push_back(t);
        }
        section.body =
            section_body(text.substr(open->end, stop - open->end), relative, section.flags.thread);
        scan.sections.push_back(std::move(section));
        open.reset();
        nested.clear();
    };
    std::size_t pos = text.find('<');
    while (pos != std::string_view::npos) {
        const auto tag = tag_at(text, pos);
        if (!tag) {
            pos = text.find('<', pos + 1);
            continue;
        }
        if (!open) {
            if (!tag->closing) {
                open = tag;
            }
        } else if (tag->closing && tag->platform == open->platform && !tag->part) {
            finish(tag->begin);
        } else if (!tag->closing && tag->platform != open->platform) {
            finish(tag->begin);  // unbalanced: the previous section ends where this one starts
            open = tag;
        } else if (tag->platform == open->platform) {
            nested.push_back(*tag);
        }
        pos = text.find('<', tag->end);
    }
    if (open) {
        finish(text.size());
    }
    return scan;
}

}  // namespace swarm::core::parse
