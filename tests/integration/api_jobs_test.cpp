// The jobs API end to end on the real binary with a temporary SQLite database: submit, stream
// events with a Last-Event-ID resume, read the job, idempotency, bad input, 429 and a restart.
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_paths.hpp"

#include <csignal>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using std::chrono::seconds;

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

std::string sample_brief() {
    auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
    brief.erase("kb");  // the server's own knowledge base (--kb) is used
    return brief.dump();
}

std::vector<std::string> serve_args(const TempDir& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"--db", "sqlite:" + (dir.path() / "db.sqlite").string(), "--kb",
                                  (source_dir() / "examples" / "kb-fieldnote").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

HttpReply submit(std::uint16_t port, const std::string& body,
                 std::map<std::string, std::string> headers = kJson) {
    return http_request(port, "POST", "/api/v1/jobs", headers, body);
}

json error_of(const HttpReply& reply) {
    return json::parse(reply.body)["error"];
}

/// The value of an unlabelled series in /metrics, waiting (up to 10 s: the server refreshes its
/// job figures every 2 s) until it reaches at least `at_least`; -1 when it never appears.
double metric_at_least(std::uint16_t port, const std::string& series, double at_least) {
    double value = -1;
    for (int i = 0; i < 100; ++i) {
        const auto body = http_request(port, "GET", "/metrics").body;
        const auto at = body.find("\n" + series + " ");
        if (at != std::string::npos) {
            value = std::stod(body.substr(at + series.size() + 2));
            if (value >= at_least) {
                break;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return value;
}

class ApiJobsTest : public ::testing::Test {
protected:
    TempDir dir_;
};

TEST_F(ApiJobsTest, SubmitStreamResumeAndRead) {
    const ServerProcess server(serve_args(dir_, {}));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto created = submit(server.port(), sample_brief());
    ASSERT_EQ(created.status, 202) << created.body;
    const auto job = json::parse(created.body);
    EXPECT_EQ(job["status"], "queued");
    EXPECT_EQ(job["requested_platforms"], json({"linkedin", "twitter", "pitch_deck"}));
    const std::string events_url = job["links"]["events"];

    const auto all = read_sse(server.port(), events_url);
    ASSERT_EQ(all.head.status, 200);
    EXPECT_EQ(all.head.header("content-type"), "text/event-stream");
    EXPECT_EQ(all.head.header("cache-control"), "no-cache");
    EXPECT_FALSE(all.head.header("x-content-swarm-version").empty());
    ASSERT_TRUE(all.closed_by_server);
    ASSERT_GE(all.events.size(), 5U);
    int items = 0;
    for (std::size_t i = 0; i < all.events.size(); ++i) {
        EXPECT_EQ(all.events[i].id, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(all.events[i].data["seq"], all.events[i].id);
        EXPECT_EQ(all.events[i].data["type"], all.events[i].type);
        items += all.events[i].type == "item_ready" ? 1 : 0;
    }
    EXPECT_EQ(items, 3);
    EXPECT_EQ(all.events.back().type, "job_finished");
    EXPECT_EQ(all.events.back().data["message"], "succeeded");

    const auto k = static_cast<std::int64_t>(all.events.size() / 2);
    for (const auto& resumed :
         {read_sse(server.port(), events_url, {{"Last-Event-ID", std::to_string(k)}}),
          read_sse(server.port(), events_url + "?last_event_id=" + std::to_string(k))}) {
        ASSERT_EQ(resumed.events.size(), all.events.size() - static_cast<std::size_t>(k));
        for (std::size_t i = 0; i < resumed.events.size(); ++i) {
            EXPECT_EQ(resumed.events[i].id, k + 1 + static_cast<std::int64_t>(i));
        }
    }

    const auto got = http_request(server.port(), "GET", job["links"]["self"]);
    ASSERT_EQ(got.status, 200);
    const auto body = json::parse(got.body);
    EXPECT_EQ(body["status"], "succeeded");
    EXPECT_EQ(body["items"].size(), 3U);
    EXPECT_TRUE(body["missing_platforms"].empty());
    EXPECT_TRUE(body["items"][0]["content"].is_object());
    EXPECT_TRUE(body["finished_at"].is_string());

    const auto listed = http_request(server.port(), "GET", "/api/v1/jobs?status=succeeded&limit=5");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(json::parse(listed.body)["jobs"][0]["job_id"], job["job_id"]);

    // Three streams were read: the whole job once, then twice from the middle.
    const auto n = static_cast<double>(all.events.size());
    const auto streamed = n + 2 * (n - static_cast<double>(k));
    EXPECT_EQ(metric_at_least(server.port(), "content_swarm_events_streamed_total", streamed),
              streamed);
    EXPECT_EQ(metric_at_least(server.port(), "content_swarm_jobs_submitted_total", 1), 1);
}

TEST_F(ApiJobsTest, IdempotencyKeyReturnsTheSameJob) {
    const ServerProcess server(serve_args(dir_, {"--workers", "0"}));
    ASSERT_NE(server.port(), 0);
    auto headers = kJson;
    headers["Idempotency-Key"] = "retry-me-1";
    const auto first = submit(server.port(), sample_brief(), headers);
    const auto second = submit(server.port(), sample_brief(), headers);
    ASSERT_EQ(first.status, 202);
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(json::parse(first.body)["job_id"], json::parse(second.body)["job_id"]);
    const auto other = submit(server.port(), sample_brief());
    EXPECT_NE(json::parse(other.body)["job_id"], json::parse(first.body)["job_id"]);
}

TEST_F(ApiJobsTest, BadInputIsRefusedWithTheField) {
    const ServerProcess server(serve_args(dir_, {"--workers", "0"}));
    ASSERT_NE(server.port(), 0);
    auto brief = json::parse(sample_brief());
    brief["platforms"] = {"linkedin", "twitter", "tiktok"};
    const auto bad = submit(server.port(), brief.dump());
    ASSERT_EQ(bad.status, 400);
    EXPECT_EQ(error_of(bad)["field"], "platforms[2]");
    EXPECT_EQ(submit(server.port(), "{", kJson).status, 400);
    const auto text = submit(server.port(), sample_brief(), {{"Content-Type", "text/plain"}});
    EXPECT_EQ(text.status, 415);
    EXPECT_EQ(error_of(text)["field"], "Content-Type");
    EXPECT_EQ(
        submit(server.port(), sample_brief(),
               {{"Content-Type", "application/json"}, {"Idempotency-Key", std::string(201, 'k')}})
            .status,
        400);
    for (const auto* target : {"/api/v1/jobs/nope", "/api/v1/jobs/nope/events"}) {
        const auto missing = http_request(server.port(), "GET", target);
        EXPECT_EQ(missing.status, 404) << target;
        EXPECT_EQ(error_of(missing)["code"], "not_found");
    }
    EXPECT_EQ(http_request(server.port(), "POST", "/api/v1/jobs/nope/cancel").status, 404);
    EXPECT_EQ(error_of(http_request(server.port(), "GET", "/api/v1/jobs?status=done"))["field"],
              "status");
    EXPECT_EQ(error_of(http_request(server.port(), "GET", "/api/v1/jobs?limit=0"))["field"],
              "limit");
}

TEST_F(ApiJobsTest, BriefNamingAStoredBrandProfileUsesItAsItWasAtSubmit) {
    const ServerProcess server(serve_args(dir_, {"--workers", "0"}));
    ASSERT_NE(server.port(), 0);
    auto brief = json::parse(sample_brief());
    json brand = brief["brand"];
    brand["name"] = "Fieldnote Stored";
    brand["required_hashtags"] = {"#StoredTag"};
    const auto created = http_request(server.port(), "POST", "/api/v1/brands", kJson, brand.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string profile = json::parse(created.body)["id"];

    brief.erase("brand");
    brief["brand_profile"] = profile;
    const auto job = submit(server.port(), brief.dump());
    ASSERT_EQ(job.status, 202) << job.body;
    const std::string id = json::parse(job.body)["job_id"];
    // The profile changes after submit; the job keeps the one it was given.
    brand["required_hashtags"] = {"#ChangedLater"};
    ASSERT_EQ(
        http_request(server.port(), "PUT", "/api/v1/brands/" + profile, kJson, brand.dump()).status,
        200);
    const auto got = json::parse(http_request(server.port(), "GET", "/api/v1/jobs/" + id).body);
    EXPECT_EQ(got["brief"]["brand"]["name"], "Fieldnote Stored") << got.dump();
    EXPECT_EQ(got["brief"]["brand"]["required_hashtags"], json({"#StoredTag"}));

    brief["brand_profile"] = "no-such-profile";
    const auto unknown = submit(server.port(), brief.dump());
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(error_of(unknown)["field"], "brand_profile");
    brief["brand_profile"] = profile;
    brief["brand"] = brand;
    const auto both = submit(server.port(), brief.dump());
    EXPECT_EQ(both.status, 400);
    EXPECT_EQ(error_of(both)["field"], "brand_profile");
}

TEST_F(ApiJobsTest, ApiOnlyServerAndASeparateWorkerShareTheDatabase) {
    const ServerProcess api(serve_args(dir_, {"--no-worker"}));
    ASSERT_NE(api.port(), 0) << api.stderr_text();
    const auto created = submit(api.port(), sample_brief());
    ASSERT_EQ(created.status, 202);
    const std::string id = json::parse(created.body)["job_id"];
    const auto queued = json::parse(http_request(api.port(), "GET", "/api/v1/jobs/" + id).body);
    EXPECT_EQ(queued["status"], "queued");

    // The worker answers the operations endpoints only, and runs the job the API stored.
    const ServerProcess worker(serve_args(dir_, {"--workers", "1"}), "worker");
    ASSERT_NE(worker.port(), 0) << worker.stderr_text();
    EXPECT_EQ(http_request(worker.port(), "GET", "/livez").status, 200);
    EXPECT_EQ(http_request(worker.port(), "GET", "/api/v1/jobs").status, 404);
    // The API process sees the worker's events through the store (no shared hub).
    const auto events = read_sse(api.port(), "/api/v1/jobs/" + id + "/events");
    ASSERT_FALSE(events.events.empty());
    EXPECT_EQ(events.events.back().type, "job_finished");
    EXPECT_EQ(events.events.back().data["message"], "succeeded");
    const auto lines = worker.log_lines();
    const auto started = std::find_if(lines.begin(), lines.end(), [](const nlohmann::json& l) {
        return l.value("msg", "") == "started";
    });
    ASSERT_NE(started, lines.end());
    EXPECT_EQ((*started)["role"], "workers");
}

TEST_F(ApiJobsTest, FullQueueGets429AndAQueuedJobRunsAfterRestart) {
    std::string id;
    {
        // Heartbeats every 100 ms, so an idle stream shows one quickly.
        ::setenv("CONTENT_SWARM_SSE_HEARTBEAT_MS", "100", 1);  // NOLINT(concurrency-mt-unsafe)
        ServerProcess server(serve_args(dir_, {"--workers", "0", "--queue", "1"}));
        ::unsetenv("CONTENT_SWARM_SSE_HEARTBEAT_MS");  // NOLINT(concurrency-mt-unsafe)
        ASSERT_NE(server.port(), 0);
        const auto first = submit(server.port(), sample_brief());
        ASSERT_EQ(first.status, 202);
        id = json::parse(first.body)["job_id"];
        const auto full = submit(server.port(), sample_brief());
        EXPECT_EQ(full.status, 429);
        EXPECT_FALSE(full.header("retry-after").empty());
        const auto idle =
            read_sse(server.port(), "/api/v1/jobs/" + id + "/events", {}, SIZE_MAX, 1, seconds(5));
        ASSERT_EQ(idle.head.status, 200);
        EXPECT_TRUE(idle.events.empty());
        ASSERT_EQ(idle.comments.size(), 1U);
        EXPECT_EQ(idle.comments[0], "heartbeat");
        server.send_signal(SIGTERM);
        EXPECT_EQ(server.wait_exit(seconds(10)), 0);
    }
    const ServerProcess restarted(serve_args(dir_, {"--workers", "1"}));
    ASSERT_NE(restarted.port(), 0);
    const auto events = read_sse(restarted.port(), "/api/v1/jobs/" + id + "/events");
    ASSERT_FALSE(events.events.empty());
    EXPECT_EQ(events.events.back().type, "job_finished");
    EXPECT_EQ(events.events.back().data["message"], "succeeded");
    const auto job = json::parse(http_request(restarted.port(), "GET", "/api/v1/jobs/" + id).body);
    EXPECT_EQ(job["items"].size(), 3U);
}

}  // namespace
}  // namespace swarm::test
