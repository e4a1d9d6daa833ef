// Method + path pattern ("/api/v1/jobs/{id}") -> handler. Matching is exact per segment; a last
// segment "{name...}" takes the rest of the path (one or more segments). A path that matches a
// pattern under another method is reported as 405 with the allowed methods; one that matches no
// pattern may go to the fallback (the web app's pages).
#pragma once

#include "http/access.hpp"
#include "http/message.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace swarm::http {

using Handler = std::function<Response(const Request&)>;
/// Answers from memory alone, or nullopt when it cannot (see Route::from_memory).
using MemoryHandler = std::function<std::optional<Response>(const Request&)>;

/// Where a handler runs. kInline: on the network thread (it only reads memory: /livez, /readyz,
/// /version, /metrics). The others: on that lane's bounded pool (http/work_lane.hpp), awaited by
/// the session, so a slow database or media store never holds a network thread.
enum class Lane { kInline, kStorage, kMedia };

struct Route {
    std::string method;
    std::string pattern;  // also the `route` label in logs and metrics
    Access access;        // who may call it (checked before the handler)
    Handler handler;
    Lane lane = Lane::kStorage;
    /// Optional: tried first, on the network thread, for a route whose answer is often known
    /// from memory (a cached item the store vouches is current). It must not block; nullopt
    /// sends the request on to `handler` on its lane.
    MemoryHandler from_memory;
};

struct RouteMatch {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Route* route = nullptr;               // set when kFound
    std::map<std::string, std::string> params;  // set when kFound
    std::vector<std::string> allow;             // methods for this path, sorted (HEAD with GET)
    std::string pattern;                        // the first pattern matching the path, if any
};

class Router {
public:
    /// Adds a route; throws std::invalid_argument on a malformed pattern or a duplicate.
    void add(std::string method, std::string pattern, Access access, Handler handler,
             Lane lane = Lane::kStorage);
    /// The same, with an answer from memory tried first (Route::from_memory).
    void add(std::string method, std::string pattern, Access access, Handler handler, Lane lane,
             MemoryHandler from_memory);

    /// The answer to GET (and HEAD) of a path no pattern matches under any method, when
    /// `accepts(path)`: the web app's pages, so a deep link or a reload finds the app. `label`
    /// names it in logs and metrics. Not among routes().
    void set_fallback(std::string label, Access access, Handler handler, Lane lane,
                      std::function<bool(std::string_view path)> accepts);

    /// HEAD matches the GET route of the path when no HEAD route is registered.
    RouteMatch match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

    /// The fallback route (method GET), or nullptr.
    const Route* fallback() const { return fallback_ ? &*fallback_ : nullptr; }

private:
    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> segments_;  // each route's pattern, split at add()
    std::optional<Route> fallback_;
    std::function<bool(std::string_view)> fallback_accepts_;
};

/// Joins the methods as for an Allow header: "GET, POST".
std::string join_methods(const std::vector<std::string>& methods);

}  // namespace swarm::http
