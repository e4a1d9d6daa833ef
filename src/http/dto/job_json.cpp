#include "http/dto/job_json.hpp"

#include "codec/result_json.hpp"
#include "codec/time_text.hpp"
#include "http/json_logger.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {
namespace {

using nlohmann::json;

json platform_names(const std::vector<core::Platform>& platforms) {
    json out = json::array();
    for (const auto p : platforms) {
        out.push_back(std::string(core::to_string(p)));
    }
    return out;
}

json time_or_null(const std::optional<core::Timestamp>& at) {
    return at ? json(rfc3339_utc_ms(*at)) : json(nullptr);
}

json millis_between(const std::optional<core::Timestamp>& from,
                    const std::optional<core::Timestamp>& to) {
    if (!from || !to) {
        return nullptr;
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(*to - *from).count();
}

json encode_job_item(const core::ItemRecord& item) {
    auto content = json::parse(item.item_json, nullptr, false);
    return {{"id", item.id},         {"platform", std::string(core::to_string(item.platform))},
            {"status", item.status}, {"version", item.version},
            {"score", item.score},   {"content", content.is_discarded() ? json(nullptr) : content}};
}

std::vector<core::Platform> missing_so_far(const core::JobRecord& job,
                                           const std::vector<core::ItemRecord>& items) {
    if (core::is_final(job.status)) {
        return job.missing_platforms;
    }
    std::vector<core::Platform> missing;
    for (const auto p : job.requested_platforms) {
        const bool have = std::any_of(items.begin(), items.end(),
                                      [p](const core::ItemRecord& i) { return i.platform == p; });
        if (!have) {
            missing.push_back(p);
        }
    }
    return missing;
}

}  // namespace

json encode_job_summary(const core::JobRecord& job) {
    const auto self = "/api/v1/jobs/" + job.id;
    return {{"job_id", job.id},
            {"status", std::string(core::to_string(job.status))},
            {"requested_platforms", platform_names(job.requested_platforms)},
            {"attempts", job.attempts},
            {"cancel_requested", job.cancel_requested},
            {"created_at", rfc3339_utc_ms(job.created_at)},
            {"started_at", time_or_null(job.started_at)},
            {"finished_at", time_or_null(job.finished_at)},
            {"links", {{"self", self}, {"events", self + "/events"}}}};
}

json encode_job(const core::JobRecord& job, const std::vector<core::ItemRecord>& items) {
    auto out = encode_job_summary(job);
    json encoded = json::array();
    for (const auto& item : items) {
        encoded.push_back(encode_job_item(item));
    }
    out["items"] = std::move(encoded);
    out["missing_platforms"] = platform_names(missing_so_far(job, items));
    out["error"] = job.error.empty() ? json(nullptr) : json(job.error);
    out["timings"] = {{"queued_ms", millis_between(job.created_at, job.started_at)},
                      {"run_ms", millis_between(job.started_at, job.finished_at)}};
    out["usage"] = codec::encode_usage(job.usage);
    out["notes"] = job.notes;
    // Every run (claim) of the job and how it ended; not_before: a retry's backoff end.
    out["not_before"] = time_or_null(job.not_before);
    out["history"] = json::array();
    for (const auto& run : job.history) {
        out["history"].push_back({{"run", run.claim},
                                  {"worker", run.worker_id},
                                  {"started_at", rfc3339_utc_ms(run.started_at)},
                                  {"ended_at", time_or_null(run.ended_at)},
                                  {"outcome", run.outcome}});
    }
    // The brief as the job runs it (a named brand profile already embedded).
    auto brief = json::parse(job.brief_json, nullptr, false);
    out["brief"] = brief.is_discarded() ? json(nullptr) : std::move(brief);
    return out;
}

json encode_event(const core::JobEvent& event) {
    return {{"seq", event.seq},
            {"type", std::string(core::to_string(event.type))},
            {"agent", event.agent},
            {"platform",
             event.platform ? json(std::string(core::to_string(*event.platform))) : json(nullptr)},
            {"message", event.message},
            {"at", rfc3339_utc_ms(event.at)},
            {"elapsed_ms", event.elapsed.count()}};
}

std::optional<core::JobStatus> job_status_from_name(std::string_view name) {
    constexpr std::array kAll{core::JobStatus::kQueued,    core::JobStatus::kRunning,
                              core::JobStatus::kSucceeded, core::JobStatus::kPartial,
                              core::JobStatus::kFailed,    core::JobStatus::kCancelled};
    for (const auto status : kAll) {
        if (core::to_string(status) == name) {
            return status;
        }
    }
    return std::nullopt;
}

namespace {

tl::unexpected<core::Error> bad_query(std::string message, std::string field) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

/// The parameter as an instant; nullopt when absent.
core::Result<std::optional<std::chrono::sys_seconds>> read_instant(
    const std::map<std::string, std::string>& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end()) {
        return std::nullopt;
    }
    const auto at = codec::parse_rfc3339(it->second);
    if (!at) {
        return bad_query(R"(must be an RFC 3339 date-time such as "2026-12-01T14:00:00Z" or )"
                         R"("2026-12-01T09:00:00-05:00")",
                         name);
    }
    return at;
}

/// A Timestamp (nanoseconds) spans the years 1677..2262; an instant past either end (a client's
/// "9999-12-31T23:59:59Z" for "no end") is that end, which selects the same jobs.
std::optional<core::Timestamp> as_timestamp(std::optional<std::chrono::sys_seconds> at) {
    if (!at) {
        return std::nullopt;
    }
    const std::chrono::sys_seconds first =
        std::chrono::ceil<std::chrono::seconds>(core::Timestamp::min());
    const std::chrono::sys_seconds last =
        std::chrono::floor<std::chrono::seconds>(core::Timestamp::max());
    return core::Timestamp{std::clamp(*at, first, last)};
}

}  // namespace

core::Result<core::JobQuery> decode_job_query(const std::map<std::string, std::string>& params) {
    core::JobQuery query;
    if (const auto it = params.find("status"); it != params.end()) {
        query.status = job_status_from_name(it->second);
        if (!query.status) {
            return bad_query("unknown status \"" + it->second +
                                 "\"; known: queued, running, succeeded, partial, failed, "
                                 "cancelled",
                             "status");
        }
    }
    if (const auto it = params.find("limit"); it != params.end()) {
        int limit = 0;
        const auto& text = it->second;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || limit < 1 ||
            limit > 100) {
            return bad_query("must be a number 1..100", "limit");
        }
        query.limit = limit;
    }
    if (const auto it = params.find("cursor"); it != params.end()) {
        query.cursor = it->second;
    }
    SWARM_TRY_ASSIGN(const auto from, read_instant(params, "created_from"));
    SWARM_TRY_ASSIGN(const auto to, read_instant(params, "created_to"));
    if (from && to && *to <= *from) {
        return bad_query(
            "must be later than created_from (the window is [created_from, "
            "created_to))",
            "created_to");
    }
    query.created_from = as_timestamp(from);
    query.created_to = as_timestamp(to);
    return query;
}

json encode_raw_outputs(const std::vector<core::RawOutputRecord>& records) {
    json list = json::array();
    for (const auto& r : records) {
        list.push_back({{"id", r.id},
                        {"agent", r.agent},
                        {"platform", r.platform ? json(std::string(core::to_string(*r.platform)))
                                                : json(nullptr)},
                        {"created_at", rfc3339_utc_ms(r.created_at)},
                        {"text", r.text}});
    }
    return json{{"raw_outputs", std::move(list)}};
}

}  // namespace swarm::http::dto
