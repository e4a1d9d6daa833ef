#include "http/handlers/key_handlers.hpp"

#include "codec/json_read.hpp"
#include "core/access/api_key.hpp"
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
    if (auto refused = check_json_content_type(request)) {
        return *refused;
    }
    const auto root = codec::parse_json(request.body, "body");
    if (!root) {
        return error_response(root.error());
    }
    if (!root->is_object()) {
        return bad("must be a JSON object", "body");
    }
    for (const auto& [name, value] : root->items()) {
        if (name != "name" && name != "role" && name != "expires_in_days") {
            return bad("is not a field of a key; known: name, role, expires_in_days", name);
        }
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
    return revoked ? json_response(200, encode_key(*revoked)) : error_response(revoked.error());
}

Response handle_me(const ApiDeps& /*api*/, const Request& request) {
    const auto& who = *request.principal;
    return json_response(
        200, {{"workspace", {{"id", who.workspace.str()}, {"name", who.workspace_name}}},
              {"role", std::string(core::access::to_string(who.role))},
              {"actor", who.actor}});
}

}  // namespace swarm::http
