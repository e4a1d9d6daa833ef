// Who is asking: the workspace a request acts in, the role its credential holds there, and the
// actor named in the audit trail. Roles are ordered: each includes the rights of those below.
#pragma once

#include "core/model/workspace.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace swarm::core::access {

/// viewer: read. reviewer: read, comment, approve or reject. editor: briefs, jobs, edits,
/// knowledge base, brand profiles. owner: members, keys, settings, connections.
/// metrics: only GET /metrics (server-wide counters); no workspace data at all.
enum class Role { kViewer = 0, kReviewer = 1, kEditor = 2, kOwner = 3, kMetrics = 100 };

std::string_view to_string(Role role);

/// "viewer" | "reviewer" | "editor" | "owner" | "metrics"; kInvalidArgument naming `field`
/// otherwise.
Result<Role> parse_role(std::string_view text, std::string_view field);

/// Whether `held` includes the rights of `needed` (the metrics role includes no other).
constexpr bool includes(Role held, Role needed) {
    if (held == Role::kMetrics || needed == Role::kMetrics) {
        return held == needed;
    }
    return static_cast<int>(held) >= static_cast<int>(needed);
}

/// "ws_" + 16 lower-case hex digits.
bool is_workspace_id(std::string_view id);

/// 1..64 characters of letters, digits, space, '.', '_' and '-', starting with a letter or digit.
/// kInvalidArgument naming `field` otherwise.
Result<void> check_workspace_name(std::string_view name, std::string_view field);

struct Principal {
    WorkspaceId workspace{""};
    std::string workspace_name;
    Role role = Role::kViewer;
    std::string actor;  // "key:csk_<id>", "user:usr_<id>" (or "dev": loopback development mode)
    // A signed-in person (empty for keys): who, and the session the request came with.
    std::string user_id;
    std::string email;
    std::string session_id;
};

}  // namespace swarm::core::access
