// The old system's endpoints for drop-in clients: POST /api/generate-content (waits for the job,
// answers in the old shape) and GET /ws/stream-generation (the old WebSocket protocol).
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <optional>
#include <string_view>

namespace swarm::http {

Response handle_generate_content(const ApiDeps& deps, const Request& request);
Response handle_stream_generation(const ApiDeps& deps, const Request& request);

}  // namespace swarm::http
