// The owner's settings of a workspace: its limits (jobs queued or running, model tokens a month,
// requests a minute), its usage this month, its preferences (time zone) and its secrets (model
// API keys, later the networks' tokens), which are stored encrypted and never shown again: only
// that one is set and its last four characters.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

/// GET /api/v1/settings: {"limits":{name:{"value","default","effective"}},"usage":{"month",
/// "tokens","cost_usd","monthly_token_cap","open_jobs","max_queued_jobs"},"preferences":
/// {"time_zone"},"model":{"provider","model"} or null,"secrets":[{"name","set","last4",
/// "updated_at"}]} (the calendar feed's secret is not listed: /api/v1/calendar/feed shows it).
Response handle_get_settings(const ApiDeps& api, const Request& request);
/// PUT /api/v1/settings/limits {"max_queued_jobs","monthly_token_cap","requests_per_minute"}:
/// each a whole number >= 1, or null (or absent) for the server's default. 200 with the settings.
Response handle_put_limits(const ApiDeps& api, const Request& request);
/// PUT /api/v1/settings/secrets/{name} {"value"}: 200 {"name","set":true,"last4","updated_at"}.
Response handle_put_secret(const ApiDeps& api, const Request& request);
/// DELETE /api/v1/settings/secrets/{name}: 204; 404 when not set.
Response handle_delete_secret(const ApiDeps& api, const Request& request);
/// PUT /api/v1/settings/preferences {"time_zone": IANA name, or null for UTC}: 200 with the
/// settings; 400 naming time_zone for a zone the time zone database does not know.
Response handle_put_preferences(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
