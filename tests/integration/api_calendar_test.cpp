// The calendar, the iCalendar feed and the settings the web app shows, on the real server: the
// window [from, to) in time order and its bounds, the content list's date filters, the feed's
// token (rotation: the old URL is 404; tampered tokens 404 alike) and its RFC 5545 text (CRLF,
// folding at 75 octets, one UID per item, UTC DTSTART, escaped SUMMARY), usage this month,
// preferences (time zone checked against the tz database), the server's model, and the brand
// profile's contrast notes (the renderer's).
#include "codec/time_text.hpp"
#include "core/agents/designer.hpp"
#include "web_api_support.hpp"

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_seconds;

/// A day a month ahead (the feed holds 92 days back to a year ahead), midnight UTC.
sys_seconds day_ahead() {
    return std::chrono::floor<days>(std::chrono::system_clock::now()) + days{30};
}

std::string rfc3339(sys_seconds at) {
    return codec::utc_text(at);
}

/// 20261201T140000Z
std::string ics_time(sys_seconds at) {
    std::string out;
    for (const char c : codec::utc_text(at)) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out;
}

/// 2026-12-01T14:00:00+00:00: a UTC schedule's local time.
std::string utc_local(sys_seconds at) {
    const auto text = codec::utc_text(at);
    return text.substr(0, text.size() - 1) + "+00:00";
}

/// The feed's content lines: physical lines checked (CRLF only, at most 75 octets), unfolded.
std::vector<std::string> ics_lines(const std::string& text, int* folded) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF at " << start;
        if (end == std::string::npos) {
            break;
        }
        const auto line = text.substr(start, end - start);
        EXPECT_LE(line.size(), 75U) << line;
        EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "a bare CR or LF: " << line;
        if (!line.empty() && line[0] == ' ') {
            EXPECT_FALSE(lines.empty());
            lines.back() += line.substr(1);
            ++*folded;
        } else {
            lines.push_back(line);
        }
        start = end + 2;
    }
    return lines;
}

class CalendarApi : public WebApi {
protected:
    HttpReply calendar(const std::string& query, const std::string& key = {}) {
        return call("GET", "/api/v1/calendar" + query, key.empty() ? viewer_ : key);
    }

    void move(const std::string& id, sys_seconds at) {
        const auto moved = patch(id, editor_, json{{"schedule_at", rfc3339(at)}});
        ASSERT_EQ(moved.status, 200) << moved.body;
    }
};

TEST_F(CalendarApi, AWindowInTimeOrderItsBoundsAndTheListFilters) {
    const auto t = day_ahead();
    const auto a = finished_job();
    const auto b = finished_job(json{{"platforms", {"linkedin"}}});
    move(a.at("linkedin"), t + hours{26});
    move(a.at("twitter"), t + hours{2});
    move(a.at("pitch_deck"), t);          // at `from`: in
    move(b.at("linkedin"), t + days{3});  // at `to`: out
    const auto window = "?from=" + rfc3339(t) + "&to=" + rfc3339(t + days{3});
    const auto got = calendar(window);
    ASSERT_EQ(got.status, 200) << got.body;
    const auto body = body_of(got);
    EXPECT_EQ(body["time_zone"], "UTC");
    EXPECT_EQ(body["truncated"], false);
    ASSERT_EQ(body["items"].size(), 3U) << body.dump();
    const std::vector<std::pair<std::string, sys_seconds>> expected{
        {a.at("pitch_deck"), t},
        {a.at("twitter"), t + hours{2}},
        {a.at("linkedin"), t + hours{26}}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& entry = body["items"][i];
        EXPECT_EQ(entry["id"], expected[i].first);
        EXPECT_EQ(entry["at"], rfc3339(expected[i].second));
        EXPECT_EQ(entry["suggested_at"], utc_local(expected[i].second));
        EXPECT_EQ(entry["timezone"], "UTC");
        EXPECT_EQ(entry["status"], "draft");
        EXPECT_FALSE(entry["job_id"].get<std::string>().empty());
        EXPECT_FALSE(entry["excerpt"].get<std::string>().empty()) << entry.dump();
        EXPECT_LE(entry["excerpt"].get<std::string>().size(), 100U * 4);
    }
    EXPECT_EQ(body["items"][0]["platform"], "pitch_deck");
    // The same window through the content list's filters; created_* bound the creation time.
    const auto listed = body_of(call(
        "GET",
        "/api/v1/content?scheduled_from=" + rfc3339(t) + "&scheduled_to=" + rfc3339(t + days{3}),
        viewer_));
    std::set<std::string> ids;
    for (const auto& item : listed["items"]) {
        ids.insert(item["id"].get<std::string>());
    }
    EXPECT_EQ(ids, (std::set<std::string>{a.at("linkedin"), a.at("twitter"), a.at("pitch_deck")}));
    EXPECT_EQ(
        body_of(call("GET", "/api/v1/content?created_from=2000-01-01T00:00:00Z", viewer_))["items"]
            .size(),
        4U);
    EXPECT_EQ(
        body_of(call("GET", "/api/v1/content?created_to=2000-01-01T00:00:00Z", viewer_))["items"]
            .size(),
        0U);
    EXPECT_EQ(
        body_of(call("GET", "/api/v1/content?created_from=" + rfc3339(t), viewer_))["items"].size(),
        0U);
    for (const auto* param : {"scheduled_from", "scheduled_to", "created_from", "created_to"}) {
        const auto bad =
            call("GET", std::string("/api/v1/content?") + param + "=yesterday", viewer_);
        EXPECT_EQ(bad.status, 400) << param;
        EXPECT_EQ(field_of(bad), param);
    }
    // Bounds: both required, RFC 3339, to after from by at most 62 days.
    const std::vector<std::pair<std::string, std::string>> bad{
        {"?to=" + rfc3339(t), "from"},
        {"?from=" + rfc3339(t), "to"},
        {"?from=2026-05-01&to=" + rfc3339(t), "from"},
        {"?from=" + rfc3339(t) + "&to=" + rfc3339(t), "to"},
        {"?from=" + rfc3339(t) + "&to=" + rfc3339(t - hours{1}), "to"},
        {"?from=" + rfc3339(t) + "&to=" + rfc3339(t + days{62} + std::chrono::seconds{1}), "to"},
    };
    for (const auto& [query, field] : bad) {
        const auto refused = calendar(query);
        EXPECT_EQ(refused.status, 400) << query;
        EXPECT_EQ(field_of(refused), field) << query;
    }
    EXPECT_EQ(calendar("?from=" + rfc3339(t) + "&to=" + rfc3339(t + days{62})).status, 200);
    // The workspace's time zone; another workspace sees nothing of this one.
    ASSERT_EQ(
        call("PUT", "/api/v1/settings/preferences", owner_, json{{"time_zone", "Europe/Berlin"}})
            .status,
        200);
    EXPECT_EQ(body_of(calendar(window))["time_zone"], "Europe/Berlin");
    const auto other = calendar(window, admin_key("other", "viewer"));
    ASSERT_EQ(other.status, 200);
    EXPECT_EQ(body_of(other)["items"].size(), 0U);
    EXPECT_EQ(body_of(other)["time_zone"], "UTC");
}

TEST_F(CalendarApi, TheFeedIsAPrivateRotatableIcsOfTheScheduledItems) {
    const auto t = day_ahead() + hours{9};
    const auto items = finished_job();
    ASSERT_EQ(patch(items.at("linkedin"), editor_,
                    json{{"body", "Hello, world; back\\slash \u6771\u4EAC \U0001F600 " +
                                      std::string(120, 'x') + "\nsecond line"}})
                  .status,
              200);
    move(items.at("linkedin"), t);
    move(items.at("twitter"), t + hours{1});
    move(items.at("pitch_deck"), t + days{1});
    EXPECT_EQ(body_of(call("GET", "/api/v1/calendar/feed", owner_))["url"], nullptr);
    const auto made = call("POST", "/api/v1/calendar/feed", owner_);
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.header("cache-control"), "no-store");
    const auto url = body_of(made)["url"].get<std::string>();
    ASSERT_EQ(url.rfind("/ical/", 0), 0U) << url;
    EXPECT_EQ(body_of(call("GET", "/api/v1/calendar/feed", owner_))["url"], url);
    const auto feed = http_request(port(), "GET", url, {{"Authorization", ""}});
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
    EXPECT_EQ(feed.header("cache-control"), "no-store");
    EXPECT_EQ(feed.header("referrer-policy"), "no-referrer");
    int folded = 0;
    const auto lines = ics_lines(feed.body, &folded);
    EXPECT_GT(folded, 0);
    ASSERT_GE(lines.size(), 2U);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    std::map<std::string, std::map<std::string, std::string>> events;  // UID -> property -> value
    std::map<std::string, std::string> current;
    for (const auto& line : lines) {
        if (line == "END:VEVENT") {
            events[current["UID"]] = current;
        }
        const auto colon = line.find(':');
        current[line.substr(0, colon)] = line.substr(colon + 1);
        if (line == "BEGIN:VEVENT") {
            current.clear();
        }
    }
    ASSERT_EQ(events.size(), 3U) << feed.body;
    const std::map<std::string, sys_seconds> starts{
        {"linkedin", t}, {"twitter", t + hours{1}}, {"pitch_deck", t + days{1}}};
    for (const auto& [platform, at] : starts) {
        const auto& event = events[items.at(platform) + "@content-swarm"];
        EXPECT_EQ(event.at("DTSTART"), ics_time(at)) << platform;
    }
    const auto& summary = events[items.at("linkedin") + "@content-swarm"].at("SUMMARY");
    EXPECT_EQ(summary.rfind("Post to LinkedIn: Hello\\, world\\; back\\\\slash \u6771\u4EAC", 0),
              0U)
        << summary;
    EXPECT_EQ(summary.find("second line"), std::string::npos);  // the first line only
    // A new URL retires the old one; anything but the current token is the same 404.
    const auto rotated = body_of(call("POST", "/api/v1/calendar/feed", owner_))["url"];
    ASSERT_NE(rotated, url);
    EXPECT_EQ(http_request(port(), "GET", rotated, {{"Authorization", ""}}).status, 200);
    const auto gone = http_request(port(), "GET", url, {{"Authorization", ""}});
    EXPECT_EQ(gone.status, 404);
    const auto current_url = rotated.get<std::string>();
    const auto token = current_url.substr(6, current_url.size() - 10);  // between /ical/ and .ics
    const auto dot = token.rfind('.');
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    for (const auto& file : {tampered + ".ics", token, token + ".ICS",
                             "ws_0000000000000000" + token.substr(dot) + ".ics",
                             token.substr(0, dot) + ".ics", token.substr(dot + 1) + ".ics",
                             std::string(".ics"), token.substr(0, dot) + "." + ".ics"}) {
        const auto refused = http_request(port(), "GET", "/ical/" + file, {{"Authorization", ""}});
        EXPECT_EQ(refused.status, 404) << file;
        EXPECT_EQ(refused.body, gone.body) << file;
    }
    // The feed's secret is not a secret of the settings API.
    const auto settings = body_of(call("GET", "/api/v1/settings", owner_));
    for (const auto& secret : settings["secrets"]) {
        EXPECT_NE(secret["name"], "calendar_feed");
    }
    for (const auto* method : {"PUT", "DELETE"}) {
        const auto refused = call(method, "/api/v1/settings/secrets/calendar_feed", owner_,
                                  json{{"value", "chosen-by-hand"}});
        EXPECT_EQ(refused.status, 400) << method;
        EXPECT_EQ(field_of(refused), "name");
    }
    EXPECT_EQ(call("DELETE", "/api/v1/calendar/feed", owner_).status, 204);
    EXPECT_EQ(http_request(port(), "GET", rotated, {{"Authorization", ""}}).status, 404);
    EXPECT_EQ(body_of(call("GET", "/api/v1/calendar/feed", owner_))["url"], nullptr);
    EXPECT_EQ(call("DELETE", "/api/v1/calendar/feed", owner_).status, 404);
    const auto trail = call("GET", "/api/v1/audit?action=calendar.", owner_).body;
    EXPECT_NE(trail.find("calendar.feed_create"), std::string::npos);
    EXPECT_NE(trail.find("calendar.feed_delete"), std::string::npos);
}

TEST_F(CalendarApi, SettingsShowUsagePreferencesAndTheModel) {
    finished_job(json{{"platforms", {"linkedin"}}});
    auto settings = body_of(call("GET", "/api/v1/settings", owner_));
    const auto month =
        codec::utc_text(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))
            .substr(0, 7);
    EXPECT_EQ(settings["usage"], json({{"month", month},
                                       {"tokens", 0},
                                       {"tokens_this_month", 0},
                                       {"cost_usd", 0.0},
                                       {"monthly_token_cap", nullptr},
                                       {"open_jobs", 0},
                                       {"max_queued_jobs", 100}}))
        << settings.dump();
    EXPECT_EQ(settings["preferences"], json({{"time_zone", nullptr}}));
    EXPECT_EQ(settings["model"], nullptr);  // offline
    ASSERT_EQ(call("PUT", "/api/v1/settings/limits", owner_,
                   json{{"monthly_token_cap", 5000}, {"max_queued_jobs", 7}})
                  .status,
              200);
    settings = body_of(call("GET", "/api/v1/settings", owner_));
    EXPECT_EQ(settings["usage"]["monthly_token_cap"], 5000);
    EXPECT_EQ(settings["usage"]["max_queued_jobs"], 7);
    // Preferences: an IANA zone the tz database knows, or null for UTC.
    for (const auto& bad : {json{{"time_zone", "Mars/Olympus"}}, json{{"time_zone", "EST5EDT "}},
                            json{{"time_zone", 5}}, json{{"time_zone", ""}}, json::object()}) {
        const auto refused = call("PUT", "/api/v1/settings/preferences", owner_, bad);
        EXPECT_EQ(refused.status, 400) << bad.dump() << refused.body;
        EXPECT_EQ(field_of(refused), "time_zone") << bad.dump();
    }
    EXPECT_EQ(field_of(call("PUT", "/api/v1/settings/preferences", owner_, json{{"tz", "UTC"}})),
              "tz");
    const auto set = call("PUT", "/api/v1/settings/preferences", owner_,
                          json{{"time_zone", "America/New_York"}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(body_of(set)["preferences"]["time_zone"], "America/New_York");
    EXPECT_EQ(body_of(call("GET", "/api/v1/settings", owner_))["preferences"]["time_zone"],
              "America/New_York");
    EXPECT_NE(call("GET", "/api/v1/audit?action=settings.preferences", owner_)
                  .body.find("America/New_York"),
              std::string::npos);
    const auto cleared =
        call("PUT", "/api/v1/settings/preferences", owner_, json{{"time_zone", nullptr}});
    EXPECT_EQ(body_of(cleared)["preferences"]["time_zone"], nullptr);
    EXPECT_EQ(
        call("PUT", "/api/v1/settings/preferences", editor_, json{{"time_zone", "UTC"}}).status,
        403);
    // A server started with a model names the writer's provider and model (never its key).
    start({{"CONTENT_SWARM_LLM_PROVIDER", "openai"},
           {"CONTENT_SWARM_LLM_MODEL", "gpt-4o-mini"},
           {"CONTENT_SWARM_LLM_API_KEY", "sk-settings-test-key"},
           {"CONTENT_SWARM_LLM_BASE_URL", "http://127.0.0.1:9/v1"}});
    const auto with_model = call("GET", "/api/v1/settings", owner_);
    EXPECT_EQ(body_of(with_model)["model"],
              json({{"provider", "openai"}, {"model", "gpt-4o-mini"}}));
    EXPECT_EQ(with_model.body.find("sk-settings"), std::string::npos);
}

TEST_F(CalendarApi, BrandProfilesCarryTheRenderersContrastNotes) {
    const std::vector<core::BrandColors> palettes{
        {"#FFFFFF", "#EEEEEE", "#FFFF00", "#F5F5F5"},  // everything too faint on white
        {"#101820", "#FEE715", "#FEE715", "#BBBBBB"},  // readable
        {"#FFFFFF", "#111111", "#EEEEEE", ""},         // only the accent
    };
    for (const auto& colors : palettes) {
        std::vector<std::string> notes;
        core::agents::palette_for(colors, &notes);
        const json brand{{"name", "Contrast " + colors.text},
                         {"colors",
                          {{"background", colors.background},
                           {"text", colors.text},
                           {"accent", colors.accent},
                           {"muted", colors.muted}}}};
        const auto made = call("POST", "/api/v1/brands", editor_, brand);
        ASSERT_EQ(made.status, 201) << made.body;
        EXPECT_EQ(body_of(made)["contrast"], json(notes)) << made.body;
        const auto id = body_of(made)["id"].get<std::string>();
        EXPECT_EQ(body_of(call("GET", "/api/v1/brands/" + id, viewer_))["contrast"], json(notes));
    }
    // The faint palette has notes; the readable one none.
    std::vector<std::string> faint;
    core::agents::palette_for(palettes[0], &faint);
    EXPECT_FALSE(faint.empty());
    std::vector<std::string> fine;
    core::agents::palette_for(palettes[1], &fine);
    EXPECT_TRUE(fine.empty());
}

}  // namespace
}  // namespace swarm::test
