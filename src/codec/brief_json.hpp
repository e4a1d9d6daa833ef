// Decodes a brief from JSON text with errors that name the field and what is allowed
// (`platforms[2]: unknown platform "tiktok"; known: linkedin, twitter, pitch_deck`).
#pragma once

#include "core/model/brief.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace swarm::codec {

/// Parses and validates; unknown fields are rejected so typos never pass silently.
core::Result<core::Brief> decode_brief(std::string_view json_text);

/// The field naming `name` in the brief's "documents" as written: "documents[i]" at its first
/// mention (decode_brief drops repeated names, so an index into Brief::documents can be smaller),
/// or "documents" when the text holds no such name.
std::string document_field(std::string_view json_text, const std::string& name);

/// Reads a brand object ({name, voice, required_hashtags, banned_phrases, call_to_action,
/// colors: {background, text, accent, muted} as "#rrggbb" or "#rgb"}; all optional, unknown
/// fields rejected). `field` prefixes the field names in errors ("brand" gives
/// "brand.voice"); empty names them bare ("voice"). Hashtags are not normalised here.
core::Result<core::BrandRules> decode_brand(const nlohmann::json& value,
                                            const std::string& field = {});

/// The colours set, as a JSON object {"accent":"#ff6b00",...} (unset colours left out).
nlohmann::json encode_brand_colors(const core::BrandColors& colors);

}  // namespace swarm::codec
