// TimeZones on the system tz database (/usr/share/zoneinfo) through Howard Hinnant's date library,
// the reference implementation of C++20 <chrono> time zones (GCC 12 lacks std::chrono::tzdb).
#pragma once

#include "core/ports/time_zones.hpp"

#include <string>

namespace date {
struct tzdb;
}  // namespace date

namespace swarm::tz {

/// Loads the database once, in the constructor, so no call can race its initialisation; after
/// that every member is const and safe to call from any thread (date loads each zone's rules
/// lazily under std::call_once). Unknown zones are kInvalidArgument (field "timezone"); a missing
/// database (no tzdata installed) makes every call kUnavailable instead of throwing.
class DateTimeZones final : public core::TimeZones {
public:
    DateTimeZones();

    core::Result<void> check(std::string_view zone) const override;
    core::Result<core::SysSeconds> to_utc(std::string_view zone,
                                          core::LocalSeconds local) const override;
    core::Result<core::LocalSeconds> to_local(std::string_view zone,
                                              core::SysSeconds utc) const override;

    /// The tzdata version that was loaded ("2025b"), or empty when none could be loaded.
    std::string version() const;

private:
    const date::tzdb* db_ = nullptr;
    std::string load_error_;  // why db_ is null
};

}  // namespace swarm::tz
