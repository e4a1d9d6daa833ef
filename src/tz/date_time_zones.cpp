#include "tz/date_time_zones.hpp"

namespace swarm::tz {

core::Result<void> DateTimeZones::check(std::string_view /*zone*/) const { return {}; }

core::Result<core::SysSeconds> DateTimeZones::to_utc(std::string_view /*zone*/,
                                                     core::LocalSeconds local) const {
    return core::SysSeconds{local.time_since_epoch()};
}

core::Result<core::LocalSeconds> DateTimeZones::to_local(std::string_view /*zone*/,
                                                         core::SysSeconds utc) const {
    return core::LocalSeconds{utc.time_since_epoch()};
}

}  // namespace swarm::tz
