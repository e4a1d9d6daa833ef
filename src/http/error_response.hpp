// The one mapping from core::Error to an HTTP error response: status, Retry-After and the JSON
// body {"error":{"code","message","field"}}; plus the JSON content-type check (415).
#pragma once

#include "core/result.hpp"
#include "http/message.hpp"

#include <optional>
#include <string_view>

namespace swarm::http {

int status_for(core::ErrorCode code);

/// The error response with the status for its code.
Response error_response(const core::Error& error);

/// The error response with an explicit status; `code` replaces the body's code when not empty
/// (for HTTP-only conditions: "method_not_allowed", "payload_too_large", ...). Retry-After (whole
/// seconds) is sent exactly when error.retry_after is set; no handler sets it by hand.
Response error_response(int status, const core::Error& error, std::string_view code = {});

/// nullopt when the body is declared JSON (application/json, optional parameters); else a 415.
std::optional<Response> check_json_content_type(const Request& request);

}  // namespace swarm::http
