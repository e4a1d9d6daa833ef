#include "http/handlers/session_handlers.hpp"

#include "codec/json_read.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::string_view kPeople = "accounts";
constexpr std::string_view kCookieName = "swarm_session";

Response refuse(core::ErrorCode code, std::string message, std::string field) {
    return error_response(core::Error{code, std::move(message), std::move(field), {}});
}

/// The string field `name`, or the refusal naming it.
core::Result<std::string> string_field(const json& body, const char* name, bool required) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) {
            return core::fail(core::ErrorCode::kInvalidArgument, "is required", name);
        }
        return std::string();
    }
    if (!it->is_string()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be a string", name);
    }
    return it->get<std::string>();
}

bool secure(const ApiDeps& api, const Request& request) {
    const auto proto = request.header("x-forwarded-proto");
    return api.secure_cookies || (proto && *proto == "https");
}

std::string cookie(const ApiDeps& api, const Request& request, const std::string& value,
                   std::int64_t max_age) {
    return std::string(kCookieName) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) +
           "; HttpOnly; SameSite=Strict" + (secure(api, request) ? "; Secure" : "");
}

json encode_member(const core::MembershipRecord& member) {
    return {{"user_id", member.user_id},
            {"email", member.email},
            {"role", std::string(core::access::to_string(member.role))},
            {"created_at", dto::iso_timestamp(member.created_at)}};
}

json encode_workspace(const core::WorkspaceId& id, const std::string& name,
                      core::access::Role role) {
    return {{"id", id.str()}, {"name", name}, {"role", std::string(core::access::to_string(role))}};
}

/// A person's workspaces: [{"id","name","role"}] by name.
core::Result<json> person_workspaces(Accounts& accounts, const std::string& user_id) {
    SWARM_TRY_ASSIGN(const auto memberships, accounts.people().memberships_of(user_id));
    json out = json::array();
    for (const auto& member : memberships) {
        out.push_back(encode_workspace(member.workspace, member.workspace_name, member.role));
    }
    return out;
}

/// The session body: the person, their workspaces, the CSRF token and the expiry.
core::Result<json> session_body(Accounts& accounts, const core::SessionRecord& session,
                                const std::string& token) {
    SWARM_TRY_ASSIGN(auto workspaces, person_workspaces(accounts, session.user_id));
    return json{{"user", {{"id", session.user_id}, {"email", session.email}}},
                {"workspaces", std::move(workspaces)},
                {"csrf_token", accounts.csrf_token(token)},
                {"session",
                 {{"id", session.id},
                  {"created_at", dto::iso_timestamp(session.created_at)},
                  {"expires_at", dto::iso_timestamp(accounts.expires_at(session))}}}};
}

/// The signed-in person's session and token; an API key's request is 404 (it has none).
core::Result<std::pair<core::SessionRecord, std::string>> current_session(Accounts& accounts,
                                                                          const Request& request) {
    const auto& who = *request.principal;
    auto token = accounts.session_token(request);
    if (who.session_id.empty() || !token) {
        return core::fail(core::ErrorCode::kNotFound,
                          "this request has no session: it was made with an API key", "session");
    }
    SWARM_TRY_ASSIGN(auto session, accounts.people().find_session(who.session_id));
    if (!session) {
        return core::fail(core::ErrorCode::kNotFound, "the session is gone", "session");
    }
    return std::pair{std::move(*session), std::move(*token)};
}

/// An entry in every workspace the person belongs to (sign-in and account events concern all).
void audit_person(const ApiDeps& api, const Request& request, const std::string& user_id,
                  const std::string& action, const json& detail = json::object()) {
    const auto memberships = api.accounts->people().memberships_of(user_id);
    if (!memberships) {
        return;
    }
    for (const auto& member : *memberships) {
        audit_in(api, member.workspace, "user:" + user_id, request.client_address, action,
                 "user:" + user_id, detail);
    }
}

Response signed_out(const ApiDeps& api, const Request& request, Response res) {
    res.set_header("Set-Cookie", cookie(api, request, "", 0));
    res.set_header("Cache-Control", "no-store");
    return res;
}

}  // namespace

Response handle_sign_in(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto body = json_object_body(request, {"email", "password"}, "a sign-in");
    if (!body) {
        return body.error();
    }
    const auto email = string_field(*body, "email", true);
    const auto password = string_field(*body, "password", true);
    if (!email || !password) {
        return error_response(!email ? email.error() : password.error());
    }
    auto started = api.accounts->sign_in(*email, *password, request.client_address,
                                         request.header("user-agent").value_or(""));
    if (!started) {
        if (started.error().code == core::ErrorCode::kUnauthenticated) {
            // A wrong password for an existing account goes into its workspaces' trails.
            if (const auto user = api.accounts->account_of(*email)) {
                audit_person(api, request, *user, "session.sign_in_failed");
            }
            return error_response(401, started.error(), "invalid_credentials");
        }
        return error_response(started.error());
    }
    audit_person(api, request, started->user.id, "session.sign_in",
                 {{"session", started->session.id}});
    return session_started(api, request, *started);
}

Response session_started(const ApiDeps& api, const Request& request, const SessionStart& started) {
    auto out = session_body(*api.accounts, started.session, started.token);
    if (!out) {
        return error_response(out.error());
    }
    auto res = json_response(201, *out);
    res.set_header("Set-Cookie",
                   cookie(api, request, started.token, api.accounts->cookie_lifetime().count()));
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response handle_get_session(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto current = current_session(*api.accounts, request);
    if (!current) {
        return error_response(current.error());
    }
    const auto out = session_body(*api.accounts, current->first, current->second);
    if (!out) {
        return error_response(out.error());
    }
    auto res = json_response(200, *out);
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response handle_sign_out(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto current = current_session(*api.accounts, request);
    if (!current) {
        return error_response(current.error());
    }
    if (auto revoked = api.accounts->people().revoke_session(current->first.id); !revoked) {
        return error_response(revoked.error());
    }
    audit_person(api, request, current->first.user_id, "session.sign_out",
                 {{"session", current->first.id}});
    return signed_out(api, request, no_content());
}

Response handle_sign_out_everywhere(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto current = current_session(*api.accounts, request);
    if (!current) {
        return error_response(current.error());
    }
    const auto revoked =
        api.accounts->people().revoke_sessions_of(current->first.user_id, std::nullopt);
    if (!revoked) {
        return error_response(revoked.error());
    }
    audit_person(api, request, current->first.user_id, "session.sign_out_everywhere",
                 {{"sessions", *revoked}});
    return signed_out(api, request, json_response(200, {{"signed_out_sessions", *revoked}}));
}

Response handle_change_password(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto current = current_session(*api.accounts, request);
    if (!current) {
        return error_response(current.error());
    }
    const auto body =
        json_object_body(request, {"current_password", "new_password"}, "a password change");
    if (!body) {
        return body.error();
    }
    const auto old_password = string_field(*body, "current_password", true);
    const auto new_password = string_field(*body, "new_password", true);
    if (!old_password || !new_password) {
        return error_response(!old_password ? old_password.error() : new_password.error());
    }
    auto changed = api.accounts->change_password(current->first.user_id, *old_password,
                                                 *new_password, current->first.id);
    if (!changed) {
        return error_response(changed.error());
    }
    audit_person(api, request, current->first.user_id, "user.password_change");
    return no_content();
}

Response handle_list_workspaces(const ApiDeps& api, const Request& request) {
    const auto& who = *request.principal;
    if (who.user_id.empty()) {  // a key: its own workspace (a metrics key has none)
        json own = json::array();
        if (!who.workspace.str().empty()) {
            own.push_back(encode_workspace(who.workspace, who.workspace_name, who.role));
        }
        return json_response(200, {{"workspaces", std::move(own)}});
    }
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    auto theirs = person_workspaces(*api.accounts, who.user_id);
    return theirs ? json_response(200, {{"workspaces", std::move(*theirs)}})
                  : error_response(theirs.error());
}

Response handle_create_workspace(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr || api.access == nullptr) {
        return not_configured(kPeople);
    }
    const auto& who = *request.principal;
    if (who.user_id.empty()) {
        return refuse(core::ErrorCode::kPermissionDenied,
                      "an API key belongs to one workspace; a signed-in person makes workspaces "
                      "(or `content-swarm admin create-workspace`)",
                      "Authorization");
    }
    const auto body = json_object_body(request, {"name"}, "a workspace");
    if (!body) {
        return body.error();
    }
    const auto name = string_field(*body, "name", true);
    if (!name) {
        return error_response(name.error());
    }
    if (auto checked = core::access::check_workspace_name(*name, "name"); !checked) {
        return error_response(checked.error());
    }
    const core::WorkspaceId id(random_id("ws"));
    auto made = api.access->create_workspace(id, *name);
    if (!made) {
        return error_response(made.error());
    }
    auto owner = api.accounts->people().add_member(id, who.user_id, core::access::Role::kOwner);
    if (!owner) {
        return error_response(owner.error());
    }
    audit_in(api, id, who.actor, request.client_address, "workspace.create",
             "workspace:" + id.str(), {{"name", *name}});
    auto res = json_response(201, {{"id", id.str()}, {"name", *name}, {"role", "owner"}});
    res.set_header("Location", "/api/v1/workspaces");
    return res;
}

Response handle_list_members(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto members = api.accounts->people().members(workspace_of(request));
    if (!members) {
        return error_response(members.error());
    }
    json out = json::array();
    for (const auto& member : *members) {
        out.push_back(encode_member(member));
    }
    return json_response(200, {{"members", std::move(out)}});
}

Response handle_add_member(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto body = json_object_body(request, {"email", "role", "password"}, "a member");
    if (!body) {
        return body.error();
    }
    const auto email = string_field(*body, "email", true);
    const auto role_text = string_field(*body, "role", true);
    const auto password = string_field(*body, "password", false);
    if (!email || !role_text || !password) {
        return error_response(!email ? email.error()
                                     : (!role_text ? role_text.error() : password.error()));
    }
    const auto role = core::access::parse_role(*role_text, "role");
    if (!role) {
        return error_response(role.error());
    }
    auto added =
        api.accounts->add_member(workspace_of(request), *email, *role,
                                 body->contains("password") && !(*body)["password"].is_null()
                                     ? std::optional<std::string>(*password)
                                     : std::nullopt);
    if (!added) {
        return error_response(added.error());
    }
    auto out = encode_member(added->membership);
    out["account_created"] = added->account_created;
    audit(api, request, "member.add", "user:" + added->membership.user_id,
          {{"email", added->membership.email},
           {"role", std::string(core::access::to_string(added->membership.role))},
           {"account_created", added->account_created}});
    return json_response(201, out);
}

Response handle_set_member_role(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto body = json_object_body(request, {"role"}, "a membership");
    if (!body) {
        return body.error();
    }
    const auto role_text = string_field(*body, "role", true);
    if (!role_text) {
        return error_response(role_text.error());
    }
    const auto role = core::access::parse_role(*role_text, "role");
    if (!role) {
        return error_response(role.error());
    }
    if (*role == core::access::Role::kMetrics) {
        return refuse(core::ErrorCode::kInvalidArgument,
                      "a person's role is owner, editor, reviewer or viewer", "role");
    }
    const auto changed = api.accounts->people().set_member_role(
        workspace_of(request), path_param(request, "user_id"), *role);
    if (!changed) {
        return error_response(changed.error());
    }
    audit(api, request, "member.role", "user:" + changed->user_id,
          {{"role", std::string(core::access::to_string(changed->role))}});
    return json_response(200, encode_member(*changed));
}

Response handle_remove_member(const ApiDeps& api, const Request& request) {
    if (api.accounts == nullptr) {
        return not_configured(kPeople);
    }
    const auto removed =
        api.accounts->people().remove_member(workspace_of(request), path_param(request, "user_id"));
    if (!removed) {
        return error_response(removed.error());
    }
    audit(api, request, "member.remove", "user:" + path_param(request, "user_id"));
    return no_content();
}

}  // namespace swarm::http
