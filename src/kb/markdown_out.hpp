// The Markdown the chunker reads, written by the format readers (PDF, DOCX, HTML): headings,
// paragraphs, list items and table rows as blocks, whitespace collapsed, nothing empty kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::kb {

/// Collapses every run of ASCII whitespace (and no-break spaces) to one space and trims.
std::string collapse_space(std::string_view text);

class MarkdownOut {
public:
    /// "# text" .. "###### text" (level clamped to 1..6); a heading that is empty is dropped.
    void heading(int level, std::string_view text);
    void paragraph(std::string_view text);
    /// "- text"; consecutive items form one list (one chunk when short).
    void item(std::string_view text);
    /// A table row as one item, "- a | b | c" (cells collapsed); a row of empty cells is dropped.
    void row(const std::vector<std::string>& cells);

    /// Bytes written so far: readers stop early once this passes their output limit.
    std::size_t size() const { return out_.size(); }

    /// True when no text at all was written (headings alone count as text).
    bool empty() const { return out_.empty(); }

    std::string take() { return std::move(out_); }

private:
    enum class Last { kNone, kBlock, kItem };
    void start_block(Last kind);
    std::string out_;
    Last last_ = Last::kNone;
};

}  // namespace swarm::kb
