// CurlTransport against a throwaway HTTP server on 127.0.0.1 (POSIX sockets and one thread):
// streaming, header handling, idle timeout, stop, refused connections and SigV4 signing.
#include "llm/curl_transport.hpp"

#include "support/local_http_server.hpp"

#include <future>
#include <string>

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

using std::chrono::milliseconds;
using test::chunk;
using test::send_all;
using test::wait_for_close;
using LocalServer = test::LocalHttpServer;

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
    const int port = test::refused_port();
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
