#include "http/access.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace swarm::http {

core::Result<void> authorize(const Access& access, const core::access::Principal& principal) {
    if (access.kind == Access::Kind::kOpen || access.kind == Access::Kind::kGuest ||
        access.kind == Access::Kind::kSignedIn) {
        return {};
    }
    if (access.kind == Access::Kind::kRole && principal.workspace.str().empty() &&
        principal.role != core::access::Role::kMetrics) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "you belong to several workspaces (or none): name one in the "
                          "X-Workspace header, by id or name (GET /api/v1/session lists yours)",
                          "X-Workspace");
    }
    if (core::access::includes(principal.role, access.role)) {
        return {};
    }
    if (access.kind == Access::Kind::kMetrics) {
        return core::fail(core::ErrorCode::kPermissionDenied,
                          "this endpoint needs a key with the metrics role", "role");
    }
    return core::fail(
        core::ErrorCode::kPermissionDenied,
        fmt::format("this needs the {} role (or higher) in the workspace; this "
                    "credential has {}",
                    core::access::to_string(access.role), core::access::to_string(principal.role)),
        "role");
}

bool changes_data(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

const core::WorkspaceId& workspace_of(const Request& request) {
    if (!request.principal) {
        throw std::logic_error("a workspace handler ran without an authenticated principal");
    }
    return request.principal->workspace;
}

}  // namespace swarm::http
