// Ports for the deploy checks: one HTTP exchange (libcurl in production, scripted in tests) and
// the time of a poll loop (the steady clock in production, advanced by hand in tests).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace swarm::app {

struct FetchRequest {
    std::string method = "GET";
    std::string url;
    std::string body;  // sent as application/json when not empty
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
    std::size_t max_body_bytes = std::size_t{1} << 20;
    bool follow_redirects = false;  // media URLs may redirect (CDN, signed URLs); /version not
    std::string bearer;             // sent as "Authorization: Bearer <bearer>" when not empty
};

struct FetchReply {
    int status = 0;          // 0: no HTTP answer, see `error`
    std::string body;        // at most max_body_bytes
    bool truncated = false;  // the body went past max_body_bytes and was cut there
    std::string error;       // why no answer came (refused, timeout, DNS); empty otherwise
};

class HttpFetcher {
public:
    virtual ~HttpFetcher() = default;
    virtual FetchReply fetch(const FetchRequest& request) = 0;
};

class Pacer {
public:
    virtual ~Pacer() = default;
    virtual std::chrono::steady_clock::time_point now() = 0;
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

/// The real Pacer: the steady clock and a real sleep.
class SteadyPacer final : public Pacer {
public:
    std::chrono::steady_clock::time_point now() override;
    void sleep_for(std::chrono::milliseconds duration) override;
};

}  // namespace swarm::app
