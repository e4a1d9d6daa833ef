#include "http/handlers/calendar_handlers.hpp"

#include "codec/time_text.hpp"
#include "core/agents/scheduler.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/text_scan.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/content_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <chrono>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::sys_seconds;

constexpr std::string_view kIcsSuffix = ".ics";
constexpr std::size_t kExcerptChars = 100;
constexpr days kFeedPast{92};
constexpr days kFeedAhead{366};

core::Result<sys_seconds> window_bound(const Request& request, const std::string& name) {
    const auto it = request.query.find(name);
    if (it == request.query.end()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "is required: an RFC 3339 date-time such as 2026-12-01T00:00:00Z", name);
    }
    if (auto at = codec::parse_rfc3339(it->second)) {
        return *at;
    }
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "must be an RFC 3339 date-time such as 2026-12-01T00:00:00Z", name);
}

/// The first line of the item's text (a deck's first slide title), cut for a calendar cell.
std::string excerpt_of(const core::ContentItem& item) {
    std::string_view text = core::text::trim(item.body);
    if (text.empty() && !item.parts.empty()) {
        text = core::text::trim(item.parts.front().title.empty() ? item.parts.front().body
                                                                 : item.parts.front().title);
    }
    text = core::text::trim(text.substr(0, text.find_first_of("\r\n")));
    return core::validate::excerpt(text, kExcerptChars);
}

json calendar_entry(const core::ItemRecord& record) {
    json entry{{"id", record.id},
               {"job_id", record.job_id},
               {"platform", core::to_string(record.platform)},
               {"status", record.status},
               {"at", record.scheduled_at ? json(codec::utc_text(*record.scheduled_at)) : json()},
               {"suggested_at", nullptr},
               {"timezone", nullptr},
               {"excerpt", ""}};
    if (auto item = dto::decode_stored_item(record.item_json)) {
        if (item->schedule) {
            entry["suggested_at"] = item->schedule->suggested_at;
            entry["timezone"] = item->schedule->timezone;
        }
        entry["excerpt"] = excerpt_of(*item);
    }
    return entry;
}

std::string feed_url(const core::WorkspaceId& workspace, std::string_view secret) {
    return "/ical/" + workspace.str() + "." + std::string(secret) + std::string(kIcsSuffix);
}

Response feed_response(int status, const json& url) {
    auto res = json_response(status, {{"url", url}});
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response no_such_feed() {
    auto res = error_response(
        core::Error{core::ErrorCode::kNotFound, "no such calendar feed", "token", {}});
    res.set_header("Cache-Control", "no-store");
    return res;
}

/// The workspace a feed file names when its secret is the workspace's current one.
std::optional<core::WorkspaceId> feed_workspace(const ApiDeps& api, std::string_view file) {
    if (file.size() <= kIcsSuffix.size() || !file.ends_with(kIcsSuffix)) {
        return std::nullopt;
    }
    const auto token = file.substr(0, file.size() - kIcsSuffix.size());
    const auto dot = token.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == token.size()) {
        return std::nullopt;
    }
    core::WorkspaceId workspace{std::string(token.substr(0, dot))};
    auto stored = api.settings->store().secret(workspace, std::string(kCalendarFeedSecret));
    if (!stored || !*stored) {
        return std::nullopt;
    }
    auto secret = api.settings->open((*stored)->sealed);
    if (!secret || !api.settings->same_secret(*secret, token.substr(dot + 1))) {
        return std::nullopt;
    }
    return workspace;
}

}  // namespace

core::Result<std::string> workspace_time_zone(const ApiDeps& api,
                                              const core::WorkspaceId& workspace) {
    if (api.settings == nullptr) {
        return std::string("UTC");
    }
    SWARM_TRY_ASSIGN(const auto preferences, api.settings->store().preferences(workspace));
    const auto it = preferences.find("time_zone");
    return it == preferences.end() || it->second.empty() ? std::string("UTC") : it->second;
}

Response handle_calendar(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured("content store");
    }
    const auto from = window_bound(request, "from");
    const auto to = window_bound(request, "to");
    if (!from || !to) {
        return error_response(!from ? from.error() : to.error());
    }
    if (*to <= *from || *to - *from > days{kMaxCalendarDays}) {
        return error_response(core::Error{
            core::ErrorCode::kInvalidArgument,
            "must be after from, by at most " + std::to_string(kMaxCalendarDays) + " days",
            "to",
            {}});
    }
    const auto& workspace = workspace_of(request);
    const auto zone = workspace_time_zone(api, workspace);
    if (!zone) {
        return error_response(zone.error());
    }
    auto items = api.content->scheduled_between(workspace, *from, *to, core::kMaxScheduledItems);
    if (!items) {
        return error_response(items.error());
    }
    json entries = json::array();
    for (const auto& record : *items) {
        entries.push_back(calendar_entry(record));
    }
    const bool truncated = items->size() >= static_cast<std::size_t>(core::kMaxScheduledItems);
    return json_response(
        200, {{"time_zone", *zone}, {"items", std::move(entries)}, {"truncated", truncated}});
}

Response handle_create_calendar_feed(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured("workspace settings");
    }
    const auto& workspace = workspace_of(request);
    const auto secret = api.settings->random_secret();
    auto sealed = api.settings->seal(secret);
    if (!sealed) {
        return error_response(sealed.error());
    }
    auto stored =
        api.settings->store().put_secret(workspace, std::string(kCalendarFeedSecret), *sealed, "");
    if (!stored) {
        return error_response(stored.error());
    }
    audit(api, request, "calendar.feed_create", "workspace:" + workspace.str());
    return feed_response(201, feed_url(workspace, secret));
}

Response handle_get_calendar_feed(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured("workspace settings");
    }
    const auto& workspace = workspace_of(request);
    auto stored = api.settings->store().secret(workspace, std::string(kCalendarFeedSecret));
    if (!stored) {
        return error_response(stored.error());
    }
    if (!*stored) {
        return feed_response(200, nullptr);
    }
    // A feed sealed under another key cannot be served either: it is as good as none.
    auto secret = api.settings->open((*stored)->sealed);
    return feed_response(200, secret ? json(feed_url(workspace, *secret)) : json());
}

Response handle_delete_calendar_feed(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr) {
        return not_configured("workspace settings");
    }
    const auto& workspace = workspace_of(request);
    auto removed = api.settings->store().delete_secret(workspace, std::string(kCalendarFeedSecret));
    if (!removed) {
        auto error = removed.error();
        if (error.code == core::ErrorCode::kNotFound) {
            error.message = "the workspace has no calendar feed";
            error.field = "feed";
        }
        return error_response(error);
    }
    audit(api, request, "calendar.feed_delete", "workspace:" + workspace.str());
    return no_content();
}

Response handle_ical_feed(const ApiDeps& api, const Request& request) {
    if (api.settings == nullptr || api.content == nullptr) {
        return no_such_feed();
    }
    const auto workspace = feed_workspace(api, path_param(request, "file"));
    if (!workspace) {
        return no_such_feed();
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto records = api.content->scheduled_between(*workspace, now - kFeedPast, now + kFeedAhead,
                                                  core::kMaxScheduledItems);
    if (!records) {
        return error_response(records.error());
    }
    std::vector<core::ContentItem> items;
    items.reserve(records->size());
    std::vector<core::CalendarEvent> events;
    events.reserve(records->size());
    for (const auto& record : *records) {
        auto item = dto::decode_stored_item(record.item_json);
        if (!item || !item->schedule) {
            continue;
        }
        item->id = record.id;
        item->schedule->at_utc = record.scheduled_at.value_or(item->schedule->at_utc);
        items.push_back(std::move(*item));
    }
    for (const auto& item : items) {
        events.push_back({&item, item.id + "@content-swarm"});
    }
    Response res;
    res.content_type = "text/calendar; charset=utf-8";
    res.body = core::to_icalendar(events, core::CalendarOptions{"", now, "content-swarm"});
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    return res;
}

}  // namespace swarm::http
