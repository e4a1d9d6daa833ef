// TimeZones on the system tz database (/usr/share/zoneinfo) through Howard Hinnant's date library,
// the reference implementation of C++20 <chrono> time zones (GCC 12 lacks std::chrono::tzdb).
#pragma once

#include "core/ports/time_zones.hpp"

namespace swarm::tz {

class DateTimeZones final : public core::TimeZones {
public:
    core::Result<void> check(std::string_view zone) const override;
    core::Result<core::SysSeconds> to_utc(std::string_view zone,
                                          core::LocalSeconds local) const override;
    core::Result<core::LocalSeconds> to_local(std::string_view zone,
                                              core::SysSeconds utc) const override;
};

}  // namespace swarm::tz
