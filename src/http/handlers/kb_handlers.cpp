#include "http/handlers/kb_handlers.hpp"

#include "http/audit_trail.hpp"
#include "http/dto/kb_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <string>

namespace swarm::http {
namespace {

constexpr std::string_view kLibrary = "knowledge base documents";
constexpr std::string_view kKnowledge = "knowledge base";

Response unsupported_upload() {
    return error_response(
        415,
        core::Error{core::ErrorCode::kInvalidArgument,
                    "send application/json {\"name\",\"content\"}, or a raw body with ?name= "
                    "as text/plain, text/markdown, text/html, application/pdf, "
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document "
                    "or application/octet-stream",
                    "Content-Type",
                    {}},
        "unsupported_media_type");
}

}  // namespace

Response handle_put_document(const ApiDeps& api, const Request& request) {
    if (api.knowledge == nullptr) {
        return not_configured(kLibrary);
    }
    auto base = api.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    const auto kind = dto::upload_kind(request);
    if (kind == dto::UploadKind::kUnsupported) {
        return unsupported_upload();
    }
    auto upload = dto::decode_document_upload(request, kind);
    if (!upload) {
        return error_response(upload.error());
    }
    auto change = base->documents->put_document(upload->name, upload->content);
    if (!change) {
        return error_response(change.error());
    }
    audit(api, request, change->created ? "kb.document_add" : "kb.document_replace",
          "document:" + change->document.name, {{"bytes", upload->content.size()}});
    auto res = json_response(change->created ? 201 : 200, dto::encode_document_change(*change));
    if (change->created) {
        res.set_header("Location", "/api/v1/kb/documents/" + change->document.name);
    }
    return res;
}

Response handle_list_documents(const ApiDeps& api, const Request& request) {
    if (api.knowledge == nullptr) {
        return not_configured(kLibrary);
    }
    auto base = api.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    auto all = base->documents->list_documents();
    return all ? json_response(200, dto::encode_document_list(*all)) : error_response(all.error());
}

Response handle_get_document(const ApiDeps& api, const Request& request) {
    if (api.knowledge == nullptr) {
        return not_configured(kLibrary);
    }
    auto base = api.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    const auto name = path_param(request, "name");
    auto text = base->documents->document_text(name);
    return text ? json_response(200, dto::encode_document_text(name, *text))
                : error_response(text.error());
}

Response handle_delete_document(const ApiDeps& api, const Request& request) {
    if (api.knowledge == nullptr) {
        return not_configured(kLibrary);
    }
    auto base = api.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    auto removed = base->documents->delete_document(path_param(request, "name"));
    if (!removed) {
        return error_response(removed.error());
    }
    audit(api, request, "kb.document_delete", "document:" + path_param(request, "name"));
    return no_content();
}

Response handle_search_kb(const ApiDeps& api, const Request& request) {
    if (api.knowledge == nullptr) {
        return not_configured(kKnowledge);
    }
    auto base = api.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    const auto q = request.query.find("q");
    if (q == request.query.end() || q->second.find_first_not_of(" \t\r\n") == std::string::npos) {
        return error_response(core::Error{
            core::ErrorCode::kInvalidArgument, "is required: the words to search for", "q", {}});
    }
    const auto limit = dto::decode_search_limit(request);
    if (!limit) {
        return error_response(limit.error());
    }
    auto results = base->kb->search(q->second, *limit);
    return results ? json_response(200, dto::encode_search(q->second, *results))
                   : error_response(results.error());
}

}  // namespace swarm::http
