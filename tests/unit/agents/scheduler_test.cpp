// The scheduler's rules on the real tz database (weekday-morning slots per platform, next free
// slot, fallback days, DST on both sides of a change, odd offsets), a fake zone with a morning
// gap, all-or-nothing errors, and the iCalendar export (escaping, folding, UIDs, times).
#include "core/agents/scheduler.hpp"

#include "core/agents/ical.hpp"
#include "core/text/utf8.hpp"
#include "tz/date_time_zones.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using namespace std::chrono;  // NOLINT(google-build-using-namespace): calendar literals

LocalSeconds local(year_month_day d, int h, int m) {
    return LocalSeconds{local_days{d} + hours{h} + minutes{m}};
}

SysSeconds utc(year_month_day d, int h, int m) {
    return SysSeconds{sys_days{d} + hours{h} + minutes{m}};
}

ContentItem item(Platform platform, std::string body = "Hello") {
    ContentItem out;
    out.id = "job-" + std::string(to_string(platform));
    out.platform = platform;
    out.body = std::move(body);
    return out;
}

/// A zone that is UTC until 2026-12-01 09:00Z and UTC+gap after, so the wall clock jumps from
/// 09:00 to 09:00+gap on a Tuesday morning: no real zone has a gap inside a posting window.
class FakeGapTimeZones final : public TimeZones {
public:
    explicit FakeGapTimeZones(minutes gap) : gap_(gap) {}

    Result<void> check(std::string_view zone) const override {
        if (zone != "Test/Gap") {
            return fail(ErrorCode::kInvalidArgument, "unknown", "timezone");
        }
        return {};
    }

    Result<SysSeconds> to_utc(std::string_view /*zone*/, LocalSeconds wall) const override {
        const LocalSeconds after_gap = local(2026y / 12 / 1, 9, 0) + gap_;
        return SysSeconds{wall.time_since_epoch() - (wall < after_gap ? minutes{0} : gap_)};
    }

    Result<LocalSeconds> to_local(std::string_view /*zone*/, SysSeconds at) const override {
        return LocalSeconds{at.time_since_epoch() +
                            (at < utc(2026y / 12 / 1, 9, 0) ? minutes{0} : gap_)};
    }

private:
    minutes gap_;
};

/// The real database, failing every to_utc after the first `budget` calls.
class FailingTimeZones final : public TimeZones {
public:
    explicit FailingTimeZones(int budget) : budget_(budget) {}

    Result<void> check(std::string_view zone) const override { return real_.check(zone); }

    Result<SysSeconds> to_utc(std::string_view zone, LocalSeconds wall) const override {
        if (budget_-- <= 0) {
            return fail(ErrorCode::kInternal, "conversion failed");
        }
        return real_.to_utc(zone, wall);
    }

    Result<LocalSeconds> to_local(std::string_view zone, SysSeconds at) const override {
        return real_.to_local(zone, at);
    }

private:
    tz::DateTimeZones real_;
    mutable int budget_;
};

class SchedulerTest : public ::testing::Test {
protected:
    /// Schedules `items` from the local wall time `from` in `zone`; the call must succeed.
    std::vector<ContentItem> run(std::vector<ContentItem> items, const std::string& zone,
                                 LocalSeconds from) {
        const ScheduleRequest request{zone, zones_.to_utc(zone, from).value()};
        const auto result = schedule_items(items, request, zones_);
        EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
        return items;
    }

    Schedule one(Platform platform, const std::string& zone, LocalSeconds from) {
        return run({item(platform)}, zone, from).at(0).schedule.value();
    }

    tz::DateTimeZones zones_;
};

constexpr const char* kNewYork = "America/New_York";

TEST_F(SchedulerTest, LinkedInFirstChoiceIsTuesdayNine) {
    const Schedule s = one(Platform::kLinkedIn, kNewYork, local(2026y / 11 / 30, 12, 0));
    EXPECT_EQ(s.at_utc, utc(2026y / 12 / 1, 14, 0));
    EXPECT_EQ(s.suggested_at, "2026-12-01T09:00:00-05:00");
    EXPECT_EQ(s.timezone, kNewYork);
    EXPECT_EQ(s.reason,
              "Tuesday 09:00 America/New_York: LinkedIn engagement peaks on weekday mornings, "
              "best Tue-Thu 08:00-10:00; first free slot at or after the requested start.");
}

TEST_F(SchedulerTest, SameDayWhenTheSlotIsStillAhead) {
    EXPECT_EQ(one(Platform::kLinkedIn, kNewYork, local(2026y / 12 / 1, 7, 0)).suggested_at,
              "2026-12-01T09:00:00-05:00");
    EXPECT_EQ(one(Platform::kLinkedIn, kNewYork, local(2026y / 12 / 1, 9, 0)).suggested_at,
              "2026-12-01T09:00:00-05:00");
}

TEST_F(SchedulerTest, PassedSlotMovesToTheNextSlotThatMorning) {
    EXPECT_EQ(one(Platform::kLinkedIn, kNewYork, local(2026y / 12 / 1, 9, 10)).suggested_at,
              "2026-12-01T09:30:00-05:00");
}

TEST_F(SchedulerTest, AfterTheWindowMovesToTheNextGoodDay) {
    EXPECT_EQ(one(Platform::kLinkedIn, kNewYork, local(2026y / 12 / 1, 10, 5)).suggested_at,
              "2026-12-02T09:00:00-05:00");
    // Thursday afternoon: Friday and Monday are fallback days, so next Tuesday.
    EXPECT_EQ(one(Platform::kLinkedIn, kNewYork, local(2026y / 12 / 3, 14, 0)).suggested_at,
              "2026-12-08T09:00:00-05:00");
}

TEST_F(SchedulerTest, EachPlatformHasItsOwnMorningFromAWeekend) {
    const auto items =
        run({item(Platform::kLinkedIn), item(Platform::kTwitter), item(Platform::kPitchDeck)},
            kNewYork, local(2026y / 11 / 28, 12, 0));  // Saturday
    EXPECT_EQ(items[0].schedule->suggested_at, "2026-12-01T09:00:00-05:00");
    EXPECT_EQ(items[1].schedule->suggested_at, "2026-11-30T09:30:00-05:00");  // X: any weekday
    EXPECT_EQ(items[2].schedule->suggested_at, "2026-12-01T10:00:00-05:00");
    EXPECT_EQ(items[0].platform, Platform::kLinkedIn);  // order kept
    EXPECT_EQ(items[1].platform, Platform::kTwitter);
    EXPECT_EQ(items[2].platform, Platform::kPitchDeck);
    EXPECT_NE(items[2].schedule->reason.find("investors"), std::string::npos);
}

TEST_F(SchedulerTest, ATakenSlotGivesWayToTheNextOneThatMorning) {
    const auto items =
        run({item(Platform::kLinkedIn), item(Platform::kLinkedIn), item(Platform::kLinkedIn)},
            kNewYork, local(2026y / 12 / 1, 0, 0));
    EXPECT_EQ(items[0].schedule->suggested_at, "2026-12-01T09:00:00-05:00");
    EXPECT_EQ(items[1].schedule->suggested_at, "2026-12-01T09:30:00-05:00");
    EXPECT_EQ(items[2].schedule->suggested_at, "2026-12-01T08:00:00-05:00");
    EXPECT_NE(items[1].schedule->reason.find("taken by other items"), std::string::npos);
}

TEST_F(SchedulerTest, PlatformsShareOneSlotGrid) {
    // From 09:15 both LinkedIn and X want 09:30; X, second, takes 10:00.
    const auto items = run({item(Platform::kLinkedIn), item(Platform::kTwitter)}, kNewYork,
                           local(2026y / 12 / 1, 9, 15));
    EXPECT_EQ(items[0].schedule->suggested_at, "2026-12-01T09:30:00-05:00");
    EXPECT_EQ(items[1].schedule->suggested_at, "2026-12-01T10:00:00-05:00");
}

TEST_F(SchedulerTest, FallbackDaysOnlyWhenTwoWeeksOfPreferredSlotsAreTaken) {
    // Tue-Thu of two weeks hold 6 mornings x 4 slots = 24 items; the 25th goes to Friday.
    const std::vector<ContentItem> many(25, item(Platform::kLinkedIn));
    const auto items = run(many, kNewYork, local(2026y / 12 / 1, 0, 0));
    std::vector<SysSeconds> seen;
    for (std::size_t i = 0; i < 24; ++i) {
        EXPECT_EQ(items[i].schedule->reason.find("fallback"), std::string::npos) << i;
        seen.push_back(items[i].schedule->at_utc);
    }
    EXPECT_EQ(items[24].schedule->suggested_at, "2026-12-04T09:00:00-05:00");
    EXPECT_NE(items[24].schedule->reason.find("every Tue-Thu slot in the next two weeks is taken"),
              std::string::npos);
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
    EXPECT_EQ(items[23].schedule->suggested_at.substr(0, 10), "2026-12-10");
}

TEST_F(SchedulerTest, NewYorkSpringForwardKeepsTheLocalHour) {
    // Clocks go forward on Sunday 2026-03-08: 09:30 is 14:30Z before and 13:30Z after.
    const Schedule before = one(Platform::kTwitter, kNewYork, local(2026y / 3 / 6, 0, 0));
    EXPECT_EQ(before.suggested_at, "2026-03-06T09:30:00-05:00");
    EXPECT_EQ(before.at_utc, utc(2026y / 3 / 6, 14, 30));
    const Schedule after = one(Platform::kTwitter, kNewYork, local(2026y / 3 / 6, 12, 0));
    EXPECT_EQ(after.suggested_at, "2026-03-09T09:30:00-04:00");
    EXPECT_EQ(after.at_utc, utc(2026y / 3 / 9, 13, 30));
    EXPECT_EQ(after.reason.substr(0, 30), "Monday 09:30 America/New_York:");
}

TEST_F(SchedulerTest, NewYorkFallBackKeepsTheLocalHour) {
    const Schedule before = one(Platform::kLinkedIn, kNewYork, local(2026y / 10 / 29, 0, 0));
    EXPECT_EQ(before.suggested_at, "2026-10-29T09:00:00-04:00");
    EXPECT_EQ(before.at_utc, utc(2026y / 10 / 29, 13, 0));
    const Schedule after = one(Platform::kLinkedIn, kNewYork, local(2026y / 10 / 30, 12, 0));
    EXPECT_EQ(after.suggested_at, "2026-11-03T09:00:00-05:00");
    EXPECT_EQ(after.at_utc, utc(2026y / 11 / 3, 14, 0));
}

TEST_F(SchedulerTest, BerlinSpringForward) {
    const Schedule before = one(Platform::kTwitter, "Europe/Berlin", local(2026y / 3 / 27, 0, 0));
    EXPECT_EQ(before.suggested_at, "2026-03-27T09:30:00+01:00");
    EXPECT_EQ(before.at_utc, utc(2026y / 3 / 27, 8, 30));
    const Schedule after = one(Platform::kLinkedIn, "Europe/Berlin", local(2026y / 3 / 27, 12, 0));
    EXPECT_EQ(after.suggested_at, "2026-03-31T09:00:00+02:00");
    EXPECT_EQ(after.at_utc, utc(2026y / 3 / 31, 7, 0));
}

TEST_F(SchedulerTest, HalfHourAndZeroOffsets) {
    const Schedule kolkata = one(Platform::kLinkedIn, "Asia/Kolkata", local(2026y / 11 / 30, 0, 0));
    EXPECT_EQ(kolkata.suggested_at, "2026-12-01T09:00:00+05:30");
    EXPECT_EQ(kolkata.at_utc, utc(2026y / 12 / 1, 3, 30));
    const Schedule zulu = one(Platform::kLinkedIn, "UTC", local(2026y / 11 / 30, 0, 0));
    EXPECT_EQ(zulu.suggested_at, "2026-12-01T09:00:00+00:00");
}

TEST_F(SchedulerTest, LordHoweHalfHourDaylightSaving) {
    // +10:30 in standard time, +11:00 from 2026-10-04.
    EXPECT_EQ(
        one(Platform::kLinkedIn, "Australia/Lord_Howe", local(2026y / 9 / 28, 0, 0)).suggested_at,
        "2026-09-29T09:00:00+10:30");
    const Schedule after =
        one(Platform::kLinkedIn, "Australia/Lord_Howe", local(2026y / 10 / 5, 0, 0));
    EXPECT_EQ(after.suggested_at, "2026-10-06T09:00:00+11:00");
    EXPECT_EQ(after.at_utc, utc(2026y / 10 / 5, 22, 0));
}

TEST_F(SchedulerTest, ASlotInADstGapMovesForwardByTheGap) {
    const FakeGapTimeZones gap(hours{1});
    std::vector<ContentItem> items{item(Platform::kLinkedIn)};
    ASSERT_TRUE(schedule_items(items, {"Test/Gap", utc(2026y / 12 / 1, 0, 0)}, gap).has_value());
    const Schedule& s = *items[0].schedule;
    EXPECT_EQ(s.at_utc, utc(2026y / 12 / 1, 9, 0));
    EXPECT_EQ(s.suggested_at, "2026-12-01T10:00:00+01:00");
    EXPECT_EQ(s.reason.substr(0, 23), "Tuesday 10:00 Test/Gap:");
    EXPECT_NE(s.reason.find("09:00 does not exist that day"), std::string::npos);
}

TEST_F(SchedulerTest, SlotsThatMeetInUtcAfterAGapDoNotCollide) {
    // With a 30-minute gap, 09:00 (moved to 09:30) and 09:30 are the same instant.
    const FakeGapTimeZones gap(minutes{30});
    std::vector<ContentItem> items{item(Platform::kLinkedIn), item(Platform::kLinkedIn)};
    ASSERT_TRUE(schedule_items(items, {"Test/Gap", utc(2026y / 12 / 1, 0, 0)}, gap).has_value());
    EXPECT_EQ(items[0].schedule->at_utc, utc(2026y / 12 / 1, 9, 0));
    EXPECT_EQ(items[1].schedule->at_utc, utc(2026y / 12 / 1, 8, 0));
}

TEST_F(SchedulerTest, UnknownZoneIsTheCheckErrorAndChangesNothing) {
    std::vector<ContentItem> items{item(Platform::kLinkedIn), item(Platform::kTwitter)};
    items[1].schedule = Schedule{utc(2026y / 1 / 1, 0, 0), "kept", "UTC", "kept"};
    const auto before = items;
    const auto result = schedule_items(items, {"Mars/Base", {}}, zones_);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "timezone");
    EXPECT_EQ(result.error().message, zones_.check("Mars/Base").error().message);
    EXPECT_FALSE(items[0].schedule.has_value());
    EXPECT_EQ(items[1].schedule->suggested_at, "kept");
}

TEST_F(SchedulerTest, AConversionErrorHalfwayChangesNothing) {
    const FailingTimeZones failing(3);
    std::vector<ContentItem> items{item(Platform::kLinkedIn), item(Platform::kLinkedIn)};
    const auto result = schedule_items(items, {kNewYork, utc(2026y / 12 / 1, 14, 10)}, failing);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInternal);
    EXPECT_FALSE(items[0].schedule.has_value());
    EXPECT_FALSE(items[1].schedule.has_value());
}

TEST_F(SchedulerTest, SameInputsSameOutput) {
    const std::vector<ContentItem> input{item(Platform::kTwitter), item(Platform::kLinkedIn),
                                         item(Platform::kPitchDeck), item(Platform::kTwitter)};
    const auto a = run(input, "Europe/Berlin", local(2026y / 3 / 27, 9, 45));
    const auto b = run(input, "Europe/Berlin", local(2026y / 3 / 27, 9, 45));
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].schedule->at_utc, b[i].schedule->at_utc);
        EXPECT_EQ(a[i].schedule->suggested_at, b[i].schedule->suggested_at);
        EXPECT_EQ(a[i].schedule->reason, b[i].schedule->reason);
    }
}

TEST_F(SchedulerTest, NoItemsIsFine) {
    std::vector<ContentItem> items;
    EXPECT_TRUE(schedule_items(items, {kNewYork, {}}, zones_).has_value());
}

// ---- iCalendar ----

/// Undoes folding and splits the content lines (each must have ended in CRLF).
std::vector<std::string> unfold(const std::string& ics) {
    std::string joined;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
        } else {
            joined += ics[i];
        }
    }
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = joined.find("\r\n"); end != std::string::npos;
         end = joined.find("\r\n", start)) {
        lines.push_back(joined.substr(start, end - start));
        start = end + 2;
    }
    EXPECT_EQ(start, joined.size()) << "calendar must end with CRLF";
    return lines;
}

std::vector<std::string> values(const std::vector<std::string>& lines, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& line : lines) {
        if (line.rfind(name + ":", 0) == 0) {
            out.push_back(line.substr(name.size() + 1));
        }
    }
    return out;
}

SysSeconds parse_utc_basic(const std::string& v) {
    EXPECT_EQ(v.size(), 16U) << v;
    const auto num = [&](std::size_t pos, std::size_t len) {
        return std::stoi(v.substr(pos, len));
    };
    const year_month_day d{year{num(0, 4)}, month{static_cast<unsigned>(num(4, 2))},
                           day{static_cast<unsigned>(num(6, 2))}};
    return utc(d, num(9, 2), num(11, 2)) + seconds{num(13, 2)};
}

class IcalTest : public SchedulerTest {
protected:
    std::vector<ContentItem> scheduled() {
        auto items = run({item(Platform::kLinkedIn, "Launch day!\nWe ship, finally; see \\docs."),
                          item(Platform::kTwitter, "Thread 1/3"), item(Platform::kPitchDeck, "")},
                         kNewYork, local(2026y / 11 / 28, 0, 0));
        items[2].parts = {Part{"Problem", "", {"Slow", "Costly"}, ""}};
        return items;
    }

    CalendarOptions options_{"job-42", utc(2026y / 12 / 1, 14, 0), "content-swarm 0.1.0"};
};

TEST_F(IcalTest, CalendarFrameAndCrlfLineEndings) {
    const std::string ics = to_icalendar(scheduled(), options_);
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0U);
    EXPECT_NE(ics.find("\r\nPRODID:-//content-swarm//content-swarm 0.1.0//EN\r\n"),
              std::string::npos);
    EXPECT_NE(ics.find("\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"), std::string::npos);
    EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
    for (std::size_t i = ics.find('\n'); i != std::string::npos; i = ics.find('\n', i + 1)) {
        ASSERT_GT(i, 0U);
        EXPECT_EQ(ics[i - 1], '\r') << "bare LF at " << i;
    }
    const auto lines = unfold(ics);
    EXPECT_EQ(values(lines, "BEGIN").size(), 4U);  // VCALENDAR + 3 VEVENT
    EXPECT_EQ(values(lines, "DURATION"), std::vector<std::string>(3, "PT15M"));
    EXPECT_EQ(values(lines, "CATEGORIES"),
              (std::vector<std::string>{"linkedin", "twitter", "pitch_deck"}));
}

TEST_F(IcalTest, UidsAreStableUniqueAndSkipUnscheduledItems) {
    auto items = scheduled();
    items.push_back(items[0]);                  // a second LinkedIn item
    items.push_back(item(Platform::kTwitter));  // never scheduled: no event
    const auto uids = values(unfold(to_icalendar(items, options_)), "UID");
    EXPECT_EQ(uids, (std::vector<std::string>{
                        "job-42-linkedin@content-swarm", "job-42-twitter@content-swarm",
                        "job-42-pitch_deck@content-swarm", "job-42-linkedin-2@content-swarm"}));
}

TEST_F(IcalTest, TimesRoundTripInUtc) {
    const auto items = scheduled();
    const auto lines = unfold(to_icalendar(items, options_));
    const auto starts = values(lines, "DTSTART");
    ASSERT_EQ(starts.size(), 3U);
    EXPECT_EQ(starts[0], "20261201T140000Z");  // Tuesday 09:00 EST
    for (std::size_t i = 0; i < starts.size(); ++i) {
        EXPECT_EQ(parse_utc_basic(starts[i]), items[i].schedule->at_utc);
    }
    for (const auto& stamp : values(lines, "DTSTAMP")) {
        EXPECT_EQ(parse_utc_basic(stamp), options_.stamp);
    }
}

TEST_F(IcalTest, SummaryAndDescription) {
    const auto lines = unfold(to_icalendar(scheduled(), options_));
    EXPECT_EQ(values(lines, "SUMMARY"),
              (std::vector<std::string>{"Post to LinkedIn: Launch day!",
                                        "Post to X (Twitter): Thread 1/3",
                                        "Send Pitch deck to investors: Problem"}));
    const auto descriptions = values(lines, "DESCRIPTION");
    EXPECT_EQ(descriptions.at(0), "Launch day!\\nWe ship\\, finally\\; see \\\\docs.");
    EXPECT_EQ(descriptions.at(2), "Problem\\n- Slow\\n- Costly");
}

TEST_F(IcalTest, LongSummaryIsCutAtAGraphemeBoundary) {
    std::string title;
    for (int i = 0; i < 40; ++i) {
        title += "e\u0301\U0001F680";  // e + combining acute, rocket: never split
    }
    auto items = run({item(Platform::kLinkedIn, title)}, "UTC", local(2026y / 12 / 1, 0, 0));
    const auto summary = values(unfold(to_icalendar(items, options_)), "SUMMARY").at(0);
    const std::string text = summary.substr(std::string("Post to LinkedIn: ").size());
    EXPECT_EQ(text.substr(text.size() - 3), "\u2026");
    EXPECT_EQ(text::graphemes(text).size(), 60U);
    EXPECT_EQ(text.substr(0, text.size() - 3).size() % std::string("e\u0301\U0001F680").size(),
              std::string("e\u0301").size());  // 29 whole triples and a whole "é"
}

TEST(IcalText, EscapesBackslashSemicolonCommaAndLineBreaks) {
    EXPECT_EQ(ical_escape_text("a,b;c\\d\r\nx\ny\rz\x01\tend"), "a\\,b\\;c\\\\d\\nx\\ny\\nz\tend");
    EXPECT_EQ(ical_escape_text("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \xEF\xBF\xBD");
}

TEST(IcalText, ShortLinesAreNotFolded) {
    EXPECT_EQ(ical_fold_line("VERSION:2.0"), "VERSION:2.0\r\n");
    const std::string exact(75, 'a');
    EXPECT_EQ(ical_fold_line(exact), exact + "\r\n");
    EXPECT_EQ(ical_fold_line(exact + "b"), exact + "\r\n b\r\n");
}

TEST(IcalText, FoldsAt75OctetsWithoutSplittingUtf8) {
    std::string line = "DESCRIPTION:";
    for (int i = 0; i < 30; ++i) {
        line +=
            "Gr\xC3\xBC\xC3\x9F"        // Grüß (2-byte)
            "\xE6\x97\xA5\xE6\x9C\xAC"  // 日本 (3-byte)
            "\xF0\x9F\x8E\x89";         // 🎉 (4-byte)
    }
    const std::string folded = ical_fold_line(line);
    std::vector<std::string> physical;
    std::size_t start = 0;
    for (std::size_t end = folded.find("\r\n"); end != std::string::npos;
         end = folded.find("\r\n", start)) {
        physical.push_back(folded.substr(start, end - start));
        start = end + 2;
    }
    ASSERT_GT(physical.size(), 5U);
    std::string unfolded;
    for (std::size_t i = 0; i < physical.size(); ++i) {
        const std::string& p = physical[i];
        EXPECT_LE(p.size(), 75U) << i;
        const std::string content = i == 0 ? p : p.substr(1);
        if (i > 0) {
            EXPECT_EQ(p[0], ' ');
        }
        if (i + 1 < physical.size()) {
            EXPECT_GE(p.size(), 72U) << "a fold wastes at most 3 octets";
        }
        EXPECT_EQ(text::encode(text::decode(content)), content) << "split sequence on line " << i;
        unfolded += content;
    }
    EXPECT_EQ(unfolded, line);
}

// The date a brief names for its news: posts go out that morning, on any weekday or weekend day
// ahead of the start, in the zone's wall time; the deck keeps its rule; a past day is ignored.
TEST_F(SchedulerTest, PostsGoOutOnTheDateTheBriefNames) {
    for (const std::string_view zone_name : {kNewYork, "Europe/Berlin", "Australia/Sydney"}) {
        const std::string zone(zone_name);
        for (int day = 1; day <= 14; ++day) {  // every weekday, twice
            const year_month_day event = 2027y / 3 / day;
            ScheduleRequest request{zone, zones_.to_utc(zone, local(2027y / 2 / 20, 12, 0)).value(),
                                    event, "the day"};
            std::vector<ContentItem> items{item(Platform::kLinkedIn), item(Platform::kTwitter),
                                           item(Platform::kPitchDeck)};
            ASSERT_TRUE(schedule_items(items, request, zones_).has_value());
            for (std::size_t i = 0; i < 2; ++i) {
                const auto wall = zones_.to_local(zone, items[i].schedule->at_utc).value();
                EXPECT_EQ(year_month_day{std::chrono::floor<std::chrono::days>(wall)}, event)
                    << zone << " " << day << " " << items[i].schedule->reason;
                EXPECT_NE(items[i].schedule->reason.find("the day the brief names"),
                          std::string::npos);
            }
            EXPECT_EQ(items[2].schedule->reason.find("the day the brief names"), std::string::npos);
        }
    }
    // A day already past: the usual weekday rule.
    ScheduleRequest past{kNewYork, zones_.to_utc(kNewYork, local(2027y / 3 / 20, 12, 0)).value(),
                         2027y / 3 / 3, "3 March"};
    std::vector<ContentItem> items{item(Platform::kLinkedIn)};
    ASSERT_TRUE(schedule_items(items, past, zones_).has_value());
    EXPECT_EQ(items[0].schedule->reason.find("the day the brief names"), std::string::npos);
}

}  // namespace
}  // namespace swarm::core
