// People's endpoints: signing in and out (the session cookie), the session's CSRF token, the
// password, and the owner's members of a workspace (the API side of `content-swarm admin
// create-user`).
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

/// POST /api/v1/session {"email","password"}: 201 with the person, their workspaces and the
/// session's CSRF token, and the session cookie (HttpOnly, SameSite=Strict; Secure behind TLS).
/// 401 for a wrong email or password, 429 with Retry-After while throttled.
Response handle_sign_in(const ApiDeps& api, const Request& request);
/// The answer to a new session (sign-in, first run): 201 with the sign-in body and the cookie.
Response session_started(const ApiDeps& api, const Request& request, const SessionStart& started);
/// GET /api/v1/session: the same body for the session of the request's cookie.
Response handle_get_session(const ApiDeps& api, const Request& request);
/// DELETE /api/v1/session: signs this session out (204) and clears the cookie.
Response handle_sign_out(const ApiDeps& api, const Request& request);
/// POST /api/v1/session/sign-out-everywhere: signs out every session of the person.
Response handle_sign_out_everywhere(const ApiDeps& api, const Request& request);
/// POST /api/v1/me/password {"current_password","new_password"}: 204; other sessions end.
Response handle_change_password(const ApiDeps& api, const Request& request);

/// GET /api/v1/workspaces: {"workspaces":[{"id","name","role"}]}: a person's memberships, or a
/// key's own workspace.
Response handle_list_workspaces(const ApiDeps& api, const Request& request);
/// POST /api/v1/workspaces {"name"}: a signed-in person makes a workspace and becomes its owner
/// (201); 409 when the name is taken; 403 for an API key (a key belongs to one workspace).
Response handle_create_workspace(const ApiDeps& api, const Request& request);

/// GET /api/v1/members: {"members":[{user_id,email,role,created_at}]} of the workspace.
Response handle_list_members(const ApiDeps& api, const Request& request);
/// POST /api/v1/members {"email","role","password"?}: 201; the password is required (and sets
/// it) when the email has no account yet.
Response handle_add_member(const ApiDeps& api, const Request& request);
/// PATCH /api/v1/members/{user_id} {"role"}: 200; 409 when the last owner would go.
Response handle_set_member_role(const ApiDeps& api, const Request& request);
/// DELETE /api/v1/members/{user_id}: 204; 409 when the last owner would go.
Response handle_remove_member(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
