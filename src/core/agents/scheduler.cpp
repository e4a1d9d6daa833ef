// Scheduling rules (the user docs quote this block):
//
// 1. Every slot is a LOCAL wall time in the request's IANA zone, converted to UTC with
//    TimeZones::to_utc, so 09:00 stays 09:00 on both sides of a DST change and suggested_at
//    carries the offset in force at that instant (2026-12-01T09:00:00-05:00; UTC is +00:00).
// 2. Per-platform morning windows, slots every 30 minutes, first choice first:
//      linkedin    Tue-Thu (fallback Mon, Fri)  08:00-10:00  tried 09:00, 09:30, 08:00, 08:30
//      twitter (X) Mon-Fri                      09:00-11:00  tried 09:30, 10:00, 10:30, 09:00
//      pitch_deck  Tue-Thu (fallback Mon, Fri)  10:00-12:00  tried 10:00, 10:30, 11:00, 11:30
//    The deck is shared with investors, not posted; its slot is a send time.
// 3. Earliest good slot at or after not_before: days are scanned from not_before's local date
//    (the same day counts if a slot is still ahead; a passed slot is skipped for the next one).
// 4. Never two items of the job in one slot: a slot is a 30-minute window, so any two items are
//    at least 30 minutes apart in UTC. A taken slot gives way to the next one in that morning's
//    order, else to the next good day.
// 5. Fallback days (Mon, Fri) are used only when every preferred-day slot in the two weeks from
//    not_before is taken; after that the search runs on for up to a year, then gives up.
// 6. A slot inside a DST gap moves forward by the gap (the TimeZones rule); the reason says so.
// 7. Deterministic: items are scheduled in their order, each seeing the slots of the ones
//    before; the same items and request always give the same schedule. An unknown zone is the
//    error of TimeZones::check and nothing is modified; so is any conversion error.
#include "core/agents/scheduler.hpp"

#include "core/model/platform.hpp"

#include <array>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace swarm::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr minutes kSlotLength{30};
constexpr int kPreferredHorizonDays = 14;
constexpr int kMaxHorizonDays = 366;

/// Weekday sets indexed by std::chrono::weekday::c_encoding() (0 = Sunday).
using DaySet = std::array<bool, 7>;
constexpr DaySet kTueToThu{false, false, true, true, true, false, false};
constexpr DaySet kMonFri{false, true, false, false, false, true, false};
constexpr DaySet kWeekdays{false, true, true, true, true, true, false};
constexpr DaySet kNoDays{};

struct SlotRule {
    DaySet preferred;
    DaySet fallback;
    minutes window_start;  // slots start in [window_start, window_end)
    minutes window_end;
    minutes first_choice;
    std::string_view preferred_text;  // "Tue-Thu", for the reason
    std::string_view why;
};

constexpr SlotRule kLinkedInSlots{
    .preferred = kTueToThu,
    .fallback = kMonFri,
    .window_start = hours{8},
    .window_end = hours{10},
    .first_choice = hours{9},
    .preferred_text = "Tue-Thu",
    .why = "LinkedIn engagement peaks on weekday mornings, best Tue-Thu 08:00-10:00"};
constexpr SlotRule kTwitterSlots{.preferred = kWeekdays,
                                 .fallback = kNoDays,
                                 .window_start = hours{9},
                                 .window_end = hours{11},
                                 .first_choice = hours{9} + minutes{30},
                                 .preferred_text = "Mon-Fri",
                                 .why = "X engagement peaks on weekday mornings 09:00-11:00"};
constexpr SlotRule kDeckSlots{
    .preferred = kTueToThu,
    .fallback = kMonFri,
    .window_start = hours{10},
    .window_end = hours{12},
    .first_choice = hours{10},
    .preferred_text = "Tue-Thu",
    .why =
        "investors read decks sent Tue-Thu mid-morning (a send time: the deck is shared, not "
        "posted)"};

const SlotRule& rule_for(Platform platform) {
    switch (platform) {
        case Platform::kLinkedIn:
            return kLinkedInSlots;
        case Platform::kTwitter:
            return kTwitterSlots;
        case Platform::kPitchDeck:
            return kDeckSlots;
    }
    return kLinkedInSlots;
}

/// The morning's slots in the order they are tried: the first choice, the later ones up to the
/// window's end, then the earlier ones from the window's start.
std::vector<minutes> slot_order(const SlotRule& rule) {
    std::vector<minutes> order;
    for (minutes t = rule.first_choice; t < rule.window_end; t += kSlotLength) {
        order.push_back(t);
    }
    for (minutes t = rule.window_start; t < rule.first_choice; t += kSlotLength) {
        order.push_back(t);
    }
    return order;
}

/// UTC instants already given to items of this job.
class TakenSlots {
public:
    bool conflicts(SysSeconds at) const {
        const auto it = taken_.lower_bound(at - kSlotLength + std::chrono::seconds{1});
        return it != taken_.end() && *it < at + kSlotLength;
    }

    void add(SysSeconds at) { taken_.insert(at); }

private:
    std::set<SysSeconds> taken_;
};

struct Choice {
    SysSeconds at_utc;
    LocalSeconds intended;       // the slot's wall time before any DST-gap move
    bool skipped_taken = false;  // an earlier candidate was taken by another item
};

struct SearchScope {
    DaySet days;
    int horizon_days;
};

Result<std::optional<Choice>> search(const SlotRule& rule, const SearchScope& scope,
                                     std::string_view zone, const TimeZones& tz,
                                     SysSeconds not_before, const TakenSlots& taken) {
    SWARM_TRY_ASSIGN(auto start_local, tz.to_local(zone, not_before));
    const auto first_day = std::chrono::floor<days>(start_local);
    const std::vector<minutes> order = slot_order(rule);
    bool skipped = false;
    for (int d = 0; d < scope.horizon_days; ++d) {
        const auto day = first_day + days{d};
        if (!scope.days[std::chrono::weekday{day}.c_encoding()]) {
            continue;
        }
        for (const minutes t : order) {
            const LocalSeconds wall{day + t};
            SWARM_TRY_ASSIGN(auto at, tz.to_utc(zone, wall));
            if (at < not_before) {
                continue;
            }
            if (taken.conflicts(at)) {
                skipped = true;
                continue;
            }
            return Choice{at, wall, skipped};
        }
    }
    return std::optional<Choice>{};
}

DaySet either(const DaySet& a, const DaySet& b) {
    DaySet out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = a[i] || b[i];
    }
    return out;
}

std::string hh_mm(LocalSeconds wall) {
    const std::chrono::hh_mm_ss hms{wall - std::chrono::floor<days>(wall)};
    return fmt::format("{:02}:{:02}", hms.hours().count(), hms.minutes().count());
}

}  // namespace

std::string iso_local(LocalSeconds wall, SysSeconds utc) {
    using std::chrono::days;
    using std::chrono::minutes;
    const auto day = std::chrono::floor<days>(wall);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{wall - day};
    const auto offset =
        std::chrono::duration_cast<minutes>(wall.time_since_epoch() - utc.time_since_epoch());
    const long total = offset.count() < 0 ? -offset.count() : offset.count();
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                       static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count(), offset.count() < 0 ? '-' : '+', total / 60,
                       total % 60);
}

namespace {

std::string_view weekday_name(LocalSeconds wall) {
    static constexpr std::array<std::string_view, 7> kNames{
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    return kNames[std::chrono::weekday{std::chrono::floor<days>(wall)}.c_encoding()];
}

std::string reason(const SlotRule& rule, const Choice& choice, LocalSeconds actual,
                   std::string_view zone, bool fallback_day) {
    std::string how = "first free slot at or after the requested start";
    if (fallback_day) {
        how = fmt::format("every {} slot in the next two weeks is taken, so a fallback day",
                          rule.preferred_text);
    } else if (choice.skipped_taken) {
        how = "earlier slots are taken by other items of this job; next free slot";
    }
    std::string text =
        fmt::format("{} {} {}: {}; {}", weekday_name(actual), hh_mm(actual), zone, rule.why, how);
    if (actual != choice.intended) {
        text += fmt::format("; {} does not exist that day (clock change), moved forward by the gap",
                            hh_mm(choice.intended));
    }
    return text + ".";
}

constexpr DaySet kEveryDay{true, true, true, true, true, true, true};

// The morning of the brief's event day, when it is still ahead; nullopt otherwise.
Result<std::optional<Schedule>> schedule_on_event_day(const SlotRule& rule,
                                                      const ScheduleRequest& request,
                                                      const TimeZones& tz,
                                                      const TakenSlots& taken) {
    const LocalSeconds midnight{std::chrono::local_days{*request.event_day}.time_since_epoch()};
    SWARM_TRY_ASSIGN(auto start, tz.to_utc(request.timezone, midnight));
    if (start + days{1} <= request.not_before) {
        return std::optional<Schedule>{};  // the day has passed
    }
    const SysSeconds from = std::max(start, request.not_before);
    SWARM_TRY_ASSIGN(auto found,
                     search(rule, SearchScope{kEveryDay, 1}, request.timezone, tz, from, taken));
    if (!found.has_value()) {
        return std::optional<Schedule>{};
    }
    const Choice& choice = *found;
    SWARM_TRY_ASSIGN(auto actual, tz.to_local(request.timezone, choice.at_utc));
    return std::optional<Schedule>{
        Schedule{choice.at_utc, iso_local(actual, choice.at_utc), request.timezone,
                 fmt::format("{} {} {}: the day the brief names for the news ({}); {}.",
                             weekday_name(actual), hh_mm(actual), request.timezone,
                             request.event_text, rule.why)}};
}

Result<Schedule> schedule_one(const ContentItem& item, const ScheduleRequest& request,
                              const TimeZones& tz, const TakenSlots& taken) {
    const SlotRule& rule = rule_for(item.platform);
    if (request.event_day && request.event_day->ok() && item.platform != Platform::kPitchDeck) {
        SWARM_TRY_ASSIGN(auto on_day, schedule_on_event_day(rule, request, tz, taken));
        if (on_day.has_value()) {
            return std::move(*on_day);
        }
    }
    const std::array<SearchScope, 2> scopes{
        SearchScope{rule.preferred, kPreferredHorizonDays},
        SearchScope{either(rule.preferred, rule.fallback), kMaxHorizonDays}};
    for (const SearchScope& scope : scopes) {
        SWARM_TRY_ASSIGN(auto found,
                         search(rule, scope, request.timezone, tz, request.not_before, taken));
        if (!found.has_value()) {
            continue;
        }
        const Choice& choice = *found;
        SWARM_TRY_ASSIGN(auto actual, tz.to_local(request.timezone, choice.at_utc));
        const auto wd = std::chrono::weekday{std::chrono::floor<days>(choice.intended)};
        const bool fallback_day = !rule.preferred[wd.c_encoding()];
        return Schedule{choice.at_utc, iso_local(actual, choice.at_utc), request.timezone,
                        reason(rule, choice, actual, request.timezone, fallback_day)};
    }
    return fail(ErrorCode::kResourceExhausted,
                "too many items to schedule: no free morning slot within a year", "items");
}

}  // namespace

Result<void> schedule_items(std::vector<ContentItem>& items, const ScheduleRequest& request,
                            const TimeZones& time_zones) {
    if (auto ok = time_zones.check(request.timezone); !ok) {
        return ok;
    }
    // All or nothing: schedules are computed first and assigned only when every item has one.
    std::vector<Schedule> schedules;
    schedules.reserve(items.size());
    TakenSlots taken;
    for (const ContentItem& item : items) {
        SWARM_TRY_ASSIGN(auto schedule, schedule_one(item, request, time_zones, taken));
        taken.add(schedule.at_utc);
        schedules.push_back(std::move(schedule));
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        items[i].schedule = std::move(schedules[i]);
    }
    return {};
}

}  // namespace swarm::core
