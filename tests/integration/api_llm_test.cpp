// The model-backed jobs API end to end: the real server with tools/fake-llm as the model of each
// provider; happy paths, streamed deltas, raw outputs, usage, a persistent fault and a cancel.
#include "llm_e2e_support.hpp"
#include "support/server_process.hpp"

#include <algorithm>
#include <sstream>

namespace swarm::test::e2e {
namespace {

class ApiLlmTest : public ::testing::Test {
protected:
    TempDir dir_;
};

/// Every request fake-llm saw named one of the pipeline's agents and the provider under test.
void expect_agents_and_provider(const json& requests, const std::string& provider) {
    std::set<std::string> agents;
    for (const auto& r : requests) {
        agents.insert(r.value("agent", ""));
        EXPECT_EQ(r.value("provider", ""), provider) << r.dump();
        EXPECT_EQ(r.value("status_sent", 0), 200) << r.value("agent", "");
    }
    EXPECT_EQ(agents, (std::set<std::string>{"research", "writer:linkedin", "writer:twitter",
                                             "writer:pitch_deck", "editor:linkedin",
                                             "editor:twitter", "editor:pitch_deck"}));
}

/// A job that succeeded with one item per platform, each free of error issues.
void expect_all_delivered(const json& job) {
    EXPECT_EQ(job.value("status", ""), "succeeded") << job.dump();
    EXPECT_TRUE(job["missing_platforms"].empty());
    const auto items = items_by_platform(job);
    EXPECT_EQ(items.size(), 3U);
    for (const auto& p : kPlatforms) {
        ASSERT_TRUE(items.contains(p)) << p;
        EXPECT_FALSE(items.at(p).value("body", "").empty()) << p;
    }
}

TEST_F(ApiLlmTest, OpenAiParallelStreamsDeltasStoresRawOutputsAndCountsUsage) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    const ScopedEnv env(openai_env(fake, "parallel"));
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const std::string series = "content_swarm_model_tokens_total{direction=\"output\"}";
    const double before = std::max(metric(server.port(), series), 0.0);

    const auto id = submit_job(server.port());
    ASSERT_FALSE(id.empty());
    const auto stream = job_events(server.port(), id);
    ASSERT_TRUE(stream.closed_by_server);
    ASSERT_FALSE(stream.events.empty());
    EXPECT_EQ(stream.events.back().data["message"], "succeeded");
    const auto job = get_job(server.port(), id);
    expect_all_delivered(job);

    // The writers' deltas arrive as agent_progress events and add up to what the model sent. The
    // 12-slide deck is written in two parts at once; its progress shows part 1, then part 2.
    const auto replies_of = [](const std::string& p) {
        return p == "pitch_deck"
                   ? std::vector<std::string>{read_file(e2e_fixture("pitch_deck_part1.json")),
                                              read_file(e2e_fixture("pitch_deck_part2.json"))}
                   : std::vector<std::string>{read_file(e2e_fixture(p + ".json"))};
    };
    for (const auto& p : kPlatforms) {
        std::string scripted;
        for (const auto& r : replies_of(p)) {
            scripted += r;
        }
        EXPECT_NE(progress_text(stream.events, "writer", p).find(scripted), std::string::npos) << p;
    }
    const auto raw = get_json(server.port(), "/api/v1/jobs/" + id + "/raw-outputs")["raw_outputs"];
    for (const auto& p : kPlatforms) {
        for (const auto& scripted : replies_of(p)) {
            const bool found = std::any_of(raw.begin(), raw.end(), [&](const json& r) {
                return r.value("agent", "").rfind("writer:" + p + " prompt=", 0) == 0 &&
                       r.value("text", "") == scripted;
            });
            EXPECT_TRUE(found) << p << ": " << raw.dump();
        }
    }
    // The parts joined are the scripted deck, slide for slide.
    const auto deck = items_by_platform(job)["pitch_deck"];
    EXPECT_EQ(deck["parts"].size(),
              json::parse(read_file(e2e_fixture("pitch_deck.json")))["slides"].size());

    const auto requests = fake_requests(fake.port());
    expect_agents_and_provider(requests, "openai");
    EXPECT_EQ(raw.size(), requests.size());
    const auto& usage = job["usage"];
    EXPECT_EQ(usage.value("model_calls", 0), static_cast<int>(requests.size()));
    EXPECT_GT(usage.value("input_tokens", 0), 0);
    EXPECT_GT(usage.value("output_tokens", 0), 0);
    const double output_tokens = usage.value("output_tokens", 0);
    // The server refreshes its job figures every 2 s: wait for them (bounded).
    double after = metric(server.port(), series);
    for (int i = 0; i < 100 && after < before + output_tokens; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        after = metric(server.port(), series);
    }
    EXPECT_EQ(after, before + output_tokens);
}

struct ProviderCase {
    std::string name;
    Env (*env)(const FakeLlmProcess&);
};

Env anthropic_env(const FakeLlmProcess& fake) {
    return {{"CONTENT_SWARM_LLM_PROVIDER", "anthropic"},
            {"CONTENT_SWARM_LLM_BASE_URL", fake.base_url()},
            {"CONTENT_SWARM_LLM_MODEL", "claude-3-5-haiku-latest"},
            {"CONTENT_SWARM_LLM_API_KEY", "sk-ant-test-e2e"}};
}

Env bedrock_env(const FakeLlmProcess& fake) {
    return {{"CONTENT_SWARM_LLM_PROVIDER", "bedrock"},
            {"CONTENT_SWARM_LLM_BASE_URL", fake.base_url()},
            {"CONTENT_SWARM_LLM_MODEL", "anthropic.claude-3-5-haiku-20241022-v1:0"},
            {"AWS_REGION", "us-east-1"},
            {"AWS_ACCESS_KEY_ID", "AKIDE2ETEST"},
            {"AWS_SECRET_ACCESS_KEY", "e2e-secret"}};
}

class ApiLlmProviderTest : public ::testing::TestWithParam<ProviderCase> {
protected:
    TempDir dir_;
};

TEST_P(ApiLlmProviderTest, HappyPathJobSucceeds) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    const ScopedEnv env(GetParam().env(fake));
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto id = submit_job(server.port());
    ASSERT_FALSE(id.empty());
    const auto job = wait_final(server.port(), id);
    expect_all_delivered(job);
    const auto requests = fake_requests(fake.port());
    expect_agents_and_provider(requests, GetParam().name);
    EXPECT_EQ(job["usage"].value("model_calls", 0), static_cast<int>(requests.size()));
    EXPECT_GT(job["usage"].value("output_tokens", 0), 0);
    // The deck came from the model, not from the offline writer.
    const auto deck = items_by_platform(job)["pitch_deck"];
    const auto scripted = json::parse(read_file(e2e_fixture("pitch_deck.json")));
    ASSERT_EQ(deck["parts"].size(), scripted["slides"].size());
    EXPECT_EQ(deck["parts"][1]["title"], scripted["slides"][1]["title"]);
    const auto raw = get_json(server.port(), "/api/v1/jobs/" + id + "/raw-outputs")["raw_outputs"];
    EXPECT_EQ(raw.size(), requests.size());
}

INSTANTIATE_TEST_SUITE_P(Providers, ApiLlmProviderTest,
                         ::testing::Values(ProviderCase{"anthropic", anthropic_env},
                                           ProviderCase{"bedrock", bedrock_env}),
                         [](const auto& test_info) { return test_info.param.name; });

TEST_F(ApiLlmTest, PersistentProviderFaultWritesOfflineAndSaysWhy) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    ASSERT_TRUE(set_script(
        fake.port(),
        with_first(
            happy_script(),
            json::array({{{"agent", "writer:*"}, {"fault", "500"}, {"retry_after", false}}}))));
    const ScopedEnv env(openai_env(fake));
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto id = submit_job(server.port());
    ASSERT_FALSE(id.empty());
    const auto stream = job_events(server.port(), id);
    const auto job = get_job(server.port(), id);
    // The fallback rule: a provider error lets the built-in writer deliver the platform.
    expect_all_delivered(job);
    const auto requests = fake_requests(fake.port());
    for (const auto& p : kPlatforms) {
        const auto calls = requests_for(requests, "writer:" + p);
        // Each call: the first try and two retries; the deck is two calls (its two parts).
        EXPECT_EQ(calls.size(), p == "pitch_deck" ? 6U : 3U) << p;
        for (const auto& c : calls) {
            EXPECT_EQ(c.value("status_sent", 0), 500);
        }
        EXPECT_TRUE(requests_for(requests, "editor:" + p).empty()) << "no critique offline";
        // The writer's finished event names the fallback and its cause.
        const bool said_why =
            std::any_of(stream.events.begin(), stream.events.end(), [&](const SseEvent& e) {
                const std::string message = e.data.value("message", "");
                return e.type == "agent_finished" && e.data.value("agent", "") == "writer" &&
                       e.data["platform"] == p &&
                       message.find("written offline after model error") != std::string::npos &&
                       message.find("500") != std::string::npos;
            });
        EXPECT_TRUE(said_why) << p;
    }
}

TEST_F(ApiLlmTest, CancellingASlowJobEndsItCancelledAndStopsReadingTokens) {
    TempDir logs;
    const auto log = logs.path() / "fake.log";
    const FakeLlmProcess fake(e2e_fixture("happy.json"), {"--log", log.string()});
    ASSERT_NE(fake.port(), 0);
    auto script = happy_script();
    for (auto& r : script["replies"]) {
        if (r.value("agent", "").rfind("writer:", 0) == 0) {
            r["tokens_per_second"] = 5;
        }
    }
    ASSERT_TRUE(set_script(fake.port(), script));
    const ScopedEnv env(openai_env(fake));
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const auto id = submit_job(server.port());
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(wait_requests(fake.port(), writers_called));
    ASSERT_EQ(get_job(server.port(), id).value("status", ""), "running");

    const auto cancel = http_request(server.port(), "POST", "/api/v1/jobs/" + id + "/cancel");
    ASSERT_EQ(cancel.status, 200) << cancel.body;
    const auto job = wait_final(server.port(), id, std::chrono::seconds(10));  // hang guard
    EXPECT_EQ(job.value("status", ""), "cancelled") << job.dump();
    EXPECT_TRUE(job["items"].empty());
    EXPECT_EQ(job["missing_platforms"], json(kPlatforms));
    const auto content = get_json(server.port(), "/api/v1/content?job_id=" + id);
    EXPECT_TRUE(content["items"].empty()) << content.dump();
    const auto stream = job_events(server.port(), id);
    ASSERT_FALSE(stream.events.empty());
    EXPECT_EQ(stream.events.back().data["message"], "cancelled");
    EXPECT_TRUE(std::none_of(stream.events.begin(), stream.events.end(),
                             [](const SseEvent& e) { return e.type == "item_ready"; }));

    // fake-llm logs a stream when it ends: each writer's ended early, its reader gone.
    std::map<std::string, std::size_t> sent;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (sent.size() < kPlatforms.size() && std::chrono::steady_clock::now() < until) {
        std::istringstream lines(read_file(log));
        for (std::string line; std::getline(lines, line);) {
            const auto entry = json::parse(line, nullptr, false);
            const std::string agent = entry.is_object() ? entry.value("agent", "") : "";
            if (agent.rfind("writer:", 0) == 0) {
                sent[agent.substr(7)] = entry.value("tokens_sent", std::size_t{0});
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (const auto& p : kPlatforms) {
        ASSERT_TRUE(sent.contains(p)) << p << ": the stream never ended";
        EXPECT_LT(sent[p], piece_count(read_file(e2e_fixture(p + ".json")))) << p;
    }
}

TEST_F(ApiLlmTest, AWorkspaceAtItsMonthlyTokenCapGets429UntilTheMonthEnds) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    const ScopedEnv env(openai_env(fake));
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    auto json_headers = kJson;
    const auto set = http_request(server.port(), "PUT", "/api/v1/settings/limits", json_headers,
                                  R"({"monthly_token_cap":100})");
    ASSERT_EQ(set.status, 200) << set.body;
    // Below the cap a job starts; its model calls use far more than 100 tokens.
    const auto id = submit_job(server.port());
    ASSERT_FALSE(id.empty());
    const auto job = wait_final(server.port(), id);
    const auto used =
        job["usage"].value("input_tokens", 0) + job["usage"].value("output_tokens", 0);
    ASSERT_GT(used, 100) << job["usage"].dump();
    const auto settings = get_json(server.port(), "/api/v1/settings");
    EXPECT_EQ(settings["usage"]["tokens_this_month"], used) << settings.dump();
    // At the cap: 429 naming it, retry when the month (UTC) turns.
    const auto refused =
        http_request(server.port(), "POST", "/api/v1/jobs", json_headers, sample_brief());
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["field"], "monthly_token_cap");
    const auto retry = std::stoll(refused.header("retry-after"));
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, 31LL * 24 * 3600);
    // The old system's endpoint is held to the same cap.
    const auto old = http_request(server.port(), "POST", "/api/generate-content", json_headers,
                                  R"({"prompt":"More.","user_id":"u1","platforms":["linkedin"]})");
    EXPECT_EQ(old.status, 429) << old.body;
    // Raising the cap lets the workspace go on; other workspaces never were held.
    ASSERT_EQ(http_request(server.port(), "PUT", "/api/v1/settings/limits", json_headers,
                           R"({"monthly_token_cap":null})")
                  .status,
              200);
    EXPECT_EQ(
        http_request(server.port(), "POST", "/api/v1/jobs", json_headers, sample_brief()).status,
        202);
}

TEST_F(ApiLlmTest, AWorkspaceWithItsOwnModelKeyCallsTheModelWithIt) {
    const FakeLlmProcess fake(e2e_fixture("happy.json"));
    ASSERT_NE(fake.port(), 0);
    const ScopedEnv env(openai_env(fake));  // the server's key: sk-test-e2e
    const ServerProcess server(serve_args(dir_));
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    const std::string own = "sk-workspace-own-key-4321";
    const auto stored = http_request(server.port(), "PUT", "/api/v1/settings/secrets/llm_api_key",
                                     kJson, json{{"value", own}}.dump());
    ASSERT_EQ(stored.status, 200) << stored.body;
    const auto first = submit_job(server.port());
    ASSERT_EQ(wait_final(server.port(), first).value("status", ""), "succeeded");
    const auto with_own = fake_requests(fake.port());
    ASSERT_FALSE(with_own.empty());
    for (const auto& r : with_own) {
        EXPECT_EQ(r["headers"].value("authorization", ""), "Bearer " + own) << r.dump();
    }
    // Removed: the next job uses the server's key again.
    ASSERT_EQ(http_request(server.port(), "DELETE", "/api/v1/settings/secrets/llm_api_key").status,
              204);
    const auto second = submit_job(server.port());
    ASSERT_EQ(wait_final(server.port(), second).value("status", ""), "succeeded");
    const auto all = fake_requests(fake.port());
    ASSERT_GT(all.size(), with_own.size());
    for (std::size_t i = with_own.size(); i < all.size(); ++i) {
        EXPECT_EQ(all[i]["headers"].value("authorization", ""), "Bearer sk-test-e2e");
    }
    // The key never reaches the server's output.
    EXPECT_EQ((server.stdout_text() + server.stderr_text()).find(own), std::string::npos);
}

}  // namespace
}  // namespace swarm::test::e2e
