// What the providers' JSON code shares: tolerant field access on model answers (a member that
// is present and not null, a string or integer member) and the request parts every chat API
// builds alike. Internal to src/llm: included by .cpp files only, never by a public header.
#pragma once

#include "core/ports/llm_client.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace swarm::llm::json {

using Json = nlohmann::json;

/// The member `name` of an object when present and not null; null for anything else.
const Json* member(const Json& object, const char* name);

/// The member when it is a string, else "" (the view points into `object`).
std::string_view string_member(const Json& object, const char* name);

/// The member when it is an integer; nullopt when absent, of another type or `object` is null.
std::optional<std::int64_t> int_member(const Json* object, const char* name);

/// [{"role": "user"|"assistant", "content": text}, ...] for the request's messages.
Json chat_messages(const core::LlmRequest& request);

/// The structured-output schema as a JSON object, or kInvalidArgument on
/// `structured.schema_json` ("is not a JSON object").
core::Result<Json> structured_schema(const core::LlmStructuredOutput& structured);

}  // namespace swarm::llm::json
