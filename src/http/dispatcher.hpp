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
#include <optional>
#include <string>

namespace swarm::http {

/// A request between routing and its answer. The session runs the handler where the route's lane
/// says (the network thread or a lane's pool), then completes it.
struct Routed {
    Request request;
    std::string route_label;
    std::chrono::steady_clock::time_point started;
    const Route* route = nullptr;    // set: run_handler() answers it
    std::optional<Response> answer;  // set while routing: 400, 404, 405, a preflight
    // Credentials checked, route access and request rate admitted (once per request: a request
    // the memory path admitted but could not answer goes to its lane without a second check).
    bool admitted = false;

    Lane lane() const { return route != nullptr ? route->lane : Lane::kInline; }
};

/// What the dispatcher checks before a route that is not open runs.
struct RequestSecurity {
    /// Checks credentials; null: every route that is not open answers 401.
    Authenticator* auth = nullptr;
    /// Host names (lower-case, without port) a request to a route that is not open may name in
    /// its Host header; empty: any. Refusing others stops DNS rebinding: a page of another site
    /// whose name resolves to this server cannot reach the API in the user's browser.
    std::vector<std::string> allowed_hosts;
    /// Per-workspace request rates; null: none.
    RequestGate* gate = nullptr;
};

/// The loopback names: localhost, 127.0.0.1, ::1 (the default allowed hosts).
std::vector<std::string> loopback_host_names();

class Dispatcher {
public:
    using IdSource = std::function<std::string()>;

    Dispatcher(const Router& router, CorsPolicy cors, Metrics& metrics, JsonLogger& logger,
               std::string version, IdSource new_request_id, RequestSecurity security = {});

    /// Runs the whole pipeline for a parsed request (path and query are derived from target) on
    /// the calling thread: route(), run_handler(), complete().
    Response dispatch(Request request);

    /// Request id, target parsing and routing (no handler runs); cheap, never blocks.
    Routed route(Request request);

    /// The route's handler behind the last-resort exception wrapper (500). Call once, when
    /// `routed.route` is set; thread-safe (handlers are).
    Response run_handler(Routed& routed);

    /// The route's answer from memory (Route::from_memory), when it has one and knows it;
    /// nullopt otherwise (also when it throws: logged, and the handler answers instead).
    std::optional<Response> run_from_memory(Routed& routed);

    /// Common headers, CORS, metrics and the access log line for the answer.
    Response complete(const Routed& routed, Response response);

    /// The answer when the route's lane is full: 503 with Retry-After, naming the lane.
    Response refuse(const Routed& routed, std::string_view lane);

    /// Answers a request the session refused before routing (413, 431, 400) with the same
    /// headers, metrics and log line as any other response.
    Response reject(Request request, int status, const core::Error& error, std::string_view code);

private:
    /// Keeps a sane client X-Request-Id, else makes one.
    void assign_request_id(Request& request);
    std::optional<Response> match(Request& request, std::string& route_label,
                                  const Route*& route) const;
    /// Host and Origin checks of a matched route that is not open; nullopt when they pass.
    std::optional<Response> check_browser_guards(const Request& request) const;
    /// Sets request.principal and checks the route's access; the refusal otherwise.
    std::optional<Response> admit(Routed& routed, bool from_memory, bool& unknown) const;
    Response finish(const Request& request, Response response, std::string_view route,
                    std::chrono::steady_clock::time_point started);

    const Router& router_;
    CorsPolicy cors_;
    Metrics& metrics_;
    JsonLogger& logger_;
    std::string version_;
    IdSource new_request_id_;
    RequestSecurity security_;
};

/// A client-supplied X-Request-Id is kept when 1..128 chars of [A-Za-z0-9._:-].
bool is_sane_request_id(std::string_view id);

}  // namespace swarm::http
