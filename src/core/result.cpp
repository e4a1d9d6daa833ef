#include "core/result.hpp"

namespace swarm::core {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kAlreadyExists:
            return "already_exists";
        case ErrorCode::kFailedPrecondition:
            return "failed_precondition";
        case ErrorCode::kResourceExhausted:
            return "resource_exhausted";
        case ErrorCode::kDeadlineExceeded:
            return "deadline_exceeded";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kCancelled:
            return "cancelled";
        case ErrorCode::kUpstream:
            return "upstream_error";
        case ErrorCode::kIo:
            return "io_error";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kPermissionDenied:
            return "forbidden";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

std::string describe(const Error& error) {
    if (error.field.empty()) {
        return error.message;
    }
    return error.field + ": " + error.message;
}

}  // namespace swarm::core
