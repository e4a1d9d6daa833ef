// What the image clients (OpenAI-compatible, Nova Canvas) share: one non-streamed exchange kept
// whole, retries through call_with_retries, payload decoding and checking, the image download.
#pragma once

#include "core/ports/image_model.hpp"
#include "llm/http_transport.hpp"
#include "llm/image_check.hpp"
#include "llm/provider_errors.hpp"
#include "llm/retry_policy.hpp"
#include "llm/stream_exchange.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace swarm::llm {

/// Image endpoints send nothing until the picture is done: idle is not used (see
/// apply_image_timeouts), the total bounds each attempt.
inline constexpr CallTimeouts kDefaultImageTimeouts{
    std::chrono::seconds(5), std::chrono::seconds(180), std::chrono::seconds(180)};

/// One attempt: on success it fills `out` and returns an AttemptResult holding a placeholder
/// response (call_with_retries speaks LlmResponse); on failure the classified error.
using ImageAttempt = std::function<AttemptResult(core::GeneratedImage& out)>;

/// call_with_retries for images: the same retry decisions, deadline and cancellation.
core::Result<core::GeneratedImage> call_image_with_retries(
    const RetryPolicy& policy, const ImageAttempt& attempt, const std::stop_token& stop,
    std::chrono::steady_clock::time_point deadline, const RetryEnv& env);

/// An image call that cannot be sent: an empty prompt or no transport (kInvalidArgument).
std::optional<core::Error> validate_image_call(const core::ImageRequest& request,
                                               const HttpTransport* transport);

/// A successful attempt (the image itself travels in the attempt's `out`).
AttemptResult image_attempt_done();

/// The deadline of one image call: the request's own, else `fallback`, from `now`.
std::chrono::steady_clock::time_point image_deadline(const core::ImageRequest& request,
                                                     std::chrono::milliseconds fallback,
                                                     std::chrono::steady_clock::time_point now);

/// Connect timeout as configured; total clamped to what is left of the deadline; idle = total
/// (an image endpoint sends nothing until the picture is done).
void apply_image_timeouts(HttpRequest& http, const CallTimeouts& timeouts,
                          std::chrono::steady_clock::time_point deadline,
                          std::chrono::steady_clock::time_point now);

/// Bytes of JSON that can carry a base64 image of `limits.max_bytes` (4/3 plus 64 KiB).
std::size_t json_limit_for(const ImageLimits& limits);

/// Runs one exchange keeping the whole body (the transport ends it beyond
/// http.max_response_bytes). Returns the body of a completed 2xx answer, or the classified
/// failure: a non-2xx status through `classify_status` (default classify_http_error), a transport
/// error through classify_transport_error.
using StatusClassifier = std::function<AttemptResult(const ErrorContext&, const HttpResponseHead&,
                                                     std::string_view body)>;

struct WholeAnswer {
    std::optional<std::string> body;  // set on a completed 2xx answer
    HttpResponseHead head;
    AttemptResult failure;  // meaningful when body is empty
};

WholeAnswer exchange_whole(HttpTransport& transport, const HttpRequest& http,
                           const ErrorContext& context, const std::stop_token& stop,
                           const StatusClassifier& classify_status = {});

/// Decodes a base64 payload and checks the image; fills `out` (bytes, type, size, model from
/// `context`) or returns the final kUpstream failure naming what was wrong.
AttemptResult accept_base64_image(const ErrorContext& context, std::string_view base64,
                                  const ImageLimits& limits, core::GeneratedImage& out);

/// Checks downloaded or decoded bytes and fills `out`, or the final kUpstream failure.
AttemptResult accept_image_bytes(const ErrorContext& context, std::string bytes,
                                 const ImageLimits& limits, core::GeneratedImage& out);

/// At most `max_chars` code points of `text` (0: unlimited), never splitting a character.
std::string clip_prompt(std::string_view text, std::size_t max_chars);

/// A URL without its query or fragment (signed URLs carry credentials there), for messages.
std::string url_for_messages(std::string_view url);

/// GETs an image URL (http or https only; no Authorization header: the URL is pre-signed and
/// may be on another host) with the size limit, then checks it like accept_image_bytes.
AttemptResult download_image(HttpTransport& transport, const std::string& url,
                             const ErrorContext& context, const ImageLimits& limits,
                             const CallTimeouts& timeouts,
                             std::chrono::steady_clock::time_point deadline,
                             std::chrono::steady_clock::time_point now, const std::stop_token& stop,
                             core::GeneratedImage& out);

}  // namespace swarm::llm
