#include "http/handlers/first_run_handlers.hpp"

#include "http/audit_trail.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"
#include "http/handlers/session_handlers.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

Response first_run_over() {
    return error_response(core::Error{
        core::ErrorCode::kNotFound,
        "this server has its first account already: sign in, or ask an owner for an account",
        "",
        {}});
}

/// The form's fields, each a string (400 naming the first that is missing or not one).
core::Result<FirstRunForm> first_run_form(const json& body) {
    FirstRunForm form;
    for (const auto& [name, field] :
         {std::pair{"token", &form.token}, std::pair{"workspace", &form.workspace},
          std::pair{"email", &form.email}, std::pair{"password", &form.password}}) {
        const auto it = body.find(name);
        if (it == body.end() || it->is_null()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "is required", name);
        }
        if (!it->is_string()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "must be a string", name);
        }
        *field = it->get<std::string>();
    }
    return form;
}

}  // namespace

Response handle_first_run_status(const ApiDeps& api, const Request& /*request*/) {
    bool needed = false;
    if (api.first_run != nullptr) {
        const auto known = api.first_run->needed();
        if (!known) {
            return error_response(known.error());
        }
        needed = *known;
    }
    auto res = json_response(200, {{"needed", needed}});
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response handle_first_run(const ApiDeps& api, const Request& request) {
    if (api.first_run == nullptr || api.accounts == nullptr) {
        return first_run_over();
    }
    const auto needed = api.first_run->needed();
    if (!needed) {
        return error_response(needed.error());
    }
    if (!*needed) {
        return first_run_over();
    }
    const auto body =
        json_object_body(request, {"token", "workspace", "email", "password"}, "a first run");
    if (!body) {
        return body.error();
    }
    const auto form = first_run_form(*body);
    if (!form) {
        return error_response(form.error());
    }
    auto done = api.first_run->complete(*form, request.client_address,
                                        request.header("user-agent").value_or(""));
    if (!done) {
        if (done.error().code == core::ErrorCode::kPermissionDenied) {
            return error_response(403, done.error(), "invalid_token");
        }
        return done.error().code == core::ErrorCode::kNotFound ? first_run_over()
                                                               : error_response(done.error());
    }
    const auto& user = done->session.user;
    audit_in(api, done->workspace, "user:" + user.id, request.client_address, "first_run",
             "workspace:" + done->workspace.str(),
             {{"workspace", done->workspace_name},
              {"email", user.email},
              {"session", done->session.session.id}});
    return session_started(api, request, done->session);
}

}  // namespace swarm::http
