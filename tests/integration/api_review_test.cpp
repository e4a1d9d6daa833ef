// Live validation and review on the real server: POST /api/v1/validate answers exactly what saving
// the same text stores (generated texts: emoji, URLs, CJK, banned phrases, over the limits), X
// lengths are twitter-text's weighted length, who may set which status (every role x from-status x
// to-status), comments and every step in the item's history and the audit trail, and calendar
// moves across DST changes (the offset of suggested_at follows the instant).
#include "core/validate/validator.hpp"
#include "web_api_support.hpp"

#include <array>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 5> kStatuses{"draft", "in_review", "changes_requested",
                                               "approved", "scheduled"};

/// Words, links, emoji (modifiers, ZWJ sequences, flags), CJK, decomposed accents, the brief's
/// banned phrase and hashtag, and sentence ends: everything the rules and counters treat apart.
std::string random_text(std::mt19937& rng, std::size_t tokens) {
    static const std::vector<std::string> kTokens{"technicians",
                                                  "re-plan",
                                                  "calls",
                                                  "18%",
                                                  "faster.",
                                                  "https://fieldnote.example/trial?ref=x",
                                                  "\U0001F600",
                                                  "\U0001F44D\U0001F3FD",
                                                  "\U0001F468\u200D\U0001F469\u200D\U0001F467",
                                                  "\U0001F1E9\U0001F1EA",
                                                  "\u6771\u4EAC\u3067",
                                                  "e\u0301te\u0301",
                                                  "game-changer",
                                                  "#FieldService",
                                                  "Start a 14-day free trial at fieldnote.example.",
                                                  "\n\n",
                                                  "dispatch",
                                                  "HVAC"};
    std::uniform_int_distribution<std::size_t> pick(0, kTokens.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < tokens; ++i) {
        out += (out.empty() ? "" : " ") + kTokens[pick(rng)];
    }
    return out;
}

/// One edit of the item's text for its platform, of a random size around the platform's limits.
json random_edit(std::mt19937& rng, const std::string& platform) {
    if (platform == "linkedin") {
        return {{"body", random_text(rng, 20 + rng() % 700)}};
    }
    json parts = json::array();
    if (platform == "twitter") {
        const auto n = 1 + rng() % 4;
        for (std::size_t i = 0; i < n; ++i) {
            parts.push_back({{"body", random_text(rng, 8 + rng() % 50)}});
        }
        return {{"parts", parts}};
    }
    for (std::size_t s = 0, n = 2 + rng() % 3; s < n; ++s) {
        json bullets = json::array();
        for (std::size_t b = 0, m = 1 + rng() % 6; b < m; ++b) {
            bullets.push_back(random_text(rng, 3 + rng() % 16));
        }
        parts.push_back({{"title", random_text(rng, 2 + rng() % 4)},
                         {"bullets", bullets},
                         {"notes", random_text(rng, 5)}});
    }
    return {{"parts", parts}};
}

class ReviewApi : public WebApi {};

TEST_F(ReviewApi, ValidateAnswersWhatSavingTheSameTextStores) {
    const auto items = finished_job();
    std::mt19937 rng(515);  // fixed: a failure names its round
    std::set<std::string> codes_seen;
    int over_limit = 0;
    for (std::size_t round = 0; round < 36; ++round) {
        const std::string platform = std::array{"linkedin", "twitter", "pitch_deck"}[round % 3];
        SCOPED_TRACE(platform + " round " + std::to_string(round));
        const auto& id = items.at(platform);
        auto edit = random_edit(rng, platform);
        auto asked = edit;
        asked["platform"] = platform;
        asked["item_id"] = id;
        const auto checked = call("POST", "/api/v1/validate", viewer_, asked);
        ASSERT_EQ(checked.status, 200) << checked.body;
        const auto saved = patch(id, owner_, edit);
        ASSERT_EQ(saved.status, 200) << saved.body;
        const auto answer = body_of(checked);
        const auto stored = body_of(saved)["quality"];
        EXPECT_EQ(answer["score"], stored["score"]);
        EXPECT_EQ(answer["issues"], stored["issues"]);
        std::set<std::string> too_long;
        for (const auto& issue : answer["issues"]) {
            codes_seen.insert(issue["code"].get<std::string>());
            const auto code = issue["code"].get<std::string>();
            if (code == "x.too_long" || code == "linkedin.too_long" || code == "deck.long_bullet") {
                too_long.insert(issue["location"].get<std::string>());
            }
        }
        // Every length the answer reports is over its limit exactly where an issue says so.
        std::set<std::string> over;
        for (const auto& length : answer["lengths"]) {
            const auto location = length["location"].get<std::string>();
            if (length["length"].get<std::size_t>() > length["limit"].get<std::size_t>()) {
                over.insert(location);
                ++over_limit;
            }
            if (platform == "twitter") {
                const auto i = std::stoul(location.substr(6));
                EXPECT_EQ(length["unit"], "weighted");
                EXPECT_EQ(length["limit"], 280);
                EXPECT_EQ(length["length"],
                          core::x_weighted_length(edit["parts"][i]["body"].get<std::string>()));
            } else {
                EXPECT_EQ(length["unit"], "characters");
            }
        }
        EXPECT_EQ(over, too_long);
    }
    // The brand of the item's job applies, and the texts reached the limits.
    EXPECT_TRUE(codes_seen.count("brand.banned_phrase")) << json(codes_seen).dump();
    EXPECT_GT(over_limit, 3);
}

TEST_F(ReviewApi, ValidateWithoutAnItemChecksTheTextAloneAndNamesBadFields) {
    std::mt19937 rng(77);
    for (int round = 0; round < 20; ++round) {
        auto asked = random_edit(rng, "twitter");
        asked["platform"] = "x";  // an alias
        const auto checked = call("POST", "/api/v1/validate", viewer_, asked);
        ASSERT_EQ(checked.status, 200) << checked.body;
        const auto lengths = body_of(checked)["lengths"];
        ASSERT_EQ(lengths.size(), asked["parts"].size());
        for (std::size_t i = 0; i < lengths.size(); ++i) {
            EXPECT_EQ(lengths[i]["location"], "parts[" + std::to_string(i) + "]");
            EXPECT_EQ(lengths[i]["length"],
                      core::x_weighted_length(asked["parts"][i]["body"].get<std::string>()));
        }
    }
    const auto single = body_of(call("POST", "/api/v1/validate", viewer_,
                                     json{{"platform", "twitter"}, {"body", "Hi \U0001F600"}}));
    EXPECT_EQ(single["lengths"], json::parse(R"([{"location":"body","length":5,"limit":280,
                                                  "unit":"weighted"}])"));
    const auto linkedin = body_of(call("POST", "/api/v1/validate", viewer_,
                                       json{{"platform", "linkedin"}, {"body", "e\u0301 ok"}}));
    EXPECT_EQ(linkedin["lengths"][0]["length"], 4);  // NFC: "é ok"
    const auto items = finished_job(json{{"platforms", {"linkedin"}}});
    const std::vector<std::pair<json, std::string>> bad{
        {json{{"body", "x"}}, "platform"},
        {json{{"platform", "myspace"}, {"body", "x"}}, "platform"},
        {json{{"platform", 3}}, "platform"},
        {json{{"platform", "linkedin"}, {"body", 5}}, "body"},
        {json{{"platform", "twitter"}, {"parts", "one"}}, "parts"},
        {json{{"platform", "twitter"}, {"parts", {{{"body", 1}}}}}, "parts[0].body"},
        {json{{"platform", "linkedin"}, {"hashtags", "#a"}}, "hashtags"},
        {json{{"platform", "linkedin"}, {"status", "approved"}}, "status"},
        {json{{"platform", "linkedin"}, {"item_id", 7}}, "item_id"},
        {json{{"platform", "twitter"}, {"item_id", items.at("linkedin")}}, "platform"},
    };
    for (const auto& [body, field] : bad) {
        const auto refused = call("POST", "/api/v1/validate", viewer_, body);
        EXPECT_EQ(refused.status, 400) << body.dump() << " " << refused.body;
        EXPECT_EQ(field_of(refused), field) << body.dump();
    }
    EXPECT_EQ(call("POST", "/api/v1/validate", viewer_,
                   json{{"platform", "linkedin"}, {"item_id", "itm_nope"}})
                  .status,
              404);
    EXPECT_EQ(call("POST", "/api/v1/validate", viewer_, std::string("[]")).status, 400);
    EXPECT_EQ(http_request(port(), "POST", "/api/v1/validate",
                           {{"Authorization", "Bearer " + viewer_}, {"Content-Type", "text/plain"}},
                           R"({"platform":"linkedin"})")
                  .status,
              415);
}

TEST_F(ReviewApi, WhoMaySetWhichStatusForEveryRoleFromEveryStatus) {
    const auto id = finished_job(json{{"platforms", {"linkedin"}}}).at("linkedin");
    const std::map<std::string, std::string> keys{
        {"viewer", viewer_}, {"reviewer", reviewer_}, {"editor", editor_}, {"owner", owner_}};
    // The owner puts the item in `from` (scheduled only by way of approved).
    const auto put_in = [&](const std::string& from) {
        if (from == "scheduled") {
            ASSERT_EQ(patch(id, owner_, json{{"status", "approved"}}).status, 200);
        }
        const auto set = patch(id, owner_, json{{"status", from}});
        ASSERT_EQ(set.status, 200) << set.body;
        ASSERT_EQ(body_of(set)["status"], from);
    };
    int allowed = 0;
    for (const auto& [role, key] : keys) {
        for (const std::string from : kStatuses) {
            for (const std::string to : kStatuses) {
                SCOPED_TRACE(role + ": " + from + " -> " + to);
                put_in(from);
                const auto reply = patch(id, key, json{{"status", to}});
                const bool editor = role == "editor" || role == "owner";
                const bool reviewer_may =
                    to == "approved" || to == "changes_requested" || to == "draft";
                if (role == "viewer" || (!editor && !reviewer_may)) {
                    EXPECT_EQ(reply.status, 403) << reply.body;
                    EXPECT_EQ(field_of(reply), "role");
                } else if (to == "scheduled" && from != "approved" && from != "scheduled") {
                    EXPECT_EQ(reply.status, 409) << reply.body;
                    EXPECT_EQ(field_of(reply), "status");
                } else {
                    ASSERT_EQ(reply.status, 200) << reply.body;
                    const auto now = body_of(reply);
                    EXPECT_EQ(now["status"], to);
                    if (from != to) {  // a change is a review step by the key that made it
                        EXPECT_EQ(now["review"]["status"], to);
                        const auto by = now["review"]["by"].get<std::string>();
                        ASSERT_EQ(by.rfind("key:csk_", 0), 0U) << by;
                        EXPECT_EQ(key.rfind(by.substr(4), 0), 0U) << by;
                    }
                    ++allowed;
                }
                // Refused: nothing changed.
                if (reply.status != 200) {
                    EXPECT_EQ(item(id)["status"], from);
                }
            }
        }
    }
    EXPECT_EQ(allowed, 15 + 22 + 22);  // reviewer: 3 targets x 5; editors: 25 less 3 refusals
}

TEST_F(ReviewApi, CommentsAndEveryStepAreInTheHistoryAndTheTrail) {
    const auto id = finished_job(json{{"platforms", {"linkedin"}}}).at("linkedin");
    const std::vector<std::tuple<std::string, json, std::string, std::string>> steps{
        {editor_,
         {{"status", "in_review"}, {"comment", "Ready for a look"}},
         "in_review",
         "Ready for a look"},
        {reviewer_,
         {{"status", "changes_requested"}, {"comment", "Cut, the \"second\" <b>"}},
         "changes_requested",
         "Cut, the \"second\" <b>"},
        {editor_,
         {{"body", "A shorter post.\n\nStart a 14-day free trial at fieldnote.example"}},
         "changes_requested",
         "Cut, the \"second\" <b>"},  // an edit keeps the last step
        {editor_, {{"status", "in_review"}}, "in_review", ""},
        {reviewer_,
         {{"comment", "\u770B\u3066\u3044\u307E\u3059 \U0001F440"}},
         "in_review",
         "\u770B\u3066\u3044\u307E\u3059 \U0001F440"},
        {reviewer_,
         {{"status", "approved"}, {"comment", "\U0001F44D Good to go"}},
         "approved",
         "\U0001F44D Good to go"},
        {editor_, {{"status", "scheduled"}}, "scheduled", ""},
    };
    for (const auto& [key, body, status, comment] : steps) {
        const auto reply = patch(id, key, body);
        ASSERT_EQ(reply.status, 200) << body.dump() << " " << reply.body;
        EXPECT_EQ(body_of(reply)["review"]["status"], status) << body.dump();
        EXPECT_EQ(body_of(reply)["review"]["comment"], comment) << body.dump();
    }
    // The history, oldest first, has every step with its comment.
    auto versions = body_of(call("GET", "/api/v1/content/" + id + "/versions?limit=100", viewer_));
    std::vector<std::pair<std::string, std::string>> history;
    for (auto it = versions["versions"].rbegin(); it != versions["versions"].rend(); ++it) {
        const auto& review = (*it)["item"]["review"];
        if (review.is_object()) {
            history.emplace_back(review["status"], review["comment"]);
        }
    }
    ASSERT_EQ(history.size(), steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(history[i].first, std::get<2>(steps[i])) << i;
        EXPECT_EQ(history[i].second, std::get<3>(steps[i])) << i;
    }
    // Comments: at most 2000 characters (not bytes), a string.
    EXPECT_EQ(patch(id, reviewer_, json{{"comment", std::string(2000, 'a') + "b"}}).status, 400);
    EXPECT_EQ(field_of(patch(id, reviewer_, json{{"comment", 5}})), "comment");
    std::string cjk;
    for (int i = 0; i < 2000; ++i) {
        cjk += "\u6771";
    }
    EXPECT_EQ(patch(id, reviewer_, json{{"comment", cjk}}).status, 200);
    const auto trail = body_of(call("GET", "/api/v1/audit?action=item.&limit=100", owner_));
    std::set<std::string> actions;
    for (const auto& entry : trail["entries"]) {
        actions.insert(entry["action"].get<std::string>());
    }
    for (const auto* expected : {"item.submit", "item.request_changes", "item.edit", "item.comment",
                                 "item.approve", "item.schedule"}) {
        EXPECT_TRUE(actions.count(expected)) << expected << " not in " << trail.dump();
    }
}

struct Move {
    const char* asked;         // schedule_at as sent
    const char* at;            // the instant, UTC
    const char* suggested_at;  // local, with the offset in force then
};

TEST_F(ReviewApi, MovesAcrossDstChangesKeepTheLocalTimeAndItsOffset) {
    const std::vector<std::pair<std::string, std::vector<Move>>> zones{
        {"America/New_York",
         {{"2026-03-06T14:00:00Z", "2026-03-06T14:00:00Z", "2026-03-06T09:00:00-05:00"},
          {"2026-03-09T09:00:00-04:00", "2026-03-09T13:00:00Z", "2026-03-09T09:00:00-04:00"},
          {"2026-10-30T13:00:00Z", "2026-10-30T13:00:00Z", "2026-10-30T09:00:00-04:00"},
          {"2026-11-02T14:00:00.500Z", "2026-11-02T14:00:00Z", "2026-11-02T09:00:00-05:00"}}},
        {"Europe/Berlin",
         {{"2026-03-27T08:00:00Z", "2026-03-27T08:00:00Z", "2026-03-27T09:00:00+01:00"},
          {"2026-03-30T09:00:00+02:00", "2026-03-30T07:00:00Z", "2026-03-30T09:00:00+02:00"},
          {"2026-10-25T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00"},
          {"2026-10-25T01:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00"}}},
    };
    for (const auto& [zone, moves] : zones) {
        SCOPED_TRACE(zone);
        const auto id =
            finished_job(json{{"platforms", {"linkedin"}}, {"timezone", zone}}).at("linkedin");
        ASSERT_EQ(item(id)["schedule"]["timezone"], zone);
        for (const auto& move : moves) {
            SCOPED_TRACE(move.asked);
            const auto moved = patch(id, editor_, json{{"schedule_at", move.asked}});
            ASSERT_EQ(moved.status, 200) << moved.body;
            const auto now = body_of(moved);
            EXPECT_EQ(now["schedule"]["at"], move.at);
            EXPECT_EQ(now["schedule"]["suggested_at"], move.suggested_at);
            EXPECT_EQ(now["schedule"]["timezone"], zone);
            EXPECT_EQ(now["schedule"]["reason"].get<std::string>().rfind("moved by key:csk_", 0),
                      0U);
            EXPECT_EQ(now["status"], "draft");  // a move keeps the status
            EXPECT_EQ(now["review"]["status"], "draft");
            EXPECT_EQ(now["review"]["comment"], std::string("moved to ") + move.suggested_at);
            // The calendar has it at its new time.
            const auto day = std::string(move.at).substr(0, 10);
            const auto cal = body_of(
                call("GET", "/api/v1/calendar?from=" + day + "T00:00:00Z&to=" + day + "T23:59:59Z",
                     viewer_));
            ASSERT_EQ(cal["items"].size(), 1U) << cal.dump();
            EXPECT_EQ(cal["items"][0]["id"], id);
            EXPECT_EQ(cal["items"][0]["at"], move.at);
            EXPECT_EQ(cal["items"][0]["suggested_at"], move.suggested_at);
        }
        // Every move is a version of its own.
        const auto versions =
            body_of(call("GET", "/api/v1/content/" + id + "/versions?limit=100", viewer_));
        for (std::size_t i = 0; i < moves.size(); ++i) {
            EXPECT_EQ(versions["versions"][moves.size() - 1 - i]["item"]["review"]["comment"],
                      std::string("moved to ") + moves[i].suggested_at);
        }
    }
    // A scheduled item moves and stays scheduled; reviewers may not move; bad instants are 400.
    const auto id = finished_job(json{{"platforms", {"linkedin"}}}).at("linkedin");
    ASSERT_EQ(patch(id, reviewer_, json{{"status", "approved"}}).status, 200);
    ASSERT_EQ(patch(id, editor_, json{{"status", "scheduled"}}).status, 200);
    const auto moved = patch(id, editor_, json{{"schedule_at", "2026-06-01T10:00:00Z"}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(body_of(moved)["status"], "scheduled");
    EXPECT_EQ(body_of(moved)["schedule"]["suggested_at"], "2026-06-01T10:00:00+00:00");
    const auto refused = patch(id, reviewer_, json{{"schedule_at", "2026-06-02T10:00:00Z"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(field_of(refused), "role");
    for (const json& bad : {json("tomorrow"), json("2026-06-02"), json("2026-06-02T10:00:00"),
                            json(5), json(nullptr)}) {
        const auto reply = patch(id, editor_, json{{"schedule_at", bad}});
        EXPECT_EQ(reply.status, 400) << bad.dump();
        EXPECT_EQ(field_of(reply), "schedule_at") << bad.dump();
    }
    EXPECT_EQ(item(id)["schedule"]["at"], "2026-06-01T10:00:00Z");
    const auto trail = call("GET", "/api/v1/audit?action=item.move", owner_);
    EXPECT_NE(trail.body.find("2026-06-01T10:00:00Z"), std::string::npos) << trail.body;
}

}  // namespace
}  // namespace swarm::test
