// HTML to the chunker's Markdown with libxml2's HTML parser: h1..h6 as "#" headings, p and
// other blocks as paragraphs, li as "- " items, each table row as one "- a | b" item, link text
// kept; script, style, nav, header, footer and aside dropped; entities decoded.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace swarm::kb {

/// kInvalidArgument on "content" with the reason: "html: binary file", "html: no text".
core::Result<std::string> html_to_markdown(std::string_view bytes);

}  // namespace swarm::kb
