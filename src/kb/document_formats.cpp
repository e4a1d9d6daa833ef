#include "kb/document_formats.hpp"

#include "core/knowledge/document_rules.hpp"
#include "kb/docx_reader.hpp"
#include "kb/html_reader.hpp"
#include "kb/pdf_reader.hpp"

#include <fmt/format.h>

namespace swarm::kb {

namespace {

std::string extension_of(std::string_view name) {
    const auto slash = name.find_last_of('/');
    const std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
    const auto dot = file.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) {
        return {};
    }
    std::string ext(file.substr(dot));
    for (char& c : ext) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return ext;
}

}  // namespace

std::optional<DocumentFormat> format_of(std::string_view name) {
    const std::string ext = extension_of(name);
    if (ext == ".md" || ext == ".markdown") {
        return DocumentFormat::kMarkdown;
    }
    if (ext == ".txt") {
        return DocumentFormat::kText;
    }
    if (ext == ".pdf") {
        return DocumentFormat::kPdf;
    }
    if (ext == ".docx") {
        return DocumentFormat::kDocx;
    }
    if (ext == ".html" || ext == ".htm") {
        return DocumentFormat::kHtml;
    }
    return std::nullopt;
}

std::string_view supported_extensions() {
    return ".md, .markdown, .txt, .pdf, .docx, .html, .htm";
}

std::string unsupported_reason(std::string_view name) {
    const std::string ext = extension_of(name);
    return fmt::format("unsupported file type {} (supported: {})",
                       ext.empty() ? std::string("(no extension)") : ext, supported_extensions());
}

std::uintmax_t source_limit(DocumentFormat format) {
    return format == DocumentFormat::kPdf || format == DocumentFormat::kDocx
               ? kMaxBinarySourceBytes
               : core::knowledge::kMaxDocumentBytes;
}

core::Result<std::string> read_document(DocumentFormat format, std::string_view bytes) {
    if (bytes.size() > source_limit(format)) {
        return unreadable(fmt::format("too large (limit {} bytes)", source_limit(format)));
    }
    if (bytes.empty()) {
        return unreadable("empty");
    }
    core::Result<std::string> text;
    switch (format) {
        case DocumentFormat::kMarkdown:
        case DocumentFormat::kText:
            text = std::string(bytes);
            break;
        case DocumentFormat::kPdf:
            text = pdf_to_markdown(bytes);
            break;
        case DocumentFormat::kDocx:
            text = docx_to_markdown(bytes);
            break;
        case DocumentFormat::kHtml:
            text = html_to_markdown(bytes);
            break;
    }
    if (!text) {
        return text;
    }
    if (text->size() > core::knowledge::kMaxDocumentBytes) {
        return unreadable(
            fmt::format("too large (text over {} bytes)", core::knowledge::kMaxDocumentBytes));
    }
    if (auto problem = core::knowledge::text_problem(*text); !problem.empty()) {
        return unreadable(std::move(problem));
    }
    return text;
}

core::Result<std::string> read_named_document(std::string_view name, std::string_view bytes) {
    const auto format = format_of(name);
    if (!format) {
        return core::fail(core::ErrorCode::kInvalidArgument, unsupported_reason(name), "name");
    }
    return read_document(*format, bytes);
}

}  // namespace swarm::kb
