// http::Authenticator for people signed in with a session cookie, and the one the server runs:
// API keys for requests with an Authorization header, sessions for those with the session cookie.
// A session's requests that change data must also carry its CSRF token (X-CSRF-Token): a page of
// another site can make the browser send the cookie, but cannot read the token.
#pragma once

#include "app/key_authenticator.hpp"
#include "app/people.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/people_store.hpp"
#include "http/access.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace swarm::app {

/// The header a person (or a key, redundantly) names the workspace of a request with: its id or
/// its name. Without it a person who belongs to one workspace acts in that one.
inline constexpr std::string_view kWorkspaceHeader = "X-Workspace";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

/// Thread-safe.
class SessionAuthenticator final : public http::Authenticator {
public:
    SessionAuthenticator(core::PeopleStore& people, const core::Clock& clock, SessionPolicy policy,
                         std::chrono::seconds touch_every = std::chrono::seconds(60))
        : people_(people), clock_(clock), policy_(policy), touch_every_(touch_every) {}

    /// kUnauthenticated without a valid session cookie; kPermissionDenied (field X-CSRF-Token)
    /// for a request that changes data without the session's token; kNotFound (field
    /// X-Workspace) for a workspace the person is no member of. A person in several workspaces
    /// who names none gets a principal without a workspace (routes of a workspace refuse it).
    core::Result<core::access::Principal> authenticate(const http::Request& request) override;
    /// Always nullopt: sessions are checked against the database, on a lane.
    std::optional<core::access::Principal> authenticate_cached(
        const http::Request& request) override;

    const SessionPolicy& policy() const { return policy_; }

private:
    core::PeopleStore& people_;
    const core::Clock& clock_;
    SessionPolicy policy_;
    std::chrono::seconds touch_every_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> touched_;
};

/// Keys for requests with Authorization, sessions for those with the session cookie (when
/// `sessions` is set), else the keys' answer (401, or the development mode's principal). A
/// key's request that names another workspace in X-Workspace is refused (403). With
/// `legacy_clients`, requests without any credential to the old system's two endpoints act as
/// that principal (an explicit, documented risk for clients that cannot send a header).
class CredentialAuthenticator final : public http::Authenticator {
public:
    CredentialAuthenticator(KeyAuthenticator& keys, SessionAuthenticator* sessions,
                            std::optional<core::access::Principal> legacy_clients = std::nullopt)
        : keys_(keys), sessions_(sessions), legacy_clients_(std::move(legacy_clients)) {}

    core::Result<core::access::Principal> authenticate(const http::Request& request) override;
    std::optional<core::access::Principal> authenticate_cached(
        const http::Request& request) override;

private:
    bool uses_session(const http::Request& request) const;
    /// The compatibility principal for a credential-less request to the old system's endpoints.
    std::optional<core::access::Principal> legacy_client(const http::Request& request) const;

    KeyAuthenticator& keys_;
    SessionAuthenticator* sessions_;
    // CONTENT_SWARM_COMPAT_WORKSPACE: old clients that cannot send a header act as an editor of
    // this workspace on /api/generate-content and /ws/stream-generation only.
    std::optional<core::access::Principal> legacy_clients_;
};

}  // namespace swarm::app
