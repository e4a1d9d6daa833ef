// The scheduler agent: suggests a posting time per item in the brief's time zone (weekday
// mornings, per-platform preferred slots, never two items in one slot, DST-correct) and exports
// the plan as iCalendar.
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct ScheduleRequest {
    std::string timezone = "UTC";  // IANA name
    SysSeconds not_before{};       // no slot earlier than this instant
    /// The day the brief names for its news ("launch on 3 March"): posts go out that morning
    /// when it is still ahead (the deck keeps its own rule).
    std::optional<std::chrono::year_month_day> event_day{};
    std::string event_text{};  // as the brief wrote it, for the reason
};

/// Fills item.schedule for every item. kInvalidArgument (field "timezone") for an unknown zone.
Result<void> schedule_items(std::vector<ContentItem>& items, const ScheduleRequest& request,
                            const TimeZones& time_zones);

/// "2026-12-01T09:00:00-05:00": the wall time `wall` of the instant `utc` (TimeZones::to_local)
/// with the offset in force then; what suggested_at holds.
std::string iso_local(LocalSeconds wall, SysSeconds utc);

struct CalendarOptions {
    std::string job_id;        // becomes part of each event's UID
    SysSeconds stamp{};        // DTSTAMP; fixed by the caller so output is deterministic
    std::string product_name;  // PRODID text, e.g. "content-swarm 0.1.0"
};

/// RFC 5545 calendar with one VEVENT per scheduled item (UTC times, folded lines, CRLF).
std::string to_icalendar(const std::vector<ContentItem>& items, const CalendarOptions& options);

/// One event of a calendar: an item and the UID its event carries (unique, stable per item).
struct CalendarEvent {
    const ContentItem* item = nullptr;
    std::string uid;  // "itm_0123@content-swarm"
};

/// The same calendar for items of several jobs (a workspace's feed): one VEVENT per event whose
/// item has a schedule, in the given order, each with its own UID (options.job_id is unused).
std::string to_icalendar(std::span<const CalendarEvent> events, const CalendarOptions& options);

}  // namespace swarm::core
