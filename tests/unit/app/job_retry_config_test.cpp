// The job retry settings from the environment: defaults, ranges, and errors naming the variable.
#include "app/server.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using std::chrono::seconds;

EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto it = vars.find(std::string(name));
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

TEST(JobRetryConfig, DefaultsAreFiveAttemptsTwoSecondsCappedAtSixty) {
    const auto config = server_config_from_env(env_of({}));
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->job_retry.max_attempts, 5);
    EXPECT_EQ(config->job_retry.backoff_base, seconds{2});
    EXPECT_EQ(config->job_retry.backoff_cap, seconds{60});
}

TEST(JobRetryConfig, VariablesSetThePolicy) {
    const auto config = server_config_from_env(env_of({
        {"CONTENT_SWARM_JOB_MAX_ATTEMPTS", "3"},
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS", "0"},
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS", "10"},
    }));
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->job_retry.max_attempts, 3);
    EXPECT_EQ(config->job_retry.backoff_base, seconds{0});
    EXPECT_EQ(config->job_retry.backoff_cap, seconds{10});
}

TEST(JobRetryConfig, BadValuesNameTheVariableAndTheRange) {
    for (const auto& [name, value] : std::map<std::string, std::string>{
             {"CONTENT_SWARM_JOB_MAX_ATTEMPTS", "0"},
             {"CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS", "-1"},
             {"CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS", "many"}}) {
        const auto config = server_config_from_env(env_of({{name, value}}));
        ASSERT_FALSE(config.has_value()) << name;
        EXPECT_EQ(config.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(config.error().field, name);
        EXPECT_NE(config.error().message.find(".."), std::string::npos) << config.error().message;
    }
    const auto inverted = server_config_from_env(env_of({
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS", "30"},
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS", "10"},
    }));
    ASSERT_FALSE(inverted.has_value());
    EXPECT_EQ(inverted.error().field, "CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS");
}

}  // namespace
}  // namespace swarm::app
