#include "http/handlers/settings_handlers.hpp"

#include "core/knowledge/document_rules.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/compat_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/calendar_handlers.hpp"
#include "http/handlers/resource_support.hpp"

#include <array>
#include <chrono>
#include <limits>
#include <optional>

#include <fmt/format.h>
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

/// "2026-03": the month load() counts from.
std::string month_text(core::Timestamp month_start) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(month_start)};
    return fmt::format("{:04}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()));
}

json usage_of(const WorkspaceSettings& settings, const core::WorkspaceLoad& load,
              const json& limits) {
    return {{"month", month_text(settings.month_start())},
            {"tokens", load.tokens_since},
            {"tokens_this_month", load.tokens_since},  // the name before "tokens"
            {"cost_usd", load.cost_since},
            {"monthly_token_cap", limits["monthly_token_cap"]["effective"]},
            {"open_jobs", load.open_jobs},
            {"max_queued_jobs", limits["max_queued_jobs"]["effective"]}};
}

json model_of(const WorkspaceSettings& settings) {
    const auto writer = settings.writer_model();
    return writer ? json{{"provider", writer->provider}, {"model", writer->model}} : json();
}

Response settings_response(const ApiDeps& api, const Request& request) {
    auto& settings = *api.settings;
    const auto& workspace = workspace_of(request);
    auto own = settings.store().limits(workspace);
    auto secrets = settings.store().secrets(workspace);
    auto load = settings.load(workspace);
    auto preferences = settings.store().preferences(workspace);
    if (!own || !secrets || !load || !preferences) {
        return error_response(!own       ? own.error()
                              : !secrets ? secrets.error()
                              : !load    ? load.error()
                                         : preferences.error());
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
        if (secret.name != kCalendarFeedSecret) {  // the feed has its own endpoint
            listed.push_back(encode_secret(secret));
        }
    }
    const auto zone = preferences->find("time_zone");
    auto usage = usage_of(settings, *load, limits);
    return json_response(
        200,
        {{"limits", std::move(limits)},
         {"usage", std::move(usage)},
         {"preferences",
          {{"time_zone",
            zone == preferences->end() || zone->second.empty() ? json() : json(zone->second)}}},
         {"model", model_of(settings)},
         {"secrets", std::move(listed)}});
}

/// The calendar feed's secret is the calendar endpoints' to set (it must be random).
std::optional<Response> reserved_secret(const std::string& name) {
    if (name != kCalendarFeedSecret) {
        return std::nullopt;
    }
    return bad_setting(
        "is reserved for the calendar feed: use POST or DELETE /api/v1/calendar/feed", "name");
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
    if (auto reserved = reserved_secret(name)) {
        return *reserved;
    }
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
    if (auto reserved = reserved_secret(name)) {
        return *reserved;
    }
    if (auto removed = api.settings->store().delete_secret(workspace_of(request), name); !removed) {
        return error_response(removed.error());
    }
    audit(api, request, "secret.delete", "secret:" + name);
    return no_content();
}

Response handle_put_preferences(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured(kSettings);
    }
    if (api.time_zones == nullptr) {
        return not_configured("time zone database");
    }
    const auto root = json_object_body(request, {"time_zone"}, "the preferences");
    if (!root) {
        return root.error();
    }
    const auto zone = root->find("time_zone");
    if (zone == root->end() || !(zone->is_string() || zone->is_null()) ||
        (zone->is_string() && zone->get_ref<const std::string&>().empty())) {
        return bad_setting(
            "is required: an IANA time zone such as \"Europe/Berlin\", or null "
            "for UTC",
            "time_zone");
    }
    const std::string value = zone->is_null() ? "" : zone->get<std::string>();
    if (!value.empty()) {
        if (auto known = api.time_zones->check(value); !known) {
            return bad_setting("unknown time zone \"" + value +
                                   "\"; use an IANA name such as \"America/New_York\"",
                               "time_zone");
        }
    }
    const auto& workspace = workspace_of(request);
    if (auto stored = api.settings->store().set_preference(workspace, "time_zone", value);
        !stored) {
        return error_response(stored.error());
    }
    audit(api, request, "settings.preferences", "workspace:" + workspace.str(),
          {{"time_zone", value.empty() ? json() : json(value)}});
    return settings_response(api, request);
}

}  // namespace swarm::http
