// Test double for the TimeZones port: knows only "UTC" (local time equals UTC), so pipeline tests
// run without tzdata and an unknown zone fails the way the real adapter does.
#pragma once

#include "core/ports/time_zones.hpp"

#include <string>
#include <string_view>

namespace swarm::test {

class FixedTimeZones final : public core::TimeZones {
public:
    core::Result<void> check(std::string_view zone) const override {
        if (zone == "UTC") {
            return {};
        }
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "unknown time zone \"" + std::string(zone) + "\"; this fake knows UTC",
                          "timezone");
    }

    core::Result<core::SysSeconds> to_utc(std::string_view zone,
                                          core::LocalSeconds local) const override {
        if (auto ok = check(zone); !ok) {
            return tl::unexpected(ok.error());
        }
        return core::SysSeconds{local.time_since_epoch()};
    }

    core::Result<core::LocalSeconds> to_local(std::string_view zone,
                                              core::SysSeconds utc) const override {
        if (auto ok = check(zone); !ok) {
            return tl::unexpected(ok.error());
        }
        return core::LocalSeconds{utc.time_since_epoch()};
    }
};

}  // namespace swarm::test
