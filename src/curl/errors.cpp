#include "curl/errors.hpp"

#include <string>

namespace swarm::curl {

core::Error error_from_curl(CURLcode code, std::string_view error_buffer) {
    std::string detail = curl_easy_strerror(code);
    if (!error_buffer.empty()) {
        detail.append(": ").append(error_buffer);
    }
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return core::Error{
                core::ErrorCode::kUnavailable, "connection failed: " + detail, {}, detail};
        case CURLE_OPERATION_TIMEDOUT:
            return core::Error{
                core::ErrorCode::kDeadlineExceeded, "request timed out: " + detail, {}, detail};
        default:
            return core::Error{
                core::ErrorCode::kUpstream, "transfer failed: " + detail, {}, detail};
    }
}

}  // namespace swarm::curl
