// One HTTP exchange over libcurl for every client in the tree (model providers, S3, deploy
// checks): a request, its response head and body (streamed or collected), errors as core::Error.
#pragma once

#include "core/result.hpp"
#include "curl/response_head.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::curl {

/// AWS Signature V4 through libcurl's CURLOPT_AWS_SIGV4 ("aws:amz:REGION:SERVICE").
struct SigV4 {
    std::string region;
    std::string service;  // "s3", "bedrock" (the signing name, not the host's)
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty: none; else sent as x-amz-security-token
};

/// What to do with body bytes beyond Request::max_body_bytes.
enum class BodyLimit {
    kFail,      // end the transfer: Outcome::too_large and a kUpstream error
    kTruncate,  // keep the bytes that fit, end the transfer, no error (Outcome::truncated)
};

struct Request {
    std::string method = "GET";  // GET, HEAD, POST, PUT or another verb
    std::string url;             // http:// or https:// only
    std::vector<std::pair<std::string, std::string>> headers;
    /// Sent from memory, not copied (SigV4 hashes it): must outlive the call. POST and PUT always
    /// send it (maybe empty); other verbs when it is not empty.
    std::string_view body;
    std::optional<SigV4> sigv4;
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds total_timeout{60'000};
    std::chrono::milliseconds idle_timeout{0};  // no byte for this long ends it; 0: no limit
    std::size_t max_body_bytes = std::size_t{64} << 20;
    BodyLimit body_limit = BodyLimit::kFail;
    std::string user_agent = "content-swarm";
    bool follow_redirects = false;  // at most 5
    bool fresh_connection = false;  // a new connection, closed after the exchange
};

/// Called once with the head before the first body byte (or at the end when there is no body),
/// then with body bytes as they arrive, split anywhere. on_body returning false ends the
/// transfer with kCancelled. Either may be empty.
struct StreamHandlers {
    std::function<void(const ResponseHead&)> on_head;
    std::function<bool(std::string_view)> on_body;
};

/// How an exchange ended. A completed exchange has no error whatever its status; the caller
/// judges the status. Errors: libcurl's (error_from_curl: kUnavailable, kDeadlineExceeded,
/// kUpstream), kDeadlineExceeded for the idle timeout, kCancelled for a stop request or a
/// refusing on_body, kUpstream for a body over the limit (too_large), kInternal without a handle.
struct Outcome {
    ResponseHead head;          // status 0 when no response arrived
    std::string body;           // fetch() only
    bool body_started = false;  // at least one body byte was delivered
    bool too_large = false;     // BodyLimit::kFail: the body went past max_body_bytes
    bool truncated = false;     // BodyLimit::kTruncate: the body was cut at max_body_bytes
    std::optional<core::Error> error;
};

/// Runs one exchange, streaming the body to `handlers`. A stop request or the idle timeout takes
/// effect within about 50 ms. Thread-safe: every call has its own handles.
Outcome transfer(const Request& request, const StreamHandlers& handlers,
                 const std::stop_token& stop = {});

/// transfer() collecting the body into Outcome::body.
Outcome fetch(const Request& request, const std::stop_token& stop = {});

}  // namespace swarm::curl
