// Nova Canvas: the nearest-valid-size rule checked over a dense grid of requests (every result
// valid, the closest aspect of its candidates), the InvokeModel request (body, URL, SigV4 or
// bearer), answers (images, refusals, bad payloads), retries and secret hygiene.
#include "llm/base64.hpp"
#include "llm/nova_canvas_client.hpp"
#include "png_writer.hpp"
#include "scripted_transport.hpp"

#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;
using test::json_reply;
using test::ScriptedReply;
using test::ScriptedTransport;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr const char* kBearer = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ";

double aspect_error(int w, int h, double wanted) {
    return std::abs(std::log(static_cast<double>(w) / h) - std::log(wanted));
}

TEST(NovaCanvasSize, PlatformSizes) {
    EXPECT_EQ(nova_canvas_size(1200, 627), (ImageSize{1200, 624}));
    EXPECT_EQ(nova_canvas_size(1200, 628), (ImageSize{1200, 624}));
    EXPECT_EQ(nova_canvas_size(1200, 675), (ImageSize{1200, 672}));
    EXPECT_EQ(nova_canvas_size(1920, 1080), (ImageSize{1920, 1088}));
    EXPECT_EQ(nova_canvas_size(1024, 1024), (ImageSize{1024, 1024}));
    EXPECT_EQ(nova_canvas_size(5000, 5000), (ImageSize{2048, 2048}));
    EXPECT_EQ(nova_canvas_size(100, 100), (ImageSize{320, 320}));
    EXPECT_FALSE(is_valid_nova_canvas_size(1200, 627));  // the old system's F17
}

TEST(NovaCanvasSize, ValidityRules) {
    EXPECT_TRUE(is_valid_nova_canvas_size(320, 320));
    EXPECT_TRUE(is_valid_nova_canvas_size(4096, 1024));
    EXPECT_TRUE(is_valid_nova_canvas_size(2048, 2048));
    EXPECT_FALSE(is_valid_nova_canvas_size(2048, 2064));  // over 4,194,304 pixels
    EXPECT_FALSE(is_valid_nova_canvas_size(4096, 1008));  // wider than 4:1
    EXPECT_FALSE(is_valid_nova_canvas_size(304, 320));    // below 320
    EXPECT_FALSE(is_valid_nova_canvas_size(4112, 1040));  // above 4096
    EXPECT_FALSE(is_valid_nova_canvas_size(1000, 1000));  // not multiples of 16
}

TEST(NovaCanvasSize, InRangeRequestsGetTheClosestAspectWithinOneStep) {
    int checked = 0;
    for (int w = kNovaMinSide; w <= kNovaMaxSide; w += 5) {
        for (int h = kNovaMinSide; h <= kNovaMaxSide; h += 7) {
            if (std::int64_t{w} * h > kNovaMaxPixels || w > 4 * h || h > 4 * w) {
                continue;
            }
            const ImageSize got = nova_canvas_size(w, h);
            ASSERT_TRUE(is_valid_nova_canvas_size(got.width, got.height)) << w << "x" << h;
            ASSERT_LT(std::abs(got.width - w), kNovaStep) << w << "x" << h;
            ASSERT_LT(std::abs(got.height - h), kNovaStep) << w << "x" << h;
            const double wanted = static_cast<double>(w) / h;
            const double error = aspect_error(got.width, got.height, wanted);
            // Brute force: no valid size within one step of the request has a closer aspect.
            for (int cw = (w - kNovaStep) / kNovaStep * kNovaStep; cw <= w + kNovaStep;
                 cw += kNovaStep) {
                for (int ch = (h - kNovaStep) / kNovaStep * kNovaStep; ch <= h + kNovaStep;
                     ch += kNovaStep) {
                    if (std::abs(cw - w) < kNovaStep && std::abs(ch - h) < kNovaStep &&
                        is_valid_nova_canvas_size(cw, ch)) {
                        ASSERT_LE(error, aspect_error(cw, ch, wanted) + 1e-12)
                            << w << "x" << h << " got " << got.width << "x" << got.height << " but "
                            << cw << "x" << ch << " is closer";
                    }
                }
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 150'000);
}

TEST(NovaCanvasSize, EveryRequestGivesAValidSizeNearTheAllowedAspect) {
    for (int w = 1; w <= 20'000; w = w * 5 / 4 + 3) {
        for (int h = 1; h <= 20'000; h = h * 5 / 4 + 3) {
            const ImageSize got = nova_canvas_size(w, h);
            ASSERT_TRUE(is_valid_nova_canvas_size(got.width, got.height)) << w << "x" << h;
            const double allowed = std::clamp(static_cast<double>(w) / h, 0.25, 4.0);
            // Rounding each side of at least 320 px by at most 16 px: under 10 % off in aspect.
            EXPECT_LT(aspect_error(got.width, got.height, allowed), 0.1) << w << "x" << h;
        }
    }
    for (const auto& [w, h] :
         {std::pair{0, 0}, {-5, 100}, {1'000'000'000, 1}, {1, 1'000'000'000}}) {
        const ImageSize got = nova_canvas_size(w, h);
        EXPECT_TRUE(is_valid_nova_canvas_size(got.width, got.height)) << w << "x" << h;
    }
}

TEST(NovaCanvasSize, LargeRequestsUseMostOfThePixelBudget) {
    const ImageSize got = nova_canvas_size(8000, 4500);
    EXPECT_GT(std::int64_t{got.width} * got.height, kNovaMaxPixels * 9 / 10);
    EXPECT_LT(aspect_error(got.width, got.height, 16.0 / 9.0), 0.01);
}

NovaCanvasConfig sigv4_config() {
    NovaCanvasConfig config;
    config.bedrock.region = "us-east-1";
    config.bedrock.access_key_id = "AKIDEXAMPLE";
    config.bedrock.secret_access_key = kSecret;
    config.bedrock.session_token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    config.seed = 42;
    return config;
}

std::string nova_answer(int w, int h) {
    return Json{{"images", {base64_encode(fake_llm::encode_png(w, h))}}}.dump();
}

core::ImageRequest linkedin_request() {
    core::ImageRequest request;
    request.prompt = "A calm office at sunrise, wide shot";
    request.width = 1200;
    request.height = 627;
    return request;
}

TEST(NovaCanvasClient, RequestShapeAndSigV4) {
    auto transport = std::make_shared<ScriptedTransport>(
        std::vector<ScriptedReply>{json_reply(200, nova_answer(1200, 624))});
    NovaCanvasClient client(sigv4_config(), transport);
    const auto image = client.generate(linkedin_request(), {});
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->width, 1200);
    EXPECT_EQ(image->height, 624);
    EXPECT_EQ(image->content_type, "image/png");
    EXPECT_EQ(image->model, "amazon.nova-canvas-v1:0");
    EXPECT_EQ(client.describe(), "bedrock/amazon.nova-canvas-v1:0");

    const auto sent = transport->requests().at(0);
    EXPECT_EQ(sent.url,
              "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-canvas-v1%3A0/"
              "invoke");
    EXPECT_EQ(sent.method, "POST");
    ASSERT_TRUE(sent.sigv4);
    EXPECT_EQ(sent.sigv4->service, "bedrock");
    EXPECT_EQ(sent.sigv4->region, "us-east-1");
    EXPECT_FALSE(test::header_of(sent, "Authorization"));
    EXPECT_EQ(test::header_of(sent, "X-Content-Swarm-Agent"), "designer");
    EXPECT_EQ(sent.idle_timeout, sent.total_timeout);  // nothing arrives until the image is done
    const Json expected = {{"taskType", "TEXT_IMAGE"},
                           {"textToImageParams",
                            {{"text", "A calm office at sunrise, wide shot"},
                             {"negativeText", "text, letters, watermark, logo"}}},
                           {"imageGenerationConfig",
                            {{"numberOfImages", 1},
                             {"width", 1200},
                             {"height", 624},
                             {"quality", "standard"},
                             {"cfgScale", 6.5},
                             {"seed", 42}}}};
    EXPECT_EQ(Json::parse(sent.body), expected);
}

TEST(NovaCanvasClient, BearerKeyEndpointOverrideAndPromptSeed) {
    auto transport = std::make_shared<ScriptedTransport>(
        std::vector<ScriptedReply>{json_reply(200, nova_answer(1920, 1088))});
    NovaCanvasConfig config;
    config.bedrock.region = "eu-west-1";
    config.bedrock.endpoint = "http://127.0.0.1:9/";
    config.bedrock.bearer_token = kBearer;
    NovaCanvasClient client(config, transport);
    core::ImageRequest request = linkedin_request();
    request.width = 1920;
    request.height = 1080;
    request.prompt = std::string(1500, 'a') + "é";
    ASSERT_TRUE(client.generate(request, {}));
    const auto sent = transport->requests().at(0);
    EXPECT_EQ(sent.url, "http://127.0.0.1:9/model/amazon.nova-canvas-v1%3A0/invoke");
    EXPECT_FALSE(sent.sigv4);
    EXPECT_EQ(test::header_of(sent, "Authorization"), std::string("Bearer ") + kBearer);
    const Json body = Json::parse(sent.body);
    EXPECT_EQ(body["textToImageParams"]["text"].get<std::string>(), std::string(1024, 'a'));
    EXPECT_EQ(body["imageGenerationConfig"]["seed"], nova_seed_for(request.prompt));
    EXPECT_LE(nova_seed_for(request.prompt), kNovaMaxSeed);
    EXPECT_EQ(nova_seed_for("x"), nova_seed_for("x"));
}

TEST(NovaCanvasClient, NoCredentialsIsInvalidArgument) {
    NovaCanvasConfig config;
    config.bedrock.region = "us-east-1";
    NovaCanvasClient client(config,
                            std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{}));
    const auto image = client.generate(linkedin_request(), {});
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(image.error().field, "credentials");
}

struct Failure {
    core::Error error;
    std::size_t calls = 0;
};

Failure fail_with(std::vector<ScriptedReply> replies, NovaCanvasConfig config = sigv4_config()) {
    auto transport = std::make_shared<ScriptedTransport>(std::move(replies));
    test::FakeTime time;
    NovaCanvasClient client(std::move(config), transport, time.env());
    const auto image = client.generate(linkedin_request(), {});
    EXPECT_FALSE(image);
    return {image ? core::Error{} : image.error(), transport->requests().size()};
}

TEST(NovaCanvasClient, ThrottlingAndServerErrorsAreRetried) {
    auto transport = std::make_shared<ScriptedTransport>(std::vector<ScriptedReply>{
        json_reply(429, R"({"message":"Too many requests"})",
                   {{"x-amzn-errortype", "ThrottlingException:http://internal"}}),
        json_reply(500, R"({"message":"boom"})"), json_reply(200, nova_answer(1200, 624))});
    test::FakeTime time;
    NovaCanvasClient client(sigv4_config(), transport, time.env());
    const auto image = client.generate(linkedin_request(), {});
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(transport->requests().size(), 3U);
    EXPECT_EQ(time.sleeps.size(), 2U);
}

TEST(NovaCanvasClient, ValidationErrorsAreReportedNotRetried) {
    const auto failure = fail_with({json_reply(
        400,
        R"({"message":"The provided [inputDimensions] does not meet the required format or standards"})",
        {{"x-amzn-errortype", "ValidationException:http://internal"}})});
    EXPECT_EQ(failure.calls, 1U);
    EXPECT_EQ(failure.error.code, core::ErrorCode::kUpstream);
    EXPECT_NE(failure.error.message.find("HTTP 400 ValidationException"), std::string::npos);
    EXPECT_NE(failure.error.message.find("inputDimensions"), std::string::npos);
}

TEST(NovaCanvasClient, RefusalsAndBadPayloadsAreUpstreamErrors) {
    auto failure = fail_with({json_reply(
        200, R"({"images":[],"error":"This request has been blocked by our content filters."})")});
    EXPECT_EQ(failure.error.code, core::ErrorCode::kUpstream);
    EXPECT_NE(failure.error.message.find("refused: This request has been blocked"),
              std::string::npos);
    EXPECT_EQ(failure.calls, 1U);

    failure = fail_with({json_reply(200, R"({"images":["iVBOR*w0KGgo"]})")});
    EXPECT_NE(failure.error.message.find("image payload: invalid base64"), std::string::npos);
    failure =
        fail_with({json_reply(200, Json{{"images", {base64_encode("<html>hi</html>")}}}.dump())});
    EXPECT_NE(failure.error.message.find("not a PNG or JPEG"), std::string::npos);
    failure = fail_with({json_reply(200, R"({"images":[]})")});
    EXPECT_NE(failure.error.message.find("no images[0]"), std::string::npos);
    failure = fail_with({json_reply(200, "{not json")});
    EXPECT_NE(failure.error.message.find("not a JSON object"), std::string::npos);
    EXPECT_NE(failure.error.message.find("bedrock model \"amazon.nova-canvas-v1:0\""),
              std::string::npos);

    NovaCanvasConfig small = sigv4_config();
    small.limits.max_bytes = 1'000;
    failure = fail_with({json_reply(200, nova_answer(1200, 624))}, small);
    EXPECT_NE(failure.error.message.find("more than the 1000 allowed"), std::string::npos);
}

TEST(NovaCanvasClient, CredentialsNeverAppearInErrors) {
    NovaCanvasConfig bearer;
    bearer.bedrock.region = "us-east-1";
    bearer.bedrock.bearer_token = kBearer;
    const std::string session = sigv4_config().bedrock.session_token;
    for (const auto& [config, echoed] :
         {std::pair{sigv4_config(), std::string(kSecret) + " " + session},
          std::pair{bearer, std::string(kBearer)}}) {
        const auto failure =
            fail_with({json_reply(403, Json{{"message", "bad credentials: " + echoed}}.dump(),
                                  {{"x-amzn-errortype", "UnrecognizedClientException"}})},
                      config);
        EXPECT_EQ(failure.error.code, core::ErrorCode::kUpstream);
        for (const std::string& text : {failure.error.message, failure.error.detail}) {
            EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
            EXPECT_EQ(text.find(kBearer), std::string::npos) << text;
            EXPECT_EQ(text.find(session), std::string::npos) << text;
        }
        EXPECT_NE(failure.error.message.find("[redacted]"), std::string::npos)
            << failure.error.message;
    }
}

}  // namespace
}  // namespace swarm::llm
