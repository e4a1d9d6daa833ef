// Splits Markdown-shaped output at platform headers (see header_detector.hpp).
#include "core/parse/header_detector.hpp"
#include "core/parse/instructions.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/raw_section.hpp"

namespace swarm::core::parse {
namespace {

// The state of one pass over the lines.
struct Splitter {
    SectionScan scan;
    std::size_t current = 0;  // index + 1 of the open section; 0 when none
    bool has_content = false;
    bool discarding = false;  // under a meta header: lines belong to no one

    void open(const HeaderMatch& header) {
        if (current != 0 && scan.sections[current - 1].platform == header.platform &&
            !has_content) {
            // "### LinkedIn" then "**LinkedIn Post:**": one section, not a duplicate.
            RawSection& section = scan.sections[current - 1];
            section.flags.revised = section.flags.revised || header.flags.revised;
            section.flags.thread = section.flags.thread || header.flags.thread;
            section.flags.example = section.flags.example || header.flags.example;
        } else {
            RawSection section;
            section.platform = header.platform;
            section.flags = header.flags;
            scan.sections.push_back(std::move(section));
            current = scan.sections.size();
        }
        has_content = !header.inline_content.empty();
        if (has_content) {
            scan.sections[current - 1].body += header.inline_content + "\n";
        }
        discarding = false;
    }

    void add(std::string_view line) {
        if (current != 0 && is_meta_header(line)) {
            current = 0;
            discarding = true;
        } else if (current != 0) {
            scan.sections[current - 1].body.append(line).push_back('\n');
            has_content = has_content || !is_blank(line);
        } else if (!discarding) {
            scan.preamble.append(line).push_back('\n');
        }
    }
};

// Echoed instructions: platform headers under "## Examples" (deeper levels, until a heading at
// its level) or right after a "WRONG:" / "Use the following structure:" label are examples.
struct ExampleScope {
    int level = -1;     // level of the "## Examples" heading; -1 when none is open
    bool once = false;  // a label line: a platform header on the next line is an example

    void mark(HeaderMatch& header) {
        if (level >= 0 && header.level > 0 && header.level <= level) {
            level = -1;
        }
        header.flags.example = header.flags.example || level >= 0 || once;
        once = false;
    }

    void see(std::string_view line) {
        const int atx = atx_level(line);
        const std::string_view t = strip_emphasis(line);
        if ((atx > 0 || t.ends_with(':')) && is_writer_instruction(line)) {
            if (atx > 0) {
                level = atx;
            } else {
                once = true;
            }
            return;
        }
        if (atx > 0 && level >= 0 && atx <= level) {
            level = -1;
        }
        // A label introduces the header right under it ("WRONG:\n### LinkedIn"), nothing later.
        once = false;
    }
};

}  // namespace

SectionScan markdown_sections(std::string_view text) {
    Splitter splitter;
    ExampleScope examples;
    bool after_blank = true;  // a plain "LinkedIn Post:" line must start a paragraph
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        auto header = detect_header(line);
        if (header && header->plain && !after_blank) {
            header.reset();  // "Channels:\nLinkedIn\nTrade shows" is a list, not a header
        }
        after_blank = is_blank(line) || is_separator_line(line) || is_fence_line(line);
        if (header) {
            examples.mark(*header);
            splitter.open(*header);
        } else {
            examples.see(line);
            splitter.add(line);
        }
    }
    return std::move(splitter.scan);
}

}  // namespace swarm::core::parse
