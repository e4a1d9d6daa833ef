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

/// The owner key of workspace "default" every server a test starts knows (ServerProcess passes
/// it as CONTENT_SWARM_OWNER_KEY), and the metrics key (CONTENT_SWARM_METRICS_KEY). Test-only
/// credentials: they open nothing but the test's own server.
inline constexpr const char* kTestOwnerKey =
    "csk_0000000000a1_owner-key-for-tests-only-0123456789abcdefgh";
inline constexpr const char* kTestMetricsKey =
    "csk_0000000000b2_metrics-key-for-tests-only-0123456789abcdef";

/// "Bearer <key>": kTestMetricsKey for /metrics, kTestOwnerKey for anything else.
std::string test_authorization(const std::string& target);

/// Marks `port` as a content-swarm server's (ServerProcess does on start): requests to it carry
/// test_authorization unless they name an Authorization header (an empty one sends none).
/// Requests to other servers (the fake model and network servers) carry nothing added.
void register_swarm_port(std::uint16_t port);
bool is_swarm_port(std::uint16_t port);

/// `headers` with the test Authorization added for a content-swarm port (see above).
std::map<std::string, std::string> with_test_authorization(
    std::uint16_t port, const std::string& target, std::map<std::string, std::string> headers);

/// Formats a request with Host and Content-Length; `headers` are "Name: value" lines (an empty
/// value is not sent).
std::string format_request(const std::string& method, const std::string& target,
                           const std::map<std::string, std::string>& headers = {},
                           const std::string& body = {});

/// One request on a fresh connection; a reply with status 0 when none came.
HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = {});

}  // namespace swarm::test
