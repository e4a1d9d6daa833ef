// Shared by the end-to-end tests of the server with tools/fake-llm: the model settings as
// environment variables, fake-llm's script and request records, and bounded waits on jobs.
#pragma once

#include "support/fake_llm_process.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test::e2e {

using nlohmann::json;
using Env = std::map<std::string, std::string>;

inline const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};
inline const std::vector<std::string> kPlatforms{"linkedin", "twitter", "pitch_deck"};

/// Sets variables for the server processes started while it lives (they inherit the
/// environment), and unsets them afterwards so no other test sees them.
class ScopedEnv {
public:
    explicit ScopedEnv(Env vars) : vars_(std::move(vars)) {
        for (const auto& [name, value] : vars_) {
            // Test threads only, before the servers start. NOLINTNEXTLINE(concurrency-mt-unsafe)
            ::setenv(name.c_str(), value.c_str(), 1);
        }
    }

    ~ScopedEnv() {
        for (const auto& [name, value] : vars_) {
            // NOLINTNEXTLINE(concurrency-mt-unsafe)
            ::unsetenv(name.c_str());
        }
    }

    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    Env vars_;
};

inline Env openai_env(const FakeLlmProcess& fake, const std::string& mode = "parallel") {
    return {{"CONTENT_SWARM_LLM_PROVIDER", "openai"},
            {"CONTENT_SWARM_LLM_BASE_URL", fake.base_url() + "/v1"},
            {"CONTENT_SWARM_LLM_MODEL", "gpt-4o-mini"},
            {"CONTENT_SWARM_LLM_API_KEY", "sk-test-e2e"},
            {"CONTENT_SWARM_LLM_MODE", mode}};
}

inline std::filesystem::path e2e_fixture(const std::string& name) {
    return fixture("fake-llm/e2e/" + name);
}

/// The sample brief without "kb": the server's --kb is used.
inline std::string sample_brief() {
    auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
    brief.erase("kb");
    return brief.dump();
}

inline std::vector<std::string> serve_args(const TempDir& dir,
                                           const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--db", "sqlite:" + (dir.path() / "db.sqlite").string(), "--kb",
                                  (source_dir() / "examples" / "kb-fieldnote").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// ---- fake-llm ---------------------------------------------------------------------------------

/// e2e/happy.json: good answers for research, every writer and the editor's critique.
inline json happy_script() {
    return json::parse(read_file(e2e_fixture("happy.json")));
}

/// `script` with `entries` put before its replies, so they answer first (until used up).
inline json with_first(json script, const json& entries) {
    json replies = entries;
    for (const auto& r : script["replies"]) {
        replies.push_back(r);
    }
    script["replies"] = replies;
    return script;
}

/// Replaces fake-llm's script (text_file is relative to the folder of its --script).
inline bool set_script(std::uint16_t fake_port, const json& script) {
    const auto reply = http_request(fake_port, "POST", "/_fake/script", kJson, script.dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200;
}

inline json fake_requests(std::uint16_t fake_port) {
    const auto reply = http_request(fake_port, "GET", "/_fake/requests");
    return reply.status == 200 ? json::parse(reply.body) : json::array();
}

inline std::vector<json> requests_for(const json& all, const std::string& agent) {
    std::vector<json> out;
    for (const auto& r : all) {
        if (r.value("agent", "") == agent) {
            out.push_back(r);
        }
    }
    return out;
}

/// Every string inside a request body, joined: the prompt text whatever the provider's shape.
inline std::string prompt_text(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>() + "\n";
    }
    std::string out;
    if (value.is_structured()) {
        for (const auto& v : value) {
            out += prompt_text(v);
        }
    }
    return out;
}

/// Word-ish pieces fake-llm sends for `text` (one per run of non-space characters).
inline std::size_t piece_count(const std::string& text) {
    std::size_t n = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        n += !space && !in_word ? 1U : 0U;
        in_word = !space;
    }
    return n;
}

// ---- the server's API -------------------------------------------------------------------------

/// Submits the brief; the job id, or "" when refused.
inline std::string submit_job(std::uint16_t port, const std::string& brief = sample_brief()) {
    const auto reply = http_request(port, "POST", "/api/v1/jobs", kJson, brief);
    EXPECT_EQ(reply.status, 202) << reply.body;
    return reply.status == 202 ? json::parse(reply.body).value("job_id", "") : "";
}

/// The log line with this "msg" (and job_id, when given); null when there is none.
inline json log_line(const ServerProcess& server, const std::string& msg,
                     const std::string& job = "") {
    for (const auto& line : server.log_lines()) {
        if (line.is_object() && line.value("msg", "") == msg &&
            (job.empty() || line.value("job_id", "") == job)) {
            return line;
        }
    }
    return nullptr;
}

inline json get_json(std::uint16_t port, const std::string& target) {
    const auto reply = http_request(port, "GET", target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return reply.status == 200 ? json::parse(reply.body) : json::object();
}

inline json get_job(std::uint16_t port, const std::string& id) {
    return get_json(port, "/api/v1/jobs/" + id);
}

inline bool is_final(const std::string& status) {
    return status == "succeeded" || status == "partial" || status == "failed" ||
           status == "cancelled";
}

/// Polls the job until `done` says so or `limit` passes (a hang guard); the last job read.
template <class Done>
json wait_job(std::uint16_t port, const std::string& id, Done done,
              std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    json job = get_job(port, id);
    while (!done(job) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        job = get_job(port, id);
    }
    return job;
}

inline json wait_final(std::uint16_t port, const std::string& id,
                       std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    return wait_job(
        port, id, [](const json& j) { return is_final(j.value("status", "")); }, limit);
}

/// Polls fake-llm's records until `done` says so or `limit` passes; true when it did.
template <class Done>
bool wait_requests(std::uint16_t fake_port, Done done,
                   std::chrono::milliseconds limit = std::chrono::seconds(15)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done(fake_requests(fake_port))) {
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// True once every writer platform's call reached fake-llm: the job is in the middle of its run.
inline bool writers_called(const json& requests) {
    for (const auto& p : kPlatforms) {
        if (requests_for(requests, "writer:" + p).empty()) {
            return false;
        }
    }
    return true;
}

/// Every event of the job, read until the server ends the stream after job_finished.
inline SseStream job_events(std::uint16_t port, const std::string& id) {
    return read_sse(port, "/api/v1/jobs/" + id + "/events", {}, SIZE_MAX, SIZE_MAX,
                    std::chrono::seconds(30));
}

/// The agent_progress messages of `agent` for `platform`, concatenated.
inline std::string progress_text(const std::vector<SseEvent>& events, const std::string& agent,
                                 const std::string& platform) {
    std::string out;
    for (const auto& e : events) {
        if (e.type == "agent_progress" && e.data.value("agent", "") == agent &&
            e.data.value("platform", json()).is_string() && e.data["platform"] == platform) {
            out += e.data.value("message", "");
        }
    }
    return out;
}

/// The job's items' content documents by platform.
inline std::map<std::string, json> items_by_platform(const json& job) {
    std::map<std::string, json> out;
    for (const auto& item : job.value("items", json::array())) {
        out[item.value("platform", "")] = item.value("content", json::object());
    }
    return out;
}

/// The value of a /metrics series (name with labels), or -1 when absent.
inline double metric(std::uint16_t port, const std::string& series) {
    const auto body = http_request(port, "GET", "/metrics").body;
    const auto at = body.find("\n" + series + " ");
    return at == std::string::npos ? -1 : std::stod(body.substr(at + series.size() + 2));
}

}  // namespace swarm::test::e2e
