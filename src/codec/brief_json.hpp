// Decodes a brief from JSON text with errors that name the field and what is allowed
// (`platforms[2]: unknown platform "tiktok"; known: linkedin, twitter, pitch_deck`).
#pragma once

#include "core/model/brief.hpp"
#include "core/result.hpp"

#include <string_view>

namespace swarm::codec {

/// Parses and validates; unknown fields are rejected so typos never pass silently.
core::Result<core::Brief> decode_brief(std::string_view json_text);

}  // namespace swarm::codec
