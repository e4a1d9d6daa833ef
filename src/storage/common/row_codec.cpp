#include "storage/common/row_codec.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace swarm::storage {

namespace {

constexpr std::string_view kCursorPrefix = "c1:";

constexpr std::array kJobStatuses = {core::JobStatus::kQueued,    core::JobStatus::kRunning,
                                     core::JobStatus::kSucceeded, core::JobStatus::kPartial,
                                     core::JobStatus::kFailed,    core::JobStatus::kCancelled};

constexpr std::array kEventTypes = {
    core::EventType::kJobStarted,    core::EventType::kAgentStarted,
    core::EventType::kAgentProgress, core::EventType::kAgentFinished,
    core::EventType::kItemReady,     core::EventType::kItemUpdated,
    core::EventType::kJobFinished,   core::EventType::kError};

tl::unexpected<core::Error> corrupt(std::string_view what, std::string_view value) {
    return core::fail(core::ErrorCode::kInternal, "storage holds an unknown " + std::string(what) +
                                                      " '" + std::string(value) + "'");
}

}  // namespace

std::int64_t to_millis(core::Timestamp at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

core::Timestamp from_millis(std::int64_t millis) {
    return core::Timestamp{
        std::chrono::duration_cast<core::Timestamp::duration>(std::chrono::milliseconds{millis})};
}

std::optional<core::Timestamp> optional_time(const Columns& row, int column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return from_millis(row.integer(column));
}

std::optional<std::int64_t> optional_millis(const std::optional<core::Timestamp>& at) {
    if (!at) {
        return std::nullopt;
    }
    return to_millis(*at);
}

std::optional<std::chrono::sys_seconds> optional_seconds(const Columns& row, int column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::seconds>(from_millis(row.integer(column)));
}

std::optional<std::int64_t> optional_millis(const std::optional<std::chrono::sys_seconds>& at) {
    if (!at) {
        return std::nullopt;
    }
    return to_millis(*at);
}

std::string encode_platforms(const std::vector<core::Platform>& platforms) {
    std::string text;
    for (const auto platform : platforms) {
        if (!text.empty()) {
            text += ',';
        }
        text += core::to_string(platform);
    }
    return text;
}

core::Result<core::Platform> decode_platform(std::string_view name) {
    if (auto platform = core::platform_from_name(name)) {
        return *platform;
    }
    return corrupt("platform", name);
}

core::Result<std::vector<core::Platform>> decode_platforms(std::string_view text) {
    std::vector<core::Platform> platforms;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto name = text.substr(0, comma);
        SWARM_TRY_ASSIGN(const auto platform, decode_platform(name));
        platforms.push_back(platform);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return platforms;
}

core::Result<std::optional<core::Platform>> optional_platform(const Columns& row, int column) {
    if (row.is_null(column)) {
        return std::optional<core::Platform>();
    }
    SWARM_TRY_ASSIGN(const auto platform, decode_platform(row.text(column)));
    return std::optional<core::Platform>(platform);
}

std::optional<std::string> platform_name(std::optional<core::Platform> platform) {
    if (!platform) {
        return std::nullopt;
    }
    return std::string(core::to_string(*platform));
}

core::Result<core::JobStatus> decode_job_status(std::string_view name) {
    for (const auto status : kJobStatuses) {
        if (core::to_string(status) == name) {
            return status;
        }
    }
    return corrupt("job status", name);
}

std::map<core::JobStatus, std::int64_t> zero_status_counts() {
    std::map<core::JobStatus, std::int64_t> counts;
    for (const auto status : kJobStatuses) {
        counts[status] = 0;
    }
    return counts;
}

core::Result<core::EventType> decode_event_type(std::string_view name) {
    for (const auto type : kEventTypes) {
        if (core::to_string(type) == name) {
            return type;
        }
    }
    return corrupt("event type", name);
}

std::string encode_cursor(const PageCursor& cursor) {
    return std::string(kCursorPrefix) + std::to_string(cursor.created_at) + ":" + cursor.id;
}

core::Result<std::optional<PageCursor>> decode_cursor(const std::string& text) {
    if (text.empty()) {
        return std::optional<PageCursor>();
    }
    const auto invalid = [] {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "not a cursor returned by a previous page", "cursor");
    };
    const std::string_view view(text);
    if (!view.starts_with(kCursorPrefix)) {
        return invalid();
    }
    const auto rest = view.substr(kCursorPrefix.size());
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return invalid();
    }
    PageCursor cursor;
    const auto* end = rest.data() + colon;
    const auto [ptr, ec] = std::from_chars(rest.data(), end, cursor.created_at);
    if (ec != std::errc() || ptr != end) {
        return invalid();
    }
    cursor.id = std::string(rest.substr(colon + 1));
    return std::optional<PageCursor>(std::move(cursor));
}

core::Result<void> check_limit(int limit, int max) {
    if (limit < 1 || limit > max) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be between 1 and " + std::to_string(max), "limit");
    }
    return {};
}

core::Result<PageStart> page_start(const std::string& cursor, int limit, int max) {
    SWARM_TRY(check_limit(limit, max));
    SWARM_TRY_ASSIGN(const auto after, decode_cursor(cursor));
    PageStart start;
    if (after) {
        start.created_at = after->created_at;
        start.id = after->id;
    }
    start.fetch = static_cast<std::int64_t>(limit) + 1;
    return start;
}

std::string encode_notes(const std::vector<std::string>& notes) {
    std::string text;
    for (const auto& note : notes) {
        std::string line = note;
        std::replace(line.begin(), line.end(), '\n', ' ');
        text += text.empty() ? line : "\n" + line;
    }
    return text;
}

std::vector<std::string> decode_notes(std::string_view text) {
    std::vector<std::string> notes;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        notes.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return notes;
}

std::vector<core::JobRun> decode_history(std::string_view text) {
    std::vector<core::JobRun> runs;
    const auto number = [](std::string_view field, std::int64_t& out) {
        const auto* end = field.data() + field.size();
        return std::from_chars(field.data(), end, out).ptr == end && !field.empty();
    };
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        start = end + 1;
        std::array<std::string_view, 5> fields;
        std::size_t count = 0;
        for (std::size_t from = 0; count < fields.size(); ++count) {
            const auto tab = count + 1 < fields.size() ? line.find('\t', from) : line.size();
            if (tab == std::string_view::npos) {
                break;
            }
            fields[count] = line.substr(from, tab - from);
            from = tab + 1;
        }
        std::int64_t claim = 0;
        std::int64_t started = 0;
        std::int64_t ended = 0;
        if (count != fields.size() || !number(fields[0], claim) || !number(fields[2], started) ||
            !number(fields[3], ended)) {
            continue;
        }
        runs.push_back({claim, std::string(fields[1]), from_millis(started), from_millis(ended),
                        std::string(fields[4])});
    }
    return runs;
}

void set_history(core::JobRecord& job, std::string_view text,
                 std::optional<core::Timestamp> claimed_at) {
    job.history = decode_history(text);
    if (job.status == core::JobStatus::kRunning) {
        job.history.push_back({job.claims, job.lease_owner,
                               claimed_at.value_or(job.started_at.value_or(job.updated_at)),
                               std::nullopt, "running"});
    }
}

}  // namespace swarm::storage
