// The calendar: the scheduled and suggested items of a window in the workspace's time zone, and
// the workspace's private iCalendar feed (a secret URL for Google or Outlook calendars). The
// feed's token is "<workspace id>.<secret>"; the secret is kept sealed as the workspace secret
// "calendar_feed", so owners can see the URL again and a new one retires the old.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <string>
#include <string_view>

namespace swarm::http {

/// The workspace secret that holds the feed's secret (hidden from the secrets API).
inline constexpr std::string_view kCalendarFeedSecret = "calendar_feed";
/// The widest window GET /api/v1/calendar answers for.
inline constexpr int kMaxCalendarDays = 62;

/// The workspace's time zone preference ("time_zone"), or "UTC" when none is set.
core::Result<std::string> workspace_time_zone(const ApiDeps& api,
                                              const core::WorkspaceId& workspace);

/// GET /api/v1/calendar?from=&to= (RFC 3339, to - from at most kMaxCalendarDays): {"time_zone",
/// "items":[{"id","job_id","platform","status","at","suggested_at","timezone","excerpt"}],
/// "truncated"}: items whose schedule is in [from, to), by time, at most 1000.
Response handle_calendar(const ApiDeps& api, const Request& request);
/// POST /api/v1/calendar/feed: 201 {"url":"/ical/<token>.ics"}; the previous URL stops working.
Response handle_create_calendar_feed(const ApiDeps& api, const Request& request);
/// GET /api/v1/calendar/feed: {"url": string or null}.
Response handle_get_calendar_feed(const ApiDeps& api, const Request& request);
/// DELETE /api/v1/calendar/feed: 204; 404 when there is none.
Response handle_delete_calendar_feed(const ApiDeps& api, const Request& request);
/// GET /ical/{file} (no credentials: the token in the file name is one): text/calendar of the
/// workspace's items with a schedule from 92 days back to a year ahead; 404 for anything but a
/// current token.
Response handle_ical_feed(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
