#include "core/knowledge/chunker.hpp"

#include "core/knowledge/text_split.hpp"

#include <algorithm>
#include <utility>

namespace swarm::core::knowledge {

namespace {

struct Piece {
    std::string text;
    bool absorbs = false;  // a whole short paragraph may take in the next block
};

std::string join_lines(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) {
            text += '\n';
        }
        text += lines[i];
    }
    return text;
}

/// Groups of whole lines (list items or code lines) within the limits; one over-long line is
/// split on its own.
std::vector<std::string> group_lines(const std::vector<std::string>& lines, std::size_t max_items,
                                     std::size_t target) {
    std::size_t total = 0;
    for (const auto& line : lines) {
        total += char_count(line) + 1;
    }
    if (lines.size() <= max_items && total <= target + 1) {
        return {join_lines(lines, 0, lines.size())};
    }
    const std::size_t groups =
        std::max((lines.size() + max_items - 1) / max_items, (total + target - 1) / target);
    const std::size_t per_group = (lines.size() + groups - 1) / groups;
    std::vector<std::string> out;
    std::size_t start = 0;
    std::size_t size = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t line_size = char_count(lines[i]) + 1;
        if (i > start && (i - start == per_group || size + line_size > target + 1)) {
            out.push_back(join_lines(lines, start, i));
            start = i;
            size = 0;
        }
        if (line_size > target + 1) {
            for (auto& part : split_to_size(lines[i], target)) {
                out.push_back(std::move(part));
            }
            start = i + 1;
            continue;
        }
        size += line_size;
    }
    if (start < lines.size()) {
        out.push_back(join_lines(lines, start, lines.size()));
    }
    return out;
}

std::vector<Piece> pieces_of(const Block& block, const ChunkerOptions& options) {
    std::vector<Piece> pieces;
    if (block.kind == BlockKind::kParagraph) {
        auto parts = split_to_size(block.items.front(), options.target_chars);
        const bool whole = parts.size() == 1;
        for (auto& part : parts) {
            pieces.push_back({std::move(part), whole});
        }
        return pieces;
    }
    std::vector<std::string> lines = block.items;
    std::size_t max_items = options.max_list_items;
    if (block.kind == BlockKind::kCode) {
        std::string_view code = block.items.front();
        lines.clear();
        while (!code.empty()) {
            const std::size_t nl = code.find('\n');
            lines.emplace_back(code.substr(0, nl));
            code = nl == std::string_view::npos ? std::string_view{} : code.substr(nl + 1);
        }
        max_items = lines.size() + 1;  // code is bounded by size only
    }
    for (auto& group :
         group_lines(lines, std::max<std::size_t>(max_items, 1), options.target_chars)) {
        pieces.push_back({std::move(group), false});
    }
    return pieces;
}

}  // namespace

std::vector<Chunk> chunk_document(std::string_view content, TextFormat format,
                                  const ChunkerOptions& options) {
    std::vector<Chunk> chunks;
    bool last_absorbs = false;
    for (const Block& block : parse_blocks(content, format)) {
        for (Piece& piece : pieces_of(block, options)) {
            if (!chunks.empty() && last_absorbs && chunks.back().heading == block.heading) {
                Chunk& last = chunks.back();
                const std::size_t last_size = char_count(last.text);
                if (last_size < options.short_chars &&
                    last_size + 1 + char_count(piece.text) <= options.target_chars) {
                    last.text += '\n';
                    last.text += piece.text;
                    last_absorbs = piece.absorbs;
                    continue;
                }
            }
            chunks.push_back({block.heading, std::move(piece.text)});
            last_absorbs = piece.absorbs;
        }
    }
    return chunks;
}

}  // namespace swarm::core::knowledge
