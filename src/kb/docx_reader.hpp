// DOCX to the chunker's Markdown with libzip and libxml2: word/document.xml's paragraphs,
// Title and Heading 1..6 styles (or outline levels) as "#" headings, numbered or list-styled
// paragraphs as "- " items, each table row as one "- a | b | c" item.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace swarm::kb {

/// kInvalidArgument on "content" with the reason: "docx: not a zip archive", "docx: encrypted
/// or legacy Word file (not a zip archive)", "docx: damaged zip archive (...)", "docx: no
/// word/document.xml (not a Word document)", "docx: word/document.xml is not well-formed XML",
/// "docx: no text".
core::Result<std::string> docx_to_markdown(std::string_view bytes);

}  // namespace swarm::kb
