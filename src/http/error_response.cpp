#include "http/error_response.hpp"

#include "codec/result_json.hpp"
#include "core/text/utf8.hpp"

#include <nlohmann/json.hpp>

namespace swarm::http {

int status_for(core::ErrorCode code) {
    switch (code) {
        case core::ErrorCode::kInvalidArgument:
            return 400;
        case core::ErrorCode::kNotFound:
            return 404;
        case core::ErrorCode::kAlreadyExists:
        case core::ErrorCode::kFailedPrecondition:
        case core::ErrorCode::kCancelled:
            return 409;
        case core::ErrorCode::kResourceExhausted:
            return 429;
        case core::ErrorCode::kDeadlineExceeded:
            return 504;
        case core::ErrorCode::kUnavailable:
            return 503;
        case core::ErrorCode::kUpstream:
            return 502;
        case core::ErrorCode::kUnauthenticated:
            return 401;
        case core::ErrorCode::kPermissionDenied:
            return 403;
        case core::ErrorCode::kIo:
        case core::ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

Response error_response(const core::Error& error) {
    return error_response(status_for(error.code), error);
}

Response error_response(int status, const core::Error& error, std::string_view code) {
    auto body = codec::encode_error(error);
    if (!code.empty()) {
        body["error"]["code"] = std::string(code);
    }
    std::string cause;
    if (status >= 500) {
        cause = error.message;
    }
    if (status == 500) {
        // An internal or I/O failure's message may name files or hosts: it goes to the log
        // (with the request id); the client gets the request id to quote.
        body["error"]["message"] =
            "internal error; the server log has the cause under this response's X-Request-Id";
    }
    auto res = json_response(status, body);
    res.log_detail = std::move(cause);
    if (error.retry_after) {
        res.set_header("Retry-After", std::to_string(error.retry_after->count()));
    }
    return res;
}

std::optional<Response> check_json_content_type(const Request& request) {
    const auto type = request.header("content-type");
    if (type) {
        const auto media = core::text::ascii_lower(type->substr(0, type->find(';')));
        const auto last = media.find_last_not_of(" \t");
        if (media.substr(0, last == std::string::npos ? 0 : last + 1) == "application/json") {
            return std::nullopt;
        }
    }
    return error_response(415,
                          core::Error{core::ErrorCode::kInvalidArgument,
                                      "the body must be JSON (Content-Type: application/json)",
                                      "Content-Type",
                                      {}},
                          "unsupported_media_type");
}

}  // namespace swarm::http
