// Reads a Server-Sent Events response over loopback for integration tests: the head, then events
// and comments until the server closes, enough events arrived, or a bounded wait ends.
#pragma once

#include "support/http_client.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::test {

struct SseEvent {
    std::int64_t id = 0;
    std::string type;
    nlohmann::json data;
};

struct SseStream {
    HttpReply head;  // status and headers; body empty (or the JSON error before headers)
    std::vector<SseEvent> events;
    std::vector<std::string> comments;  // ": heartbeat" lines, without the colon
    bool closed_by_server = false;
};

/// GETs `target` and reads until the server closes, `max_events` arrived, `max_comments`
/// arrived, or `limit` passed.
SseStream read_sse(std::uint16_t port, const std::string& target,
                   const std::map<std::string, std::string>& headers = {},
                   std::size_t max_events = SIZE_MAX, std::size_t max_comments = SIZE_MAX,
                   std::chrono::milliseconds limit = std::chrono::seconds(20));

}  // namespace swarm::test
