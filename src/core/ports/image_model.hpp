// Port: one call to an image model. Implemented in src/llm by OpenAiImageClient (OpenAI-compatible
// /v1/images/generations) and NovaCanvasClient (Bedrock InvokeModel, TEXT_IMAGE). Optional: the
// designer renders cards itself when no image model is configured or a call fails.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <stop_token>
#include <string>
#include <string_view>

namespace swarm::core {

struct ImageRequest {
    std::string prompt;  // what to draw; never asks for text in the picture
    int width = 0;       // the platform size wanted; the client asks the model for the nearest
    int height = 0;      // size it accepts (the designer crops and scales to the exact size)
    std::string agent = "designer";         // sent as X-Content-Swarm-Agent
    std::chrono::milliseconds deadline{0};  // total, including retries; zero: client default
};

struct GeneratedImage {
    std::string bytes;         // decoded image (PNG or JPEG), checked by the client
    std::string content_type;  // "image/png" or "image/jpeg"
    int width = 0;             // as decoded from the image header
    int height = 0;
    std::string model;  // the model that drew it
};

class ImageModel {
public:
    virtual ~ImageModel() = default;

    /// kUpstream / kUnavailable / kDeadlineExceeded / kCancelled like LlmClient; kUpstream when
    /// the answer is not a real PNG/JPEG or exceeds the size limit.
    virtual Result<GeneratedImage> generate(const ImageRequest& request, std::stop_token stop) = 0;

    /// "provider/model", for notes and logs.
    virtual std::string describe() const = 0;
};

}  // namespace swarm::core
