// The pure parts behind PATCH /api/v1/content/{id} and POST /api/v1/validate: who may set which
// status (every role x from-status x to-status), the review step an edit records, calendar moves
// across DST changes on the real tz database, the lengths the validate endpoint reports against
// the validator's own too-long issues (generated texts), and the workspace feed's calendar.
#include "http/handlers/item_review.hpp"

#include "core/agents/scheduler.hpp"
#include "core/validate/validator.hpp"
#include "http/handlers/validate_handlers.hpp"
#include "tz/date_time_zones.hpp"

#include <array>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::http {
namespace {

using core::access::Role;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::array<const char*, 5> kStatuses{"draft", "in_review", "changes_requested",
                                               "approved", "scheduled"};

dto::ItemPatch status_patch(const std::string& status) {
    dto::ItemPatch patch;
    patch.status = status;
    return patch;
}

sys_seconds utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
           std::chrono::hours{h} + std::chrono::minutes{min};
}

TEST(ReviewSteps, EveryRoleFromEveryStatusToEveryStatus) {
    for (const auto role : {Role::kViewer, Role::kReviewer, Role::kEditor, Role::kOwner}) {
        for (const std::string from : kStatuses) {
            for (const std::string to : kStatuses) {
                SCOPED_TRACE(std::string(core::access::to_string(role)) + " " + from + " -> " + to);
                const auto got = check_review_step(role, from, status_patch(to));
                const bool editor = role == Role::kEditor || role == Role::kOwner;
                const bool reviewer_may =
                    to == "approved" || to == "changes_requested" || to == "draft";
                if (!editor && !reviewer_may) {
                    ASSERT_FALSE(got.has_value());
                    EXPECT_EQ(got.error().code, core::ErrorCode::kPermissionDenied);
                    EXPECT_EQ(got.error().field, "role");
                } else if (to == "scheduled" && from != "approved" && from != "scheduled") {
                    ASSERT_FALSE(got.has_value());
                    EXPECT_EQ(got.error().code, core::ErrorCode::kFailedPrecondition);
                    EXPECT_EQ(got.error().field, "status");
                } else {
                    EXPECT_TRUE(got.has_value()) << got.error().message;
                }
            }
        }
    }
}

TEST(ReviewSteps, ReviewersMayCommentButNotEditOrMove) {
    dto::ItemPatch comment;
    comment.comment = "Looks good";
    EXPECT_TRUE(check_review_step(Role::kReviewer, "in_review", comment).has_value());
    dto::ItemPatch move;
    move.schedule_at = utc(2026, 3, 9, 13);
    EXPECT_EQ(check_review_step(Role::kReviewer, "approved", move).error().field, "role");
    EXPECT_TRUE(check_review_step(Role::kEditor, "approved", move).has_value());
    for (const auto edit : {0, 1, 2}) {
        dto::ItemPatch text;
        if (edit == 0) {
            text.body = "New text";
        } else if (edit == 1) {
            text.parts = std::vector<core::Part>{};
        } else {
            text.hashtags = std::vector<std::string>{"#a"};
        }
        EXPECT_EQ(check_review_step(Role::kReviewer, "draft", text).error().field, "role");
    }
}

TEST(ReviewSteps, AStatusChangeACommentOrAMoveIsRecordedAndNothingElse) {
    core::ContentItem after;
    after.status = "approved";
    const auto now = utc(2026, 5, 1, 12);
    EXPECT_FALSE(review_step(dto::ItemPatch{}, "approved", after, "a@x", now).has_value());
    // The same status again, without a comment: no step.
    EXPECT_FALSE(review_step(status_patch("approved"), "approved", after, "a@x", now));
    const auto approved = review_step(status_patch("approved"), "in_review", after, "a@x", now);
    ASSERT_TRUE(approved);
    EXPECT_EQ(approved->status, "approved");
    EXPECT_EQ(approved->by, "a@x");
    EXPECT_EQ(approved->comment, "");
    EXPECT_EQ(approved->at, "2026-05-01T12:00:00Z");
    auto with_comment = status_patch("approved");
    with_comment.comment = "Ship it";
    EXPECT_EQ(review_step(with_comment, "in_review", after, "a@x", now)->comment, "Ship it");
    dto::ItemPatch move;
    move.schedule_at = utc(2026, 5, 4, 13);
    after.schedule = core::Schedule{*move.schedule_at, "2026-05-04T09:00:00-04:00",
                                    "America/New_York", "moved by a@x"};
    const auto moved = review_step(move, "approved", after, "a@x", now);
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->status, "approved");  // the status as it stays
    EXPECT_EQ(moved->comment, "moved to 2026-05-04T09:00:00-04:00");
}

TEST(ReviewSteps, AuditActionsNameTheStep) {
    EXPECT_EQ(review_action(status_patch("in_review")), "item.submit");
    EXPECT_EQ(review_action(status_patch("approved")), "item.approve");
    EXPECT_EQ(review_action(status_patch("changes_requested")), "item.request_changes");
    EXPECT_EQ(review_action(status_patch("scheduled")), "item.schedule");
    EXPECT_EQ(review_action(status_patch("draft")), "item.reject");
    dto::ItemPatch move;
    move.schedule_at = utc(2026, 1, 1, 0);
    EXPECT_EQ(review_action(move), "item.move");
    dto::ItemPatch comment;
    comment.comment = "hm";
    EXPECT_EQ(review_action(comment), "item.comment");
    dto::ItemPatch text;
    text.body = "x";
    EXPECT_EQ(review_action(text), "item.edit");
}

struct MoveCase {
    const char* zone;
    sys_seconds at;
    const char* suggested_at;
};

TEST(ReviewSteps, MovesKeepTheWallTimeAndTheOffsetInForceAcrossDstChanges) {
    const tz::DateTimeZones zones;
    // 09:00 local on both sides of each change: the offset in suggested_at follows the instant.
    const std::vector<MoveCase> cases{
        {"America/New_York", utc(2026, 3, 6, 14), "2026-03-06T09:00:00-05:00"},
        {"America/New_York", utc(2026, 3, 9, 13), "2026-03-09T09:00:00-04:00"},
        {"America/New_York", utc(2026, 10, 30, 13), "2026-10-30T09:00:00-04:00"},
        {"America/New_York", utc(2026, 11, 2, 14), "2026-11-02T09:00:00-05:00"},
        {"America/New_York", utc(2026, 3, 8, 7), "2026-03-08T03:00:00-04:00"},  // just after
        {"Europe/Berlin", utc(2026, 3, 27, 8), "2026-03-27T09:00:00+01:00"},
        {"Europe/Berlin", utc(2026, 3, 30, 7), "2026-03-30T09:00:00+02:00"},
        {"Europe/Berlin", utc(2026, 10, 23, 7), "2026-10-23T09:00:00+02:00"},
        {"Europe/Berlin", utc(2026, 10, 26, 8), "2026-10-26T09:00:00+01:00"},
        {"Europe/Berlin", utc(2026, 10, 25, 0, 30), "2026-10-25T02:30:00+02:00"},  // repeated
        {"Europe/Berlin", utc(2026, 10, 25, 1, 30), "2026-10-25T02:30:00+01:00"},  // hour
        {"UTC", utc(2026, 7, 1, 9), "2026-07-01T09:00:00+00:00"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.zone) + " " + c.suggested_at);
        core::ContentItem item;
        item.schedule = core::Schedule{utc(2026, 1, 1, 0), "x", c.zone, "first"};
        ASSERT_TRUE(move_schedule(item, c.at, "Asia/Tokyo", "ana@example.com", zones));
        EXPECT_EQ(item.schedule->at_utc, c.at);
        EXPECT_EQ(item.schedule->suggested_at, c.suggested_at);
        EXPECT_EQ(item.schedule->timezone, c.zone);  // the schedule's zone wins
        EXPECT_EQ(item.schedule->reason, "moved by ana@example.com");
    }
    // Without a schedule: the workspace's zone, else UTC.
    core::ContentItem bare;
    ASSERT_TRUE(move_schedule(bare, utc(2026, 3, 30, 7), "Europe/Berlin", "k", zones));
    EXPECT_EQ(bare.schedule->suggested_at, "2026-03-30T09:00:00+02:00");
    core::ContentItem none;
    ASSERT_TRUE(move_schedule(none, utc(2026, 3, 30, 7), "", "k", zones));
    EXPECT_EQ(none.schedule->timezone, "UTC");
    EXPECT_EQ(none.schedule->suggested_at, "2026-03-30T07:00:00+00:00");
    core::ContentItem unknown;
    EXPECT_FALSE(move_schedule(unknown, utc(2026, 3, 30, 7), "Mars/Olympus", "k", zones));
}

/// Texts of every kind the counters treat differently: words, URLs, emoji (with modifiers, ZWJ
/// sequences, flags), CJK, decomposed accents, line breaks.
std::string random_text(std::mt19937& rng, std::size_t tokens) {
    static const std::vector<std::string> kTokens{"field",
                                                  "notes",
                                                  "2.1M",
                                                  "https://example.com/a/b?c=1",
                                                  "example.org",
                                                  "\U0001F600",
                                                  "\U0001F44D\U0001F3FD",
                                                  "\U0001F468\u200D\U0001F469\u200D\U0001F467",
                                                  "\U0001F1E9\U0001F1EA",
                                                  "\u6771\u4EAC",
                                                  "\u3053\u3093\u306B\u3061\u306F",
                                                  "e\u0301t\u00E9",
                                                  "caf\u00E9",
                                                  "#FieldService",
                                                  "\n",
                                                  "\u2014",
                                                  "\u00A0"};
    std::uniform_int_distribution<std::size_t> pick(0, kTokens.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < tokens; ++i) {
        out += (out.empty() ? "" : " ") + kTokens[pick(rng)];
    }
    return out;
}

std::set<std::string> too_long_locations(const core::ContentItem& item) {
    std::set<std::string> out;
    for (const auto& issue : core::validate_item(item, {}).issues) {
        if (issue.code == "x.too_long" || issue.code == "linkedin.too_long" ||
            issue.code == "deck.long_bullet") {
            out.insert(issue.location);
        }
    }
    return out;
}

TEST(MeasuredLengths, OverTheLimitExactlyWhereTheValidatorSaysTooLong) {
    std::mt19937 rng(20260315);  // fixed: a failure names its case
    int over = 0;
    int under = 0;
    for (int round = 0; round < 300; ++round) {
        core::ContentItem item;
        const int kind = round % 4;
        if (kind == 0) {
            item.platform = core::Platform::kLinkedIn;
            item.body = random_text(rng, 250 + rng() % 300);
        } else if (kind == 1) {
            item.platform = core::Platform::kTwitter;
            item.body = random_text(rng, 25 + rng() % 40);
        } else if (kind == 2) {
            item.platform = core::Platform::kTwitter;
            for (int i = 0; i < 3; ++i) {
                item.parts.push_back({"", random_text(rng, 25 + rng() % 40), {}, ""});
            }
        } else {
            item.platform = core::Platform::kPitchDeck;
            item.parts.push_back({"Problem", "", {}, ""});
            for (int i = 0; i < 3; ++i) {
                item.parts.back().bullets.push_back(random_text(rng, 6 + rng() % 12));
            }
        }
        const auto flagged = too_long_locations(item);
        const auto lengths = measured_lengths(item);
        ASSERT_FALSE(lengths.empty());
        std::set<std::string> measured_over;
        for (const auto& l : lengths) {
            if (l.length > l.limit) {
                measured_over.insert(l.location);
                ++over;
            } else {
                ++under;
            }
            if (l.weighted) {
                const auto part = static_cast<std::size_t>(l.location[6] - '0');
                const auto& text = l.location == "body" ? item.body : item.parts.at(part).body;
                EXPECT_EQ(l.length, core::x_weighted_length(text)) << l.location;
                EXPECT_EQ(l.limit, 280U);
            }
        }
        EXPECT_EQ(measured_over, flagged) << "round " << round;
    }
    // The generator reaches both sides of every limit often enough to mean something.
    EXPECT_GT(over, 50);
    EXPECT_GT(under, 50);
}

TEST(WorkspaceFeed, OneEventPerScheduledItemWithItsOwnUidFoldedWithCrlf) {
    std::vector<core::ContentItem> items(3);
    items[0].id = "itm_a";
    items[0].platform = core::Platform::kLinkedIn;
    items[0].body = std::string(200, 'x') + ", with; commas\nand lines";
    items[0].schedule = core::Schedule{utc(2026, 3, 9, 13), "", "America/New_York", ""};
    items[1].id = "itm_b";  // no schedule: no event
    items[2].id = "itm_c";
    items[2].platform = core::Platform::kLinkedIn;  // a second LinkedIn item of another job
    items[2].body = "\u6771\u4EAC \U0001F600";
    items[2].schedule = core::Schedule{utc(2026, 3, 10, 13), "", "UTC", ""};
    std::vector<core::CalendarEvent> events;
    events.reserve(items.size());
    for (const auto& item : items) {
        events.push_back({&item, item.id + "@content-swarm"});
    }
    const auto ics = core::to_icalendar(events, {"", utc(2026, 3, 1, 0), "test"});
    EXPECT_NE(ics.find("UID:itm_a@content-swarm\r\n"), std::string::npos);
    EXPECT_EQ(ics.find("itm_b"), std::string::npos);
    EXPECT_NE(ics.find("UID:itm_c@content-swarm\r\n"), std::string::npos);
    EXPECT_NE(ics.find("DTSTART:20260309T130000Z\r\n"), std::string::npos);
    std::size_t start = 0;
    while (start < ics.size()) {
        const auto end = ics.find("\r\n", start);
        ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
        EXPECT_LE(end - start, 75U);
        EXPECT_EQ(ics.substr(start, end - start).find('\n'), std::string::npos);
        start = end + 2;
    }
}

}  // namespace
}  // namespace swarm::http
