#include "http/routes.hpp"

namespace swarm::http {

Router build_router(const RouteDeps& deps) {
    Router r;
    // Operations (not versioned: load balancers and orchestrators call these).
    r.add("GET", "/livez", handle_livez);
    r.add("GET", "/readyz", [&h = deps.health](const Request& q) { return handle_readyz(h, q); });
    r.add("GET", "/version",
          [&id = deps.identity](const Request& q) { return handle_version(id, q); });
    r.add("GET", "/metrics",
          [&m = deps.metrics](const Request& q) { return handle_metrics(m, q); });
    return r;
}

}  // namespace swarm::http
