#include "http/handlers/compat_handlers.hpp"

#include "http/compat_streams.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {

// The wait runs on no thread: the handler submits and returns a BodyStream that the session
// polls (on a wake-up from the EventHub or its fallback timer), so no io thread blocks. The
// price: the 200 head goes out at once, and a job that outlives the deadline is reported in
// the body (error.code deadline_exceeded), not by the status.
Response handle_generate_content(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr || deps.events == nullptr || deps.hub == nullptr) {
        return error_response(
            core::Error{core::ErrorCode::kUnavailable, "the jobs API is not configured", {}, {}});
    }
    if (auto refused = check_json_content_type(request)) {
        return *refused;
    }
    const auto root = nlohmann::json::parse(request.body, nullptr, false);
    if (root.is_discarded()) {
        return error_response(
            core::Error{core::ErrorCode::kInvalidArgument, "not valid JSON", "body", {}});
    }
    auto compat = dto::decode_compat_request(root, deps.brands);
    if (!compat) {
        return error_response(compat.error());
    }
    auto outcome = deps.jobs->submit(compat->brief, compat->brief_json, std::nullopt);
    if (!outcome) {
        auto res = error_response(outcome.error());
        if (outcome.error().code == core::ErrorCode::kResourceExhausted) {
            res.set_header("Retry-After", std::to_string(deps.jobs->retry_after().count()));
        }
        return res;
    }
    Response res;
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Location", "/api/v1/jobs/" + outcome->job.id);
    res.stream = GenerateResultStream::create(deps, outcome->job.id, deps.generate_wait);
    return res;
}

Response handle_stream_generation(const ApiDeps& deps, const Request& request) {
    const auto upgrade = request.header("upgrade");
    if (!upgrade || to_lower(*upgrade) != "websocket") {
        auto res =
            error_response(426,
                           core::Error{core::ErrorCode::kInvalidArgument,
                                       "this is a WebSocket endpoint: send an upgrade request",
                                       "Upgrade",
                                       {}},
                           "upgrade_required");
        res.set_header("Upgrade", "websocket");
        return res;
    }
    Response res;
    res.status = 101;
    res.content_type.clear();
    // The request id is unique per request: it doubles as the old protocol's client_id.
    res.websocket = std::make_shared<CompatGenerationSocket>(deps, request.request_id);
    return res;
}

}  // namespace swarm::http
