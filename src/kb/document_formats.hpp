// Which files the knowledge base reads and how: Markdown and text as they are, PDF, DOCX and
// HTML converted to Markdown (headings kept for chunking). A file that cannot be read gets a
// precise reason ("pdf: encrypted"), never silence.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::kb {

enum class DocumentFormat { kMarkdown, kText, kPdf, kDocx, kHtml };

/// Raw PDF and DOCX files may be larger than the text they hold (fonts, images): their own
/// limit; the converted text still obeys kMaxDocumentBytes.
inline constexpr std::uintmax_t kMaxBinarySourceBytes = std::uintmax_t{64} * 1024 * 1024;

/// By the name's extension, case-insensitive: .md .markdown .txt .pdf .docx .html .htm.
std::optional<DocumentFormat> format_of(std::string_view name);

/// ".md, .markdown, .txt, .pdf, .docx, .html, .htm".
std::string_view supported_extensions();

/// "unsupported file type .xlsx (supported: .md, ...)" for a name format_of() refuses.
std::string unsupported_reason(std::string_view name);

/// The largest source file read for `format`.
std::uintmax_t source_limit(DocumentFormat format);

/// The text the chunker reads for `bytes` in `format`: Markdown and text are checked (UTF-8,
/// not empty or binary) and kept as they are; PDF, DOCX and HTML are converted to Markdown.
/// kInvalidArgument on field "content" whose message is the reason ("pdf: encrypted", "docx:
/// not a zip archive", "html: no text", "empty", "too large (...)").
core::Result<std::string> read_document(DocumentFormat format, std::string_view bytes);

/// The failure of a reader: kInvalidArgument on "content", the message being the reason.
inline tl::unexpected<core::Error> unreadable(std::string reason) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(reason), "content");
}

/// format_of(name) then read_document; an unsupported name is kInvalidArgument on "name".
core::Result<std::string> read_named_document(std::string_view name, std::string_view bytes);

}  // namespace swarm::kb
