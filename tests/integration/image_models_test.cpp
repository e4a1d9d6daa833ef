// The image clients (OpenAI-compatible, Nova Canvas) over real libcurl against the real fake-llm:
// real PNGs of the asked (snapped) size, the requests as the server saw them, URL downloads,
// retried and reported faults, refused non-images, cancellation and secret hygiene.
#include "llm/curl_transport.hpp"
#include "llm/image_check.hpp"
#include "llm/image_client_factory.hpp"
#include "llm_provider_harness.hpp"
#include "support/http_client.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

constexpr const char* kImageScript = R"({
  "replies": [
    {"kind": "image", "agent": "image:recover429", "fault": "429", "retry_after": 1, "times": 2},
    {"kind": "image", "agent": "image:recover500", "fault": "500", "times": 1},
    {"kind": "image", "agent": "image:disconnect", "fault": "disconnect", "times": 1},
    {"kind": "image", "agent": "image:500", "fault": "500"},
    {"kind": "image", "agent": "image:401", "fault": "401"},
    {"agent": "image:malformed", "fault": "malformed_base64"},
    {"agent": "image:not_image", "fault": "not_image"},
    {"agent": "image:oversize", "fault": "oversize"},
    {"agent": "image:filtered", "fault": "content_filter"},
    {"agent": "image:cut", "fault": "malformed_chunk"},
    {"agent": "image:url_not_image", "image_as": "url", "fault": "not_image"},
    {"agent": "image:url", "image_as": "url"},
    {"kind": "image", "agent": "image:slow", "ttft_ms": 10000}
  ]
})";

class ImageModels : public FakeLlmTest {
protected:
    void SetUp() override {
        FakeLlmTest::SetUp();
        const auto reply =
            http_request(shared_fake_llm().port(), "POST", "/_fake/script", {}, kImageScript);
        ASSERT_EQ(reply.status, 200) << reply.body;
    }

    /// A client of `provider` ("openai" or "bedrock") on a real CurlTransport; retries: 2.
    std::shared_ptr<core::ImageModel> client(const std::string& provider,
                                             const std::string& model = {}, bool bearer = false) {
        llm::ImageProviderConfig config;
        ClientOptions options;
        options.bearer = bearer;
        options.session_token = !bearer;
        config.connection = provider_config(provider, options, waits_.env());
        config.connection.model = model;
        config.connection.timeouts.connect = std::chrono::seconds(5);
        config.connection.timeouts.idle = std::chrono::seconds(30);
        config.connection.timeouts.total = std::chrono::seconds(30);
        config.connection.retry.base = std::chrono::milliseconds(10);
        config.connection.retry.jitter = 0;
        auto made = llm::make_image_model(config, std::make_shared<llm::CurlTransport>());
        EXPECT_TRUE(made) << core::describe(made.error());
        return made ? *made : nullptr;
    }

    static core::ImageRequest request(const std::string& agent, int width, int height) {
        core::ImageRequest out;
        out.prompt = "A bright, calm office with plants; no text";
        out.width = width;
        out.height = height;
        out.agent = agent;
        return out;
    }
};

void expect_real_png(const core::Result<core::GeneratedImage>& image, int width, int height) {
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->content_type, "image/png");
    EXPECT_EQ(image->width, width);
    EXPECT_EQ(image->height, height);
    const auto info = llm::check_image(image->bytes);  // the bytes, not just the client's word
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->width, width);
    EXPECT_EQ(info->height, height);
}

std::string secrets_found(const std::string& text) {
    std::string found;
    for (const char* secret : {kApiKey, kAwsSecret, kAwsSessionToken, kBedrockApiKey}) {
        if (text.find(secret) != std::string::npos) {
            found += std::string(secret) + " ";
        }
    }
    return found;
}

TEST_F(ImageModels, OpenAiGptImageDrawsTheNearestSupportedSize) {
    const auto model = client("openai", "gpt-image-1");
    ASSERT_NE(model, nullptr);
    expect_real_png(model->generate(request("designer", 1200, 627), {}), 1536, 1024);
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 1U) << seen.dump();
    EXPECT_EQ(seen[0]["path"], "/v1/images/generations");
    EXPECT_EQ(seen[0]["status_sent"], 200);
    EXPECT_EQ(seen[0]["headers"]["authorization"], std::string("Bearer ") + kApiKey);
    const json& body = seen[0]["body"];
    EXPECT_EQ(body["model"], "gpt-image-1");
    EXPECT_EQ(body["size"], "1536x1024");
    EXPECT_EQ(body["n"], 1);
    EXPECT_FALSE(body.contains("response_format"));  // gpt-image refuses it (the fake too)
}

TEST_F(ImageModels, OpenAiDallE3AsksForBase64) {
    const auto model = client("openai", "dall-e-3");
    ASSERT_NE(model, nullptr);
    expect_real_png(model->generate(request("designer", 1080, 1920), {}), 1024, 1792);
    EXPECT_EQ(fake_requests()[0]["body"]["response_format"], "b64_json");
}

TEST_F(ImageModels, OpenAiUrlAnswerIsDownloaded) {
    const auto model = client("openai", "dall-e-2");
    ASSERT_NE(model, nullptr);
    expect_real_png(model->generate(request("image:url", 1200, 675), {}), 1024, 1024);
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 2U) << seen.dump();
    EXPECT_EQ(seen[1]["method"], "GET");
    EXPECT_TRUE(seen[1]["path"].get<std::string>().starts_with("/_fake/images/"));
    EXPECT_FALSE(seen[1]["headers"].contains("authorization"));  // the key stays with the API
    EXPECT_EQ(seen[1]["status_sent"], 200);
}

TEST_F(ImageModels, NovaCanvasGetsAValidSizeAndSignsWithSigV4) {
    const auto model = client("bedrock");
    ASSERT_NE(model, nullptr);
    expect_real_png(model->generate(request("designer", 1200, 627), {}), 1200, 624);
    expect_real_png(model->generate(request("designer", 1200, 675), {}), 1200, 672);
    expect_real_png(model->generate(request("designer", 1920, 1080), {}), 1920, 1088);
    const json seen = fake_requests();
    ASSERT_EQ(seen.size(), 3U) << seen.dump();
    EXPECT_EQ(seen[0]["path"], "/model/amazon.nova-canvas-v1%3A0/invoke");
    EXPECT_EQ(seen[0]["model"], "amazon.nova-canvas-v1:0");
    const std::string auth = seen[0]["headers"]["authorization"];
    EXPECT_TRUE(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=" + std::string(kAwsAccessKeyId) + "/"))
        << auth;
    EXPECT_NE(auth.find("/" + std::string(kAwsRegion) + "/bedrock/aws4_request"),
              std::string::npos);
    EXPECT_TRUE(seen[0]["aws_security_token"].get<bool>());
    const json& body = seen[0]["body"];
    EXPECT_EQ(body["taskType"], "TEXT_IMAGE");
    EXPECT_EQ(body["textToImageParams"]["negativeText"], "text, letters, watermark, logo");
    EXPECT_EQ(body["imageGenerationConfig"]["width"], 1200);
    EXPECT_EQ(body["imageGenerationConfig"]["height"], 624);
}

TEST_F(ImageModels, NovaCanvasWithABedrockApiKey) {
    const auto model = client("bedrock", {}, true);
    ASSERT_NE(model, nullptr);
    expect_real_png(model->generate(request("designer", 1024, 1024), {}), 1024, 1024);
    EXPECT_EQ(fake_requests()[0]["headers"]["authorization"],
              std::string("Bearer ") + kBedrockApiKey);
}

TEST_F(ImageModels, TheFakeRefusesRequestsTheServicesRefuse) {
    // What the old system sent (F17): the fake answers like the service, so the client tests
    // above could not pass with an unsnapped size.
    const json body = {{"taskType", "TEXT_IMAGE"},
                       {"textToImageParams", {{"text", "x"}}},
                       {"imageGenerationConfig", {{"width", 1200}, {"height", 627}}}};
    const auto reply =
        http_request(shared_fake_llm().port(), "POST", "/model/amazon.nova-canvas-v1%3A0/invoke",
                     {{"Authorization", std::string("Bearer ") + kBedrockApiKey}}, body.dump());
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("inputDimensions"), std::string::npos) << reply.body;
    EXPECT_EQ(reply.header("x-amzn-errortype").rfind("ValidationException", 0), 0U);

    // OpenAI: only the model's sizes, and no response_format for gpt-image-*.
    const auto wrong_size =
        http_request(shared_fake_llm().port(), "POST", "/v1/images/generations", {},
                     json{{"model", "dall-e-3"}, {"prompt", "x"}, {"size", "1200x627"}}.dump());
    EXPECT_EQ(wrong_size.status, 400) << wrong_size.body;
    const auto format = http_request(
        shared_fake_llm().port(), "POST", "/v1/images/generations", {},
        json{{"model", "gpt-image-1"}, {"prompt", "x"}, {"response_format", "b64_json"}}.dump());
    EXPECT_EQ(format.status, 400);
    EXPECT_NE(format.body.find("response_format"), std::string::npos) << format.body;
}

TEST_F(ImageModels, ThrottlingAndServerErrorsAreRetried) {
    for (const std::string provider : {"openai", "bedrock"}) {
        reset_fake();
        const auto model = client(provider, provider == "openai" ? "gpt-image-1" : "");
        ASSERT_NE(model, nullptr);
        for (const std::string agent :
             {"image:recover429", "image:recover500", "image:disconnect"}) {
            const auto image = model->generate(request(agent, 1024, 1024), {});
            expect_real_png(image, 1024, 1024);
        }
        const json seen = fake_requests();
        EXPECT_EQ(seen.size(), 7U) << provider << seen.dump();  // 3 + 2 + 2 attempts
    }
    EXPECT_GE(waits_.waits().size(), 8U);
    EXPECT_EQ(waits_.waits().front(), std::chrono::seconds(1));  // retry-after honoured
}

TEST_F(ImageModels, PersistentFailuresAreReportedAfterTheRetries) {
    for (const std::string provider : {"openai", "bedrock"}) {
        const auto model = client(provider, provider == "openai" ? "gpt-image-1" : "");
        ASSERT_NE(model, nullptr);
        reset_fake();
        const auto image = model->generate(request("image:500", 1024, 1024), {});
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, core::ErrorCode::kUnavailable) << image.error().message;
        EXPECT_NE(image.error().message.find("HTTP 500"), std::string::npos);
        EXPECT_NE(image.error().detail.find("after 3 attempts"), std::string::npos);
        EXPECT_EQ(fake_requests().size(), 3U);

        const auto denied = model->generate(request("image:401", 1024, 1024), {});
        ASSERT_FALSE(denied);
        EXPECT_EQ(denied.error().code, core::ErrorCode::kUpstream);
        EXPECT_EQ(secrets_found(denied.error().message + denied.error().detail), "");
    }
}

TEST_F(ImageModels, NonImagesAndBadPayloadsAreRefusedNotRetried) {
    struct Case {
        std::string provider;
        std::string agent;
        std::string says;
    };

    for (const auto& c : {Case{"openai", "image:malformed", "invalid base64"},
                          Case{"bedrock", "image:malformed", "invalid base64"},
                          Case{"openai", "image:not_image", "not a PNG or JPEG"},
                          Case{"bedrock", "image:not_image", "not a PNG or JPEG"},
                          Case{"openai", "image:url_not_image", "not a PNG or JPEG"},
                          Case{"bedrock", "image:oversize", "larger than"},
                          Case{"openai", "image:oversize", "larger than"},
                          Case{"bedrock", "image:filtered", "content filters"},
                          Case{"openai", "image:filtered", "safety system"},
                          Case{"bedrock", "image:cut", "not a JSON object"}}) {
        reset_fake();
        const auto model = client(c.provider, c.provider == "openai" ? "dall-e-2" : "");
        ASSERT_NE(model, nullptr);
        const auto image = model->generate(request(c.agent, 1024, 1024), {});
        ASSERT_FALSE(image) << c.provider << " " << c.agent;
        EXPECT_EQ(image.error().code, core::ErrorCode::kUpstream) << image.error().message;
        EXPECT_NE(image.error().message.find(c.says), std::string::npos)
            << c.provider << " " << c.agent << ": " << image.error().message;
        EXPECT_EQ(secrets_found(image.error().message), "");
        const json seen = fake_requests();
        const std::size_t expected = c.agent == "image:url_not_image" ? 2U : 1U;  // + download
        EXPECT_EQ(seen.size(), expected) << c.provider << " " << c.agent << seen.dump();
    }
}

TEST_F(ImageModels, StopEndsASlowGenerationPromptly) {
    for (const std::string provider : {"openai", "bedrock"}) {
        const auto model = client(provider, provider == "openai" ? "gpt-image-1" : "");
        ASSERT_NE(model, nullptr);
        std::stop_source stop;
        std::jthread stopper([&stop] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            stop.request_stop();
        });
        const auto started = std::chrono::steady_clock::now();
        const auto image = model->generate(request("image:slow", 1024, 1024), stop.get_token());
        const auto took = std::chrono::steady_clock::now() - started;
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, core::ErrorCode::kCancelled) << image.error().message;
        EXPECT_LT(took, std::chrono::seconds(5));  // the scripted answer comes after 10 s
    }
}

}  // namespace
}  // namespace swarm::test
