// LLM settings: environment and config file resolved into per-agent providers (env > file >
// defaults, per-agent over global), errors naming the field, client sharing, secret-free logs.
#include "app/llm_settings.hpp"

#include "support/test_paths.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using core::AgentRole;

class NoNetworkTransport final : public llm::HttpTransport {
public:
    llm::HttpOutcome post_stream(const llm::HttpRequest&, const llm::HttpStreamHandlers&,
                                 std::stop_token) override {
        llm::HttpOutcome outcome;
        outcome.error = core::Error{core::ErrorCode::kUnavailable, "no network in tests", {}, {}};
        return outcome;
    }
};

EnvLookup env_of(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        const auto it = values.find(std::string(name));
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

std::filesystem::path write_file(const swarm::test::TempDir& dir, const std::string& name,
                                 const std::string& text) {
    const auto path = dir.path() / name;
    std::ofstream(path) << text;
    return path;
}

LlmSettings load_ok(const EnvLookup& env, std::optional<std::filesystem::path> path = {}) {
    auto settings = load_llm_settings(env, path);
    EXPECT_TRUE(settings) << core::describe(settings.error());
    return settings ? *settings : LlmSettings{};
}

core::Error load_error(const EnvLookup& env, std::optional<std::filesystem::path> path = {}) {
    auto settings = load_llm_settings(env, path);
    EXPECT_FALSE(settings);
    if (settings) {
        return {};
    }
    EXPECT_EQ(settings.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(settings.error().field.empty());
    return settings.error();
}

const std::map<std::string, std::string> kOpenAi = {
    {"CONTENT_SWARM_LLM_PROVIDER", "openai"},
    {"CONTENT_SWARM_LLM_MODEL", "gpt-4o-mini"},
    {"CONTENT_SWARM_LLM_API_KEY", "sk-test-123456"}};

std::map<std::string, std::string> with(std::map<std::string, std::string> base,
                                        const std::map<std::string, std::string>& extra) {
    for (const auto& [key, value] : extra) {
        base[key] = value;
    }
    return base;
}

TEST(LlmSettings, OfflineByDefault) {
    for (const auto& env : {env_of({}), env_of({{"CONTENT_SWARM_LLM_PROVIDER", "offline"},
                                                {"CONTENT_SWARM_LLM_MODEL", "ignored"}})}) {
        const LlmSettings settings = load_ok(env);
        EXPECT_FALSE(settings.any());
        auto agents = make_llm_agents(settings, nullptr);
        ASSERT_TRUE(agents);
        EXPECT_FALSE(agents->any());
        EXPECT_EQ(agents->mode, core::LlmMode::kParallel);
        EXPECT_EQ(agents->max_rewrites, 2);
        EXPECT_NE(settings.description().find("writer=offline"), std::string::npos);
    }
}

TEST(LlmSettings, EnvOnlyOpenAiSharesOneClient) {
    const LlmSettings settings = load_ok(env_of(kOpenAi));
    for (const auto role : {AgentRole::kResearch, AgentRole::kWriter, AgentRole::kScheduler}) {
        ASSERT_TRUE(settings.agent(role));
        EXPECT_EQ(settings.agent(role)->provider, "openai");
        EXPECT_EQ(settings.agent(role)->base_url, "https://api.openai.com/v1");
        EXPECT_EQ(settings.agent(role)->api_key, "sk-test-123456");
    }
    auto agents = make_llm_agents(settings, std::make_shared<NoNetworkTransport>());
    ASSERT_TRUE(agents) << core::describe(agents.error());
    ASSERT_TRUE(agents->writer);
    EXPECT_EQ(agents->writer->provider(), "openai");
    EXPECT_EQ(agents->writer->model(), "gpt-4o-mini");
    EXPECT_EQ(agents->writer, agents->research);
    EXPECT_EQ(agents->writer, agents->scheduler);
}

TEST(LlmSettings, PerAgentOverrides) {
    const auto env = env_of(with(kOpenAi, {{"CONTENT_SWARM_WRITER_LLM_PROVIDER", "anthropic"},
                                           {"CONTENT_SWARM_WRITER_LLM_MODEL", "claude-x"},
                                           {"CONTENT_SWARM_WRITER_LLM_API_KEY", "sk-ant-999999"},
                                           {"CONTENT_SWARM_EDITOR_LLM_PROVIDER", "offline"},
                                           {"CONTENT_SWARM_RESEARCH_LLM_MODEL", "gpt-4o"}}));
    const LlmSettings settings = load_ok(env);
    const auto& writer = settings.agent(AgentRole::kWriter);
    ASSERT_TRUE(writer);
    EXPECT_EQ(writer->provider, "anthropic");
    EXPECT_EQ(writer->api_key, "sk-ant-999999");
    EXPECT_EQ(writer->base_url, "");  // the global OpenAI URL is not inherited
    EXPECT_FALSE(settings.agent(AgentRole::kEditor));
    ASSERT_TRUE(settings.agent(AgentRole::kResearch));
    EXPECT_EQ(settings.agent(AgentRole::kResearch)->model, "gpt-4o");
    EXPECT_EQ(settings.agent(AgentRole::kResearch)->api_key, "sk-test-123456");  // same provider

    auto agents = make_llm_agents(settings, std::make_shared<NoNetworkTransport>());
    ASSERT_TRUE(agents) << core::describe(agents.error());
    EXPECT_EQ(agents->writer->provider(), "anthropic");
    EXPECT_EQ(agents->editor, nullptr);
    EXPECT_NE(agents->research, agents->designer);
    EXPECT_EQ(agents->designer, agents->scheduler);
    EXPECT_EQ(agents->research->model(), "gpt-4o");
}

TEST(LlmSettings, AnotherProviderNeverInheritsTheGlobalKey) {
    const auto error =
        load_error(env_of(with(kOpenAi, {{"CONTENT_SWARM_WRITER_LLM_PROVIDER", "anthropic"},
                                         {"CONTENT_SWARM_WRITER_LLM_MODEL", "claude-x"}})));
    EXPECT_EQ(core::describe(error),
              "CONTENT_SWARM_WRITER_LLM_API_KEY: required for provider anthropic (agent writer)");
}

TEST(LlmSettings, BedrockFromEnvironment) {
    const std::map<std::string, std::string> bedrock = {
        {"CONTENT_SWARM_LLM_PROVIDER", "bedrock"},
        {"CONTENT_SWARM_LLM_MODEL", "anthropic.claude-3-haiku-20240307-v1:0"},
        {"AWS_DEFAULT_REGION", "eu-west-1"},
        {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
        {"AWS_SECRET_ACCESS_KEY", "secretEXAMPLEKEY"},
        {"AWS_SESSION_TOKEN", "sessionEXAMPLETOKEN"}};
    const LlmSettings settings = load_ok(env_of(bedrock));
    const auto& writer = settings.agent(AgentRole::kWriter);
    ASSERT_TRUE(writer);
    EXPECT_EQ(writer->region, "eu-west-1");
    EXPECT_EQ(writer->aws_access_key_id, "AKIDEXAMPLE");
    EXPECT_EQ(writer->aws_secret_access_key, "secretEXAMPLEKEY");
    EXPECT_EQ(writer->aws_session_token, "sessionEXAMPLETOKEN");
    EXPECT_EQ(load_ok(env_of(with(bedrock, {{"AWS_REGION", "us-east-2"}})))
                  .agent(AgentRole::kEditor)
                  ->region,
              "us-east-2");
    auto agents = make_llm_agents(settings, std::make_shared<NoNetworkTransport>());
    ASSERT_TRUE(agents) << core::describe(agents.error());
    EXPECT_EQ(agents->writer->provider(), "bedrock");

    auto no_region = bedrock;
    no_region.erase("AWS_DEFAULT_REGION");
    EXPECT_EQ(load_error(env_of(no_region)).field, "AWS_REGION");
    auto no_keys = bedrock;
    no_keys.erase("AWS_ACCESS_KEY_ID");
    EXPECT_EQ(load_error(env_of(no_keys)).field, "AWS_ACCESS_KEY_ID");
    no_keys["AWS_BEARER_TOKEN_BEDROCK"] = "ABSKbearer";
    EXPECT_EQ(load_ok(env_of(no_keys)).agent(AgentRole::kWriter)->api_key, "ABSKbearer");
    auto no_secret = bedrock;
    no_secret.erase("AWS_SECRET_ACCESS_KEY");
    EXPECT_EQ(load_error(env_of(no_secret)).field, "AWS_SECRET_ACCESS_KEY");
}

TEST(LlmSettings, InvalidEnvironmentValuesNameTheField) {
    EXPECT_EQ(core::describe(load_error(env_of({{"CONTENT_SWARM_LLM_PROVIDER", "gpt"}}))),
              "CONTENT_SWARM_LLM_PROVIDER: is \"gpt\"; allowed: offline, openai, anthropic, "
              "bedrock");
    EXPECT_EQ(core::describe(load_error(env_of({{"CONTENT_SWARM_LLM_MODE", "fast"}}))),
              "CONTENT_SWARM_LLM_MODE: is \"fast\"; allowed: parallel, single-call, sequential");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_DESIGNER_LLM_PROVIDER", "x"}})).field,
              "CONTENT_SWARM_DESIGNER_LLM_PROVIDER");
    EXPECT_EQ(core::describe(load_error(env_of({{"CONTENT_SWARM_LLM_MAX_RETRIES", "-1"}}))),
              "CONTENT_SWARM_LLM_MAX_RETRIES: is \"-1\"; must be an integer from 0 to 10");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_LLM_MAX_RETRIES", "2x"}})).field,
              "CONTENT_SWARM_LLM_MAX_RETRIES");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_LLM_TIMEOUT_SECONDS", "0"}})).field,
              "CONTENT_SWARM_LLM_TIMEOUT_SECONDS");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_JOB_MAX_COST_USD", "cheap"}})).field,
              "CONTENT_SWARM_JOB_MAX_COST_USD");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_JOB_MAX_TOKENS", "1e6"}})).field,
              "CONTENT_SWARM_JOB_MAX_TOKENS");
    EXPECT_EQ(load_error(env_of(with(kOpenAi, {{"CONTENT_SWARM_LLM_BASE_URL", "ftp://x"}}))).field,
              "CONTENT_SWARM_LLM_BASE_URL");
    EXPECT_EQ(core::describe(load_error(env_of({{"CONTENT_SWARM_LLM_PROVIDER", "openai"}}))),
              "CONTENT_SWARM_LLM_MODEL: required for provider openai (agent research)");
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_LLM_PRICES", "/nonexistent/prices.json"}})).field,
              "CONTENT_SWARM_LLM_PRICES");
}

TEST(LlmSettings, KnobsFromEnvironmentReachLlmAgents) {
    const auto env = env_of(with(kOpenAi, {{"CONTENT_SWARM_LLM_MODE", "single-call"},
                                           {"CONTENT_SWARM_LLM_TIMEOUT_SECONDS", "42.5"},
                                           {"CONTENT_SWARM_LLM_MAX_RETRIES", "0"},
                                           {"CONTENT_SWARM_JOB_MAX_TOKENS", "50000"},
                                           {"CONTENT_SWARM_JOB_MAX_COST_USD", "0.25"},
                                           {"CONTENT_SWARM_JOB_MAX_SECONDS", "300"}}));
    const LlmSettings settings = load_ok(env);
    EXPECT_EQ(settings.agent(AgentRole::kWriter)->timeouts.total,
              std::chrono::milliseconds(42'500));
    EXPECT_EQ(settings.agent(AgentRole::kWriter)->retry.max_retries, 0);
    auto agents = make_llm_agents(settings, std::make_shared<NoNetworkTransport>());
    ASSERT_TRUE(agents);
    EXPECT_EQ(agents->mode, core::LlmMode::kSingleCall);
    EXPECT_EQ(agents->budget.max_tokens, 50'000);
    EXPECT_DOUBLE_EQ(agents->budget.max_cost_usd, 0.25);
    EXPECT_EQ(agents->budget.max_wall, std::chrono::seconds(300));
}

const char* const kFullConfig = R"({
  "provider": "openai",
  "base_url": "http://127.0.0.1:8080/v1",
  "model": "local-model",
  "api_key_env": "MY_LOCAL_KEY",
  "mode": "sequential",
  "timeout_seconds": 90,
  "max_retries": 4,
  "prices": {"local-model": {"input_per_mtok": 1.5, "output_per_mtok": 2}},
  "budget": {"max_tokens": 1000, "max_cost_usd": 0.5, "max_seconds": 120},
  "max_rewrites": 3,
  "max_revisions": 1,
  "critique_threshold": 0.8,
  "agents": {
    "writer": {"provider": "anthropic", "model": "claude-y", "api_key": "sk-ant-file-1"},
    "scheduler": {"provider": "offline"}
  }
})";

TEST(LlmSettings, FileOnly) {
    swarm::test::TempDir dir;
    const auto path = write_file(dir, "llm.json", kFullConfig);
    const auto env = env_of({{"MY_LOCAL_KEY", "local-secret-key"}});
    for (const auto& settings :
         {load_ok(env, path), load_ok(env_of({{"MY_LOCAL_KEY", "local-secret-key"},
                                              {"CONTENT_SWARM_LLM_CONFIG", path.string()}}))}) {
        const auto& research = settings.agent(AgentRole::kResearch);
        ASSERT_TRUE(research);
        EXPECT_EQ(research->base_url, "http://127.0.0.1:8080/v1");
        EXPECT_EQ(research->api_key, "local-secret-key");
        EXPECT_EQ(research->timeouts.total, std::chrono::seconds(90));
        EXPECT_EQ(research->retry.max_retries, 4);
        EXPECT_EQ(settings.agent(AgentRole::kWriter)->provider, "anthropic");
        EXPECT_EQ(settings.agent(AgentRole::kWriter)->api_key, "sk-ant-file-1");
        EXPECT_FALSE(settings.agent(AgentRole::kScheduler));
        EXPECT_EQ(settings.mode, core::LlmMode::kSequential);
        EXPECT_EQ(settings.budget.max_tokens, 1000);
        EXPECT_DOUBLE_EQ(settings.budget.max_cost_usd, 0.5);
        EXPECT_EQ(settings.budget.max_wall, std::chrono::seconds(120));
        EXPECT_EQ(settings.max_rewrites, 3);
        EXPECT_EQ(settings.max_revisions, 1);
        EXPECT_DOUBLE_EQ(settings.critique_threshold, 0.8);
        ASSERT_TRUE(settings.prices);
        EXPECT_TRUE(settings.prices->find("local-model"));
    }
}

TEST(LlmSettings, Precedence) {
    swarm::test::TempDir dir;
    const auto path = write_file(dir, "llm.json", kFullConfig);
    const auto other = write_file(dir, "other.json", R"({"provider": "offline"})");
    const auto env = env_of({{"MY_LOCAL_KEY", "k-local-1"},
                             {"CONTENT_SWARM_LLM_CONFIG", other.string()},
                             {"CONTENT_SWARM_LLM_MODEL", "env-model"},
                             {"CONTENT_SWARM_LLM_MODE", "parallel"},
                             {"CONTENT_SWARM_LLM_MAX_RETRIES", "1"},
                             {"CONTENT_SWARM_WRITER_LLM_MODEL", "claude-env"},
                             {"CONTENT_SWARM_SCHEDULER_LLM_PROVIDER", "openai"}});
    const LlmSettings settings = load_ok(env, path);  // --llm-config beats CONTENT_SWARM_LLM_CONFIG
    EXPECT_EQ(settings.agent(AgentRole::kResearch)->model, "env-model");  // env > file
    EXPECT_EQ(settings.mode, core::LlmMode::kParallel);
    EXPECT_EQ(settings.agent(AgentRole::kResearch)->retry.max_retries, 1);
    EXPECT_EQ(settings.agent(AgentRole::kResearch)->timeouts.total, std::chrono::seconds(90));
    EXPECT_EQ(settings.agent(AgentRole::kWriter)->model, "claude-env");    // agent env > agent file
    EXPECT_EQ(settings.agent(AgentRole::kWriter)->provider, "anthropic");  // from the file
    ASSERT_TRUE(settings.agent(AgentRole::kScheduler));  // env turned the file's offline agent on
    EXPECT_EQ(settings.agent(AgentRole::kScheduler)->model, "env-model");
    // The env file path alone selects the other file: everything offline.
    EXPECT_FALSE(load_ok(env_of({{"CONTENT_SWARM_LLM_CONFIG", other.string()}})).any());
    // A per-agent file value beats a global environment value.
    const auto agent_file = write_file(
        dir, "agent.json", R"({"provider":"openai","agents":{"editor":{"model":"file-editor"}}})");
    EXPECT_EQ(load_ok(env_of({{"CONTENT_SWARM_LLM_MODEL", "env-model"}}), agent_file)
                  .agent(AgentRole::kEditor)
                  ->model,
              "file-editor");
}

TEST(LlmSettings, InvalidFileValuesNameTheField) {
    swarm::test::TempDir dir;
    const auto env = env_of({});
    const auto error_for = [&](const std::string& json) {
        return core::describe(load_error(env, write_file(dir, "bad.json", json)));
    };
    EXPECT_EQ(error_for(R"({"agents": {"writer": {"model": ""}}})"),
              "llm config agents.writer.model: must be a non-empty string");
    EXPECT_EQ(error_for(R"({"provider": "gpt"})"),
              "llm config provider: is \"gpt\"; allowed: offline, openai, anthropic, bedrock");
    EXPECT_EQ(error_for(R"({"modle": "x"})")
                  .rfind("llm config modle: unknown field; allowed: "
                         "provider, base_url, model",
                         0),
              0U);
    EXPECT_EQ(error_for(R"({"agents": {"poet": {}}})"),
              "llm config agents.poet: unknown field; allowed: research, writer, editor, "
              "designer, scheduler");
    EXPECT_EQ(error_for(R"({"agents": {"writer": {"temperature": 1}}})")
                  .rfind("llm config agents.writer.temperature: unknown field", 0),
              0U);
    EXPECT_EQ(error_for(R"({"budget": {"max_tokens": "many"}})"),
              "llm config budget.max_tokens: must be a number");
    EXPECT_EQ(error_for(R"({"max_retries": 1.5})"),
              "llm config max_retries: is \"1.5\"; must be an integer from 0 to 10");
    EXPECT_EQ(error_for(R"({"critique_threshold": 2})"),
              "llm config critique_threshold: is \"2\"; must be a number from 0 to 1");
    EXPECT_EQ(error_for(R"({"api_key_env": "UNSET_VAR_FOR_TEST"})"),
              "llm config api_key_env: names UNSET_VAR_FOR_TEST, which is not set");
    EXPECT_EQ(error_for(R"({"agents": []})"), "llm config agents: must be an object");
    EXPECT_EQ(
        error_for(R"({"prices": {"m": {"input_per_mtok": "free"}}})").rfind("llm config prices", 0),
        0U);
    const std::string bad_json = error_for("[1, 2");
    EXPECT_EQ(
        bad_json.rfind(
            "--llm-config: " + (dir.path() / "bad.json").string() + " is not valid JSON: ", 0),
        0U)
        << bad_json;
    EXPECT_EQ(load_error(env_of({{"CONTENT_SWARM_LLM_CONFIG", "/nonexistent/llm.json"}})).field,
              "CONTENT_SWARM_LLM_CONFIG");
}

TEST(LlmSettings, PricesFileRelativeToTheConfig) {
    swarm::test::TempDir dir;
    write_file(dir, "prices.json", R"({"m1": {"input_per_mtok": 1, "output_per_mtok": 2}})");
    const auto path = write_file(dir, "llm.json", R"({"prices": "prices.json"})");
    const LlmSettings settings = load_ok(env_of({}), path);
    ASSERT_TRUE(settings.prices);
    EXPECT_TRUE(settings.prices->find("m1"));
    const LlmSettings from_env =
        load_ok(env_of({{"CONTENT_SWARM_LLM_PRICES", (dir.path() / "prices.json").string()}}));
    ASSERT_TRUE(from_env.prices);
    EXPECT_DOUBLE_EQ(from_env.prices->cost("m1", 1'000'000, 0).usd, 1.0);
}

TEST(LlmSettings, SecretsNeverInTheDescription) {
    const auto env = env_of({{"CONTENT_SWARM_LLM_PROVIDER", "openai"},
                             {"CONTENT_SWARM_LLM_MODEL", "gpt-4o-mini"},
                             {"CONTENT_SWARM_LLM_API_KEY", "sk-global-SECRET1"},
                             {"CONTENT_SWARM_LLM_BASE_URL",
                              "https://user:PASSWORD2@llm.example.com/v1?key=QUERYSECRET3"},
                             {"CONTENT_SWARM_WRITER_LLM_PROVIDER", "bedrock"},
                             {"CONTENT_SWARM_WRITER_LLM_MODEL", "amazon.nova-pro-v1:0"},
                             {"AWS_REGION", "us-east-1"},
                             {"AWS_ACCESS_KEY_ID", "AKIDSECRET4"},
                             {"AWS_SECRET_ACCESS_KEY", "AWSSECRET5"},
                             {"AWS_SESSION_TOKEN", "SESSIONSECRET6"},
                             {"CONTENT_SWARM_EDITOR_LLM_PROVIDER", "anthropic"},
                             {"CONTENT_SWARM_EDITOR_LLM_MODEL", "claude-z"},
                             {"CONTENT_SWARM_EDITOR_LLM_API_KEY", "sk-ant-SECRET7"}});
    auto setup = configure_llm(env, std::nullopt, std::make_shared<NoNetworkTransport>());
    ASSERT_TRUE(setup) << core::describe(setup.error());
    const std::string& text = setup->description;
    for (const char* secret : {"SECRET1", "PASSWORD2", "QUERYSECRET3", "AKIDSECRET4", "AWSSECRET5",
                               "SESSIONSECRET6", "SECRET7"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
    }
    EXPECT_NE(text.find("research=openai/gpt-4o-mini (https://llm.example.com/v1)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("writer=bedrock/amazon.nova-pro-v1:0 (us-east-1)"), std::string::npos);
    EXPECT_NE(text.find("editor=anthropic/claude-z"), std::string::npos);
    EXPECT_EQ(setup->agents.writer->provider(), "bedrock");
}

}  // namespace
}  // namespace swarm::app
