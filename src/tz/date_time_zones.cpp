#include "tz/date_time_zones.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

#include <date/tz.h>

namespace swarm::tz {
namespace {

// Error messages quote the caller's zone name; a pathological one is cut short.
constexpr std::size_t kMaxQuotedZone = 64;

tl::unexpected<core::Error> unknown_zone(std::string_view zone) {
    std::string quoted(zone.substr(0, kMaxQuotedZone));
    if (zone.size() > kMaxQuotedZone) {
        quoted += "...";
    }
    return core::fail(
        core::ErrorCode::kInvalidArgument,
        "unknown time zone \"" + quoted + "\"; use an IANA name such as UTC or America/New_York",
        "timezone");
}

/// The one place date's exceptions are caught: locate_zone throws std::runtime_error for a name
/// the database does not hold. (The shared library exports only the free date::locate_zone, which
/// searches the database get_tzdb() returns: the one the constructor loaded.)
core::Result<const date::time_zone*> find_zone(const date::tzdb* db, const std::string& load_error,
                                               std::string_view zone) {
    if (db == nullptr) {
        core::Error error{core::ErrorCode::kUnavailable,
                          "the time zone database could not be loaded; install tzdata", "timezone",
                          load_error};
        return tl::unexpected(std::move(error));
    }
    try {
        return date::locate_zone(zone);
    } catch (const std::runtime_error&) {
        return unknown_zone(zone);
    }
}

}  // namespace

DateTimeZones::DateTimeZones() {
    // get_tzdb() reads /usr/share/zoneinfo on first use; doing it here, before the object is
    // shared, keeps that first load off the concurrent paths.
    try {
        db_ = &date::get_tzdb();
    } catch (const std::exception& e) {
        load_error_ = e.what();
    }
}

std::string DateTimeZones::version() const {
    return db_ != nullptr ? db_->version : std::string{};
}

core::Result<void> DateTimeZones::check(std::string_view zone) const {
    SWARM_TRY(find_zone(db_, load_error_, zone));
    return {};
}

core::Result<core::SysSeconds> DateTimeZones::to_utc(std::string_view zone,
                                                     core::LocalSeconds local) const {
    SWARM_TRY_ASSIGN(const auto* tz, find_zone(db_, load_error_, zone));
    const date::local_seconds wall{local.time_since_epoch()};
    // `first` is the offset in force just before the wall time. Subtracting it gives the earlier
    // instant of an ambiguous time (fall back) and moves a time in a gap (spring forward) forward
    // by the length of the gap: 02:30 in New York on 2026-03-08 becomes 03:30 EDT.
    // (choose::earliest would instead snap every time in the gap to the transition itself.)
    const date::local_info info = tz->get_info(wall);
    return core::SysSeconds{wall.time_since_epoch() - info.first.offset};
}

core::Result<core::LocalSeconds> DateTimeZones::to_local(std::string_view zone,
                                                         core::SysSeconds utc) const {
    SWARM_TRY_ASSIGN(const auto* tz, find_zone(db_, load_error_, zone));
    const date::local_seconds wall = tz->to_local(date::sys_seconds{utc.time_since_epoch()});
    return core::LocalSeconds{wall.time_since_epoch()};
}

}  // namespace swarm::tz
