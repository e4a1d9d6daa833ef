// The CLI's exit-code contract: the one table from core::ErrorCode and job status to the code
// the process exits with (documented in README.md and src/cli/README.md).
#pragma once

#include "core/model/job.hpp"
#include "core/result.hpp"

namespace swarm::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;       // the work ran and fell short; also internal errors
inline constexpr int kExitUsage = 2;        // invalid input or usage: the message names the field
inline constexpr int kExitPartial = 3;      // some requested platforms, not all
inline constexpr int kExitNotFound = 4;     // a named thing does not exist
inline constexpr int kExitIo = 5;           // a file or database could not be read or written
inline constexpr int kExitUnavailable = 6;  // a service (model provider, database) failed
inline constexpr int kExitDeadline = 7;     // a deadline passed
inline constexpr int kExitExhausted = 8;    // a budget, quota or queue ran out
inline constexpr int kExitCancelled = 130;  // as a shell reports an interrupted command

/// The exit code for a failure (every code listed: a new ErrorCode does not compile until it
/// has a row here).
int exit_code_for(core::ErrorCode code);

/// The exit code for a job that ran: 0 succeeded, 3 partial, 1 failed, 130 cancelled.
int exit_code_for(core::JobStatus status);

}  // namespace swarm::cli
