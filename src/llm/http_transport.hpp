// The transport under every provider: one HTTP POST whose response body is streamed to a callback
// as bytes arrive. CurlTransport is the libcurl implementation; tests inject scripted ones.
#pragma once

#include "core/result.hpp"
#include "curl/transfer.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::llm {

/// AWS Signature V4 through libcurl's CURLOPT_AWS_SIGV4; `service` is the signing name
/// ("bedrock", not the host's "bedrock-runtime").
using AwsSigV4 = curl::SigV4;

struct HttpRequest {
    std::string url;
    std::string method = "POST";  // or "GET" (no body: downloads of generated images)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // always in memory: SigV4 hashes CURLOPT_POSTFIELDS
    std::optional<AwsSigV4> sigv4;
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds idle_timeout{60'000};  // no byte received for this long
    std::chrono::milliseconds total_timeout{600'000};
    /// Body bytes beyond this end the exchange with kUpstream ("response too large").
    std::size_t max_response_bytes = std::size_t{64} << 20;
};

/// Status and headers (names lower-cased; header() looks a name up case-insensitively).
using HttpResponseHead = curl::ResponseHead;

/// What one exchange came to. `error` is set when the exchange did not complete: kDeadlineExceeded
/// (connect, idle or total timeout), kUnavailable (connection refused or reset, DNS: retryable),
/// kCancelled (stop requested or on_body returned false), kUpstream (anything else). A completed
/// exchange with any HTTP status has no error; the caller judges the status.
struct HttpOutcome {
    HttpResponseHead head;      // status 0 when no response arrived
    bool body_started = false;  // at least one body byte reached on_body (retry decisions)
    std::optional<core::Error> error;
};

/// Called once with the status and headers, then with body bytes as they arrive (chunks split
/// anywhere). Returning false from on_body aborts the transfer (the outcome is kCancelled).
using HttpStreamHandlers = curl::StreamHandlers;

/// Thread-safety: post_stream may be called concurrently. Stop requests take effect within about
/// 100 ms (the transfer polls the token).
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    virtual HttpOutcome post_stream(const HttpRequest& request, const HttpStreamHandlers& handlers,
                                    std::stop_token stop) = 0;
};

}  // namespace swarm::llm
