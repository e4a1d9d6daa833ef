// First run (docs/api.md, "First run"): a new server with no account prints a one-time link; the
// page behind it makes the first workspace, its owner and a signed-in session in one step.
#pragma once

#include "core/model/workspace.hpp"
#include "core/result.hpp"
#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <string>
#include <string_view>

namespace swarm::http {

/// What the first-run page sends.
struct FirstRunForm {
    std::string token;
    std::string workspace;
    std::string email;
    std::string password;
};

struct FirstRunDone {
    SessionStart session;
    core::WorkspaceId workspace{""};
    std::string workspace_name;
};

/// The server's first account. Implemented by the app (it holds the token printed at start).
/// Thread-safe.
class FirstRunSetup {
public:
    virtual ~FirstRunSetup() = default;

    /// Whether the server still waits for its first account: it holds a token and the people
    /// store has no account (one made meanwhile, by the CLI or another replica, ends it).
    virtual core::Result<bool> needed() = 0;
    /// Makes the workspace (or joins the one of that name), the user as its owner and a session,
    /// then forgets the token. kNotFound when not needed; kPermissionDenied (field "token") for
    /// another token; kInvalidArgument naming workspace, email or password for bad input.
    virtual core::Result<FirstRunDone> complete(const FirstRunForm& form,
                                                const std::string& address,
                                                std::string_view user_agent) = 0;
};

/// GET /api/v1/first-run: {"needed": bool}.
Response handle_first_run_status(const ApiDeps& api, const Request& request);

/// POST /api/v1/first-run {"token","workspace","email","password"}: 201 with the same body and
/// cookie as POST /api/v1/session; 404 when not needed, 403 invalid_token, 400 naming the field.
Response handle_first_run(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
