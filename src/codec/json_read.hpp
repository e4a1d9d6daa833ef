// Small readers shared by the JSON decoders: each checks one field's type and returns an error
// naming the field (with its path prefix), so every decoder reports problems the same way.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace swarm::codec {

/// Deepest nesting of arrays and objects a document may have (a bound on recursion in dump()).
inline constexpr std::size_t kMaxJsonDepth = 64;

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Parses untrusted JSON; every failure is kInvalidArgument with a message free of the input's
/// bytes: invalid UTF-8 (field `field`), a syntax error (field `field`, with the byte offset), a
/// duplicate key, a number too large for a double or nesting deeper than kMaxJsonDepth (field:
/// the path of the value, e.g. `brand.name` or `platforms[2]`).
core::Result<nlohmann::json> parse_json(std::string_view text, const std::string& field);

}  // namespace swarm::codec

namespace swarm::codec::detail {

/// How many elements a list may hold and how long (bytes) each string may be.
struct Limit {
    std::size_t max_items = 0;  // lists only
    std::size_t max_bytes = 0;  // each string
};

using Step = std::function<core::Result<void>()>;

/// Runs the readers in order and stops at the first error, so the message names one field.
core::Result<void> first_error(std::initializer_list<Step> steps);

/// "a, b, c" (names starting with '$' are left out).
std::string join(std::span<const std::string_view> names);

/// kInvalidArgument naming `prefix + key` for the first key not in `allowed`.
core::Result<void> check_fields(const nlohmann::json& object,
                                std::span<const std::string_view> allowed,
                                const std::string& prefix);

/// kInvalidArgument naming `field` when value is longer than max_bytes (0: no limit).
core::Result<void> check_length(const std::string& value, const std::string& field,
                                std::size_t max_bytes);

/// Absent or null leaves `out` alone; another type than string is an error naming `field`, and
/// so is a string longer than limit.max_bytes (when not 0).
core::Result<void> read_string(const nlohmann::json& object, const char* key,
                               const std::string& field, std::string& out, Limit limit = {});

/// Absent or null leaves `out` alone; elements are appended. With a limit: at most
/// limit.max_items elements (error naming `field`), each at most limit.max_bytes (naming
/// `field[i]`).
core::Result<void> read_strings(const nlohmann::json& object, const char* key,
                                const std::string& field, std::vector<std::string>& out,
                                Limit limit = {});

}  // namespace swarm::codec::detail
