// The socket-free request pipeline: request id, CORS preflight, routing (404/405), the handler
// behind a last-resort exception wrapper (500), common headers, metrics and the access log line.
#pragma once

#include "core/result.hpp"
#include "http/cors.hpp"
#include "http/json_logger.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace swarm::http {

class Dispatcher {
public:
    using IdSource = std::function<std::string()>;

    Dispatcher(const Router& router, CorsPolicy cors, Metrics& metrics, JsonLogger& logger,
               std::string version, IdSource new_request_id);

    /// Runs the whole pipeline for a parsed request (path and query are derived from target).
    Response dispatch(Request request);

    /// Answers a request the session refused before routing (413, 431, 400) with the same
    /// headers, metrics and log line as any other response.
    Response reject(Request request, int status, const core::Error& error, std::string_view code);

private:
    Response route(Request& request, std::string& route_label);
    Response finish(const Request& request, Response response, std::string_view route,
                    std::chrono::steady_clock::time_point started);

    const Router& router_;
    CorsPolicy cors_;
    Metrics& metrics_;
    JsonLogger& logger_;
    std::string version_;
    IdSource new_request_id_;
};

/// A client-supplied X-Request-Id is kept when 1..128 chars of [A-Za-z0-9._:-].
bool is_sane_request_id(std::string_view id);

}  // namespace swarm::http
