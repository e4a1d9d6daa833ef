#include "support/ws_client.hpp"

#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace swarm::test {

WsClient::WsClient(std::uint16_t port, const std::string& path, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) {
        return;
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        return;
    }
    const std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
        (is_swarm_port(port) ? "Authorization: " + test_authorization(path) + "\r\n" : "") +
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        return;
    }
    char chunk[4096];
    while (buffer_.find("\r\n\r\n") == std::string::npos) {
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
            return;
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    const auto end = buffer_.find("\r\n\r\n") + 4;
    open_ = buffer_.rfind("HTTP/1.1 101", 0) == 0;
    buffer_.erase(0, end);
}

WsClient::~WsClient() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool WsClient::send_frame(int opcode, const std::string& payload) {
    std::string frame;
    frame.push_back(static_cast<char>(0x80 | opcode));
    const auto n = payload.size();
    if (n < 126) {
        frame.push_back(static_cast<char>(0x80 | n));
    } else if (n < 65536) {
        frame.push_back(static_cast<char>(0x80 | 126));
        frame.push_back(static_cast<char>((n >> 8) & 0xff));
        frame.push_back(static_cast<char>(n & 0xff));
    } else {
        frame.push_back(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.push_back(static_cast<char>((n >> shift) & 0xff));
        }
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (std::size_t i = 0; i < n; ++i) {
        frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
    }
    return ::send(fd_, frame.data(), frame.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(frame.size());
}

bool WsClient::send_text(const std::string& text) {
    return open_ && send_frame(1, text);
}

bool WsClient::read_exact(std::size_t n, std::string& out) {
    char chunk[4096];
    while (buffer_.size() < n) {
        const auto got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got <= 0) {
            return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(got));
    }
    out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return true;
}

std::optional<WsFrame> WsClient::read_frame() {
    std::string head;
    if (!open_ || !read_exact(2, head)) {
        return std::nullopt;
    }
    WsFrame frame;
    frame.opcode = static_cast<unsigned char>(head[0]) & 0x0f;
    frame.fin = (static_cast<unsigned char>(head[0]) & 0x80) != 0;
    std::uint64_t length = static_cast<unsigned char>(head[1]) & 0x7f;
    if (length >= 126) {
        std::string ext;
        if (!read_exact(length == 126 ? 2 : 8, ext)) {
            return std::nullopt;
        }
        length = 0;
        for (const char c : ext) {
            length = (length << 8) | static_cast<unsigned char>(c);
        }
    }
    if (!read_exact(length, frame.payload)) {
        return std::nullopt;
    }
    return frame;
}

std::optional<std::string> WsClient::read_text() {
    std::string message;
    for (;;) {
        auto frame = read_frame();
        if (!frame || frame->opcode == 8) {
            if (frame) {
                send_frame(8, frame->payload.substr(0, 2));  // echo the close
            }
            return std::nullopt;
        }
        if (frame->opcode == 9) {
            send_frame(10, frame->payload);
            continue;
        }
        if (frame->opcode == 1 || frame->opcode == 0) {
            message += frame->payload;
            if (frame->fin) {
                return message;
            }
        }
    }
}

}  // namespace swarm::test
