#include "http/dispatcher.hpp"

#include "core/text/utf8.hpp"
#include "http/error_response.hpp"

#include <algorithm>
#include <cctype>
#include <exception>

namespace swarm::http {
namespace {

constexpr std::string_view kUnmatched = "unmatched";

core::Error make_error(core::ErrorCode code, std::string message, std::string field = {}) {
    return core::Error{code, std::move(message), std::move(field), {}};
}

bool is_websocket_upgrade(const Request& request) {
    const auto upgrade = request.header("upgrade");
    return upgrade && core::text::ascii_lower(std::string(*upgrade)) == "websocket";
}

/// "Example.com:8080" -> "example.com"; "[::1]:80" -> "::1".
std::string host_name_of(std::string_view host) {
    std::string name;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        name = std::string(
            host.substr(1, close == std::string_view::npos ? host.size() - 1 : close - 1));
    } else {
        name = std::string(host.substr(0, host.find(':')));
    }
    return core::text::ascii_lower(name);
}

/// Whether `origin` ("scheme://host[:port]") names the host (and port) the request was sent to.
bool same_origin(std::string_view origin, const Request& request) {
    const auto scheme_end = origin.find("://");
    const auto host = request.header("host");
    if (scheme_end == std::string_view::npos || !host) {
        return false;
    }
    return core::text::ascii_lower(std::string(origin.substr(scheme_end + 3))) ==
           core::text::ascii_lower(std::string(*host));
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += out.empty() ? name : ", " + name;
    }
    return out;
}

Response unauthenticated(const core::Error& error) {
    auto res = error_response(401, error, "unauthenticated");
    res.set_header("WWW-Authenticate", "Bearer realm=\"content-swarm\"");
    return res;
}

}  // namespace

bool is_sane_request_id(std::string_view id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
               c == ':' || c == '-';
    });
}

std::vector<std::string> loopback_host_names() {
    return {"localhost", "127.0.0.1", "::1"};
}

Dispatcher::Dispatcher(const Router& router, CorsPolicy cors, Metrics& metrics, JsonLogger& logger,
                       std::string version, IdSource new_request_id, RequestSecurity security)
    : router_(router),
      cors_(std::move(cors)),
      metrics_(metrics),
      logger_(logger),
      version_(std::move(version)),
      new_request_id_(std::move(new_request_id)),
      security_(std::move(security)) {}

Response Dispatcher::dispatch(Request request) {
    auto routed = route(std::move(request));
    if (routed.route == nullptr) {
        return complete(routed, std::move(*routed.answer));
    }
    auto response = run_from_memory(routed);
    return complete(routed, response ? std::move(*response) : run_handler(routed));
}

Routed Dispatcher::route(Request request) {
    Routed routed;
    routed.started = std::chrono::steady_clock::now();
    assign_request_id(request);
    routed.route_label = kUnmatched;
    routed.answer = match(request, routed.route_label, routed.route);
    routed.request = std::move(request);
    return routed;
}

void Dispatcher::assign_request_id(Request& request) {
    const auto given = request.header("x-request-id");
    request.request_id =
        given && is_sane_request_id(*given) ? std::string(*given) : new_request_id_();
}

Response Dispatcher::complete(const Routed& routed, Response response) {
    return finish(routed.request, std::move(response), routed.route_label, routed.started);
}

Response Dispatcher::refuse(const Routed& routed, std::string_view lane) {
    auto error = make_error(core::ErrorCode::kUnavailable,
                            "the server is saturated: every " + std::string(lane) +
                                " worker is busy and its queue is full; try again shortly");
    error.retry_after = std::chrono::seconds(1);
    auto res = error_response(503, error, "saturated");
    return complete(routed, std::move(res));
}

Response Dispatcher::reject(Request request, int status, const core::Error& error,
                            std::string_view code) {
    const auto started = std::chrono::steady_clock::now();
    assign_request_id(request);
    return finish(request, error_response(status, error, code), kUnmatched, started);
}

std::optional<Response> Dispatcher::match(Request& request, std::string& route_label,
                                          const Route*& route) const {
    request.query.clear();
    if (auto parsed = parse_request_target(request.target, request.path, request.query); !parsed) {
        return error_response(parsed.error());
    }
    auto match = router_.match(is_preflight(request) ? "" : request.method, request.path);
    if (match.kind == RouteMatch::Kind::kNotFound) {
        return error_response(
            make_error(core::ErrorCode::kNotFound, "no such endpoint: " + request.path, "path"));
    }
    if (is_preflight(request)) {
        route_label = "preflight";
        return cors_.preflight(request, match.allow);
    }
    if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
        route_label = match.pattern;
        auto res = error_response(405,
                                  make_error(core::ErrorCode::kInvalidArgument,
                                             request.method + " is not allowed here; allowed: " +
                                                 join_methods(match.allow),
                                             "method"),
                                  "method_not_allowed");
        res.set_header("Allow", join_methods(match.allow));
        return res;
    }
    route_label = match.route->pattern;
    if (match.route->access.kind != Access::Kind::kOpen) {
        if (auto refused = check_browser_guards(request)) {
            return refused;
        }
    }
    request.path_params = std::move(match.params);
    route = match.route;
    return std::nullopt;
}

std::optional<Response> Dispatcher::check_browser_guards(const Request& request) const {
    if (!security_.allowed_hosts.empty()) {
        const auto host = host_name_of(request.header("host").value_or(""));
        if (std::find(security_.allowed_hosts.begin(), security_.allowed_hosts.end(), host) ==
            security_.allowed_hosts.end()) {
            return error_response(421,
                                  make_error(core::ErrorCode::kInvalidArgument,
                                             "this Host is not served here; allowed: " +
                                                 join_names(security_.allowed_hosts) +
                                                 " (setting: CONTENT_SWARM_ALLOWED_HOSTS)",
                                             "Host"),
                                  "host_not_allowed");
        }
    }
    if (changes_data(request.method) || is_websocket_upgrade(request)) {
        const auto origin = request.header("origin");
        const auto site = request.header("sec-fetch-site");
        const bool cross_site = site && *site == "cross-site";
        if ((origin && !same_origin(*origin, request) && !cors_.allows(*origin)) ||
            (!origin && cross_site)) {
            return error_response(403,
                                  make_error(core::ErrorCode::kPermissionDenied,
                                             "requests that change data are refused from pages "
                                             "of other origins; allow an origin with "
                                             "--cors-origin",
                                             "Origin"),
                                  "forbidden");
        }
    }
    return std::nullopt;
}

std::optional<Response> Dispatcher::admit(Routed& routed, bool from_memory, bool& unknown) const {
    unknown = false;
    const auto& access = routed.route->access;
    if (routed.admitted || access.kind == Access::Kind::kOpen ||
        access.kind == Access::Kind::kGuest) {
        return std::nullopt;
    }
    auto& request = routed.request;
    if (security_.auth == nullptr) {
        return unauthenticated(make_error(core::ErrorCode::kUnauthenticated,
                                          "this server accepts no credentials", "Authorization"));
    }
    if (from_memory) {
        auto known = security_.auth->authenticate_cached(request);
        if (!known) {
            unknown = true;
            return std::nullopt;
        }
        request.principal = std::move(*known);
    } else {
        auto checked = security_.auth->authenticate(request);
        if (!checked) {
            return checked.error().code == core::ErrorCode::kUnauthenticated
                       ? unauthenticated(checked.error())
                       : error_response(checked.error());
        }
        request.principal = std::move(*checked);
    }
    if (auto allowed = authorize(access, *request.principal); !allowed) {
        return error_response(allowed.error());
    }
    if (security_.gate != nullptr && !request.principal->workspace.str().empty()) {
        if (auto refused = security_.gate->admit(*request.principal, !from_memory)) {
            return error_response(*refused);
        }
    }
    routed.admitted = true;
    return std::nullopt;
}

Response Dispatcher::run_handler(Routed& routed) {
    auto& request = routed.request;
    try {
        bool unknown = false;
        if (auto refused = admit(routed, false, unknown)) {
            return std::move(*refused);
        }
        return routed.route->handler(request);
    } catch (const std::exception& e) {
        logger_.error("handler failed", {{"request_id", request.request_id},
                                         {"route", routed.route_label},
                                         {"exception", e.what()}});
    } catch (...) {
        logger_.error("handler failed", {{"request_id", request.request_id},
                                         {"route", routed.route_label},
                                         {"exception", "non-standard exception"}});
    }
    return error_response(
        make_error(core::ErrorCode::kInternal, "internal error; request id " + request.request_id));
}

std::optional<Response> Dispatcher::run_from_memory(Routed& routed) {
    if (routed.route == nullptr || !routed.route->from_memory) {
        return std::nullopt;
    }
    try {
        bool unknown = false;
        if (auto refused = admit(routed, true, unknown)) {
            return refused;
        }
        if (unknown) {
            return std::nullopt;  // the credential needs the database: the lane checks it
        }
        return routed.route->from_memory(routed.request);
    } catch (const std::exception& e) {
        logger_.error("answer from memory failed", {{"request_id", routed.request.request_id},
                                                    {"route", routed.route_label},
                                                    {"exception", e.what()}});
    }
    return std::nullopt;
}

Response Dispatcher::finish(const Request& request, Response response, std::string_view route,
                            std::chrono::steady_clock::time_point started) {
    response.set_header("X-Content-Swarm-Version", version_);
    response.set_header("X-Request-Id", request.request_id);
    cors_.apply(request, response);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    metrics_.observe_request(route, request.method, response.status, took);
    logger_.access(AccessLine{request.request_id, request.method, std::string(route),
                              response.status, took.count() * 1000.0,
                              std::move(response.log_detail)});
    return response;
}

}  // namespace swarm::http
