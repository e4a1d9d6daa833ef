#include "support/sse_client.hpp"

namespace swarm::test {
namespace {

/// Parses complete blocks (ending in a blank line) off the front of `buffer`.
void parse_blocks(std::string& buffer, SseStream& out) {
    for (auto end = buffer.find("\n\n"); end != std::string::npos; end = buffer.find("\n\n")) {
        const auto block = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        SseEvent event;
        bool is_event = false;
        std::size_t pos = 0;
        while (pos <= block.size()) {
            const auto nl = block.find('\n', pos);
            const auto line = block.substr(pos, nl == std::string::npos ? nl : nl - pos);
            pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
            if (line.rfind(':', 0) == 0) {
                out.comments.push_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
            } else if (line.rfind("id: ", 0) == 0) {
                event.id = std::stoll(line.substr(4));
                is_event = true;
            } else if (line.rfind("event: ", 0) == 0) {
                event.type = line.substr(7);
            } else if (line.rfind("data: ", 0) == 0) {
                event.data = nlohmann::json::parse(line.substr(6), nullptr, false);
            }
        }
        if (is_event) {
            out.events.push_back(std::move(event));
        }
    }
}

}  // namespace

SseStream read_sse(std::uint16_t port, const std::string& target,
                   const std::map<std::string, std::string>& headers, std::size_t max_events,
                   std::size_t max_comments, std::chrono::milliseconds limit) {
    SseStream out;
    HttpConnection conn(port, std::chrono::seconds(5));
    if (!conn.send_raw(
            format_request("GET", target, with_test_authorization(port, target, headers)))) {
        return out;
    }
    auto head = conn.read_reply();
    if (!head) {
        return out;
    }
    out.head = *head;
    if (out.head.status != 200) {
        return out;
    }
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::string buffer;
    while (out.events.size() < max_events && out.comments.size() < max_comments &&
           std::chrono::steady_clock::now() < deadline) {
        auto bytes = conn.read_some();
        if (!bytes) {
            out.closed_by_server = true;  // close (or a 5 s silence, which the test then sees)
            break;
        }
        buffer += *bytes;
        parse_blocks(buffer, out);
    }
    return out;
}

}  // namespace swarm::test
