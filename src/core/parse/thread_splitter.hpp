// Splits an X section into posts: "1/5", "1/", "(1/5)", "Tweet 1:", "**Post 2**" markers,
// numbered lists, trailing "2/5" counters, or paragraphs when the section says it is a thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// A numbering marker at the start of a line.
struct PostMarker {
    int number = 0;
    std::size_t content_offset = 0;  // byte offset of the post text after the marker
    bool labelled = false;           // "Tweet 1:" / "Post 1" rather than "1/5"
};

std::optional<PostMarker> post_marker(std::string_view line);

/// The posts of a cleaned X section, numbering stripped, each trimmed; empty posts are dropped.
/// A single post gives one entry.
std::vector<std::string> split_thread(const std::vector<std::string>& lines, bool thread_hint);

}  // namespace swarm::core::parse
