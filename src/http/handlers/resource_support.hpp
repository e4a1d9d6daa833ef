// What the resource handlers share: the 503 for a dependency the server was started without,
// the path parameter lookup, the error response for a failed Result and If-None-Match.
#pragma once

#include "core/result.hpp"
#include "http/access.hpp"
#include "http/message.hpp"

#include <string>
#include <string_view>

namespace swarm::http {

/// 503 {"error":{"code":"unavailable","message":"not configured: <what>"}}.
Response not_configured(std::string_view what);

/// The route's {name} segment (empty when the route has none).
std::string path_param(const Request& request, const std::string& name);

/// 204 with no body.
Response no_content();

/// "<prefix>_" + 16 random hex digits from the operating system's random source: ids that
/// cannot be guessed from names or from other ids.
std::string random_id(std::string_view prefix);

/// True when the If-None-Match header lists `etag` (a quoted tag, compared strong or weak) or
/// is "*".
bool none_match(const Request& request, std::string_view etag);

}  // namespace swarm::http
