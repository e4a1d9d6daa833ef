#include "http/dto/body_json.hpp"

#include "codec/json_read.hpp"
#include "http/json_logger.hpp"

#include <string>

namespace swarm::http::dto {

core::Result<nlohmann::json> parse_json_object(std::string_view body) {
    if (!codec::is_valid_utf8(body)) {
        return core::fail(core::ErrorCode::kInvalidArgument, "is not valid UTF-8", "body");
    }
    // Duplicate keys, numbers out of range and deep nesting name the value's path.
    auto doc = codec::parse_json(body, "request");
    if (!doc) {
        auto error = doc.error();
        if (error.field == "request") {
            error.message = "the body is " + error.message;
        }
        return tl::unexpected(std::move(error));
    }
    if (!doc->is_object()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          std::string("the body must be a JSON object, got ") + doc->type_name(),
                          "request");
    }
    return doc;
}

std::string format_time(std::chrono::system_clock::time_point when) {
    return rfc3339_utc_ms(when);
}

}  // namespace swarm::http::dto
