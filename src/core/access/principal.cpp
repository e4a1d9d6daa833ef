#include "core/access/principal.hpp"

#include "core/text/hex.hpp"

#include <array>
#include <utility>

namespace swarm::core::access {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles{{
    {Role::kViewer, "viewer"},
    {Role::kReviewer, "reviewer"},
    {Role::kEditor, "editor"},
    {Role::kOwner, "owner"},
    {Role::kMetrics, "metrics"},
}};

}  // namespace

std::string_view to_string(Role role) {
    for (const auto& [value, name] : kRoles) {
        if (value == role) {
            return name;
        }
    }
    return "viewer";
}

bool is_workspace_id(std::string_view id) {
    return text::is_prefixed_hex_id(id, "ws_");
}

Result<void> check_workspace_name(std::string_view name, std::string_view field) {
    const auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    bool ok = !name.empty() && name.size() <= 64 && alnum(name.front());
    for (const char c : name) {
        ok = ok && (alnum(c) || c == ' ' || c == '.' || c == '_' || c == '-');
    }
    if (!ok) {
        return fail(ErrorCode::kInvalidArgument,
                    "a workspace name is 1 to 64 letters, digits, spaces, '.', '_' or '-', "
                    "starting with a letter or digit",
                    std::string(field));
    }
    return {};
}

Result<Role> parse_role(std::string_view text, std::string_view field) {
    for (const auto& [value, name] : kRoles) {
        if (name == text) {
            return value;
        }
    }
    return fail(ErrorCode::kInvalidArgument,
                "unknown role; allowed: owner, editor, reviewer, viewer, metrics",
                std::string(field));
}

}  // namespace swarm::core::access
