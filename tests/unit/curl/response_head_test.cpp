// HeaderParser fed libcurl's header lines: status lines, case-insensitive names, CRLF and LF,
// folded and repeated headers, and a new block after 100 Continue or a redirect.
#include "curl/response_head.hpp"

#include <initializer_list>
#include <string_view>

#include <gtest/gtest.h>

namespace swarm::curl {
namespace {

ResponseHead parse(std::initializer_list<std::string_view> lines) {
    HeaderParser parser;
    for (const auto line : lines) {
        parser.feed(line);
    }
    return parser.head();
}

TEST(HeaderParser, ReadsTheStatusAndLowerCasesNames) {
    const auto head = parse({"HTTP/1.1 404 Not Found\r\n", "Content-Type: text/plain\r\n",
                             "X-Request-ID:   abc  \r\n", "\r\n"});
    EXPECT_EQ(head.status, 404);
    ASSERT_EQ(head.headers.size(), 2U);
    EXPECT_EQ(head.headers[0].first, "content-type");
    EXPECT_EQ(head.headers[1], (std::pair<std::string, std::string>{"x-request-id", "abc"}));
}

TEST(HeaderParser, LooksNamesUpCaseInsensitively) {
    const auto head = parse({"HTTP/2 200\r\n", "Retry-After: 2\r\n"});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("retry-after"), "2");
    EXPECT_EQ(head.header("RETRY-AFTER"), "2");
    EXPECT_EQ(head.header("retry"), std::nullopt);
}

TEST(HeaderParser, AcceptsBareLineFeeds) {
    const auto head = parse({"HTTP/1.0 503 Service Unavailable\n", "Server: x\n", "\n"});
    EXPECT_EQ(head.status, 503);
    EXPECT_EQ(head.header("server"), "x");
}

TEST(HeaderParser, KeepsRepeatedHeadersAndReturnsTheFirst) {
    const auto head =
        parse({"HTTP/1.1 200 OK\r\n", "Set-Cookie: a=1\r\n", "set-cookie: b=2\r\n", "\r\n"});
    ASSERT_EQ(head.headers.size(), 2U);
    EXPECT_EQ(head.headers[1].second, "b=2");
    EXPECT_EQ(head.header("set-cookie"), "a=1");
}

TEST(HeaderParser, JoinsFoldedContinuationLines) {
    const auto head =
        parse({"HTTP/1.1 200 OK\r\n", "X-Long: first part\r\n", " second part\r\n", "\tthird\r\n"});
    EXPECT_EQ(head.header("x-long"), "first part second part third");
}

TEST(HeaderParser, ANewStatusLineStartsANewBlock) {
    const auto head =
        parse({"HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 302 Found\r\n", "Location: /next\r\n",
               "\r\n", "HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "\r\n"});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("location"), std::nullopt);
    EXPECT_EQ(head.header("content-length"), "5");
}

TEST(HeaderParser, IgnoresLinesWithoutANameAndBadStatusLines) {
    const auto head = parse({"HTTP/1.1 abc\r\n", "no colon here\r\n", ": empty name\r\n",
                             " folded before any header\r\n", "Empty-Value:\r\n"});
    EXPECT_EQ(head.status, 0);
    ASSERT_EQ(head.headers.size(), 1U);
    EXPECT_EQ(head.header("empty-value"), "");
}

}  // namespace
}  // namespace swarm::curl
