// libcurl's result codes mapped to core::Error: what is worth another attempt (kUnavailable),
// timeouts (kDeadlineExceeded) and the rest (kUpstream), with curl's texts in message and detail.
#include "curl/errors.hpp"

#include <gtest/gtest.h>

namespace swarm::curl {
namespace {

using core::ErrorCode;

TEST(ErrorFromCurl, ConnectionFailuresAreUnavailable) {
    for (const CURLcode code :
         {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
          CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
          CURLE_HTTP2_STREAM}) {
        EXPECT_EQ(error_from_curl(code, "").code, ErrorCode::kUnavailable) << code;
    }
}

TEST(ErrorFromCurl, TimeoutIsDeadlineExceeded) {
    const auto error = error_from_curl(CURLE_OPERATION_TIMEDOUT, "Operation timed out after 5 ms");
    EXPECT_EQ(error.code, ErrorCode::kDeadlineExceeded);
    EXPECT_EQ(error.message.rfind("request timed out: ", 0), 0U) << error.message;
    EXPECT_NE(error.detail.find("Operation timed out after 5 ms"), std::string::npos);
}

TEST(ErrorFromCurl, OtherFailuresAreUpstream) {
    for (const CURLcode code : {CURLE_SSL_CONNECT_ERROR, CURLE_WRITE_ERROR,
                                CURLE_UNSUPPORTED_PROTOCOL, CURLE_TOO_MANY_REDIRECTS}) {
        EXPECT_EQ(error_from_curl(code, "").code, ErrorCode::kUpstream) << code;
    }
}

TEST(ErrorFromCurl, NamesCurlsReasonAndTheErrorBuffer) {
    const auto error = error_from_curl(CURLE_COULDNT_CONNECT, "Failed to connect to 127.0.0.1");
    EXPECT_EQ(error.detail, std::string(curl_easy_strerror(CURLE_COULDNT_CONNECT)) +
                                ": Failed to connect to 127.0.0.1");
    EXPECT_EQ(error.message, "connection failed: " + error.detail);
    EXPECT_EQ(error_from_curl(CURLE_GOT_NOTHING, "").detail, curl_easy_strerror(CURLE_GOT_NOTHING));
}

}  // namespace
}  // namespace swarm::curl
