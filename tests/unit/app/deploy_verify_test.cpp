// deploy verify and its canary as pure logic: a scripted HTTP fetcher and a hand-advanced pacer,
// so timeouts and grace periods are exact and nothing sleeps.
#include "app/deploy_verify.hpp"

#include "app/deploy_canary.hpp"

#include <deque>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// Answers per "METHOD URL" in order; the last answer repeats. Unscripted URLs answer 404.
class ScriptedHttpFetcher final : public HttpFetcher {
public:
    void script(const std::string& key, std::vector<FetchReply> replies) {
        replies_[key] = std::deque<FetchReply>(replies.begin(), replies.end());
    }

    FetchReply fetch(const FetchRequest& request) override {
        const auto key = request.method + " " + request.url;
        requests.push_back(key);
        bodies.push_back(request.body);
        auto it = replies_.find(key);
        if (it == replies_.end() || it->second.empty()) {
            return FetchReply{404, "{}", false, {}};
        }
        auto reply = it->second.front();
        if (it->second.size() > 1) {
            it->second.pop_front();
        }
        return reply;
    }

    std::vector<std::string> requests;
    std::vector<std::string> bodies;

private:
    std::map<std::string, std::deque<FetchReply>> replies_;
};

class FakePacer final : public Pacer {
public:
    std::chrono::steady_clock::time_point now() override { return now_; }

    void sleep_for(milliseconds d) override { now_ += d; }

private:
    std::chrono::steady_clock::time_point now_{seconds(1000)};
};

constexpr const char* kUrl = "http://lb.test";
constexpr const char* kNewSha = "4f2a9c1d0e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
constexpr const char* kOldSha = "0badc0de0badc0de0badc0de0badc0de0badc0de";

FetchReply version(const std::string& instance, const std::string& ver, const std::string& sha) {
    return FetchReply{200,
                      json{{"version", ver},
                           {"git_sha", sha},
                           {"build_time", "2024-06-01T10:00:00Z"},
                           {"instance_id", instance},
                           {"started_at", "2024-06-01T10:01:00.000Z"}}
                          .dump(),
                      false,
                      {}};
}

VerifyOptions options(const std::string& expect, int replicas) {
    VerifyOptions o;
    o.base_url = kUrl;
    o.expect = *parse_expected_build(expect, "--expect");
    o.replicas = replicas;
    o.timeout = seconds(60);
    o.interval = milliseconds(500);
    o.grace = seconds(10);
    o.confirm = 4;
    return o;
}

TEST(ExpectedBuild, MatchesVersionOrShaPrefixOfSevenOrMore) {
    const auto by_version = *parse_expected_build("v0.2.0", "--expect");
    EXPECT_TRUE(by_version.matches("0.2.0", kOldSha));
    EXPECT_FALSE(by_version.matches("0.2.1", kNewSha));
    const auto by_sha = *parse_expected_build("4F2A9C1", "--expect");
    EXPECT_TRUE(by_sha.matches("9.9.9", kNewSha));
    EXPECT_FALSE(by_sha.matches("9.9.9", kOldSha));
    EXPECT_FALSE(by_sha.matches("9.9.9", "4f2a9c"));  // shorter than the prefix
    const auto too_short = parse_expected_build("4f2a9c", "--expect");
    ASSERT_FALSE(too_short);
    EXPECT_EQ(too_short.error().field, "--expect");
    EXPECT_FALSE(parse_expected_build("", "--expect"));
}

TEST(ParseDuration, UnitsAndBadInput) {
    EXPECT_EQ(*parse_duration("500ms", "--interval"), milliseconds(500));
    EXPECT_EQ(*parse_duration("30s", "--timeout"), seconds(30));
    EXPECT_EQ(*parse_duration("10m", "--timeout"), std::chrono::minutes(10));
    EXPECT_EQ(*parse_duration("2", "--timeout"), seconds(2));
    EXPECT_EQ(*parse_duration("1h", "--timeout"), std::chrono::hours(1));
    for (const auto* bad : {"", "10x", "m", "-1s", "1.5m", "99999999h"}) {
        const auto d = parse_duration(bad, "--timeout");
        ASSERT_FALSE(d) << bad;
        EXPECT_EQ(d.error().field, "--timeout");
    }
}

TEST(ParseBaseUrl, AcceptsHttpAndTrimsSlash) {
    EXPECT_EQ(*parse_base_url("https://api.example/", "--url"), "https://api.example");
    EXPECT_EQ(*parse_base_url("http://127.0.0.1:8080", "--url"), "http://127.0.0.1:8080");
    for (const auto* bad : {"api.example", "ftp://x", "http://", "http:///x", "http://a b"}) {
        const auto u = parse_base_url(bad, "--url");
        ASSERT_FALSE(u) << bad;
        EXPECT_EQ(u.error().field, "--url");
    }
}

TEST(VerifyRollout, PassesWhenNDistinctInstancesReportTheBuild) {
    ScriptedHttpFetcher http;
    http.script("GET http://lb.test/version",
                {version("a", "0.2.0", kNewSha), version("b", "0.2.0", kNewSha),
                 version("a", "0.2.0", kNewSha), version("b", "0.2.0", kNewSha)});
    FakePacer pacer;
    int observed = 0;
    const auto report = verify_rollout(options("0.2.0", 2), http, pacer,
                                       [&](const VerifyReport&, bool) { ++observed; });
    EXPECT_EQ(report.outcome, VerifyOutcome::kVerified) << report.reason;
    EXPECT_EQ(report.expected_instances(), 2);
    EXPECT_EQ(report.polls, 4);
    EXPECT_EQ(observed, 4);
    const auto table = format_instance_table(report, pacer.now());
    EXPECT_NE(table.find("4f2a9c1d0e7b"), std::string::npos) << table;
    EXPECT_NE(table.find("expected"), std::string::npos);
}

TEST(VerifyRollout, OneInstanceAnsweringManyTimesIsNotTwoReplicas) {
    ScriptedHttpFetcher http;
    http.script("GET http://lb.test/version", {version("a", "0.2.0", kNewSha)});
    FakePacer pacer;
    const auto report = verify_rollout(options(kNewSha, 2), http, pacer);
    EXPECT_EQ(report.outcome, VerifyOutcome::kTimedOut);
    EXPECT_NE(report.reason.find("1 of 2"), std::string::npos) << report.reason;
    EXPECT_EQ(report.instances.size(), 1U);
    EXPECT_EQ(report.instances[0].answers, report.polls);
}

TEST(VerifyRollout, OldReplicaThatKeepsAnsweringFailsWithTheTable) {
    ScriptedHttpFetcher http;
    // Round robin over two new replicas and one old one that never drains.
    std::vector<FetchReply> cycle;
    for (int i = 0; i < 50; ++i) {
        cycle.push_back(version("new-1", "0.2.0", kNewSha));
        cycle.push_back(version("old-1", "0.1.0", kOldSha));
        cycle.push_back(version("new-2", "0.2.0", kNewSha));
    }
    http.script("GET http://lb.test/version", cycle);
    FakePacer pacer;
    const auto report = verify_rollout(options("4f2a9c1", 2), http, pacer);
    ASSERT_EQ(report.outcome, VerifyOutcome::kOtherBuild) << report.reason;
    EXPECT_NE(report.reason.find("old-1"), std::string::npos) << report.reason;
    EXPECT_NE(report.reason.find("0.1.0"), std::string::npos);
    const auto table = format_instance_table(report, pacer.now());
    EXPECT_NE(table.find("OTHER BUILD"), std::string::npos) << table;
    EXPECT_NE(table.find("new-2"), std::string::npos) << table;
}

TEST(VerifyRollout, OldReplicaThatDrainsWithinGraceIsTolerated) {
    ScriptedHttpFetcher http;
    http.script("GET http://lb.test/version",
                {version("old-1", "0.1.0", kOldSha), version("new-1", "0.2.0", kNewSha),
                 version("old-1", "0.1.0", kOldSha), version("new-1", "0.2.0", kNewSha),
                 version("new-1", "0.2.0", kNewSha), version("new-1", "0.2.0", kNewSha),
                 version("new-1", "0.2.0", kNewSha)});
    FakePacer pacer;
    const auto report = verify_rollout(options("0.2.0", 1), http, pacer);
    EXPECT_EQ(report.outcome, VerifyOutcome::kVerified) << report.reason;
    EXPECT_EQ(report.instances.size(), 2U);
    EXPECT_EQ(report.polls, 7);  // the streak restarted after old-1's second answer
}

TEST(VerifyRollout, NoAnswerTimesOutNamingTheLastError) {
    ScriptedHttpFetcher http;
    http.script("GET http://lb.test/version",
                {FetchReply{0, {}, false, "Couldn't connect to server"},
                 FetchReply{502, "<html>bad gateway</html>", false, {}}});
    FakePacer pacer;
    const auto start = pacer.now();
    const auto report = verify_rollout(options("0.2.0", 1), http, pacer);
    EXPECT_EQ(report.outcome, VerifyOutcome::kTimedOut);
    EXPECT_GE(pacer.now() - start, seconds(60));
    EXPECT_EQ(report.errors, report.polls);
    EXPECT_NE(report.reason.find("502"), std::string::npos) << report.reason;
    EXPECT_TRUE(report.instances.empty());
}

TEST(VerifyRollout, MalformedVersionAnswersAreErrorsNotInstances) {
    ScriptedHttpFetcher http;
    http.script("GET http://lb.test/version", {FetchReply{200, R"({"version":"0.2.0"})", false, {}},
                                               FetchReply{200, "not json", false, {}}});
    FakePacer pacer;
    auto o = options("0.2.0", 1);
    o.timeout = seconds(2);
    const auto report = verify_rollout(o, http, pacer);
    EXPECT_EQ(report.outcome, VerifyOutcome::kTimedOut);
    EXPECT_TRUE(report.instances.empty());
    EXPECT_GT(report.errors, 0);
}

// --- canary -----------------------------------------------------------------------------

json item(const std::string& platform, json issues = json::array(), json media = json::array()) {
    return {{"id", "it_" + platform},
            {"platform", platform},
            {"status", "draft"},
            {"content",
             {{"platform", platform},
              {"body", "text"},
              {"media", std::move(media)},
              {"quality", {{"score", 0.9}, {"issues", std::move(issues)}}}}}};
}

FetchReply job(const std::string& status, json items) {
    return FetchReply{200,
                      json{{"job_id", "job_1"},
                           {"status", status},
                           {"requested_platforms", {"linkedin", "twitter", "pitch_deck"}},
                           {"items", std::move(items)},
                           {"error", nullptr},
                           {"notes", json::array()}}
                          .dump(),
                      false,
                      {}};
}

json all_items() {
    return json::array({item("linkedin"), item("twitter"), item("pitch_deck")});
}

CanaryReport canary(ScriptedHttpFetcher& http, const std::vector<FetchReply>& polls) {
    http.script("POST http://lb.test/api/v1/jobs",
                {FetchReply{202, R"({"job_id":"job_1","status":"queued"})", false, {}}});
    http.script("GET http://lb.test/api/v1/jobs/job_1", polls);
    FakePacer pacer;
    CanaryOptions o;
    o.base_url = kUrl;
    o.timeout = seconds(30);
    return run_canary(o, http, pacer);
}

const CanaryCheck* find_check(const CanaryReport& r, const std::string& name) {
    for (const auto& c : r.checks) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

TEST(Canary, PassesForAFullJobWithoutMedia) {
    ScriptedHttpFetcher http;
    const auto r = canary(http, {job("queued", json::array()), job("running", json::array()),
                                 job("succeeded", all_items())});
    EXPECT_TRUE(r.passed) << format_canary(r);
    ASSERT_NE(find_check(r, "media"), nullptr);
    EXPECT_EQ(find_check(r, "media")->detail, "no media to check");
    ASSERT_FALSE(http.bodies.empty());
    EXPECT_EQ(json::parse(http.bodies[0])["platforms"].size(), 3U);  // the built-in brief
}

TEST(Canary, EveryMediaUrlMustAnswer200) {
    ScriptedHttpFetcher http;
    auto items = all_items();
    items[0] =
        item("linkedin", json::array(),
             json::array({{{"url", "/media/card.png"}}, {{"url", "https://cdn.test/x.png"}}}));
    http.script("GET http://lb.test/media/card.png", {FetchReply{200, "png", false, {}}});
    http.script("GET https://cdn.test/x.png", {FetchReply{403, "denied", false, {}}});
    const auto r = canary(http, {job("succeeded", items)});
    EXPECT_FALSE(r.passed);
    const auto* media = find_check(r, "media");
    ASSERT_NE(media, nullptr);
    EXPECT_FALSE(media->passed);
    EXPECT_NE(media->detail.find("https://cdn.test/x.png -> 403"), std::string::npos)
        << media->detail;
    EXPECT_EQ(media->detail.find("card.png"), std::string::npos) << media->detail;
}

TEST(Canary, AnErrorSeverityIssueFailsTheHardRules) {
    ScriptedHttpFetcher http;
    auto items = all_items();
    items[1] =
        item("twitter",
             json::array({{{"code", "too_long"}, {"severity", "error"}, {"message", "312 > 280"}},
                          {{"code", "style"}, {"severity", "warning"}}}));
    const auto r = canary(http, {job("succeeded", items)});
    EXPECT_FALSE(r.passed);
    const auto* rules = find_check(r, "hard rules");
    ASSERT_NE(rules, nullptr);
    EXPECT_EQ(rules->detail, "twitter: too_long (312 > 280)");
}

TEST(Canary, MissingAndDuplicatePlatformsFail) {
    ScriptedHttpFetcher http;
    const auto r = canary(
        http,
        {job("succeeded", json::array({item("linkedin"), item("linkedin"), item("twitter")}))});
    EXPECT_FALSE(r.passed);
    const auto* platforms = find_check(r, "platforms");
    ASSERT_NE(platforms, nullptr);
    EXPECT_NE(platforms->detail.find("linkedin: 2 items"), std::string::npos);
    EXPECT_NE(platforms->detail.find("pitch_deck: 0 items"), std::string::npos);
}

TEST(Canary, PartialJobFails) {
    ScriptedHttpFetcher http;
    const auto r = canary(http, {job("partial", all_items())});
    EXPECT_FALSE(r.passed);
    EXPECT_FALSE(find_check(r, "status")->passed);
}

TEST(Canary, JobStillRunningWhenTimeRunsOut) {
    ScriptedHttpFetcher http;
    const auto r = canary(http, {job("running", json::array())});
    EXPECT_FALSE(r.passed);
    const auto* finished = find_check(r, "finished");
    ASSERT_NE(finished, nullptr);
    EXPECT_FALSE(finished->passed);
    EXPECT_NE(finished->detail.find("running"), std::string::npos);
}

TEST(Canary, RefusedSubmitFailsAtOnce) {
    ScriptedHttpFetcher http;
    http.script("POST http://lb.test/api/v1/jobs",
                {FetchReply{429, R"({"error":{"code":"resource_exhausted"}})", false, {}}});
    FakePacer pacer;
    CanaryOptions o;
    o.base_url = kUrl;
    const auto r = run_canary(o, http, pacer);
    EXPECT_FALSE(r.passed);
    ASSERT_EQ(r.checks.size(), 1U);
    EXPECT_NE(r.checks[0].detail.find("429"), std::string::npos);
    EXPECT_EQ(http.requests.size(), 1U);
}

}  // namespace
}  // namespace swarm::app
