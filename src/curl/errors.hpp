// libcurl's result codes translated to core::Error at this edge, so every client of the curl
// layer reports the same failure with the same code.
#pragma once

#include "core/result.hpp"

#include <string_view>

#include <curl/curl.h>

namespace swarm::curl {

/// Connection refused or reset, DNS, a send/receive failure or a truncated body → kUnavailable
/// (worth another attempt); a connect or total timeout → kDeadlineExceeded; anything else →
/// kUpstream. `error_buffer` is CURLOPT_ERRORBUFFER's text (may be empty); it and curl's own
/// description go into the message and `detail`. Never holds a credential: curl's texts do not.
core::Error error_from_curl(CURLcode code, std::string_view error_buffer);

}  // namespace swarm::curl
