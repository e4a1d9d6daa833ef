#include "kb/pdf_reader.hpp"

#include "core/knowledge/document_rules.hpp"
#include "kb/document_formats.hpp"
#include "kb/markdown_out.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <set>
#include <vector>

namespace swarm::kb {

namespace {

struct Line {
    std::string text;
    double size = 0;  // the largest font size on the line, points
    double top = 0;   // page coordinates, y grows downwards
    double bottom = 0;
    double pitch = 0;           // from the previous line's top, same type size; else 0
    bool starts_block = false;  // a paragraph break before this line
};

using Page = std::vector<Line>;

std::string utf8(const poppler::ustring& text) {
    const auto bytes = text.to_utf8();
    return {bytes.begin(), bytes.end()};
}

/// Poppler prints every syntax error of a damaged file on stderr; a knowledge base reports
/// one reason instead. The handler is process-wide, so it is installed once.
void silence_poppler() {
    static std::once_flag once;
    std::call_once(
        once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

/// Words into lines: a word whose vertical centre leaves the current line's band starts a new
/// line; a gap wider than a line (or a change of type size) starts a new paragraph.
Page page_lines(const poppler::page& page) {
    Page lines;
    bool space_after = false;
    for (const auto& box : page.text_list(poppler::page::text_list_include_font)) {
        const std::string word = utf8(box.text());
        if (word.empty()) {
            continue;
        }
        const auto r = box.bbox();
        const double size = box.has_font_info() ? box.get_font_size() : r.height();
        const double mid = r.y() + r.height() / 2;
        if (lines.empty() || mid < lines.back().top || mid > lines.back().bottom) {
            Line line{word, size, r.y(), r.y() + r.height(), 0, lines.empty()};
            if (!lines.empty()) {
                const Line& prev = lines.back();
                const double height = std::max(prev.bottom - prev.top, 1.0);
                const bool resized = std::abs(size - prev.size) > 0.5;
                line.starts_block = resized || line.top - prev.bottom > 2 * height ||
                                    line.top < prev.top;  // a new column or text flow
                line.pitch = line.starts_block ? 0 : line.top - prev.top;
            }
            lines.push_back(std::move(line));
        } else {
            Line& line = lines.back();
            line.text += space_after ? " " : "";
            line.text += word;
            line.size = std::max(line.size, size);
            line.top = std::min(line.top, r.y());
            line.bottom = std::max(line.bottom, r.y() + r.height());
        }
        space_after = box.has_space_after();
    }
    return lines;
}

/// Paragraph breaks from line spacing: the document's usual leading (its 25th percentile, in
/// units of the type size) is a wrapped line; clearly more is a new paragraph. Relative, so
/// double-spaced documents do not become one paragraph per line.
void mark_paragraph_gaps(std::vector<Page>& pages) {
    std::vector<double> ratios;
    for (const Page& page : pages) {
        for (const Line& line : page) {
            if (line.pitch > 0 && line.size > 0) {
                ratios.push_back(line.pitch / line.size);
            }
        }
    }
    if (ratios.empty()) {
        return;
    }
    std::sort(ratios.begin(), ratios.end());
    const double leading = ratios[ratios.size() / 4];
    for (Page& page : pages) {
        for (Line& line : page) {
            if (line.pitch > 0 && line.size > 0 && line.pitch / line.size > leading + 0.2) {
                line.starts_block = true;
            }
        }
    }
}

/// A header or footer line with its page number removed: "Page 3 of 9" and "Page 4 of 9" match.
std::string without_digits(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c < '0' || c > '9') {
            out += c;
        }
    }
    return collapse_space(out);
}

/// Drops the first and last lines that repeat (digits aside) on most pages of a document of
/// three pages or more: running titles, page numbers, confidentiality footers.
void drop_running_lines(std::vector<Page>& pages) {
    if (pages.size() < 3) {
        return;
    }
    for (const bool first : {true, false}) {
        std::map<std::string, std::size_t> seen;
        for (const Page& page : pages) {
            if (!page.empty()) {
                ++seen[without_digits(first ? page.front().text : page.back().text)];
            }
        }
        const std::size_t quorum = (pages.size() * 3 + 4) / 5;  // 60 %, rounded up
        for (Page& page : pages) {
            if (!page.empty() &&
                seen[without_digits(first ? page.front().text : page.back().text)] >= quorum) {
                page.erase(first ? page.begin() : page.end() - 1);
                if (first && !page.empty()) {
                    page.front().starts_block = true;
                }
            }
        }
    }
}

double rounded(double size) {
    return std::round(size * 2) / 2;
}

/// The body size is the one most characters are set in; larger sizes, largest first, are
/// heading levels 1..6.
std::map<double, int> heading_levels(const std::vector<Page>& pages) {
    std::map<double, std::size_t> chars;
    for (const Page& page : pages) {
        for (const Line& line : page) {
            chars[rounded(line.size)] += line.text.size();
        }
    }
    double body = 0;
    std::size_t most = 0;
    for (const auto& [size, count] : chars) {
        if (count > most) {
            body = size;
            most = count;
        }
    }
    std::map<double, int> levels;
    int level = 0;
    for (auto it = chars.rbegin(); it != chars.rend() && level < 6; ++it) {
        if (it->first >= body * 1.15) {
            levels[it->first] = ++level;
        }
    }
    return levels;
}

bool is_lower_start(const std::string& text) {
    return !text.empty() && text[0] >= 'a' && text[0] <= 'z';
}

/// Joins a wrapped line to its paragraph, rejoining "infor-" + "mation".
void join_line(std::string& paragraph, const std::string& line) {
    const std::size_t n = paragraph.size();
    const bool hyphen = n >= 2 && paragraph[n - 1] == '-' &&
                        ((paragraph[n - 2] >= 'a' && paragraph[n - 2] <= 'z') ||
                         (paragraph[n - 2] >= 'A' && paragraph[n - 2] <= 'Z'));
    if (hyphen && is_lower_start(line)) {
        paragraph.pop_back();
    } else if (!paragraph.empty()) {
        paragraph += ' ';
    }
    paragraph += line;
}

/// The length of a bullet glyph and its spaces opening `text` ("• ", "◦", "▪ "), or 0.
std::size_t bullet_prefix(std::string_view text) {
    for (const std::string_view bullet :
         {"\u2022", "\u25E6", "\u25AA", "\u25CF", "\u25A0", "\u2023", "\u2043"}) {
        if (text.substr(0, bullet.size()) == bullet) {
            const std::size_t end = text.find_first_not_of(' ', bullet.size());
            return end == std::string_view::npos ? text.size() : end;
        }
    }
    return 0;
}

std::string to_markdown(const std::vector<Page>& pages) {
    const auto levels = heading_levels(pages);
    MarkdownOut out;
    std::string block;
    int block_level = 0;  // 1..6 a heading, 0 a paragraph, -1 a bullet item
    const auto flush = [&] {
        if (block_level > 0) {
            out.heading(block_level, block);
        } else {
            block_level < 0 ? out.item(block) : out.paragraph(block);
        }
        block.clear();
    };
    for (const Page& page : pages) {
        for (const Line& line : page) {
            const auto level = levels.find(rounded(line.size));
            const std::size_t bullet = bullet_prefix(line.text);
            int line_level = level != levels.end() && line.text.size() <= 200 ? level->second : 0;
            line_level = bullet > 0 ? -1 : line_level;
            // A bullet's wrapped lines continue its item; a new bullet starts the next one.
            const bool continues = block_level < 0 && line_level == 0 && !line.starts_block;
            if (!continues && (line.starts_block || bullet > 0 || line_level != block_level)) {
                flush();
                block_level = line_level;
            }
            join_line(block, line.text.substr(bullet));
            if (out.size() > core::knowledge::kMaxDocumentBytes) {
                return out.take();  // read_document reports it as too large
            }
        }
    }
    flush();
    return out.take();
}

}  // namespace

core::Result<std::string> pdf_to_markdown(std::string_view bytes) {
    silence_poppler();
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
        return unreadable("pdf: not a PDF file (no %PDF header)");
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
        return unreadable("pdf: damaged file (cannot be opened)");
    }
    if (doc->is_locked()) {
        return unreadable("pdf: encrypted (needs a password)");
    }
    const int count = doc->pages();
    if (count <= 0) {
        return unreadable("pdf: no pages");
    }
    std::vector<Page> pages;
    for (int i = 0; i < count; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        pages.push_back(page ? page_lines(*page) : Page{});
    }
    mark_paragraph_gaps(pages);
    drop_running_lines(pages);
    std::string text = to_markdown(pages);
    if (collapse_space(text).empty()) {
        return unreadable("pdf: no text layer (scanned image?)");
    }
    return text;
}

}  // namespace swarm::kb
