#include "http/handlers/compat_handlers.hpp"

#include "codec/json_read.hpp"
#include "core/text/utf8.hpp"
#include "http/access.hpp"
#include "http/audit_trail.hpp"
#include "http/compat_streams.hpp"
#include "http/cors.hpp"
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

bool websocket_origin_allowed(const ApiDeps& deps, std::string_view origin,
                              std::optional<std::string_view> host) {
    if (CorsPolicy(deps.allowed_origins).allows(origin)) {
        return true;
    }
    // Same origin: the Origin's host[:port] is the Host the browser connected to.
    const auto scheme_end = origin.find("://");
    const auto origin_host =
        scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
    return host && !host->empty() &&
           core::text::ascii_lower(origin_host) == core::text::ascii_lower(*host);
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
    // Browsers do not apply CORS to WebSockets: refuse pages of other sites here (cross-site
    // WebSocket hijacking). Clients that send no Origin (not browsers) are let through.
    if (const auto origin = request.header("origin");
        origin && !websocket_origin_allowed(deps, *origin, request.header("host"))) {
        return error_response(403,
                              core::Error{core::ErrorCode::kInvalidArgument,
                                          "origin \"" + std::string(*origin) +
                                              "\" is not allowed; allowed: this server's own "
                                              "origin and CONTENT_SWARM_CORS_ORIGINS",
                                          "Origin",
                                          {}},
                              "forbidden_origin");
    }
    Response res;
    res.status = 101;
    res.content_type.clear();
    // The request id is unique per request: it doubles as the old protocol's client_id.
    res.websocket =
        std::make_shared<CompatGenerationSocket>(deps, workspace_of(request), request.request_id);
    return res;
}

}  // namespace swarm::http
