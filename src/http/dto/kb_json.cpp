#include "http/dto/kb_json.hpp"

#include "codec/json_read.hpp"
#include "core/text/utf8.hpp"
#include "http/dto/body_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

namespace swarm::http::dto {

using core::ErrorCode;
using core::fail;
using nlohmann::json;

namespace {

struct RawUploadType {
    std::string_view media_type;
    std::array<std::string_view, 2> extensions;  // the name must end in one; none: any name
};

/// Raw bodies the knowledge base reads; the document's name (its extension) picks the reader.
constexpr std::array<RawUploadType, 6> kRawUploadTypes = {{
    {"text/plain", {}},
    {"text/markdown", {}},
    {"text/html", {".html", ".htm"}},
    {"application/pdf", {".pdf"}},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}},
    {"application/octet-stream", {}},
}};

std::string media_type_of(const Request& request) {
    const auto type = request.header("content-type");
    auto media = type ? core::text::ascii_lower(type->substr(0, type->find(';'))) : std::string();
    media.erase(media.find_last_not_of(" \t") + 1);
    return media;
}

/// A PDF body named "notes.md" would be stored as garbage text: the name must say the format.
core::Result<void> check_upload_name(const Request& request, const std::string& name) {
    const std::string media = media_type_of(request);
    const std::string lower_name = core::text::ascii_lower(name);
    for (const auto& type : kRawUploadTypes) {
        if (type.media_type != media || type.extensions.front().empty()) {
            continue;
        }
        for (const auto ext : type.extensions) {
            if (!ext.empty() && lower_name.size() > ext.size() &&
                lower_name.compare(lower_name.size() - ext.size(), ext.size(), ext) == 0) {
                return {};
            }
        }
        return fail(
            ErrorCode::kInvalidArgument,
            fmt::format("must end in {} for Content-Type {}", type.extensions.front(), media),
            "name");
    }
    return {};
}

}  // namespace

core::Result<void> check_document_name(const std::string& name) {
    constexpr std::string_view kRule =
        "1..200 bytes of UTF-8 without '/', '\\', control characters or leading or trailing "
        "white space, and not \".\" or \"..\"";
    const bool bad_char = std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return c == '/' || c == '\\' || u < 0x20 || u == 0x7f;
    });
    const bool padded = !name.empty() && (core::text::trim(name).size() != name.size());
    if (name.empty() || name.size() > kMaxDocumentNameBytes || bad_char || padded || name == "." ||
        name == ".." || !codec::is_valid_utf8(name)) {
        // The name is not echoed: it may be the bytes that are wrong.
        return fail(ErrorCode::kInvalidArgument, fmt::format("must be {}", kRule), "name");
    }
    return {};
}

UploadKind upload_kind(const Request& request) {
    const std::string media = media_type_of(request);
    if (media == "application/json") {
        return UploadKind::kJson;
    }
    for (const auto& raw : kRawUploadTypes) {
        if (media == raw.media_type) {
            return UploadKind::kText;
        }
    }
    return UploadKind::kUnsupported;
}

core::Result<DocumentUpload> decode_document_upload(const Request& request, UploadKind kind) {
    DocumentUpload upload;
    if (kind == UploadKind::kText) {
        const auto name = request.query.find("name");
        if (name == request.query.end() || name->second.empty()) {
            return fail(ErrorCode::kInvalidArgument,
                        "is required as a query parameter for a raw text body", "name");
        }
        SWARM_TRY(check_document_name(name->second));
        SWARM_TRY(check_upload_name(request, name->second));
        upload.name = name->second;
        upload.content = request.body;
        return upload;
    }
    SWARM_TRY_ASSIGN(auto doc, parse_json_object(request.body));
    for (const auto& [key, value] : doc.items()) {
        if (key != "name" && key != "content") {
            return fail(ErrorCode::kInvalidArgument, "unknown field; allowed: name, content", key);
        }
        if (!value.is_string()) {
            return fail(ErrorCode::kInvalidArgument, "must be a string", key);
        }
        (key == "name" ? upload.name : upload.content) = value.get<std::string>();
    }
    if (!doc.contains("name")) {
        return fail(ErrorCode::kInvalidArgument, "is required", "name");
    }
    if (!doc.contains("content")) {
        return fail(ErrorCode::kInvalidArgument, "is required", "content");
    }
    SWARM_TRY(check_document_name(upload.name));
    return upload;
}

core::Result<std::size_t> decode_search_limit(const Request& request) {
    const auto it = request.query.find("limit");
    if (it == request.query.end()) {
        return std::size_t{10};
    }
    const std::string& text = it->second;
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 1 || value > 50) {
        return fail(ErrorCode::kInvalidArgument, "must be an integer from 1 to 50", "limit");
    }
    return value;
}

json encode_document_info(const core::DocumentInfo& info) {
    return json{{"name", info.name},
                {"content_hash", info.content_hash},
                {"byte_size", info.byte_size},
                {"chunk_count", info.chunk_count}};
}

json encode_document_text(const std::string& name, const std::string& text) {
    return json{{"name", name}, {"content", text}};
}

json encode_document_list(const std::vector<core::DocumentInfo>& documents) {
    json out = json::array();
    for (const auto& d : documents) {
        out.push_back(encode_document_info(d));
    }
    return json{{"documents", out}};
}

json encode_document_change(const core::DocumentChange& change) {
    return json{{"document", encode_document_info(change.document)},
                {"created", change.created},
                {"replaced", change.replaced}};
}

json encode_search(const std::string& query, const std::vector<core::Passage>& results) {
    json out = json::array();
    for (const auto& p : results) {
        out.push_back({{"id", p.id},
                       {"document", p.document},
                       {"heading", p.heading},
                       {"snippet", p.snippet},
                       {"score", p.score}});
    }
    return json{{"query", query}, {"results", out}};
}

}  // namespace swarm::http::dto
