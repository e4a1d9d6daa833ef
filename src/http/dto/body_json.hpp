// Reading a request's JSON body for the resource endpoints: one parse with an error naming the
// body, and the "must be a JSON object" check every endpoint shares.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

/// The body as a JSON object; kInvalidArgument naming "body" when it is not UTF-8, "request"
/// when it is not valid JSON or not an object, and the value's path for a duplicate key, a
/// number too large for a double or nesting deeper than codec::kMaxJsonDepth.
core::Result<nlohmann::json> parse_json_object(std::string_view body);

/// "2026-01-01T00:00:00.000Z" for the API documents.
std::string format_time(std::chrono::system_clock::time_point when);

}  // namespace swarm::http::dto
