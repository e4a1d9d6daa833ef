// JSON documents of the jobs API: a job with its items, a job summary for lists and submits,
// a stored event (the SSE data line), and the query-parameter parsing of the job list.
#pragma once

#include "core/model/job.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace swarm::http::dto {

/// {"job_id","status","requested_platforms","attempts","created_at",...,"links":{...}}.
nlohmann::json encode_job_summary(const core::JobRecord& job);

/// The summary plus "items" (each with the stored encode_item document as "content"),
/// "missing_platforms" (so far, for an unfinished job), "error" and "timings".
nlohmann::json encode_job(const core::JobRecord& job, const std::vector<core::ItemRecord>& items);

/// {"seq","type","agent","platform","message","at","elapsed_ms"}.
nlohmann::json encode_event(const core::JobEvent& event);

/// {"raw_outputs":[{"id","agent","platform","created_at","text"}]} in the order received.
nlohmann::json encode_raw_outputs(const std::vector<core::RawOutputRecord>& records);

/// "queued" ... "cancelled"; nullopt for anything else.
std::optional<core::JobStatus> job_status_from_name(std::string_view name);

/// The job list's query parameters: status, limit (1..100), cursor, and created_from/created_to
/// (RFC 3339; the window [from, to) on created_at, either bound alone). kInvalidArgument naming
/// the parameter; created_to not after created_from names created_to.
core::Result<core::JobQuery> decode_job_query(const std::map<std::string, std::string>& params);

}  // namespace swarm::http::dto
