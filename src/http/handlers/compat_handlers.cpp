#include "http/handlers/compat_handlers.hpp"

#include "codec/json_read.hpp"
#include "core/text/utf8.hpp"
#include "http/access.hpp"
#include "http/audit_trail.hpp"
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
    // Invalid UTF-8, duplicate keys and numbers past a double are 400s naming what is wrong.
    const auto root = codec::parse_json(request.body, "body");
    if (!root) {
        return error_response(root.error());
    }
    auto compat = dto::decode_compat_request(*root, deps.brands, workspace_of(request));
    if (!compat) {
        return error_response(compat.error());
    }
    if (deps.time_zones != nullptr) {
        if (auto zone = deps.time_zones->check(compat->brief.timezone); !zone) {
            return error_response(zone.error());
        }
    }
    if (deps.settings != nullptr) {
        if (auto admitted = deps.settings->admit_job(workspace_of(request)); !admitted) {
            return error_response(admitted.error());
        }
    }
    auto outcome =
        deps.jobs->submit(workspace_of(request), compat->brief, compat->brief_json, std::nullopt);
    if (!outcome) {
        return error_response(outcome.error());
    }
    audit(deps, request, "job.submit", "job:" + outcome->job.id,
          {{"via", "/api/generate-content"}});
    Response res;
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Location", "/api/v1/jobs/" + outcome->job.id);
    res.stream = GenerateResultStream::create(deps, workspace_of(request), outcome->job.id,
                                              deps.generate_wait);
    return res;
}

Response handle_stream_generation(const ApiDeps& deps, const Request& request) {
    const auto upgrade = request.header("upgrade");
    if (!upgrade || core::text::ascii_lower(*upgrade) != "websocket") {
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
    // Pages of other sites never get here: the dispatcher refuses an upgrade whose Origin is
    // neither this server's nor allowed (browsers do not apply CORS to WebSockets).
    Response res;
    res.status = 101;
    res.content_type.clear();
    // The request id is unique per request: it doubles as the old protocol's client_id.
    res.websocket =
        std::make_shared<CompatGenerationSocket>(deps, workspace_of(request), request.request_id);
    return res;
}

}  // namespace swarm::http
