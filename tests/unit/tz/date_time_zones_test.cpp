// DateTimeZones against the system tz database: known zones, the unknown-zone error, DST gaps
// (moved forward by the gap), ambiguous times (earlier instant), odd offsets and threads.
#include "tz/date_time_zones.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::tz {
namespace {

using namespace std::chrono;  // NOLINT(google-build-using-namespace): calendar literals

core::LocalSeconds local(year_month_day d, int h, int m) {
    return core::LocalSeconds{local_days{d} + hours{h} + minutes{m}};
}

core::SysSeconds utc(year_month_day d, int h, int m) {
    return core::SysSeconds{sys_days{d} + hours{h} + minutes{m}};
}

class DateTimeZonesTest : public ::testing::Test {
protected:
    DateTimeZones zones_;
};

TEST_F(DateTimeZonesTest, LoadsTheSystemDatabase) {
    EXPECT_FALSE(zones_.version().empty());
}

TEST_F(DateTimeZonesTest, AcceptsIanaNames) {
    for (const char* zone : {"UTC", "Etc/UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata",
                             "Australia/Lord_Howe"}) {
        EXPECT_TRUE(zones_.check(zone).has_value()) << zone;
    }
}

TEST_F(DateTimeZonesTest, UnknownZoneIsInvalidArgumentNamingTheField) {
    for (const char* zone : {"Mars/Olympus_Mons", "", "america/new_york", "EST5EDT/Nowhere"}) {
        const auto result = zones_.check(zone);
        ASSERT_FALSE(result.has_value()) << zone;
        EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(result.error().field, "timezone");
        EXPECT_EQ(result.error().message,
                  "unknown time zone \"" + std::string(zone) +
                      "\"; use an IANA name such as UTC or America/New_York");
    }
}

TEST_F(DateTimeZonesTest, UnknownZoneFailsEveryCall) {
    EXPECT_FALSE(zones_.to_utc("Nowhere/City", local(2026y / 1 / 1, 9, 0)).has_value());
    EXPECT_FALSE(zones_.to_local("Nowhere/City", utc(2026y / 1 / 1, 9, 0)).has_value());
}

TEST_F(DateTimeZonesTest, LongUnknownNameIsQuotedShort) {
    const std::string zone(500, 'x');
    const auto result = zones_.check(zone);
    ASSERT_FALSE(result.has_value());
    EXPECT_LT(result.error().message.size(), 200U);
}

TEST_F(DateTimeZonesTest, DatabaseFilesThatAreNotZonesAreUnknown) {
    for (const char* name : {"zone.tab", "tzdata.zi", "leapseconds", "../zoneinfo/UTC"}) {
        EXPECT_FALSE(zones_.check(name).has_value()) << name;
    }
}

TEST_F(DateTimeZonesTest, OrdinaryWinterAndSummerTimes) {
    EXPECT_EQ(zones_.to_utc("America/New_York", local(2026y / 12 / 1, 9, 0)).value(),
              utc(2026y / 12 / 1, 14, 0));
    EXPECT_EQ(zones_.to_utc("America/New_York", local(2026y / 7 / 1, 9, 0)).value(),
              utc(2026y / 7 / 1, 13, 0));
    EXPECT_EQ(zones_.to_utc("UTC", local(2026y / 7 / 1, 9, 0)).value(), utc(2026y / 7 / 1, 9, 0));
}

TEST_F(DateTimeZonesTest, SpringForwardGapMovesForwardByTheGap) {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist.
    const auto at = zones_.to_utc("America/New_York", local(2026y / 3 / 8, 2, 30)).value();
    EXPECT_EQ(at, utc(2026y / 3 / 8, 7, 30));
    EXPECT_EQ(zones_.to_local("America/New_York", at).value(), local(2026y / 3 / 8, 3, 30));
}

TEST_F(DateTimeZonesTest, FallBackAmbiguityTakesTheEarlierInstant) {
    // New York, 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    EXPECT_EQ(zones_.to_utc("America/New_York", local(2026y / 11 / 1, 1, 30)).value(),
              utc(2026y / 11 / 1, 5, 30));
    EXPECT_EQ(zones_.to_utc("America/New_York", local(2026y / 11 / 1, 2, 30)).value(),
              utc(2026y / 11 / 1, 7, 30));
}

TEST_F(DateTimeZonesTest, BerlinSpringForward) {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    EXPECT_EQ(zones_.to_utc("Europe/Berlin", local(2026y / 3 / 29, 2, 15)).value(),
              utc(2026y / 3 / 29, 1, 15));  // 03:15 CEST
    EXPECT_EQ(zones_.to_utc("Europe/Berlin", local(2026y / 3 / 28, 9, 0)).value(),
              utc(2026y / 3 / 28, 8, 0));
    EXPECT_EQ(zones_.to_utc("Europe/Berlin", local(2026y / 3 / 30, 9, 0)).value(),
              utc(2026y / 3 / 30, 7, 0));
}

TEST_F(DateTimeZonesTest, HalfHourOffsets) {
    EXPECT_EQ(zones_.to_utc("Asia/Kolkata", local(2026y / 12 / 1, 9, 0)).value(),
              utc(2026y / 12 / 1, 3, 30));
    EXPECT_EQ(zones_.to_local("Asia/Kolkata", utc(2026y / 12 / 1, 3, 30)).value(),
              local(2026y / 12 / 1, 9, 0));
}

TEST_F(DateTimeZonesTest, LordHoweHalfHourDstGap) {
    // Lord Howe, 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11:00); 02:15 moves to 02:45.
    const auto at = zones_.to_utc("Australia/Lord_Howe", local(2026y / 10 / 4, 2, 15)).value();
    EXPECT_EQ(at, utc(2026y / 10 / 3, 15, 45));
    EXPECT_EQ(zones_.to_local("Australia/Lord_Howe", at).value(), local(2026y / 10 / 4, 2, 45));
}

TEST_F(DateTimeZonesTest, RoundTripsEveryHalfHourAcrossAYear) {
    // Away from gaps and overlaps, local -> UTC -> local is the identity.
    for (const char* zone : {"America/New_York", "Europe/Berlin", "Asia/Kolkata"}) {
        for (int day = 0; day < 365; day += 3) {
            const auto wall = core::LocalSeconds{local_days{2026y / 1 / 1} + days{day} + hours{9}};
            const auto at = zones_.to_utc(zone, wall).value();
            EXPECT_EQ(zones_.to_local(zone, at).value(), wall) << zone << " day " << day;
        }
    }
}

TEST_F(DateTimeZonesTest, SafeToShareAcrossThreads) {
    // Zones load their rules lazily; many threads touching fresh zones at once must agree.
    const std::vector<std::string> zones{"America/Chicago",   "Europe/Paris",
                                         "Asia/Tokyo",        "Africa/Cairo",
                                         "America/Sao_Paulo", "Pacific/Auckland"};
    const auto wall = local(2026y / 6 / 15, 9, 0);
    std::vector<std::vector<core::SysSeconds>> seen(4);
    std::vector<std::thread> threads;
    threads.reserve(seen.size());
    for (auto& out : seen) {
        threads.emplace_back([&, out_ptr = &out] {
            for (const auto& zone : zones) {
                out_ptr->push_back(zones_.to_utc(zone, wall).value_or(core::SysSeconds{}));
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    for (const auto& out : seen) {
        EXPECT_EQ(out, seen.front());
    }
    EXPECT_EQ(seen.front().at(2), utc(2026y / 6 / 15, 0, 0));  // Tokyo, +09:00
}

}  // namespace
}  // namespace swarm::tz
