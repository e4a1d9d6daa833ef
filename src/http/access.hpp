// Who may call a route, and how a request proves who it is. Every route in the table declares its
// Access (the router refuses a route without one), and the dispatcher checks it before the
// handler runs: an open route answers anyone; any other needs credentials (401 without valid
// ones) whose role includes the route's (403 naming the role needed). Handlers then act in the
// request's workspace only (Request::principal).
#pragma once

#include "core/access/principal.hpp"
#include "core/result.hpp"
#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace swarm::http {

struct Access {
    enum class Kind {
        kOpen,      // anyone (/livez, /readyz, /version)
        kGuest,     // anyone, but through the Host and Origin checks (signing in)
        kSignedIn,  // any valid credential, in a workspace or not (the session, the account)
        kRole,      // a credential of the workspace whose role includes `role`
        kMetrics,   // a key with the metrics role (server-wide counters, no workspace data)
    };
    Kind kind = Kind::kRole;
    core::access::Role role = core::access::Role::kOwner;

    static Access open() { return {Kind::kOpen, core::access::Role::kViewer}; }

    static Access guest() { return {Kind::kGuest, core::access::Role::kViewer}; }

    static Access signed_in() { return {Kind::kSignedIn, core::access::Role::kViewer}; }

    static Access metrics() { return {Kind::kMetrics, core::access::Role::kMetrics}; }

    static Access at_least(core::access::Role role) { return {Kind::kRole, role}; }

    static Access viewer() { return at_least(core::access::Role::kViewer); }

    static Access reviewer() { return at_least(core::access::Role::kReviewer); }

    static Access editor() { return at_least(core::access::Role::kEditor); }

    static Access owner() { return at_least(core::access::Role::kOwner); }
};

/// The access check of a route for an authenticated principal: ok, or kPermissionDenied naming
/// the role needed.
core::Result<void> authorize(const Access& access, const core::access::Principal& principal);

/// Turns a request's credentials (Authorization: Bearer <key>) into a principal.
/// Thread-safe.
class Authenticator {
public:
    virtual ~Authenticator() = default;

    /// May read the database (call it on a lane). kUnauthenticated when the request carries no
    /// credentials or ones that are unknown, malformed, expired or revoked (the message says
    /// which without echoing the credential).
    virtual core::Result<core::access::Principal> authenticate(const Request& request) = 0;

    /// The same from memory alone (a credential checked recently), or nullopt when only the
    /// database can tell. Never blocks.
    virtual std::optional<core::access::Principal> authenticate_cached(const Request& request) = 0;
};

/// Per-workspace request rates, checked by the dispatcher once a request is authorised.
/// Thread-safe.
class RequestGate {
public:
    virtual ~RequestGate() = default;

    /// nullopt to let the request through; else the refusal (kResourceExhausted with
    /// retry_after, naming the limit). With `may_block` false it must answer from memory.
    virtual std::optional<core::Error> admit(const core::access::Principal& principal,
                                             bool may_block) = 0;
};

/// Whether a request with this method changes data: any method but GET, HEAD and OPTIONS. Such
/// requests get the Origin check, and with a session cookie the CSRF token check.
bool changes_data(std::string_view method);

/// The workspace a handler acts in: the authenticated principal's. Throws std::logic_error when
/// the request was not authenticated (a route wired without Access: a 500, never a leak).
const core::WorkspaceId& workspace_of(const Request& request);

}  // namespace swarm::http
