// Instants as RFC 3339 text: what the API, the stored items and the calendar exchange.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::codec {

/// "2026-12-01T14:00:00Z" (whole seconds, UTC).
std::string utc_text(std::chrono::sys_seconds at);

/// An RFC 3339 date-time: "2026-12-01T14:00:00Z", "2026-12-01T09:00:00-05:00",
/// "2026-12-01T14:00:00.250Z" (fractions dropped), 't'/'z' in lower case too. nullopt for
/// anything else (a date alone, no offset, an hour 24, February 30th, an offset beyond 23:59).
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

}  // namespace swarm::codec
