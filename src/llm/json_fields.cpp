#include "llm/json_fields.hpp"

namespace swarm::llm::json {

const Json* member(const Json& object, const char* name) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string_view string_member(const Json& object, const char* name) {
    const Json* value = member(object, name);
    return value != nullptr && value->is_string()
               ? std::string_view(value->get_ref<const std::string&>())
               : std::string_view();
}

std::optional<std::int64_t> int_member(const Json* object, const char* name) {
    const Json* value = object != nullptr ? member(*object, name) : nullptr;
    if (value == nullptr || !value->is_number_integer()) {
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

Json chat_messages(const core::LlmRequest& request) {
    Json messages = Json::array();
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role == core::LlmRole::kUser ? "user" : "assistant"},
                            {"content", message.text}});
    }
    return messages;
}

core::Result<Json> structured_schema(const core::LlmStructuredOutput& structured) {
    Json schema = Json::parse(structured.schema_json, nullptr, false);
    if (schema.is_discarded() || !schema.is_object()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "is not a JSON object",
                          "structured.schema_json");
    }
    return schema;
}

}  // namespace swarm::llm::json
