// Whole exchanges through the curl layer against a throwaway server on 127.0.0.1: request shapes
// per method, collected and streamed bodies, both body limits, and the errors of a failed one.
#include "curl/transfer.hpp"

#include "support/local_http_server.hpp"

#include <string>

#include <gtest/gtest.h>

namespace swarm::curl {
namespace {

using std::chrono::milliseconds;
using test::chunk;
using test::LocalHttpServer;
using test::send_all;

const std::string kOkHello =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

Request to(const std::string& url, std::string method) {
    Request request;
    request.method = std::move(method);
    request.url = url;
    request.connect_timeout = milliseconds(2000);
    request.total_timeout = milliseconds(10000);
    return request;
}

TEST(CurlFetch, GetCollectsTheBodyAndHead) {
    LocalHttpServer server([](int fd) { send_all(fd, kOkHello); });
    auto request = to(server.url(), "GET");
    request.headers = {{"Accept", "*/*"}};
    request.user_agent = "agent-under-test";
    const auto outcome = fetch(request);
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_EQ(outcome.head.status, 200);
    EXPECT_EQ(outcome.head.header("Content-Type"), "text/plain");
    EXPECT_EQ(outcome.body, "hello");
    EXPECT_TRUE(outcome.body_started);
    const auto sent = server.request();
    EXPECT_EQ(sent.rfind("GET /v1/test HTTP/1.1\r\n", 0), 0U) << sent;
    EXPECT_NE(sent.find("User-Agent: agent-under-test\r\n"), std::string::npos) << sent;
    EXPECT_EQ(sent.find("Expect:"), std::string::npos) << sent;
}

TEST(CurlFetch, PutSendsTheBodyFromMemory) {
    LocalHttpServer server(
        [](int fd) { send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); });
    const std::string bytes(3000, 'b');
    auto request = to(server.url(), "PUT");
    request.headers = {{"Content-Type", "image/png"}};
    request.body = bytes;
    const auto outcome = fetch(request);
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_FALSE(outcome.body_started);
    const auto sent = server.request();
    EXPECT_EQ(sent.rfind("PUT /v1/test HTTP/1.1\r\n", 0), 0U) << sent;
    EXPECT_NE(sent.find("Content-Length: 3000\r\n"), std::string::npos) << sent;
    EXPECT_NE(sent.find("Content-Type: image/png\r\n"), std::string::npos) << sent;
    EXPECT_NE(sent.find("\r\n\r\n" + bytes), std::string::npos);
}

TEST(CurlFetch, PostWithAnEmptyBodySendsContentLengthZero) {
    LocalHttpServer server([](int fd) { send_all(fd, kOkHello); });
    const auto outcome = fetch(to(server.url(), "POST"));
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    const auto sent = server.request();
    EXPECT_EQ(sent.rfind("POST /v1/test HTTP/1.1\r\n", 0), 0U) << sent;
    EXPECT_NE(sent.find("Content-Length: 0\r\n"), std::string::npos) << sent;
}

TEST(CurlTransfer, HeadReportsTheHeadOnceWithoutABody) {
    LocalHttpServer server([](int fd) {
        send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 42\r\n\r\n");
    });
    int heads = 0;
    StreamHandlers handlers{[&heads](const ResponseHead& head) {
                                ++heads;
                                EXPECT_EQ(head.header("content-length"), "42");
                            },
                            [](std::string_view) {
                                ADD_FAILURE() << "a HEAD answer has no body";
                                return true;
                            }};
    const auto outcome = transfer(to(server.url(), "HEAD"), handlers);
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_EQ(heads, 1);
    EXPECT_EQ(outcome.head.status, 200);
    EXPECT_EQ(server.request().rfind("HEAD /v1/test HTTP/1.1\r\n", 0), 0U);
}

TEST(CurlFetch, TruncateKeepsWhatFitsWithoutAnError) {
    LocalHttpServer server([](int fd) {
        send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                         chunk(std::string(400, 'x')) + chunk(std::string(400, 'y')) + chunk(""));
    });
    auto request = to(server.url(), "GET");
    request.max_body_bytes = 500;
    request.body_limit = BodyLimit::kTruncate;
    const auto outcome = fetch(request);
    ASSERT_FALSE(outcome.error) << outcome.error->message;
    EXPECT_TRUE(outcome.truncated);
    EXPECT_FALSE(outcome.too_large);
    EXPECT_EQ(outcome.head.status, 200);
    EXPECT_EQ(outcome.body, std::string(400, 'x') + std::string(100, 'y'));
}

TEST(CurlFetch, BodyOverTheLimitFailsAsUpstream) {
    LocalHttpServer server([](int fd) {
        send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 800\r\n\r\n" + std::string(800, 'z'));
    });
    auto request = to(server.url(), "GET");
    request.max_body_bytes = 500;
    const auto outcome = fetch(request);
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUpstream);
    EXPECT_TRUE(outcome.too_large);
    EXPECT_FALSE(outcome.truncated);
}

TEST(CurlFetch, RefusedConnectionIsUnavailable) {
    const auto outcome =
        fetch(to("http://127.0.0.1:" + std::to_string(test::refused_port()) + "/", "GET"));
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUnavailable) << outcome.error->message;
    EXPECT_EQ(outcome.head.status, 0);
}

TEST(CurlFetch, TotalTimeoutIsDeadlineExceeded) {
    LocalHttpServer server([](int fd) {
        send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab");
        test::wait_for_close(fd);
    });
    auto request = to(server.url(), "GET");
    request.total_timeout = milliseconds(300);
    const auto outcome = fetch(request);
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kDeadlineExceeded) << outcome.error->message;
    EXPECT_EQ(outcome.head.status, 200);
}

TEST(CurlFetch, OnlyHttpUrlsAreFetched) {
    const auto outcome = fetch(to("file:///etc/hostname", "GET"));
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, core::ErrorCode::kUpstream) << outcome.error->message;
    EXPECT_TRUE(outcome.body.empty());
}

}  // namespace
}  // namespace swarm::curl
