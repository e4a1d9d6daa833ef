// Conversions between domain values and their SQL column form (times as integer milliseconds,
// platform lists as comma-separated names, status and event names) and the keyset page cursor.
#pragma once

#include "core/model/job.hpp"
#include "core/model/platform.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"
#include "sqlite/connection.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Returns the error of a failing Result<T> expression from the enclosing function.
#define SWARM_STORAGE_TRY(expr)                                          \
    do {                                                                 \
        if (auto swarm_try_result_ = (expr); !swarm_try_result_) {       \
            return tl::unexpected(std::move(swarm_try_result_.error())); \
        }                                                                \
    } while (false)

namespace swarm::storage {

// The storage code names the shared SQLite layer's types unqualified.
using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

std::int64_t to_millis(core::Timestamp at);
core::Timestamp from_millis(std::int64_t millis);

/// NULL column → nullopt.
std::optional<core::Timestamp> optional_time(const Statement& row, int column);
std::optional<std::int64_t> optional_millis(const std::optional<core::Timestamp>& at);

std::string encode_platforms(const std::vector<core::Platform>& platforms);
core::Result<std::vector<core::Platform>> decode_platforms(std::string_view text);
core::Result<core::Platform> decode_platform(std::string_view name);
/// NULL column → nullopt; an unknown name is an error (never dropped silently).
core::Result<std::optional<core::Platform>> optional_platform(const Statement& row, int column);
std::optional<std::string> platform_name(std::optional<core::Platform> platform);

core::Result<core::JobStatus> decode_job_status(std::string_view name);
core::Result<core::EventType> decode_event_type(std::string_view name);

/// The jobs.history column: one ended run a line, "claim\tworker\tstarted_ms\tended_ms\toutcome"
/// (both backends append lines in SQL). Unreadable lines are skipped (history is informational).
std::vector<core::JobRun> decode_history(std::string_view text);

/// Fills `job.history` from the column and, for a running job, adds its current run (claim
/// job.claims, worker lease_owner, started `claimed_at`).
void set_history(core::JobRecord& job, std::string_view text,
                 std::optional<core::Timestamp> claimed_at);

/// A position in a list ordered by (created_at, id) descending.
struct PageCursor {
    std::int64_t created_at = 0;
    std::string id;
};

std::string encode_cursor(const PageCursor& cursor);
/// Empty text → nullopt (first page); malformed → kInvalidArgument on field "cursor".
core::Result<std::optional<PageCursor>> decode_cursor(const std::string& text);

/// kInvalidArgument on field "limit" unless 1 <= limit <= max.
core::Result<void> check_limit(int limit, int max);

}  // namespace swarm::storage
