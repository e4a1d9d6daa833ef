// The exit-code table as README.md documents it. The switches below list every enumerator with
// no default, so a new ErrorCode or JobStatus fails to compile here until its code is decided.
#include "cli/exit_codes.hpp"

#include <array>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace swarm::cli {
namespace {

using core::ErrorCode;
using core::JobStatus;

/// The documented code for each ErrorCode, written out independently of exit_code_for.
int documented(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 2;
        case ErrorCode::kNotFound:
            return 4;
        case ErrorCode::kIo:
            return 5;
        case ErrorCode::kUnavailable:
        case ErrorCode::kUpstream:
            return 6;
        case ErrorCode::kDeadlineExceeded:
            return 7;
        case ErrorCode::kResourceExhausted:
            return 8;
        case ErrorCode::kCancelled:
            return 130;
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kUnauthenticated:
        case ErrorCode::kPermissionDenied:
        case ErrorCode::kInternal:
            return 1;
    }
    return -1;
}

int documented(JobStatus status) {
    switch (status) {
        case JobStatus::kSucceeded:
            return 0;
        case JobStatus::kPartial:
            return 3;
        case JobStatus::kCancelled:
            return 130;
        case JobStatus::kFailed:
        case JobStatus::kQueued:
        case JobStatus::kRunning:
            return 1;
    }
    return -1;
}

TEST(ExitCodes, EveryErrorCodeHasItsDocumentedExitCode) {
    const std::array all{ErrorCode::kInvalidArgument,   ErrorCode::kNotFound,
                         ErrorCode::kAlreadyExists,     ErrorCode::kFailedPrecondition,
                         ErrorCode::kResourceExhausted, ErrorCode::kDeadlineExceeded,
                         ErrorCode::kUnavailable,       ErrorCode::kCancelled,
                         ErrorCode::kUpstream,          ErrorCode::kIo,
                         ErrorCode::kUnauthenticated,   ErrorCode::kPermissionDenied,
                         ErrorCode::kInternal};
    // The list above is complete: kInternal is the last enumerator.
    EXPECT_EQ(std::size(all), static_cast<std::size_t>(ErrorCode::kInternal) + 1);
    for (const auto code : all) {
        SCOPED_TRACE(std::string(core::to_string(code)));
        EXPECT_EQ(exit_code_for(code), documented(code));
        EXPECT_NE(exit_code_for(code), kExitOk) << "a failure never exits 0";
    }
}

TEST(ExitCodes, OnlyInvalidArgumentIsAUsageError) {
    std::set<ErrorCode> usage;
    for (int i = 0; i <= static_cast<int>(ErrorCode::kInternal); ++i) {
        const auto code = static_cast<ErrorCode>(i);
        if (exit_code_for(code) == kExitUsage) {
            usage.insert(code);
        }
    }
    EXPECT_EQ(usage, std::set<ErrorCode>{ErrorCode::kInvalidArgument});
    EXPECT_EQ(exit_code_for(ErrorCode::kIo), kExitIo);
    EXPECT_EQ(exit_code_for(ErrorCode::kDeadlineExceeded), kExitDeadline);
    EXPECT_EQ(exit_code_for(ErrorCode::kResourceExhausted), kExitExhausted);
}

TEST(ExitCodes, EveryJobStatusHasItsDocumentedExitCode) {
    for (const auto status : {JobStatus::kQueued, JobStatus::kRunning, JobStatus::kSucceeded,
                              JobStatus::kPartial, JobStatus::kFailed, JobStatus::kCancelled}) {
        SCOPED_TRACE(std::string(core::to_string(status)));
        EXPECT_EQ(exit_code_for(status), documented(status));
    }
    EXPECT_EQ(exit_code_for(JobStatus::kPartial), kExitPartial);
}

}  // namespace
}  // namespace swarm::cli
