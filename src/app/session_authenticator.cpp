#include "app/session_authenticator.hpp"

#include "crypto/sodium.hpp"

namespace swarm::app {
namespace {

constexpr std::size_t kMaxTouched = 65536;

/// Whether the key's workspace is the one X-Workspace names (when it names one).
core::Result<void> check_named_workspace(const http::Request& request,
                                         const core::access::Principal& principal) {
    const auto named = request.header(kWorkspaceHeader);
    if (!named || *named == principal.workspace.str() || *named == principal.workspace_name) {
        return {};
    }
    return core::fail(core::ErrorCode::kPermissionDenied,
                      "this key belongs to workspace \"" + principal.workspace_name +
                          "\"; a key acts in its own workspace only",
                      std::string(kWorkspaceHeader));
}

}  // namespace

core::Result<core::access::Principal> SessionAuthenticator::authenticate(
    const http::Request& request) {
    const auto token = session_cookie(request.header("cookie").value_or(""));
    if (!token) {
        return core::fail(core::ErrorCode::kUnauthenticated,
                          "sign in (POST /api/v1/session), or send Authorization: Bearer <API key>",
                          "Authorization");
    }
    const auto now = clock_.now();
    SWARM_TRY_ASSIGN(const auto session, check_session(people_, *token, now, policy_));
    if (http::changes_data(request.method)) {
        const auto presented = request.header(kCsrfHeader);
        if (!presented || !crypto::equal_constant_time(*presented, csrf_token_of(*token))) {
            return core::fail(core::ErrorCode::kPermissionDenied,
                              "a signed-in request that changes data needs the session's CSRF "
                              "token in X-CSRF-Token (GET /api/v1/session gives it)",
                              std::string(kCsrfHeader));
        }
    }
    SWARM_TRY_ASSIGN(const auto memberships, people_.memberships_of(session.user_id));
    core::access::Principal principal;
    principal.actor = user_actor(session.user_id);
    principal.user_id = session.user_id;
    principal.email = session.email;
    principal.session_id = session.id;
    const core::MembershipRecord* chosen = nullptr;
    if (const auto named = request.header(kWorkspaceHeader)) {
        for (const auto& member : memberships) {
            if (*named == member.workspace.str() || *named == member.workspace_name) {
                chosen = &member;
            }
        }
        if (chosen == nullptr) {
            return core::fail(core::ErrorCode::kNotFound,
                              "you are no member of a workspace with this id or name",
                              std::string(kWorkspaceHeader));
        }
    } else if (memberships.size() == 1) {
        chosen = &memberships.front();
    }
    if (chosen != nullptr) {
        principal.workspace = chosen->workspace;
        principal.workspace_name = chosen->workspace_name;
        principal.role = chosen->role;
    }
    const auto steady = std::chrono::steady_clock::now();
    bool touch = false;
    {
        const std::lock_guard lock(mutex_);
        if (touched_.size() >= kMaxTouched) {
            touched_.clear();
        }
        auto [it, inserted] = touched_.try_emplace(session.id, steady);
        touch = inserted || steady - it->second >= touch_every_;
        if (touch) {
            it->second = steady;
        }
    }
    if (touch) {
        (void)people_.touch_session(session.id, now);  // best effort, like a key's last use
    }
    return principal;
}

std::optional<core::access::Principal> SessionAuthenticator::authenticate_cached(
    const http::Request& /*request*/) {
    return std::nullopt;
}

bool CredentialAuthenticator::uses_session(const http::Request& request) const {
    return sessions_ != nullptr && !request.header("authorization") &&
           session_cookie(request.header("cookie").value_or(""));
}

std::optional<core::access::Principal> CredentialAuthenticator::legacy_client(
    const http::Request& request) const {
    if (!legacy_clients_ || request.header("authorization") ||
        session_cookie(request.header("cookie").value_or(""))) {
        return std::nullopt;
    }
    if (request.path != "/api/generate-content" && request.path != "/ws/stream-generation") {
        return std::nullopt;
    }
    return legacy_clients_;
}

core::Result<core::access::Principal> CredentialAuthenticator::authenticate(
    const http::Request& request) {
    if (uses_session(request)) {
        return sessions_->authenticate(request);
    }
    if (auto legacy = legacy_client(request)) {
        return std::move(*legacy);
    }
    SWARM_TRY_ASSIGN(auto principal, keys_.authenticate(request));
    SWARM_TRY(check_named_workspace(request, principal));
    return principal;
}

std::optional<core::access::Principal> CredentialAuthenticator::authenticate_cached(
    const http::Request& request) {
    if (uses_session(request)) {
        return std::nullopt;
    }
    if (auto legacy = legacy_client(request)) {
        return legacy;
    }
    auto principal = keys_.authenticate_cached(request);
    if (principal && !check_named_workspace(request, *principal)) {
        return std::nullopt;  // the lane answers with the refusal
    }
    return principal;
}

}  // namespace swarm::app
