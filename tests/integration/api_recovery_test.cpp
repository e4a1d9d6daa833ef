// Restarts that lose nothing: a model-backed job in the middle of its run (tools/fake-llm holds
// the writers' first token back) survives kill -9, a SIGTERM drain, a short drain and a 2nd signal.
#include "llm_e2e_support.hpp"
#include "support/server_process.hpp"

#include <algorithm>
#include <csignal>

namespace swarm::test::e2e {
namespace {

using std::chrono::seconds;

/// happy.json with every writer's first token held back `ttft_ms`: the job is mid-run for that
/// long once the writers have called (pacing tokens instead would make the deck take minutes).
json slow_writers(int ttft_ms) {
    auto script = happy_script();
    for (auto& r : script["replies"]) {
        if (r.value("agent", "").rfind("writer:", 0) == 0) {
            r["ttft_ms"] = ttft_ms;
        }
    }
    return script;
}

class ApiRecoveryTest : public ::testing::Test {
protected:
    void SetUp() override {
        fake_ = std::make_unique<FakeLlmProcess>(e2e_fixture("happy.json"));
        ASSERT_NE(fake_->port(), 0);
    }

    /// Starts a server on the test's database; env is inherited at start.
    std::unique_ptr<ServerProcess> start(const std::vector<std::string>& extra = {}) const {
        const ScopedEnv env(openai_env(*fake_));
        auto server = std::make_unique<ServerProcess>(serve_args(dir_, extra));
        EXPECT_NE(server->port(), 0) << server->stderr_text();
        return server;
    }

    /// Submits the sample brief to `server` and waits (bounded) until every writer has called.
    std::string submit_and_reach_writers(const ServerProcess& server) const {
        auto id = submit_job(server.port());
        EXPECT_TRUE(wait_requests(fake_->port(), writers_called)) << "the writers never called";
        return id;
    }

    /// After the interruption: a fresh server runs the job to success with `runs` job_started
    /// events, one requeue event saying `requeued`, seq 1..N, one item per platform.
    /// `attempts`: runs that count (a drain hand-back gives its attempt back; a crash does not).
    void expect_completed_once(const std::string& id, int runs, const std::string& requeued,
                               int attempts) {
        ASSERT_TRUE(set_script(fake_->port(), happy_script()));
        const auto server = start();
        const auto job = wait_final(server->port(), id);
        EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
        EXPECT_EQ(job.value("attempts", 0), attempts);
        EXPECT_EQ(job["history"].size(), static_cast<std::size_t>(runs)) << job.dump();
        const auto stream = job_events(server->port(), id);
        ASSERT_TRUE(stream.closed_by_server);
        ASSERT_FALSE(stream.events.empty());
        std::vector<std::size_t> starts;
        std::vector<std::size_t> requeues;
        int finished = 0;
        for (std::size_t i = 0; i < stream.events.size(); ++i) {
            const auto& e = stream.events[i];
            ASSERT_EQ(e.id, static_cast<std::int64_t>(i + 1)) << "a gap or a repeat";
            starts.insert(starts.end(), e.type == "job_started" ? 1U : 0U, i);
            finished += e.type == "job_finished" ? 1 : 0;
            if (e.type == "agent_progress" && e.data.value("agent", "") == "queue") {
                EXPECT_EQ(e.data.value("message", ""), requeued);
                requeues.push_back(i);
            }
        }
        EXPECT_EQ(starts.size(), static_cast<std::size_t>(runs));
        EXPECT_EQ(requeues.size(), static_cast<std::size_t>(runs - 1));
        if (starts.size() == 2 && requeues.size() == 1) {
            EXPECT_LT(starts[0], requeues[0]);
            EXPECT_LT(requeues[0], starts[1]);
        }
        EXPECT_EQ(finished, 1);
        EXPECT_EQ(stream.events.back().type, "job_finished");
        EXPECT_EQ(stream.events.back().data["message"], "succeeded");
        const auto content = get_json(server->port(), "/api/v1/content?job_id=" + id);
        std::set<std::string> platforms;
        for (const auto& item : content["items"]) {
            platforms.insert(item.value("platform", ""));
        }
        EXPECT_EQ(content["items"].size(), 3U) << content.dump();
        EXPECT_EQ(platforms.size(), 3U);
    }

    TempDir dir_;
    std::unique_ptr<FakeLlmProcess> fake_;
};

TEST_F(ApiRecoveryTest, KillNineInTheMiddleThenRestartCompletesTheJobOnce) {
    ASSERT_TRUE(set_script(fake_->port(), slow_writers(5000)));
    std::string id;
    {
        const auto first = start();
        id = submit_and_reach_writers(*first);
        ASSERT_FALSE(id.empty());
        first->send_signal(SIGKILL);
        ASSERT_EQ(first->wait_exit(seconds(5)), -1);
        EXPECT_TRUE(log_line(*first, "job finished").is_null());
    }
    expect_completed_once(id, 2, "requeued: interrupted by a restart", 2);
}

TEST_F(ApiRecoveryTest, SigtermDrainsARunningJobToSuccessAndRefusesNewWork) {
    ASSERT_TRUE(set_script(fake_->port(), slow_writers(1500)));
    const auto server = start({"--drain-seconds", "20"});
    const auto id = submit_and_reach_writers(*server);
    ASSERT_FALSE(id.empty());
    // A request whose head the server holds when the signal comes: it is answered after it.
    HttpConnection probe(server->port());
    ASSERT_TRUE(
        probe.send_raw("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // lets the server read the head
    server->send_signal(SIGTERM);
    ASSERT_TRUE(server->wait_for_log("draining", seconds(5)));
    ASSERT_TRUE(probe.send_raw("x"));
    const auto ready = probe.read_reply();
    ASSERT_TRUE(ready.has_value());
    EXPECT_EQ(ready->status, 503);
    const auto ready_body = json::parse(ready->body);
    EXPECT_EQ(ready_body["status"], "not_ready");
    EXPECT_EQ(ready_body["reason"], "draining");
    EXPECT_EQ(ready->header("connection"), "close");
    // The listener is closed while draining: a new submit cannot even connect.
    const HttpConnection refused(server->port());
    EXPECT_FALSE(refused.connected());

    EXPECT_EQ(server->wait_exit(seconds(25)), 0);
    const auto finished = log_line(*server, "job finished", id);
    ASSERT_FALSE(finished.is_null());
    EXPECT_EQ(finished.value("status", ""), "succeeded");
    EXPECT_EQ(log_line(*server, "jobs drained").value("requeued", -1), 0);
    EXPECT_EQ(log_line(*server, "stopped").value("reason", ""), "drained");

    const auto reader = start({"--workers", "0"});
    const auto job = get_job(reader->port(), id);
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_EQ(job.value("attempts", 0), 1);
    EXPECT_EQ(items_by_platform(job).size(), 3U);
}

TEST_F(ApiRecoveryTest, ShortDrainRequeuesTheJobAndARestartCompletesIt) {
    ASSERT_TRUE(set_script(fake_->port(), slow_writers(20000)));
    std::string id;
    {
        const auto server = start({"--drain-seconds", "1"});
        id = submit_and_reach_writers(*server);
        ASSERT_FALSE(id.empty());
        server->send_signal(SIGTERM);
        EXPECT_EQ(server->wait_exit(seconds(10)), 0);  // hang guard, far above the deadline
        EXPECT_EQ(log_line(*server, "jobs drained").value("requeued", -1), 1);
        EXPECT_FALSE(log_line(*server, "job requeued", id).is_null());
        EXPECT_TRUE(log_line(*server, "job finished", id).is_null());
    }
    expect_completed_once(id, 2, "requeued: the server is shutting down", 1);
}

TEST_F(ApiRecoveryTest, SecondSignalDuringTheDrainStopsAtOnce) {
    ASSERT_TRUE(set_script(fake_->port(), slow_writers(20000)));
    std::string id;
    {
        const auto server = start({"--drain-seconds", "20"});
        id = submit_and_reach_writers(*server);
        ASSERT_FALSE(id.empty());
        server->send_signal(SIGTERM);
        ASSERT_TRUE(server->wait_for_log("draining", seconds(5)));
        server->send_signal(SIGTERM);
        // Far below the drain deadline and the writers' first token: nothing is waited for.
        EXPECT_EQ(server->wait_exit(seconds(10)), 1);
        EXPECT_FALSE(log_line(*server, "stopping at once").is_null());
        EXPECT_EQ(log_line(*server, "stopped").value("reason", ""), "forced");
        EXPECT_TRUE(log_line(*server, "job finished", id).is_null());
    }
    // Stopped, not lost: the job was put back and the next start completes it.
    expect_completed_once(id, 2, "requeued: the server is shutting down", 1);
}

}  // namespace
}  // namespace swarm::test::e2e
