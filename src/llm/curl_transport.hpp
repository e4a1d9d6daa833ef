// HttpTransport over the shared curl layer (src/curl): one exchange per call, stop requests and
// the idle timeout checked every 50 ms; optional AWS SigV4 signing.
#pragma once

#include "llm/http_transport.hpp"

namespace swarm::llm {

/// Stateless; post_stream is thread-safe. Outcome errors: connection refused/reset, DNS, a
/// truncated body → kUnavailable; connect, idle or total timeout → kDeadlineExceeded; stop or
/// on_body false → kCancelled; a body beyond request.max_response_bytes and other curl failures →
/// kUpstream.
class CurlTransport final : public HttpTransport {
public:
    HttpOutcome post_stream(const HttpRequest& request, const HttpStreamHandlers& handlers,
                            std::stop_token stop) override;
};

}  // namespace swarm::llm
