// Block structure of a Markdown or plain-text document: the heading path in force and the
// paragraphs, lists and code blocks beneath it. Pure; the chunker turns blocks into passages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

enum class TextFormat { kMarkdown, kPlain };

enum class BlockKind { kParagraph, kList, kCode };

struct Block {
    BlockKind kind = BlockKind::kParagraph;
    std::string heading;             // "Title > Section"; empty before the first heading
    std::vector<std::string> items;  // paragraph and code: one entry; list: one per item
};

/// Markdown for .md/.markdown (and any other name), plain text for .txt (case-insensitive).
TextFormat format_for_name(std::string_view name);

/// Strips a UTF-8 byte-order mark and turns CRLF and lone CR into LF.
std::string normalize_newlines(std::string_view text);

/// Splits a document into blocks. Markdown: ATX and setext headings, fenced code, lists, YAML
/// front matter skipped. Plain text: paragraphs and lists only ('#' lines are ordinary text).
/// Paragraph lines are joined with spaces (table rows keep their line breaks).
std::vector<Block> parse_blocks(std::string_view text, TextFormat format);

}  // namespace swarm::core::knowledge
