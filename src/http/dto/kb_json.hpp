// JSON of the knowledge-base endpoints: the upload (a JSON body, or a raw body with ?name=:
// text, Markdown, HTML, PDF or DOCX), document info and text, and ranked search results.
#pragma once

#include "core/ports/document_library.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"
#include "http/message.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

struct DocumentUpload {
    std::string name;
    std::string content;
};

/// What the request's content type says the body is (kText: any raw body the knowledge base
/// reads; the document library converts PDF, DOCX and HTML by the name's extension).
enum class UploadKind { kJson, kText, kUnsupported };

UploadKind upload_kind(const Request& request);

/// kJson: {"name","content"} (both strings, unknown fields rejected); kText: the raw body
/// (text/plain, text/markdown, text/html, application/pdf, the DOCX type or
/// application/octet-stream), named by the `name` query parameter, which must end in the
/// type's extension (.html/.htm, .pdf, .docx) for the typed binary formats. Errors name the
/// field.
core::Result<DocumentUpload> decode_document_upload(const Request& request, UploadKind kind);

inline constexpr std::size_t kMaxDocumentNameBytes = 200;

/// A document name must come back through /api/v1/kb/documents/{name}: 1..200 bytes of UTF-8,
/// no '/', '\\', control characters, leading or trailing white space, not "." or "..";
/// kInvalidArgument naming "name" otherwise.
core::Result<void> check_document_name(const std::string& name);

/// The `limit` query parameter: 1..50, default 10.
core::Result<std::size_t> decode_search_limit(const Request& request);

nlohmann::json encode_document_info(const core::DocumentInfo& info);

/// {"name","content"}.
nlohmann::json encode_document_text(const std::string& name, const std::string& text);

/// {"documents":[...]}.
nlohmann::json encode_document_list(const std::vector<core::DocumentInfo>& documents);

/// {"document":{...},"created","replaced"}.
nlohmann::json encode_document_change(const core::DocumentChange& change);

/// {"query","results":[{"id","document","heading","snippet","score"}]}.
nlohmann::json encode_search(const std::string& query, const std::vector<core::Passage>& results);

}  // namespace swarm::http::dto
