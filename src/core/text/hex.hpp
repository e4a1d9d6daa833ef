// Lower-case hexadecimal text: the ids the stores make ("ws_", "usr_", "shr_" and 16 digits) and
// digests (media ids).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace swarm::core::text {

/// Only '0'-'9' and 'a'-'f' (true for the empty text).
inline bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// `prefix` followed by exactly `digits` lower-case hex digits ("ws_0123456789abcdef").
inline bool is_prefixed_hex_id(std::string_view id, std::string_view prefix,
                               std::size_t digits = 16) {
    return id.size() == prefix.size() + digits && id.starts_with(prefix) &&
           is_lower_hex(id.substr(prefix.size()));
}

}  // namespace swarm::core::text
