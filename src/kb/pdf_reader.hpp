// PDF to the chunker's Markdown with poppler-cpp: words in reading order joined into lines and
// paragraphs, larger type as headings, hyphenation at line ends rejoined, page headers and
// footers that repeat on most pages dropped.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace swarm::kb {

/// kInvalidArgument on "content" with the reason: "pdf: not a PDF file (no %PDF header)",
/// "pdf: damaged file (cannot be opened)", "pdf: encrypted (needs a password)", "pdf: no
/// pages", "pdf: no text layer (scanned image?)".
core::Result<std::string> pdf_to_markdown(std::string_view bytes);

}  // namespace swarm::kb
