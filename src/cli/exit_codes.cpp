#include "cli/exit_codes.hpp"

namespace swarm::cli {

// No default: with -Wswitch (-Wall) and -Werror a new code fails the build until it is mapped.
int exit_code_for(core::ErrorCode code) {
    switch (code) {
        case core::ErrorCode::kInvalidArgument:
            return kExitUsage;
        case core::ErrorCode::kNotFound:
            return kExitNotFound;
        case core::ErrorCode::kIo:
            return kExitIo;
        case core::ErrorCode::kUnavailable:
        case core::ErrorCode::kUpstream:
            return kExitUnavailable;
        case core::ErrorCode::kDeadlineExceeded:
            return kExitDeadline;
        case core::ErrorCode::kResourceExhausted:
            return kExitExhausted;
        case core::ErrorCode::kCancelled:
            return kExitCancelled;
        case core::ErrorCode::kAlreadyExists:
        case core::ErrorCode::kFailedPrecondition:
        case core::ErrorCode::kUnauthenticated:
        case core::ErrorCode::kPermissionDenied:
        case core::ErrorCode::kInternal:
            return kExitFailed;
    }
    return kExitFailed;  // not a valid enumerator (a cast): a bug, reported as a failure
}

int exit_code_for(core::JobStatus status) {
    switch (status) {
        case core::JobStatus::kSucceeded:
            return kExitOk;
        case core::JobStatus::kPartial:
            return kExitPartial;
        case core::JobStatus::kCancelled:
            return kExitCancelled;
        case core::JobStatus::kFailed:
        case core::JobStatus::kQueued:  // never the end of a run: a bug, reported as a failure
        case core::JobStatus::kRunning:
            return kExitFailed;
    }
    return kExitFailed;
}

}  // namespace swarm::cli
