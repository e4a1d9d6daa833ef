#include "http/cors.hpp"

#include "http/router.hpp"

#include <algorithm>

namespace swarm::http {

bool CorsPolicy::allows(std::string_view origin) const {
    return !origin.empty() && std::any_of(origins_.begin(), origins_.end(),
                                          [&](const auto& o) { return o == "*" || o == origin; });
}

void CorsPolicy::apply(const Request& request, Response& response) const {
    const auto origin = request.header("origin");
    if (!origins_.empty()) {
        response.set_header("Vary", "Origin");
    }
    if (!origin || !allows(*origin)) {
        return;
    }
    const bool wildcard = std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
    response.set_header("Access-Control-Allow-Origin", wildcard ? "*" : std::string(*origin));
    response.set_header("Access-Control-Expose-Headers",
                        "X-Request-Id, X-Content-Swarm-Version, Retry-After, ETag");
}

Response CorsPolicy::preflight(const Request& request,
                               const std::vector<std::string>& methods) const {
    Response res;
    res.status = 204;
    res.content_type.clear();
    apply(request, res);
    if (res.header("Access-Control-Allow-Origin")) {
        auto allowed = methods;
        allowed.emplace_back("OPTIONS");
        res.set_header("Access-Control-Allow-Methods", join_methods(allowed));
        res.set_header("Access-Control-Allow-Headers",
                       "Content-Type, X-Request-Id, Idempotency-Key, Last-Event-ID, If-Match, "
                       "If-None-Match");
        res.set_header("Access-Control-Max-Age", "600");
    }
    return res;
}

bool is_preflight(const Request& request) {
    return request.method == "OPTIONS" && request.header("access-control-request-method");
}

}  // namespace swarm::http
