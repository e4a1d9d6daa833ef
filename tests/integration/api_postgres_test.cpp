// A fleet of the real binary on one PostgreSQL schema: replicas stream each other's job events, an
// API-only replica shows a worker's job live, a drain hands its job back, kill -9 is rescued, and
// the knowledge base is one for all replicas.
#include "llm_e2e_support.hpp"
#include "pg_support.hpp"
#include "support/command.hpp"
#include "support/server_process.hpp"

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <random>

#include <fmt/format.h>

namespace swarm::test::e2e {
namespace {

using std::chrono::seconds;

constexpr const char* kSkipMessage =
    "SWARM_TEST_PG_URL is not set: PostgreSQL fleet tests skipped (start a server with "
    "scripts/pg-cluster start DIR PORT and export the URL it prints as SWARM_TEST_PG_URL)";

constexpr std::size_t kCutAfter = 5;  // events read before the cut stream is closed

std::string random_schema() {
    std::mt19937_64 engine{std::random_device{}()};
    return fmt::format("t_{:016x}", engine());
}

/// happy.json whose first call of each writer holds its first token back `ttft_ms` (once): the
/// first run of a job stays in the middle that long, a second run answers at once.
json slow_first_writers(int ttft_ms) {
    json first = json::array();
    for (const auto& platform : kPlatforms) {
        first.push_back({{"agent", "writer:" + platform},
                         {"text_file", platform + ".json"},
                         {"ttft_ms", ttft_ms},
                         {"times", 1}});
    }
    return with_first(happy_script(), first);
}

/// Seq 1..N with no gap or repeat, exactly one job_finished, last, saying succeeded.
void expect_whole_run(const std::vector<SseEvent>& events, const std::string& id) {
    ASSERT_FALSE(events.empty()) << id;
    int finished = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        ASSERT_EQ(events[i].id, static_cast<std::int64_t>(i + 1)) << id << ": a gap or a repeat";
        finished += events[i].type == "job_finished" ? 1 : 0;
    }
    EXPECT_EQ(finished, 1) << id;
    EXPECT_EQ(events.back().type, "job_finished") << id;
    EXPECT_EQ(events.back().data.value("message", ""), "succeeded") << id;
}

/// Two runs: job_started, then the `requeued` event, then job_started again, in that order.
void expect_requeued_between_runs(const std::vector<SseEvent>& events,
                                  const std::string& requeued) {
    std::vector<std::size_t> starts;
    std::vector<std::size_t> requeues;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (e.type == "job_started") {
            starts.push_back(i);
        }
        if (e.type == "agent_progress" && e.data.value("agent", "") == "queue") {
            EXPECT_EQ(e.data.value("message", ""), requeued);
            requeues.push_back(i);
        }
    }
    ASSERT_EQ(starts.size(), 2U);
    ASSERT_EQ(requeues.size(), 1U);
    EXPECT_LT(starts[0], requeues[0]);
    EXPECT_LT(requeues[0], starts[1]);
}

/// Exactly one stored item per requested platform of the job.
void expect_one_item_per_platform(std::uint16_t port, const std::string& id) {
    const auto job = get_job(port, id);
    auto wanted = job.value("requested_platforms", std::vector<std::string>{});
    const auto content = get_json(port, "/api/v1/content?job_id=" + id);
    std::vector<std::string> got;
    for (const auto& item : content.value("items", json::array())) {
        got.push_back(item.value("platform", ""));
    }
    std::sort(wanted.begin(), wanted.end());
    std::sort(got.begin(), got.end());
    EXPECT_FALSE(wanted.empty()) << job.dump();
    EXPECT_EQ(got, wanted) << id << ": " << content.dump();
}

class ApiPostgresTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
        if (url == nullptr || *url == '\0') {
            GTEST_SKIP() << kSkipMessage;
        }
        url_ = url;
        const auto schema = random_schema();
        const auto error = pg_exec(url_, "CREATE SCHEMA " + schema);
        ASSERT_EQ(error, "") << "CREATE SCHEMA on " << url_;
        schema_ = schema;
        db_ = url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
              "options=-csearch_path%3D" + schema_;
    }

    void TearDown() override {
        if (!schema_.empty()) {
            EXPECT_EQ(pg_exec(url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"), "");
        }
    }

    /// `content-swarm <command>` on the test's schema with the sample knowledge base; the
    /// environment (model settings, lease) is inherited at start.
    std::unique_ptr<ServerProcess> start(const std::vector<std::string>& extra = {},
                                         const std::string& command = "serve") const {
        std::vector<std::string> args{"--db", db_, "--kb",
                                      (source_dir() / "examples" / "kb-fieldnote").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto server = std::make_unique<ServerProcess>(args, command);
        EXPECT_NE(server->port(), 0) << server->stderr_text();
        return server;
    }

    std::string url_;
    std::string schema_;
    std::string db_;
};

/// The built-in offline writers, whatever the calling environment sets.
Env offline_env() {
    return {{"CONTENT_SWARM_LLM_PROVIDER", "offline"}};
}

TEST_F(ApiPostgresTest, ReplicasStreamEachOthersJobsWholeAndResumable) {
    const ScopedEnv env(offline_env());
    const auto a = start();
    const auto b = start();
    ASSERT_NE(a->port(), 0);
    ASSERT_NE(b->port(), 0);
    const std::array<std::uint16_t, 2> ports{a->port(), b->port()};
    std::vector<std::string> ids;
    std::vector<std::future<SseStream>> streams;
    for (std::size_t i = 0; i < 6; ++i) {
        auto id = submit_job(ports[i % 2]);
        ASSERT_FALSE(id.empty());
        // Opened at once on the other replica: its events arrive there live, not from its hub.
        const auto max_events = i == 0 ? kCutAfter : SIZE_MAX;
        streams.push_back(
            std::async(std::launch::async, [port = ports[(i + 1) % 2], id, max_events] {
                return read_sse(port, "/api/v1/jobs/" + id + "/events", {}, max_events, SIZE_MAX,
                                seconds(30));
            }));
        ids.push_back(std::move(id));
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto stream = streams[i].get();
        EXPECT_EQ(stream.head.status, 200) << stream.head.body;
        auto events = stream.events;
        if (i == 0) {
            // Cut after k events on B, resumed on A (where it was submitted) from the last id.
            // (The client keeps the first k; one read may have carried a few more.)
            ASSERT_GE(events.size(), kCutAfter);
            events.resize(kCutAfter);
            const auto rest = read_sse(ports[0], "/api/v1/jobs/" + ids[i] + "/events",
                                       {{"Last-Event-ID", std::to_string(events.back().id)}},
                                       SIZE_MAX, SIZE_MAX, seconds(30));
            EXPECT_TRUE(rest.closed_by_server);
            ASSERT_FALSE(rest.events.empty());
            events.insert(events.end(), rest.events.begin(), rest.events.end());
        } else {
            EXPECT_TRUE(stream.closed_by_server) << ids[i];
        }
        expect_whole_run(events, ids[i]);
        expect_one_item_per_platform(ports[i % 2], ids[i]);
        expect_one_item_per_platform(ports[(i + 1) % 2], ids[i]);
    }
}

TEST_F(ApiPostgresTest, ApiOnlyReplicaStreamsAWorkerProcessJobLive) {
    const ScopedEnv env(offline_env());
    const auto api = start({"--no-worker"});
    ASSERT_NE(api->port(), 0);
    const auto id = submit_job(api->port());
    ASSERT_FALSE(id.empty());
    // The stream is open while the job is still queued, so every event reaches it live.
    auto live = std::async(std::launch::async, [port = api->port(), id] {
        return read_sse(port, "/api/v1/jobs/" + id + "/events", {}, SIZE_MAX, SIZE_MAX,
                        seconds(30));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // lets the stream open
    EXPECT_EQ(get_job(api->port(), id).value("status", ""), "queued");
    const auto worker = start({}, "worker");
    ASSERT_NE(worker->port(), 0);
    const auto stream = live.get();
    EXPECT_EQ(stream.head.status, 200) << stream.head.body;
    EXPECT_TRUE(stream.closed_by_server);
    expect_whole_run(stream.events, id);
    EXPECT_EQ(get_job(api->port(), id).value("status", ""), "succeeded");
    expect_one_item_per_platform(api->port(), id);
    EXPECT_FALSE(log_line(*worker, "job started", id).is_null());
    EXPECT_TRUE(log_line(*api, "job started").is_null()) << "the API-only replica ran a job";
}

TEST_F(ApiPostgresTest, DrainingReplicaHandsItsJobBackAndTheOtherFinishesIt) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    ASSERT_TRUE(set_script(fake.port(), slow_first_writers(20000)));
    const ScopedEnv env(openai_env(fake));
    const auto a = start({"--drain-seconds", "20"});
    const auto b = start({"--drain-seconds", "20"});
    ASSERT_NE(a->port(), 0);
    ASSERT_NE(b->port(), 0);
    const auto id = submit_job(a->port());
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(wait_requests(fake.port(), writers_called)) << "the writers never called";
    // Either replica may have claimed it: the one whose log says so drains, the other takes over.
    const bool a_runs = !log_line(*a, "job started", id).is_null();
    ASSERT_NE(a_runs, !log_line(*b, "job started", id).is_null()) << "one replica runs the job";
    ServerProcess& runner = a_runs ? *a : *b;
    const ServerProcess& other = a_runs ? *b : *a;

    runner.send_signal(SIGTERM);
    // A hang guard far below the 20 s drain deadline and the writers' 20 s first token: the job
    // is handed back at once, nothing is waited for.
    EXPECT_EQ(runner.wait_exit(seconds(10)), 0);
    EXPECT_EQ(log_line(runner, "jobs drained").value("requeued", -1), 1);
    EXPECT_FALSE(log_line(runner, "job requeued", id).is_null());
    EXPECT_TRUE(log_line(runner, "job finished", id).is_null());

    const auto job = wait_final(other.port(), id);
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_EQ(job.value("attempts", 0), 1);  // the hand-back does not count
    EXPECT_EQ(job["history"].size(), 2U) << job.dump();
    EXPECT_EQ(job["history"][0].value("outcome", ""), "handed_back");
    // The log is written asynchronously: the line may trail the stored status a little.
    for (int i = 0; i < 100 && log_line(other, "job finished", id).is_null(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_FALSE(log_line(other, "job finished", id).is_null());
    const auto stream = job_events(other.port(), id);
    EXPECT_TRUE(stream.closed_by_server);
    expect_whole_run(stream.events, id);
    expect_requeued_between_runs(stream.events, "requeued: the server is shutting down");
    expect_one_item_per_platform(other.port(), id);
}

TEST_F(ApiPostgresTest, ADocumentAddedOnOneReplicaIsSearchedOnTheOther) {
    const ScopedEnv env(offline_env());
    const auto a = start({"--workers", "0"});
    const auto b = start({"--workers", "0"});
    ASSERT_TRUE(a->port() != 0 && b->port() != 0);
    const json document = {{"name", "zebra.md"},
                           {"content", "# Zebras\n\nOur zebra fleet covers Nairobi.\n"}};
    const auto put = http_request(a->port(), "POST", "/api/v1/kb/documents",
                                  {{"Content-Type", "application/json"}}, document.dump());
    ASSERT_EQ(put.status, 201) << put.body;
    const auto hits = get_json(b->port(), "/api/v1/kb/search?q=zebras%20nairobi");
    ASSERT_FALSE(hits.dump().find("zebra.md#1") == std::string::npos) << hits.dump();
    // Both loaded the sample folder at start into the one shared base: six documents, once.
    const auto listed = get_json(b->port(), "/api/v1/kb/documents");
    EXPECT_EQ(listed["documents"].size(), 7U) << listed.dump();
    const auto removed = http_request(b->port(), "DELETE", "/api/v1/kb/documents/zebra.md");
    EXPECT_EQ(removed.status, 204);
    EXPECT_EQ(get_json(a->port(), "/api/v1/kb/search?q=zebras").dump().find("zebra.md"),
              std::string::npos);
}

TEST_F(ApiPostgresTest, KillNineIsRescuedByAnotherReplicaOnceTheLeaseExpires) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    ASSERT_TRUE(set_script(fake.port(), slow_first_writers(20000)));
    auto vars = openai_env(fake);
    vars["CONTENT_SWARM_JOB_LEASE_SECONDS"] = "2";
    const ScopedEnv env(vars);
    const auto a = start();
    ASSERT_NE(a->port(), 0);
    const auto id = submit_job(a->port());
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(wait_requests(fake.port(), writers_called)) << "the writers never called";
    ASSERT_FALSE(log_line(*a, "job started", id).is_null());
    // B starts only now, so A is the one running the job; one worker: one rescuer.
    const auto b = start({"--workers", "1"});
    ASSERT_NE(b->port(), 0);
    a->send_signal(SIGKILL);
    ASSERT_EQ(a->wait_exit(seconds(5)), -1);

    const auto job = wait_final(b->port(), id);
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_EQ(job.value("attempts", 0), 2);
    EXPECT_EQ(job["history"][0].value("outcome", ""), "lease_expired") << job.dump();
    EXPECT_FALSE(log_line(*b, "job requeued", id).is_null());
    const auto stream = job_events(b->port(), id);
    EXPECT_TRUE(stream.closed_by_server);
    expect_whole_run(stream.events, id);
    expect_requeued_between_runs(stream.events,
                                 "requeued: its lease expired (the replica running it stopped)");
    expect_one_item_per_platform(b->port(), id);
}

}  // namespace
}  // namespace swarm::test::e2e

namespace swarm::test::e2e {
namespace {

/// The job ids of `body`'s "jobs" (a job list) or of its items' "job_id" (an item list).
std::vector<std::string> job_ids_in(const json& body) {
    std::vector<std::string> out;
    for (const auto& job : body.value("jobs", json::array())) {
        out.push_back(job.value("job_id", ""));
    }
    for (const auto& item : body.value("items", json::array())) {
        out.push_back(item.value("job_id", ""));
    }
    return out;
}

TEST_F(ApiPostgresTest, TwoWorkspacesOnTwoReplicasEachSeeOnlyTheirOwnJobsEventsAndItems) {
    const ScopedEnv env(offline_env());
    const auto a = start();
    const auto b = start();
    ASSERT_NE(a->port(), 0);
    ASSERT_NE(b->port(), 0);
    const std::array<std::uint16_t, 2> ports{a->port(), b->port()};
    const auto made =
        run_cli({"admin", "create-key", "--db", db_, "--workspace", "beta", "--role", "owner"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::map<std::string, std::string> alpha_auth{
        {"Authorization", std::string("Bearer ") + kTestOwnerKey}};
    const std::map<std::string, std::string> beta_auth{
        {"Authorization", "Bearer " + made.out.substr(0, made.out.find('\n'))}};
    // Beta's own knowledge base (alpha's, "default", is the sample loaded with --kb).
    auto upload = beta_auth;
    upload["Content-Type"] = "text/markdown";
    for (const auto& file :
         std::filesystem::directory_iterator(source_dir() / "examples" / "kb-fieldnote")) {
        const auto doc = http_request(
            ports[1], "POST", "/api/v1/kb/documents?name=" + file.path().filename().string(),
            upload, read_file(file.path()));
        ASSERT_EQ(doc.status, 201) << doc.body;
    }

    // Three jobs of each workspace at once, alternating replicas; each stream is opened on the
    // replica that did not take the job.
    struct Submitted {
        std::string id;
        std::size_t replica;
        bool beta;
    };

    std::vector<Submitted> jobs;
    std::vector<std::future<SseStream>> streams;
    for (std::size_t i = 0; i < 6; ++i) {
        const bool beta = i % 2 == 1;
        auto headers = beta ? beta_auth : alpha_auth;
        headers["Content-Type"] = "application/json";
        const auto replica = (i / 2) % 2;
        const auto reply =
            http_request(ports[replica], "POST", "/api/v1/jobs", headers, sample_brief());
        ASSERT_EQ(reply.status, 202) << reply.body;
        const auto id = json::parse(reply.body)["job_id"].get<std::string>();
        jobs.push_back({id, replica, beta});
        streams.push_back(std::async(std::launch::async, [port = ports[1 - replica], id,
                                                          auth = beta ? beta_auth : alpha_auth] {
            return read_sse(port, "/api/v1/jobs/" + id + "/events", auth, SIZE_MAX, SIZE_MAX,
                            seconds(60));
        }));
    }
    std::vector<std::string> alpha_ids;
    std::vector<std::string> beta_ids;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto stream = streams[i].get();
        ASSERT_EQ(stream.head.status, 200) << stream.head.body;
        expect_whole_run(stream.events, jobs[i].id);
        for (const auto& event : stream.events) {
            // Every event names this job only (none of the other workspace's jobs leak in).
            for (const auto& other : jobs) {
                if (other.id != jobs[i].id) {
                    EXPECT_EQ(event.data.dump().find(other.id), std::string::npos)
                        << event.data.dump();
                }
            }
        }
        (jobs[i].beta ? beta_ids : alpha_ids).push_back(jobs[i].id);
        // The other workspace's key gets 404 for this job's stream, on both replicas.
        for (const auto port : ports) {
            const auto refused =
                read_sse(port, "/api/v1/jobs/" + jobs[i].id + "/events",
                         jobs[i].beta ? alpha_auth : beta_auth, SIZE_MAX, SIZE_MAX, seconds(5));
            EXPECT_EQ(refused.head.status, 404) << refused.head.body;
        }
    }
    // Job lists and item lists on both replicas hold only the workspace's own.
    for (const auto port : ports) {
        for (const bool beta : {false, true}) {
            const auto& auth = beta ? beta_auth : alpha_auth;
            const auto& own = beta ? beta_ids : alpha_ids;
            for (const auto* target : {"/api/v1/jobs?limit=100", "/api/v1/content?limit=100"}) {
                const auto reply = http_request(port, "GET", target, auth);
                ASSERT_EQ(reply.status, 200) << reply.body;
                const auto ids = job_ids_in(json::parse(reply.body));
                EXPECT_FALSE(ids.empty()) << target;
                for (const auto& id : ids) {
                    EXPECT_NE(std::find(own.begin(), own.end(), id), own.end())
                        << target << " on port " << port << " lists " << id
                        << " of the other workspace";
                }
            }
        }
    }
}

}  // namespace
}  // namespace swarm::test::e2e
