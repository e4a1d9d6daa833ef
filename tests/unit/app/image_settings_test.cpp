// Image-model settings: CONTENT_SWARM_IMAGE_* resolved into an optional image client (none by
// default), the API-key fallback only to the same server, AWS reuse, errors naming the variable.
#include "app/image_settings.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        const auto it = values.find(std::string(name));
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

ImageSettings load_ok(std::map<std::string, std::string> values) {
    auto settings = load_image_settings(env_of(std::move(values)));
    EXPECT_TRUE(settings) << core::describe(settings.error());
    return settings ? *settings : ImageSettings{};
}

core::Error load_error(std::map<std::string, std::string> values) {
    auto settings = load_image_settings(env_of(std::move(values)));
    EXPECT_FALSE(settings);
    return settings ? core::Error{} : settings.error();
}

TEST(ImageSettings, NoneByDefaultAndWhenSaidSo) {
    EXPECT_FALSE(load_ok({}).model);
    EXPECT_EQ(load_ok({}).description(), "none");
    EXPECT_FALSE(load_ok({{"CONTENT_SWARM_IMAGE_PROVIDER", "none"},
                          {"CONTENT_SWARM_IMAGE_MODEL", "dall-e-3"}})
                     .model);
    const auto setup = configure_image_model(env_of({}));
    ASSERT_TRUE(setup);
    EXPECT_EQ(setup->model, nullptr);
}

TEST(ImageSettings, OpenAiDefaultsAndKnobs) {
    const auto settings = load_ok({{"CONTENT_SWARM_IMAGE_PROVIDER", "openai"},
                                   {"CONTENT_SWARM_IMAGE_API_KEY", "sk-image-key-123456"},
                                   {"CONTENT_SWARM_IMAGE_SIZE", "768x512"},
                                   {"CONTENT_SWARM_IMAGE_TIMEOUT_SECONDS", "90"},
                                   {"CONTENT_SWARM_IMAGE_MAX_RETRIES", "4"},
                                   {"CONTENT_SWARM_IMAGE_MAX_BYTES", "1048576"}});
    ASSERT_TRUE(settings.model);
    const auto& c = settings.model->connection;
    EXPECT_EQ(c.base_url, "https://api.openai.com/v1");
    EXPECT_EQ(c.api_key, "sk-image-key-123456");
    EXPECT_EQ(settings.model->default_size, "768x512");
    EXPECT_EQ(c.timeouts.total, std::chrono::seconds(90));
    EXPECT_EQ(c.timeouts.idle, std::chrono::seconds(90));
    EXPECT_EQ(c.retry.max_retries, 4);
    EXPECT_EQ(settings.model->limits.max_bytes, 1048576U);
    EXPECT_EQ(settings.description(), "openai/gpt-image-1 (https://api.openai.com/v1)");
    EXPECT_EQ(settings.description().find("sk-image"), std::string::npos);
    const auto made = make_image_model(settings, nullptr);  // a CurlTransport, no network use
    ASSERT_TRUE(made);
    EXPECT_EQ((*made)->describe(), "openai/gpt-image-1");
}

TEST(ImageSettings, LlmKeyIsReusedOnlyForTheSameServer) {
    const std::map<std::string, std::string> base = {
        {"CONTENT_SWARM_IMAGE_PROVIDER", "openai"},
        {"CONTENT_SWARM_LLM_PROVIDER", "openai"},
        {"CONTENT_SWARM_LLM_API_KEY", "sk-llm-key-123456"}};
    EXPECT_EQ(load_ok(base).model->connection.api_key, "sk-llm-key-123456");
    auto other_server = base;
    other_server["CONTENT_SWARM_IMAGE_BASE_URL"] = "http://127.0.0.1:8080/v1";
    EXPECT_EQ(load_ok(other_server).model->connection.api_key, "");
    other_server["CONTENT_SWARM_LLM_BASE_URL"] = "http://127.0.0.1:8080/v1";
    EXPECT_EQ(load_ok(other_server).model->connection.api_key, "sk-llm-key-123456");
    auto other_provider = base;
    other_provider["CONTENT_SWARM_LLM_PROVIDER"] = "anthropic";
    EXPECT_EQ(load_ok(other_provider).model->connection.api_key, "");
    auto own = base;
    own["CONTENT_SWARM_IMAGE_API_KEY"] = "sk-own-123456";
    EXPECT_EQ(load_ok(own).model->connection.api_key, "sk-own-123456");
}

TEST(ImageSettings, BedrockReusesAwsSettings) {
    auto settings = load_ok({{"CONTENT_SWARM_IMAGE_PROVIDER", "bedrock"},
                             {"AWS_REGION", "eu-central-1"},
                             {"CONTENT_SWARM_IMAGE_REGION", "us-east-1"},
                             {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                             {"AWS_SECRET_ACCESS_KEY", "secret-example-key"},
                             {"AWS_SESSION_TOKEN", "session-example"}});
    ASSERT_TRUE(settings.model);
    const auto& c = settings.model->connection;
    EXPECT_EQ(c.region, "us-east-1");
    EXPECT_EQ(c.aws_access_key_id, "AKIDEXAMPLE");
    EXPECT_EQ(c.aws_secret_access_key, "secret-example-key");
    EXPECT_EQ(c.aws_session_token, "session-example");
    EXPECT_EQ(settings.description(), "bedrock/amazon.nova-canvas-v1:0 (us-east-1)");

    settings = load_ok({{"CONTENT_SWARM_IMAGE_PROVIDER", "bedrock"},
                        {"AWS_DEFAULT_REGION", "eu-west-1"},
                        {"AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-123"},
                        {"CONTENT_SWARM_IMAGE_MODEL", "amazon.nova-canvas-v1:0"}});
    EXPECT_EQ(settings.model->connection.region, "eu-west-1");
    EXPECT_EQ(settings.model->connection.api_key, "bedrock-api-key-123");
    ASSERT_TRUE(configure_image_model(env_of({{"CONTENT_SWARM_IMAGE_PROVIDER", "bedrock"},
                                              {"AWS_REGION", "us-east-1"},
                                              {"AWS_BEARER_TOKEN_BEDROCK", "k-123456"}})));
}

TEST(ImageSettings, ErrorsNameTheVariable) {
    EXPECT_EQ(load_error({{"CONTENT_SWARM_IMAGE_PROVIDER", "midjourney"}}).field,
              "CONTENT_SWARM_IMAGE_PROVIDER");
    EXPECT_EQ(load_error({{"CONTENT_SWARM_IMAGE_PROVIDER", "midjourney"}}).message,
              "is \"midjourney\"; allowed: none, openai, bedrock");
    const auto no_provider = load_error({{"CONTENT_SWARM_IMAGE_MODEL", "dall-e-3"}});
    EXPECT_EQ(no_provider.field, "CONTENT_SWARM_IMAGE_PROVIDER");
    EXPECT_NE(no_provider.message.find("CONTENT_SWARM_IMAGE_MODEL"), std::string::npos);
    const std::map<std::string, std::string> openai = {{"CONTENT_SWARM_IMAGE_PROVIDER", "openai"}};
    for (const auto& [name, value] : {std::pair{"CONTENT_SWARM_IMAGE_BASE_URL", "ftp://x"},
                                      std::pair{"CONTENT_SWARM_IMAGE_SIZE", "1024"},
                                      std::pair{"CONTENT_SWARM_IMAGE_TIMEOUT_SECONDS", "0"},
                                      std::pair{"CONTENT_SWARM_IMAGE_MAX_RETRIES", "11"},
                                      std::pair{"CONTENT_SWARM_IMAGE_MAX_BYTES", "12"}}) {
        auto values = openai;
        values[name] = value;
        const auto error = load_error(values);
        EXPECT_EQ(error.field, name);
        EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
        EXPECT_NE(error.message.find(value), std::string::npos) << error.message;
    }
    const std::map<std::string, std::string> bedrock = {
        {"CONTENT_SWARM_IMAGE_PROVIDER", "bedrock"}};
    EXPECT_EQ(load_error(bedrock).field, "CONTENT_SWARM_IMAGE_REGION");
    auto with_region = bedrock;
    with_region["AWS_REGION"] = "us-east-1";
    EXPECT_EQ(load_error(with_region).field, "AWS_ACCESS_KEY_ID");
    with_region["AWS_ACCESS_KEY_ID"] = "AKID";
    EXPECT_EQ(load_error(with_region).field, "AWS_SECRET_ACCESS_KEY");
}

TEST(ImageSettings, SecretsStayOutOfErrorsAndDescriptions) {
    const auto error = load_error({{"CONTENT_SWARM_IMAGE_PROVIDER", "openai"},
                                   {"CONTENT_SWARM_IMAGE_API_KEY", "sk-secret-987654"},
                                   {"CONTENT_SWARM_IMAGE_BASE_URL", "localhost?key=sk-secret"}});
    EXPECT_EQ(error.message.find("sk-secret"), std::string::npos) << error.message;
    const auto settings =
        load_ok({{"CONTENT_SWARM_IMAGE_PROVIDER", "openai"},
                 {"CONTENT_SWARM_IMAGE_BASE_URL", "https://user:pw@images.example/v1?token=t1"}});
    EXPECT_EQ(settings.description(), "openai/gpt-image-1 (https://images.example/v1)");
}

}  // namespace
}  // namespace swarm::app
