// http::Accounts over the people store: sign-in with throttling (app::SignIn), members
// (app::add_person), password changes, and the session cookie's token and CSRF token.
#pragma once

#include "app/people.hpp"
#include "app/sign_in.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/people_store.hpp"
#include "crypto/sodium.hpp"
#include "http/api_deps.hpp"

namespace swarm::app {

/// Thread-safe.
class AppAccounts final : public http::Accounts {
public:
    AppAccounts(core::PeopleStore& people, const core::Clock& clock, SessionPolicy sessions,
                SignInPolicy sign_in, crypto::PasswordCost cost)
        : people_(people),
          clock_(clock),
          sessions_(sessions),
          cost_(cost),
          sign_in_(people, clock, sign_in, cost) {}

    core::PeopleStore& people() override { return people_; }

    core::Result<http::SessionStart> sign_in(std::string_view email, std::string_view password,
                                             const std::string& address,
                                             std::string_view user_agent) override;
    std::optional<std::string> account_of(std::string_view email) override;
    core::Result<http::MemberAdded> add_member(const core::WorkspaceId& workspace,
                                               const std::string& email, core::access::Role role,
                                               const std::optional<std::string>& password) override;
    core::Result<void> change_password(const std::string& user_id,
                                       std::string_view current_password,
                                       std::string_view new_password,
                                       const std::string& keep_session) override;
    std::optional<std::string> session_token(const http::Request& request) const override;
    std::string csrf_token(std::string_view session_token) const override;
    core::Timestamp expires_at(const core::SessionRecord& session) const override;

    std::chrono::seconds cookie_lifetime() const override { return sessions_.absolute; }

private:
    core::PeopleStore& people_;
    const core::Clock& clock_;
    SessionPolicy sessions_;
    crypto::PasswordCost cost_;
    SignIn sign_in_;
};

}  // namespace swarm::app
