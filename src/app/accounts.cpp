#include "app/accounts.hpp"

namespace swarm::app {

core::Result<http::SessionStart> AppAccounts::sign_in(std::string_view email,
                                                      std::string_view password,
                                                      const std::string& address,
                                                      std::string_view user_agent) {
    SWARM_TRY_ASSIGN(auto signed_in, sign_in_.sign_in(email, password, address, user_agent));
    return http::SessionStart{std::move(signed_in.user), std::move(signed_in.session.token),
                              std::move(signed_in.session.record)};
}

std::optional<std::string> AppAccounts::account_of(std::string_view email) {
    const auto normalized = normalize_email(email, "email");
    if (!normalized) {
        return std::nullopt;
    }
    auto user = people_.find_user_by_email(*normalized);
    if (!user || !*user) {
        return std::nullopt;
    }
    return (*user)->id;
}

core::Result<http::MemberAdded> AppAccounts::add_member(
    const core::WorkspaceId& workspace, const std::string& email, core::access::Role role,
    const std::optional<std::string>& password) {
    SWARM_TRY_ASSIGN(auto added, add_person(people_, {workspace, email, role, password}, cost_));
    return http::MemberAdded{std::move(added.membership), added.user_created};
}

core::Result<void> AppAccounts::change_password(const std::string& user_id,
                                                std::string_view current_password,
                                                std::string_view new_password,
                                                const std::string& keep_session) {
    SWARM_TRY_ASSIGN(const auto user, people_.find_user(user_id));
    if (!user || !crypto::verify_password(user->password_hash, current_password)) {
        return core::fail(core::ErrorCode::kUnauthenticated, "the current password is wrong",
                          "current_password");
    }
    SWARM_TRY(check_password(new_password, "new_password"));
    SWARM_TRY_ASSIGN(const auto hash, crypto::hash_password(new_password, cost_));
    SWARM_TRY(people_.set_password(user_id, hash));
    // Every other session ends: whoever knew the old password is signed out.
    SWARM_TRY(people_.revoke_sessions_of(user_id, keep_session));
    return {};
}

std::optional<std::string> AppAccounts::session_token(const http::Request& request) const {
    return session_cookie(request.header("cookie").value_or(""));
}

std::string AppAccounts::csrf_token(std::string_view session_token) const {
    return csrf_token_of(session_token);
}

core::Timestamp AppAccounts::expires_at(const core::SessionRecord& session) const {
    return session_expires_at(session, sessions_);
}

}  // namespace swarm::app
