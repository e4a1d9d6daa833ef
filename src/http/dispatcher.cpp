#include "http/dispatcher.hpp"

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

}  // namespace

bool is_sane_request_id(std::string_view id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
               c == ':' || c == '-';
    });
}

Dispatcher::Dispatcher(const Router& router, CorsPolicy cors, Metrics& metrics, JsonLogger& logger,
                       std::string version, IdSource new_request_id)
    : router_(router),
      cors_(std::move(cors)),
      metrics_(metrics),
      logger_(logger),
      version_(std::move(version)),
      new_request_id_(std::move(new_request_id)) {}

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
    request.path_params = std::move(match.params);
    route = match.route;
    return std::nullopt;
}

Response Dispatcher::run_handler(Routed& routed) {
    auto& request = routed.request;
    try {
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
