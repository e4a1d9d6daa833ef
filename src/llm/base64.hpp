// Base64 (RFC 4648, standard alphabet) for image payloads: strict decoding that tolerates
// whitespace (line-wrapped answers), and encoding for tests and the fake model server.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace swarm::llm {

/// Padded base64 of `bytes`.
std::string base64_encode(std::string_view bytes);

/// Decodes padded base64. Strict: only A-Z a-z 0-9 + / and '=' (at most two, only at the end),
/// a length that is a multiple of 4 and zero unused bits; ASCII whitespace anywhere is skipped.
/// kInvalidArgument saying what is wrong (the offset of a bad character, a missing padding), or
/// that the bytes would exceed `max_bytes` (checked before decoding).
core::Result<std::string> base64_decode(
    std::string_view text, std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace swarm::llm
