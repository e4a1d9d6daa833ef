#include "http/handlers/key_handlers.hpp"

#include "core/access/api_key.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::string_view kAccess = "key store";

json optional_time(const std::optional<core::Timestamp>& at) {
    return at ? json(dto::iso_timestamp(*at)) : json(nullptr);
}

json encode_key(const core::ApiKeyRecord& key) {
    return {{"prefix", core::access::api_key_prefix(key.id)},
            {"name", key.name},
            {"role", std::string(core::access::to_string(key.role))},
            {"created_at", dto::iso_timestamp(key.created_at)},
            {"expires_at", optional_time(key.expires_at)},
            {"last_used_at", optional_time(key.last_used_at)},
            {"revoked_at", optional_time(key.revoked_at)}};
}

Response bad(std::string message, std::string field) {
    return error_response(
        core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}});
}

}  // namespace

Response handle_list_keys(const ApiDeps& api, const Request& request) {
    if (api.access == nullptr) {
        return not_configured(kAccess);
    }
    auto keys = api.access->list_keys(workspace_of(request));
    if (!keys) {
        return error_response(keys.error());
    }
    json out = json::array();
    for (const auto& key : *keys) {
        out.push_back(encode_key(key));
    }
    return json_response(200, {{"keys", std::move(out)}});
}

Response handle_create_key(const ApiDeps& api, const Request& request) {
    if (api.access == nullptr || !api.issue_key) {
        return not_configured(kAccess);
    }
    const auto root = json_object_body(request, {"name", "role", "expires_in_days"}, "a key");
    if (!root) {
        return root.error();
    }
    const auto name = root->find("name");
    if (name == root->end() || !name->is_string() || name->get<std::string>().empty() ||
        name->get<std::string>().size() > 100) {
        return bad("is required: a label of 1 to 100 bytes", "name");
    }
    const auto role_field = root->find("role");
    if (role_field == root->end() || !role_field->is_string()) {
        return bad("is required: owner, editor, reviewer or viewer", "role");
    }
    auto role = core::access::parse_role(role_field->get<std::string>(), "role");
    if (!role) {
        return error_response(role.error());
    }
    if (*role == core::access::Role::kMetrics) {
        return bad(
            "metrics keys read every workspace's counters: make them with `content-swarm "
            "admin create-key --role metrics`",
            "role");
    }
    KeyIssue issue{workspace_of(request), name->get<std::string>(), *role, std::nullopt};
    if (const auto days = root->find("expires_in_days"); days != root->end()) {
        if (!days->is_number_integer() || days->get<std::int64_t>() < 1 ||
            days->get<std::int64_t>() > 36500) {
            return bad("must be a whole number of days, 1 to 36500", "expires_in_days");
        }
        issue.expires_at =
            std::chrono::system_clock::now() + std::chrono::hours(24 * days->get<std::int64_t>());
    }
    auto issued = api.issue_key(issue);
    if (!issued) {
        return error_response(issued.error());
    }
    auto body = encode_key(issued->second);
    audit(api, request, "key.create", "key:" + core::access::api_key_prefix(issued->second.id),
          {{"name", issued->second.name},
           {"role", std::string(core::access::to_string(issued->second.role))}});
    body["key"] = issued->first;  // the only time it is ever shown
    auto res = json_response(201, body);
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response handle_revoke_key(const ApiDeps& api, const Request& request) {
    if (api.access == nullptr) {
        return not_configured(kAccess);
    }
    auto id = path_param(request, "id");
    if (id.rfind(core::access::kApiKeyPrefix, 0) == 0) {
        id = id.substr(core::access::kApiKeyPrefix.size());
    }
    if (!core::access::is_api_key_id(id)) {
        return error_response(core::Error{
            core::ErrorCode::kNotFound, "no such key (an id is 12 hex digits)", "id", {}});
    }
    auto revoked = api.access->revoke_key(id, workspace_of(request));
    if (!revoked) {
        return error_response(revoked.error());
    }
    audit(api, request, "key.revoke", "key:" + core::access::api_key_prefix(id));
    return json_response(200, encode_key(*revoked));
}

Response handle_me(const ApiDeps& /*api*/, const Request& request) {
    const auto& who = *request.principal;
    json body{{"workspace", who.workspace.str().empty()
                                ? json(nullptr)
                                : json{{"id", who.workspace.str()}, {"name", who.workspace_name}}},
              {"role", who.workspace.str().empty() && who.role != core::access::Role::kMetrics
                           ? json(nullptr)
                           : json(std::string(core::access::to_string(who.role)))},
              {"actor", who.actor}};
    if (!who.user_id.empty()) {
        body["user"] = {{"id", who.user_id}, {"email", who.email}};
    }
    return json_response(200, body);
}

}  // namespace swarm::http
