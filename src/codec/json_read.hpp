// Small readers shared by the JSON decoders: each checks one field's type and returns an error
// naming the field (with its path prefix), so every decoder reports problems the same way.
#pragma once

#include "core/result.hpp"

#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace swarm::codec::detail {

using Step = std::function<core::Result<void>()>;

/// Runs the readers in order and stops at the first error, so the message names one field.
core::Result<void> first_error(std::initializer_list<Step> steps);

/// "a, b, c" (names starting with '$' are left out).
std::string join(std::span<const std::string_view> names);

/// kInvalidArgument naming `prefix + key` for the first key not in `allowed`.
core::Result<void> check_fields(const nlohmann::json& object,
                                std::span<const std::string_view> allowed,
                                const std::string& prefix);

/// Absent or null leaves `out` alone; another type than string is an error naming `field`.
core::Result<void> read_string(const nlohmann::json& object, const char* key,
                               const std::string& field, std::string& out);

/// Absent or null leaves `out` alone; elements are appended.
core::Result<void> read_strings(const nlohmann::json& object, const char* key,
                                const std::string& field, std::vector<std::string>& out);

}  // namespace swarm::codec::detail
