// CurlTransport against a throwaway HTTP server on 127.0.0.1 (POSIX sockets and one thread):
// streaming, header handling, idle timeout, stop, refused connections and SigV4 signing.
#include "llm/curl_transport.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <functional>
#include <future>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

using std::chrono::milliseconds;

void send_all(int fd, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        const auto n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(n);
    }
}

/// Blocks until the peer closes the connection (or 5 s pass).
void wait_for_close(int fd) {
    char buffer[256];
    while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
    }
}

std::string chunk(const std::string& data) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx", data.size());
    return std::string(size) + "\r\n" + data + "\r\n";
}

/// Accepts one connection, reads the request (headers and Content-Length body) and runs the
/// scripted behaviour on the socket.
class LocalServer {
public:
    using Behaviour = std::function<void(int fd)>;

    explicit LocalServer(Behaviour behaviour) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        EXPECT_EQ(::listen(listen_fd_, 1), 0);
        socklen_t length = sizeof address;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this, behaviour = std::move(behaviour)] { serve(behaviour); });
    }

    ~LocalServer() {
        ::shutdown(listen_fd_, SHUT_RDWR);
        thread_.join();
        ::close(listen_fd_);
    }

    LocalServer(const LocalServer&) = delete;
    LocalServer& operator=(const LocalServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/test"; }

    /// The raw request; call after the transfer finished.
    std::string request() {
        thread_done_.wait_for(std::chrono::seconds(5));
        return request_;
    }

private:
    void serve(const Behaviour& behaviour) {
        const int fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) {
            done_.set_value();
            return;
        }
        timeval timeout{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        read_request(fd);
        behaviour(fd);
        ::close(fd);
        done_.set_value();
    }

    void read_request(int fd) {
        char buffer[4096];
        std::size_t body_needed = std::string::npos;
        while (request_.size() < (1U << 20)) {
            const auto header_end = request_.find("\r\n\r\n");
            if (header_end != std::string::npos && body_needed == std::string::npos) {
                const auto at = request_.find("Content-Length: ");
                body_needed = at == std::string::npos ? 0 : std::stoul(request_.substr(at + 16));
                body_needed += header_end + 4;
            }
            if (body_needed != std::string::npos && request_.size() >= body_needed) {
                return;
            }
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                return;
            }
            request_.append(buffer, static_cast<std::size_t>(n));
        }
    }

    int listen_fd_ = -1;
    int port_ = 0;
    std::string request_;
    std::promise<void> done_;
    std::shared_future<void> thread_done_ = done_.get_future().share();
    std::thread thread_;
};

HttpRequest post_to(const std::string& url) {
    HttpRequest request;
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = R"({"hello":"world"})";
    request.connect_timeout = milliseconds(2000);
    request.idle_timeout = milliseconds(5000);
    request.total_timeout = milliseconds(10000);
    return request;
}

const std::string kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Custom-Header: Value A\r\n"
    "Transfer-Encoding: chunked\r\n\r\n";

TEST(CurlTransport, StreamsAChunkedReplyInPiecesWithLowerCasedHeaders) {
    std::promise<void> first_piece_seen;
    auto first_piece = first_piece_seen.get_future();
    LocalServer server([&first_piece](int fd) {
        send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
        send_all(fd, kStreamHead + chunk("data: one\n\n"));
        // The second piece only goes out once the client has seen the first.
        first_piece.wait_for(std::chrono::seconds(5));
        send_all(fd, chunk("data: two\n\n") + chunk(""));
    });
    CurlTransport transport;
    std::vector<std::string> pieces;
    int heads = 0;
    HttpResponseHead seen_head;
    bool signalled = false;
    HttpStreamHandlers handlers{[&](const HttpResponseHead& head) {
                                    ++heads;
                                    seen_head = head;
                                },
                                [&](std::string_view bytes) {
                                    EXPECT_EQ(heads, 1);
                                    pieces.emplace_back(bytes);
                                    if (!signalled) {
                                        signalled = true;
                                        first_piece_seen.set_value();
                                    }
                                    return true;
                                }};
    const auto outcome = transport.post_stream(post_to(server.url()), handlers, {});
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_EQ(heads, 1);
    EXPECT_EQ(outcome.head.status, 200);
    EXPECT_EQ(seen_head.status, 200);
    EXPECT_EQ(seen_head.header("x-custom-header"), "Value A");
    EXPECT_EQ(seen_head.header("content-type"), "text/event-stream");
    EXPECT_TRUE(outcome.body_started);
    EXPECT_GE(pieces.size(), 2U);
    std::string joined;
    for (const auto& piece : pieces) {
        joined += piece;
    }
    EXPECT_EQ(joined, "data: one\n\ndata: two\n\n");
    const auto request = server.request();
    EXPECT_NE(request.find("POST /v1/test HTTP/1.1"), std::string::npos);
    EXPECT_NE(request.find("\r\n\r\n{\"hello\":\"world\"}"), std::string::npos);
    EXPECT_EQ(request.find("Expect:"), std::string::npos);
}

TEST(CurlTransport, ErrorStatusIsACompletedExchange) {
    LocalServer server([](int fd) {
        send_all(fd,
                 "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 11\r\n\r\n"
                 "{\"error\":1}");
    });
    CurlTransport transport;
    std::string body;
    const auto outcome = transport.post_stream(post_to(server.url()),
                                               {[](const HttpResponseHead&) {},
                                                [&](std::string_view b) {
                                                    body += b;
                                                    return true;
                                                }},
                                               {});
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_EQ(outcome.head.status, 429);
    EXPECT_EQ(outcome.head.header("retry-after"), "2");
    EXPECT_EQ(body, "{\"error\":1}");
}

TEST(CurlTransport, IdleStallIsDeadlineExceeded) {
    LocalServer server([](int fd) {
        send_all(fd, kStreamHead + chunk("data: one\n\n"));
        wait_for_close(fd);
    });
    CurlTransport transport;
    auto request = post_to(server.url());
    request.idle_timeout = milliseconds(200);
    const auto outcome = transport.post_stream(request,
                                               {[](const HttpResponseHead&) {},
                                                [](std::string_view) {
                                                    return true;
                                                }},
                                               {});
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kDeadlineExceeded) << outcome.error->message;
    EXPECT_TRUE(outcome.body_started);
}

TEST(CurlTransport, StopMidStreamIsCancelled) {
    LocalServer server([](int fd) {
        send_all(fd, kStreamHead + chunk("data: one\n\n"));
        wait_for_close(fd);
    });
    CurlTransport transport;
    std::stop_source source;
    const auto outcome = transport.post_stream(post_to(server.url()),
                                               {[](const HttpResponseHead&) {},
                                                [&source](std::string_view) {
                                                    source.request_stop();
                                                    return true;
                                                }},
                                               source.get_token());
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kCancelled);
}

TEST(CurlTransport, ConsumerRefusalIsCancelled) {
    LocalServer server([](int fd) {
        send_all(fd, kStreamHead + chunk("data: one\n\n"));
        wait_for_close(fd);
    });
    CurlTransport transport;
    const auto outcome = transport.post_stream(post_to(server.url()),
                                               {[](const HttpResponseHead&) {},
                                                [](std::string_view) {
                                                    return false;
                                                }},
                                               {});
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kCancelled);
}

TEST(CurlTransport, OversizedBodyIsUpstream) {
    LocalServer server(
        [](int fd) { send_all(fd, kStreamHead + chunk(std::string(4000, 'x')) + chunk("")); });
    CurlTransport transport;
    auto request = post_to(server.url());
    request.max_response_bytes = 1000;
    const auto outcome = transport.post_stream(request,
                                               {[](const HttpResponseHead&) {},
                                                [](std::string_view) {
                                                    return true;
                                                }},
                                               {});
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUpstream);
}

TEST(CurlTransport, TruncatedStreamIsUnavailable) {
    LocalServer server([](int fd) { send_all(fd, kStreamHead + "20\r\ndata: cut"); });
    CurlTransport transport;
    const auto outcome = transport.post_stream(post_to(server.url()),
                                               {[](const HttpResponseHead&) {},
                                                [](std::string_view) {
                                                    return true;
                                                }},
                                               {});
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUnavailable) << outcome.error->message;
}

TEST(CurlTransport, RefusedConnectionIsUnavailable) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    const int port = ntohs(address.sin_port);
    ::close(fd);  // bound but never listening: nothing accepts on this port now
    CurlTransport transport;
    const auto outcome =
        transport.post_stream(post_to("http://127.0.0.1:" + std::to_string(port) + "/"),
                              {[](const HttpResponseHead&) {},
                               [](std::string_view) {
                                   return true;
                               }},
                              {});
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUnavailable) << outcome.error->message;
    EXPECT_EQ(outcome.head.status, 0);
    EXPECT_FALSE(outcome.body_started);
}

TEST(CurlTransport, SigV4SignsWithTheGivenServiceAndSendsTheSessionToken) {
    LocalServer server(
        [](int fd) { send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"); });
    CurlTransport transport;
    auto request = post_to(server.url());
    request.sigv4 = AwsSigV4{"us-east-1", "bedrock", "AKIDEXAMPLE", "SECRETKEY", "SESSIONTOKEN"};
    const auto outcome = transport.post_stream(request,
                                               {[](const HttpResponseHead&) {},
                                                [](std::string_view) {
                                                    return true;
                                                }},
                                               {});
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    const auto sent = server.request();
    EXPECT_NE(sent.find("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
              std::string::npos)
        << sent;
    EXPECT_NE(sent.find("/us-east-1/bedrock/aws4_request"), std::string::npos) << sent;
    EXPECT_NE(sent.find("x-amz-security-token: SESSIONTOKEN"), std::string::npos) << sent;
    const auto signed_at = sent.find("SignedHeaders=");
    ASSERT_NE(signed_at, std::string::npos) << sent;
    const auto signed_headers = sent.substr(signed_at, sent.find(',', signed_at) - signed_at);
    EXPECT_NE(signed_headers.find("x-amz-security-token"), std::string::npos) << signed_headers;
    EXPECT_EQ(sent.find("SECRETKEY"), std::string::npos);
}

}  // namespace
}  // namespace swarm::llm
