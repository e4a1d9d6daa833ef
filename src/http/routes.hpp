// The one route table of the server: every method, path pattern and handler is listed in
// routes.cpp, so the API surface can be read in one place.
#pragma once

#include "http/api_deps.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/system_handlers.hpp"

namespace swarm::http {

/// What the handlers need; the referenced objects outlive the router.
struct RouteDeps {
    const ServerIdentity& identity;
    const Health& health;
    const Metrics& metrics;
    ApiDeps api{};           // unset members: those routes answer 503 (not configured)
    bool api_routes = true;  // false (a worker process): the operations endpoints only
};

Router build_router(const RouteDeps& deps);

}  // namespace swarm::http
