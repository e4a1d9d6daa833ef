#include "http/handlers/resource_support.hpp"

#include "http/error_response.hpp"

namespace swarm::http {

Response not_configured(std::string_view what) {
    return error_response(
        503,
        core::Error{core::ErrorCode::kUnavailable, "not configured: " + std::string(what), {}, {}});
}

std::string path_param(const Request& request, const std::string& name) {
    const auto it = request.path_params.find(name);
    return it == request.path_params.end() ? std::string() : it->second;
}

Response no_content() {
    Response res;
    res.status = 204;
    res.content_type.clear();
    return res;
}

}  // namespace swarm::http
