#include "http/dto/body_json.hpp"

#include "http/json_logger.hpp"

#include <string>

namespace swarm::http::dto {

core::Result<nlohmann::json> parse_json_object(std::string_view body) {
    auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "the body is not valid JSON",
                          "request");
    }
    if (!doc.is_object()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          std::string("the body must be a JSON object, got ") + doc.type_name(),
                          "request");
    }
    return doc;
}

std::string format_time(std::chrono::system_clock::time_point when) {
    return rfc3339_utc_ms(when);
}

}  // namespace swarm::http::dto
