// OpenAiImageClient against a scripted transport: sizes per model, the request body, base64 and
// URL answers (the download: GET, no key, its own retries), retries, refusals and key hygiene.
#include "llm/openai_image_client.hpp"

#include "llm/base64.hpp"
#include "llm/image_client_factory.hpp"
#include "png_writer.hpp"
#include "scripted_transport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;
using test::json_reply;
using test::ScriptedReply;
using test::ScriptedTransport;

constexpr const char* kKey = "sk-test-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456";

TEST(OpenAiImageSize, NearestAspectPerModel) {
    EXPECT_EQ(openai_image_size("gpt-image-1", 1200, 627, "x"), "1536x1024");
    EXPECT_EQ(openai_image_size("gpt-image-1", 1920, 1080, "x"), "1536x1024");
    EXPECT_EQ(openai_image_size("gpt-image-1", 1080, 1920, "x"), "1024x1536");
    EXPECT_EQ(openai_image_size("gpt-image-1", 1000, 1100, "x"), "1024x1024");
    EXPECT_EQ(openai_image_size("gpt-image-1-mini", 1200, 675, "x"), "1536x1024");
    EXPECT_EQ(openai_image_size("dall-e-3", 1200, 675, "x"), "1792x1024");
    EXPECT_EQ(openai_image_size("dall-e-3", 627, 1200, "x"), "1024x1792");
    EXPECT_EQ(openai_image_size("dall-e-3", 1100, 1000, "x"), "1024x1024");
    EXPECT_EQ(openai_image_size("dall-e-2", 200, 100, "x"), "256x256");
    EXPECT_EQ(openai_image_size("dall-e-2", 400, 300, "x"), "512x512");
    EXPECT_EQ(openai_image_size("dall-e-2", 1920, 1080, "x"), "1024x1024");
    EXPECT_EQ(openai_image_size("sdxl-turbo", 1920, 1080, "768x768"), "768x768");
    EXPECT_EQ(openai_image_size("gpt-image-1", 0, -3, "x"), "1024x1024");
}

TEST(OpenAiImageSize, ResponseFormatAndPromptLimits) {
    EXPECT_FALSE(sends_response_format("gpt-image-1", ImageResponseFormat::kAuto));
    EXPECT_TRUE(sends_response_format("dall-e-3", ImageResponseFormat::kAuto));
    EXPECT_TRUE(sends_response_format("local-sd", ImageResponseFormat::kAuto));
    EXPECT_FALSE(sends_response_format("dall-e-3", ImageResponseFormat::kOmit));
    EXPECT_TRUE(sends_response_format("gpt-image-1", ImageResponseFormat::kB64Json));
    EXPECT_EQ(openai_prompt_limit("dall-e-2"), 1000U);
    EXPECT_EQ(openai_prompt_limit("dall-e-3"), 4000U);
    EXPECT_EQ(openai_prompt_limit("gpt-image-1"), 32000U);
    EXPECT_EQ(openai_prompt_limit("other"), 0U);
}

OpenAiImageConfig config_for(std::string model) {
    OpenAiImageConfig config;
    config.base_url = "http://127.0.0.1:9/v1/";
    config.model = std::move(model);
    config.api_key = kKey;
    return config;
}

core::ImageRequest twitter_request() {
    core::ImageRequest request;
    request.prompt = "Abstract shapes in brand blue";
    request.width = 1200;
    request.height = 675;
    request.agent = "designer:twitter";
    return request;
}

std::string b64_answer(int w, int h) {
    return Json{{"created", 1},
                {"data", {{{"b64_json", base64_encode(fake_llm::encode_png(w, h))}}}}}
        .dump();
}

TEST(OpenAiImageClient, GptImageRequestAndBase64Answer) {
    auto transport = std::make_shared<ScriptedTransport>(
        std::vector<ScriptedReply>{json_reply(200, b64_answer(1536, 1024))});
    OpenAiImageClient client(config_for("gpt-image-1"), transport);
    const auto image = client.generate(twitter_request(), {});
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->width, 1536);
    EXPECT_EQ(image->height, 1024);
    EXPECT_EQ(image->content_type, "image/png");
    EXPECT_EQ(image->model, "gpt-image-1");
    EXPECT_EQ(client.describe(), "openai/gpt-image-1");
    const auto sent = transport->requests().at(0);
    EXPECT_EQ(sent.url, "http://127.0.0.1:9/v1/images/generations");
    EXPECT_EQ(test::header_of(sent, "Authorization"), std::string("Bearer ") + kKey);
    EXPECT_EQ(test::header_of(sent, "X-Content-Swarm-Agent"), "designer:twitter");
    EXPECT_EQ(Json::parse(sent.body), (Json{{"model", "gpt-image-1"},
                                            {"prompt", "Abstract shapes in brand blue"},
                                            {"n", 1},
                                            {"size", "1536x1024"},
                                            {"output_format", "png"}}));
    EXPECT_EQ(sent.idle_timeout, sent.total_timeout);
    EXPECT_GT(sent.max_response_bytes, kDefaultMaxImageBytes);
}

TEST(OpenAiImageClient, DallE3AsksForBase64AndClipsThePrompt) {
    auto transport = std::make_shared<ScriptedTransport>(
        std::vector<ScriptedReply>{json_reply(200, b64_answer(1792, 1024))});
    auto config = config_for("dall-e-3");
    config.api_key.clear();
    OpenAiImageClient client(config, transport);
    auto request = twitter_request();
    request.prompt = std::string(5000, 'p');
    ASSERT_TRUE(client.generate(request, {}));
    const auto sent = transport->requests().at(0);
    EXPECT_FALSE(test::header_of(sent, "Authorization"));
    const Json body = Json::parse(sent.body);
    EXPECT_EQ(body["response_format"], "b64_json");
    EXPECT_EQ(body["size"], "1792x1024");
    EXPECT_EQ(body["prompt"].get<std::string>().size(), 4000U);
    EXPECT_FALSE(body.contains("output_format"));
}

TEST(OpenAiImageClient, UrlAnswerIsDownloadedWithoutTheKey) {
    const std::string png = fake_llm::encode_png(1024, 1024);
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(200,
                   R"({"data":[{"url":"https://files.example/img/1.png?sig=SECRETSIG&se=1"}]})"),
        ScriptedReply{503, {}, {"busy"}, {}, {}},
        ScriptedReply{
            200, {{"content-type", "image/png"}}, {png.substr(0, 100), png.substr(100)}, {}, {}}});
    test::FakeTime time;
    OpenAiImageClient client(config_for("dall-e-2"), transport, time.env());
    const auto image = client.generate(twitter_request(), {});
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->bytes, png);
    const auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 3U);  // one generation, two downloads (the 503 retried)
    for (std::size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(requests[i].method, "GET");
        EXPECT_EQ(requests[i].url, "https://files.example/img/1.png?sig=SECRETSIG&se=1");
        EXPECT_FALSE(test::header_of(requests[i], "Authorization"));
        EXPECT_EQ(requests[i].max_response_bytes, kDefaultMaxImageBytes);
    }
}

TEST(OpenAiImageClient, DownloadFailuresSayWhatWithoutTheSignature) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(200, R"({"data":[{"url":"https://files.example/x.png?sig=SECRETSIG"}]})"),
        ScriptedReply{200, {{"content-type", "text/html"}}, {"<html>login</html>"}, {}, {}}});
    test::FakeTime time;
    OpenAiImageClient client(config_for("dall-e-2"), transport, time.env());
    const auto image = client.generate(twitter_request(), {});
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, core::ErrorCode::kUpstream);
    EXPECT_NE(image.error().message.find("not a PNG or JPEG"), std::string::npos);

    transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(200, R"({"data":[{"url":"https://files.example/x.png?sig=SECRETSIG"}]})"),
        ScriptedReply{404, {}, {"gone"}, {}, {}}});
    OpenAiImageClient again(config_for("dall-e-2"), transport, time.env());
    const auto missing = again.generate(twitter_request(), {});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("https://files.example/x.png"), std::string::npos);
    EXPECT_NE(missing.error().message.find("HTTP 404"), std::string::npos);
    EXPECT_EQ(missing.error().message.find("SECRETSIG"), std::string::npos);

    transport = std::make_shared<ScriptedTransport>(
        std::vector<ScriptedReply>{json_reply(200, R"({"data":[{"url":"file:///etc/passwd"}]})")});
    OpenAiImageClient local(config_for("dall-e-2"), transport, time.env());
    const auto refused = local.generate(twitter_request(), {});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not http(s)"), std::string::npos);
    EXPECT_EQ(transport->requests().size(), 1U);
}

TEST(OpenAiImageClient, RateLimitsAreRetriedWithRetryAfter) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(429, R"({"error":{"message":"slow down","type":"requests"}})",
                   {{"retry-after", "3"}}),
        json_reply(200, b64_answer(1024, 1024))});
    test::FakeTime time;
    OpenAiImageClient client(config_for("gpt-image-1"), transport, time.env());
    ASSERT_TRUE(client.generate(twitter_request(), {}));
    ASSERT_EQ(time.sleeps.size(), 1U);
    EXPECT_EQ(time.sleeps[0], std::chrono::seconds(3));
}

TEST(OpenAiImageClient, BadAnswersAreReportedNotRetried) {
    for (const auto& [body, expected] :
         {std::pair{std::string(R"({"data":[{"b64_json":"%%%"}]})"), "invalid base64"},
          std::pair{Json{{"data", {{{"b64_json", base64_encode("GIF89a....")}}}}}.dump(),
                    "not a PNG or JPEG"},
          std::pair{std::string(R"({"data":[]})"), "no data[0]"},
          std::pair{std::string(R"({"data":[{"revised_prompt":"x"}]})"), "neither b64_json"},
          std::pair{std::string("<html>"), "no data[0]"}}) {
        auto transport =
            std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{json_reply(200, body)});
        OpenAiImageClient client(config_for("gpt-image-1"), transport);
        const auto image = client.generate(twitter_request(), {});
        ASSERT_FALSE(image) << body;
        EXPECT_EQ(image.error().code, core::ErrorCode::kUpstream);
        EXPECT_NE(image.error().message.find(expected), std::string::npos) << image.error().message;
        EXPECT_NE(image.error().message.find("openai model \"gpt-image-1\""), std::string::npos);
        EXPECT_EQ(transport->requests().size(), 1U);
    }
}

TEST(OpenAiImageClient, KeyIsRedactedAndPolicyErrorsAreFinal) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(400, Json{{"error",
                              {{"message", std::string("Incorrect API key provided: ") + kKey},
                               {"type", "invalid_request_error"},
                               {"code", "content_policy_violation"}}}}
                            .dump())});
    OpenAiImageClient client(config_for("gpt-image-1"), transport);
    const auto image = client.generate(twitter_request(), {});
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, core::ErrorCode::kUpstream);
    EXPECT_EQ(image.error().message.find(kKey), std::string::npos);
    EXPECT_NE(image.error().message.find("[redacted]"), std::string::npos);
    EXPECT_EQ(transport->requests().size(), 1U);
}

TEST(OpenAiImageClient, EmptyPromptAndStop) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{});
    OpenAiImageClient client(config_for("gpt-image-1"), transport);
    auto request = twitter_request();
    request.prompt.clear();
    EXPECT_EQ(client.generate(request, {}).error().field, "prompt");
    std::stop_source stop;
    stop.request_stop();
    EXPECT_EQ(client.generate(twitter_request(), stop.get_token()).error().code,
              core::ErrorCode::kCancelled);
    EXPECT_TRUE(transport->requests().empty());
}

TEST(ImageClientFactory, BuildsEitherProviderAndNamesMissingFields) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{});
    ImageProviderConfig config;
    config.connection.provider = "openai";
    auto made = make_image_model(config, transport);
    ASSERT_TRUE(made);
    EXPECT_EQ((*made)->describe(), "openai/gpt-image-1");
    config.connection.provider = "bedrock";
    EXPECT_EQ(make_image_model(config, transport).error().field, "region");
    config.connection.region = "us-east-1";
    EXPECT_EQ(make_image_model(config, transport).error().field, "aws_access_key_id");
    config.connection.aws_access_key_id = "AKID";
    EXPECT_EQ(make_image_model(config, transport).error().field, "aws_secret_access_key");
    config.connection.api_key = "bedrock-api-key";
    made = make_image_model(config, transport);
    ASSERT_TRUE(made);
    EXPECT_EQ((*made)->describe(), "bedrock/amazon.nova-canvas-v1:0");
    config.connection.provider = "anthropic";
    EXPECT_EQ(make_image_model(config, transport).error().field, "provider");
    config.connection.provider = "openai";
    config.default_size = "big";
    EXPECT_EQ(make_image_model(config, transport).error().field, "default_size");
    EXPECT_EQ(parse_image_size("1024x768"), (std::pair{1024, 768}));
    EXPECT_FALSE(parse_image_size("1024x"));
    EXPECT_FALSE(parse_image_size("0x10"));
    EXPECT_FALSE(parse_image_size("10000x10"));
}

}  // namespace
}  // namespace swarm::llm
