#include "core/parse/section_parser.hpp"

namespace swarm::core {

ParseResult parse_model_output(std::string_view /*text*/, const ParseOptions& options) {
    ParseResult result;
    result.missing_platforms = options.requested;
    return result;
}

}  // namespace swarm::core
