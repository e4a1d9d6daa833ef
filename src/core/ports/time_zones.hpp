// Port: the IANA time zone database (DST rules). Implemented by tz::DateTimeZones (system tzdata
// through Howard Hinnant's date library); the scheduler converts local wall times through it.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace swarm::core {

using LocalSeconds = std::chrono::local_seconds;
using SysSeconds = std::chrono::sys_seconds;

class TimeZones {
public:
    virtual ~TimeZones() = default;

    /// kInvalidArgument (field "timezone") when the zone is unknown.
    virtual Result<void> check(std::string_view zone) const = 0;

    /// Local wall time to UTC. A time in a DST gap moves forward by the gap; an ambiguous time
    /// (fall back) takes the earlier instant.
    virtual Result<SysSeconds> to_utc(std::string_view zone, LocalSeconds local) const = 0;

    /// UTC to local wall time.
    virtual Result<LocalSeconds> to_local(std::string_view zone, SysSeconds utc) const = 0;
};

}  // namespace swarm::core
