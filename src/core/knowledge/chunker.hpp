// Splits a document into knowledge-base passages: one chunk per paragraph, list or code block
// under its heading path; long ones split, short ones merged. Pure (no I/O), deterministic.
#pragma once

#include "core/knowledge/markdown_blocks.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

/// Bumped whenever the chunking rules change, so re-adding an unchanged file re-chunks it.
inline constexpr std::int64_t kChunkerVersion = 1;

struct ChunkerOptions {
    std::size_t target_chars = 800;   // longer paragraphs and lists are split (code points)
    std::size_t short_chars = 160;    // a paragraph shorter than this absorbs the next block
    std::size_t max_list_items = 12;  // longer lists are split into groups
};

struct Chunk {
    std::string heading;  // heading path, "Title > Section"; empty before the first heading
    std::string text;     // passage text, Markdown as written, wrapped lines joined
};

/// The chunks of one document, in reading order:
/// - each paragraph, list and fenced code block under a heading becomes a chunk with that
///   heading path; headings themselves are not chunks;
/// - a paragraph over target_chars is split at sentence boundaries into even pieces;
/// - a list stays one chunk unless it has more than max_list_items items or target_chars
///   characters; then it is split into even groups of whole items;
/// - a paragraph shorter than short_chars is merged with the next block under the same
///   heading while the result stays short of target_chars (a lead-in line joins its list).
std::vector<Chunk> chunk_document(std::string_view content, TextFormat format,
                                  const ChunkerOptions& options = {});

}  // namespace swarm::core::knowledge
