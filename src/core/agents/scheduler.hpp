// The scheduler agent: suggests a posting time per item in the brief's time zone (weekday
// mornings, per-platform preferred slots, never two items in one slot, DST-correct) and exports
// the plan as iCalendar.
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"

#include <chrono>
#include <optional>
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

struct CalendarOptions {
    std::string job_id;        // becomes part of each event's UID
    SysSeconds stamp{};        // DTSTAMP; fixed by the caller so output is deterministic
    std::string product_name;  // PRODID text, e.g. "content-swarm 0.1.0"
};

/// RFC 5545 calendar with one VEVENT per scheduled item (UTC times, folded lines, CRLF).
std::string to_icalendar(const std::vector<ContentItem>& items, const CalendarOptions& options);

}  // namespace swarm::core
