// A tiny blocking WebSocket client for integration tests: loopback only, masked text frames out,
// fragmented messages reassembled, every read bounded by the socket timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace swarm::test {

struct WsFrame {
    int opcode = 0;   // 0 continuation, 1 text, 8 close, 9 ping, 10 pong
    bool fin = true;  // the last fragment of its message
    std::string payload;
};

class WsClient {
public:
    /// Connects to 127.0.0.1:port and performs the upgrade handshake on `path`.
    WsClient(std::uint16_t port, const std::string& path,
             std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~WsClient();
    WsClient(const WsClient&) = delete;
    WsClient& operator=(const WsClient&) = delete;

    /// The handshake answered 101.
    bool open() const { return open_; }

    bool send_text(const std::string& text);

    /// The next frame; nullopt on timeout, close of the socket or a malformed frame.
    std::optional<WsFrame> read_frame();

    /// The next text message (fragments joined), answering pings; nullopt on a close frame or an
    /// error.
    std::optional<std::string> read_text();

private:
    bool send_frame(int opcode, const std::string& payload);
    bool read_exact(std::size_t n, std::string& out);

    int fd_ = -1;
    bool open_ = false;
    std::string buffer_;
};

}  // namespace swarm::test
