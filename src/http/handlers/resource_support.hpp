// What the resource handlers share: the 503 for a dependency the server was started without,
// the path parameter lookup, the error response for a failed Result and If-None-Match.
#pragma once

#include "core/result.hpp"
#include "http/access.hpp"
#include "http/message.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

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

/// The request's body as a JSON object holding only `known` fields (`what` names the object in
/// the refusal), or the answer that refuses it: 415 without a JSON Content-Type, 400 naming the
/// field (or "body") otherwise.
tl::expected<nlohmann::json, Response> json_object_body(
    const Request& request, std::initializer_list<std::string_view> known, std::string_view what);

/// True when the If-None-Match header lists `etag` (a quoted tag, compared strong or weak) or
/// is "*".
bool none_match(const Request& request, std::string_view etag);

}  // namespace swarm::http
