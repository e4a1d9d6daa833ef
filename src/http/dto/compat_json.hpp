// The old system's JSON shapes (POST /api/generate-content and /ws/stream-generation): its request
// read into a Brief, items as {platform, content, hashtags, media_urls, metadata}, and results.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/job.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

struct CompatRequest {
    std::string user_id;
    core::Brief brief;
    std::string brief_json;  // the brief in the new shape (stored with the job)
};

/// Reads {user_id, prompt (or source_content), platforms?, brand_profile_id?}; other fields are
/// ignored as the old API did. Platforms default to linkedin, twitter, pitch_deck; an unknown
/// brand_profile_id is kNotFound naming that field. `brands` may be null (no profiles stored).
core::Result<CompatRequest> decode_compat_request(const nlohmann::json& root,
                                                  core::BrandProfileStore* brands,
                                                  const core::WorkspaceId& workspace);

/// One item in the old shape; the whole stored item is decoded for its text and hashtags.
nlohmann::json encode_compat_item(const core::ItemRecord& record);

/// The text of an item as one string: the body, else its thread posts or slides joined.
std::string compat_content_text(const core::ContentItem& item);

/// {job_id, status, missing_platforms, completeness_score}: shared by the response and the
/// WebSocket "complete" message. The score is delivered platforms / requested platforms.
nlohmann::json encode_compat_summary(const core::JobRecord& job, std::size_t delivered);

/// The old response: the summary plus content_items.
nlohmann::json encode_compat_result(const core::JobRecord& job,
                                    const std::vector<core::ItemRecord>& items);

/// The old WebSocket error message {"type":"error","error":{code,message,field},...}.
nlohmann::json encode_compat_error(const core::Error& error);

/// ISO 8601 UTC with milliseconds ("2026-01-02T03:04:05.678Z"), the old messages' timestamps.
std::string iso_timestamp(std::chrono::system_clock::time_point at);

}  // namespace swarm::http::dto
