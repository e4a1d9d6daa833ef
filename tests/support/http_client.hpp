// A tiny blocking HTTP/1.1 client over POSIX sockets for integration tests: loopback only, every
// read bounded by a timeout, replies parsed by Content-Length.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace swarm::test {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& lower_name) const;
};

/// One TCP connection to 127.0.0.1:port; keeps it open for several requests.
class HttpConnection {
public:
    explicit HttpConnection(std::uint16_t port,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    bool connected() const { return fd_ >= 0; }

    /// Sends raw bytes; false on error.
    bool send_raw(const std::string& bytes);

    /// Reads one reply; nullopt on timeout, close or a malformed reply.
    std::optional<HttpReply> read_reply();

    /// The bytes buffered after the last reply, else the next bytes read; nullopt on close or
    /// timeout (for close-delimited bodies such as event streams).
    std::optional<std::string> read_some();

private:
    int fd_ = -1;
    std::string buffer_;
};

/// Formats a request with Host and Content-Length; `headers` are "Name: value" lines.
std::string format_request(const std::string& method, const std::string& target,
                           const std::map<std::string, std::string>& headers = {},
                           const std::string& body = {});

/// One request on a fresh connection; a reply with status 0 when none came.
HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = {});

}  // namespace swarm::test
