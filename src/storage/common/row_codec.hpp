// Backend-neutral conversions between domain values and their SQL column form (times as integer
// milliseconds, platform lists as comma-separated names, status and event names), the keyset page
// cursor and the Columns view both backends' rows are read through.
#pragma once

#include "core/model/job.hpp"
#include "core/model/platform.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::storage {

/// One result row as the backend-neutral decoders read it; each backend adapts its own row type
/// (SqliteColumns over a sqlite::Statement, PgColumns over a pqxx::row). Columns are 0-based.
class Columns {
public:
    Columns() = default;
    Columns(const Columns&) = delete;
    Columns& operator=(const Columns&) = delete;
    Columns(Columns&&) = delete;
    Columns& operator=(Columns&&) = delete;
    virtual ~Columns() = default;

    virtual bool is_null(int column) const = 0;
    virtual std::string text(int column) const = 0;      // NULL → ""
    virtual std::int64_t integer(int column) const = 0;  // NULL → 0
    virtual double real(int column) const = 0;           // NULL → 0.0
    virtual bool flag(int column) const = 0;             // a boolean column (an integer in SQLite)
};

std::int64_t to_millis(core::Timestamp at);
core::Timestamp from_millis(std::int64_t millis);

/// NULL column → nullopt.
std::optional<core::Timestamp> optional_time(const Columns& row, int column);
std::optional<std::int64_t> optional_millis(const std::optional<core::Timestamp>& at);
/// The same for instants in whole seconds (content_items.scheduled_at): stored as milliseconds
/// like every time column, read back truncated to the second.
std::optional<std::chrono::sys_seconds> optional_seconds(const Columns& row, int column);
std::optional<std::int64_t> optional_millis(const std::optional<std::chrono::sys_seconds>& at);

std::string encode_platforms(const std::vector<core::Platform>& platforms);
core::Result<std::vector<core::Platform>> decode_platforms(std::string_view text);
core::Result<core::Platform> decode_platform(std::string_view name);
/// NULL column → nullopt; an unknown name is an error (never dropped silently).
core::Result<std::optional<core::Platform>> optional_platform(const Columns& row, int column);
std::optional<std::string> platform_name(std::optional<core::Platform> platform);

core::Result<core::JobStatus> decode_job_status(std::string_view name);
/// Every job status with a count of 0 (JobStore::count_by_status lists them all).
std::map<core::JobStatus, std::int64_t> zero_status_counts();
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

/// Where a keyset page starts, as query parameters: created_at and id are NULL on the first
/// page; `fetch` is one row more than the limit, which tells whether another page follows.
struct PageStart {
    std::optional<std::int64_t> created_at;
    std::optional<std::string> id;
    std::int64_t fetch = 0;
};

/// Checks `limit` (1..max) and decodes `cursor` (see decode_cursor).
core::Result<PageStart> page_start(const std::string& cursor, int limit, int max);

/// Drops the extra row a PageStart fetched and returns the next page's cursor ("" on the last
/// page). Records have `created_at` and `id`, the keyset order.
template <class Record>
std::string take_page(std::vector<Record>& rows, int limit) {
    if (rows.size() <= static_cast<std::size_t>(limit)) {
        return {};
    }
    rows.resize(static_cast<std::size_t>(limit));
    return encode_cursor({to_millis(rows.back().created_at), rows.back().id});
}

/// The jobs.notes column: one note a line (newlines inside a note become spaces).
std::string encode_notes(const std::vector<std::string>& notes);
std::vector<std::string> decode_notes(std::string_view text);

}  // namespace swarm::storage
