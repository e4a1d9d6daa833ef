// JSON of the brand profile endpoints: the request body (a brand object with a required name),
// the stored body, and the profile documents the API answers with.
#pragma once

#include "core/model/brief.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

/// {name, voice, required_hashtags, banned_phrases, call_to_action}; name required and not
/// blank; unknown fields rejected. Errors name the field.
core::Result<core::BrandRules> decode_brand_body(std::string_view body);

/// The opaque body the store keeps (the brand object).
std::string encode_brand_for_store(const core::BrandRules& brand);

/// {"id","name","voice","required_hashtags","banned_phrases","call_to_action","colors",
/// "contrast","created_at","updated_at"}; "contrast" holds the renderer's notes on colours it
/// would replace for legibility (core::agents::palette_for), empty when all are fine.
nlohmann::json encode_brand_record(const core::BrandProfileRecord& record);

/// The brand object stored under `id`, for embedding into a brief. kNotFound naming `field`
/// when there is no such profile (or no store), kInternal when the stored body is not JSON.
core::Result<nlohmann::json> stored_brand(core::BrandProfileStore* brands,
                                          const core::WorkspaceId& workspace, const std::string& id,
                                          const std::string& field);

/// A submitted brief (JSON) that names `brand_profile`: the stored brand embedded as `brand`, so
/// the job keeps the profile as it was at submit time. Inline `brand` together with
/// `brand_profile` is refused (kInvalidArgument naming brand_profile). Other briefs unchanged.
core::Result<nlohmann::json> resolve_brand_profile(nlohmann::json brief,
                                                   core::BrandProfileStore* brands,
                                                   const core::WorkspaceId& workspace);

/// {"brands":[...]}.
nlohmann::json encode_brand_list(const std::vector<core::BrandProfileRecord>& records);

}  // namespace swarm::http::dto
