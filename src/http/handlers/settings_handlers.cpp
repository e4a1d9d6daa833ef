#include "http/handlers/settings_handlers.hpp"

#include "core/knowledge/document_rules.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <array>
#include <limits>

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::string_view kSettings = "workspace settings";
constexpr std::size_t kMaxSecretBytes = 8192;
constexpr std::array<const char*, 3> kLimitNames{"max_queued_jobs", "monthly_token_cap",
                                                 "requests_per_minute"};

Response bad_setting(std::string message, std::string field) {
    return error_response(
        core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}});
}

json optional_number(const std::optional<std::int64_t>& value) {
    return value ? json(*value) : json(nullptr);
}

std::optional<std::int64_t>& limit_of(core::WorkspaceLimits& limits, std::string_view name) {
    if (name == "max_queued_jobs") {
        return limits.max_queued_jobs;
    }
    if (name == "monthly_token_cap") {
        return limits.monthly_token_cap;
    }
    return limits.requests_per_minute;
}

json encode_secret(const core::SecretRecord& secret) {
    return {{"name", secret.name},
            {"set", true},
            {"last4", secret.last4},
            {"updated_at", dto::iso_timestamp(secret.updated_at)}};
}

/// The value's last four characters (whole UTF-8 characters; fewer for a short value).
std::string last_four(const std::string& value) {
    std::size_t start = value.size();
    for (int seen = 0; start > 0 && seen < 4;) {
        --start;
        if ((static_cast<unsigned char>(value[start]) & 0xC0U) != 0x80U) {
            ++seen;
        }
    }
    // A short secret shows at most half of itself.
    if (value.size() - start > value.size() / 2) {
        return {};
    }
    return value.substr(start);
}

Response settings_response(const ApiDeps& api, const Request& request) {
    auto& settings = *api.settings;
    const auto& workspace = workspace_of(request);
    auto own = settings.store().limits(workspace);
    auto secrets = settings.store().secrets(workspace);
    auto load = settings.load(workspace);
    if (!own || !secrets || !load) {
        return error_response(!own ? own.error() : (!secrets ? secrets.error() : load.error()));
    }
    auto defaults = settings.defaults();
    json limits = json::object();
    for (const auto* name : kLimitNames) {
        const auto value = limit_of(*own, name);
        const auto fallback = limit_of(defaults, name);
        limits[name] = {{"value", optional_number(value)},
                        {"default", optional_number(fallback)},
                        {"effective", optional_number(value ? value : fallback)}};
    }
    json listed = json::array();
    for (const auto& secret : *secrets) {
        listed.push_back(encode_secret(secret));
    }
    return json_response(
        200,
        {{"limits", std::move(limits)},
         {"usage", {{"open_jobs", load->open_jobs}, {"tokens_this_month", load->tokens_since}}},
         {"secrets", std::move(listed)}});
}

}  // namespace

Response handle_get_settings(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured(kSettings);
    }
    return settings_response(api, request);
}

Response handle_put_limits(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured(kSettings);
    }
    const auto root = json_object_body(
        request, {"max_queued_jobs", "monthly_token_cap", "requests_per_minute"}, "the limits");
    if (!root) {
        return root.error();
    }
    core::WorkspaceLimits limits;
    for (const auto& [name, value] : root->items()) {
        if (value.is_null()) {
            continue;
        }
        if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
            value.get<std::int64_t>() > std::numeric_limits<std::int64_t>::max() / 2) {
            return bad_setting(
                "must be a whole number of at least 1, or null for the server's default", name);
        }
        limit_of(limits, name) = value.get<std::int64_t>();
    }
    const auto& workspace = workspace_of(request);
    if (auto stored = api.settings->store().set_limits(workspace, limits); !stored) {
        return error_response(stored.error());
    }
    api.settings->limits_changed(workspace);
    audit(api, request, "settings.limits", "workspace:" + workspace.str(),
          {{"max_queued_jobs", optional_number(limits.max_queued_jobs)},
           {"monthly_token_cap", optional_number(limits.monthly_token_cap)},
           {"requests_per_minute", optional_number(limits.requests_per_minute)}});
    return settings_response(api, request);
}

Response handle_put_secret(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured(kSettings);
    }
    const auto root = json_object_body(request, {"value"}, "a secret");
    if (!root) {
        return root.error();
    }
    const auto value = root->find("value");
    if (value == root->end() || !value->is_string() || value->get<std::string>().empty() ||
        value->get<std::string>().size() > kMaxSecretBytes) {
        return bad_setting("is required: the secret, 1 to 8192 bytes of text", "value");
    }
    const auto text = value->get<std::string>();
    if (!core::knowledge::is_valid_utf8(text)) {
        return bad_setting("must be UTF-8 text", "value");
    }
    auto sealed = api.settings->seal(text);
    if (!sealed) {
        return error_response(sealed.error());
    }
    const auto name = path_param(request, "name");
    auto stored =
        api.settings->store().put_secret(workspace_of(request), name, *sealed, last_four(text));
    if (!stored) {
        return error_response(stored.error());
    }
    audit(api, request, "secret.set", "secret:" + name);
    auto res = json_response(200, encode_secret(*stored));
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response handle_delete_secret(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured(kSettings);
    }
    const auto name = path_param(request, "name");
    if (auto removed = api.settings->store().delete_secret(workspace_of(request), name); !removed) {
        return error_response(removed.error());
    }
    audit(api, request, "secret.delete", "secret:" + name);
    return no_content();
}

}  // namespace swarm::http
