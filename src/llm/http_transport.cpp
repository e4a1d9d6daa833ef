#include "llm/http_transport.hpp"

namespace swarm::llm {

std::optional<std::string> HttpResponseHead::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace swarm::llm
