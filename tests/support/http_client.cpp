#include "support/http_client.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <mutex>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <utility>

namespace swarm::test {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<HttpReply> parse_head(const std::string& head) {
    HttpReply reply;
    std::size_t pos = head.find("\r\n");
    const auto status_line = head.substr(0, pos);
    const auto sp = status_line.find(' ');
    if (status_line.rfind("HTTP/1.", 0) != 0 || sp == std::string::npos) {
        return std::nullopt;
    }
    reply.status = std::stoi(status_line.substr(sp + 1, 3));
    while (pos != std::string::npos && pos + 2 < head.size()) {
        const auto next = head.find("\r\n", pos + 2);
        const auto line = head.substr(pos + 2, next - pos - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            reply.headers[lower(line.substr(0, colon))] = value;
        }
        pos = next;
    }
    return reply;
}

}  // namespace

std::string HttpReply::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
}

HttpConnection::HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) {
        return;
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

HttpConnection::~HttpConnection() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool HttpConnection::send_raw(const std::string& bytes) {
    std::size_t sent = 0;
    while (fd_ >= 0 && sent < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return fd_ >= 0;
}

std::optional<HttpReply> HttpConnection::read_reply() {
    std::array<char, 8192> chunk{};
    std::optional<HttpReply> reply;
    std::size_t body_at = 0;
    std::size_t length = 0;
    for (int reads = 0; fd_ >= 0 && reads < 10000; ++reads) {
        if (!reply) {
            const auto end = buffer_.find("\r\n\r\n");
            if (end != std::string::npos) {
                reply = parse_head(buffer_.substr(0, end));
                if (!reply) {
                    return std::nullopt;
                }
                body_at = end + 4;
                const auto cl = reply->header("content-length");
                length = cl.empty() ? 0 : std::stoul(cl);
            }
        }
        if (reply && buffer_.size() >= body_at + length) {
            reply->body = buffer_.substr(body_at, length);
            buffer_.erase(0, body_at + length);
            return reply;
        }
        const auto n = ::recv(fd_, chunk.data(), chunk.size(), 0);
        if (n <= 0) {
            return std::nullopt;
        }
        buffer_.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return std::nullopt;
}

std::optional<std::string> HttpConnection::read_some() {
    if (!buffer_.empty()) {
        return std::exchange(buffer_, {});
    }
    std::array<char, 8192> chunk{};
    const auto n = fd_ >= 0 ? ::recv(fd_, chunk.data(), chunk.size(), 0) : -1;
    if (n <= 0) {
        return std::nullopt;
    }
    return std::string(chunk.data(), static_cast<std::size_t>(n));
}

namespace {

std::mutex& ports_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::set<std::uint16_t>& swarm_ports() {
    static std::set<std::uint16_t> ports;
    return ports;
}

}  // namespace

void register_swarm_port(std::uint16_t port) {
    const std::lock_guard lock(ports_mutex());
    swarm_ports().insert(port);
}

bool is_swarm_port(std::uint16_t port) {
    const std::lock_guard lock(ports_mutex());
    return swarm_ports().count(port) > 0;
}

std::map<std::string, std::string> with_test_authorization(
    std::uint16_t port, const std::string& target, std::map<std::string, std::string> headers) {
    if (!is_swarm_port(port)) {
        return headers;
    }
    for (const auto& [name, value] : headers) {
        if (core::text::ascii_lower(name) == "authorization") {
            return headers;
        }
    }
    headers["Authorization"] = test_authorization(target);
    return headers;
}

std::string test_authorization(const std::string& target) {
    return std::string("Bearer ") +
           (target.rfind("/metrics", 0) == 0 ? kTestMetricsKey : kTestOwnerKey);
}

std::string format_request(const std::string& method, const std::string& target,
                           const std::map<std::string, std::string>& headers,
                           const std::string& body) {
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers) {
        if (!value.empty()) {
            out += name + ": " + value + "\r\n";
        }
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return out + "\r\n" + body;
}

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers, const std::string& body) {
    HttpConnection conn(port);
    if (!conn.send_raw(
            format_request(method, target, with_test_authorization(port, target, headers), body))) {
        return {};
    }
    return conn.read_reply().value_or(HttpReply{});
}

}  // namespace swarm::test
