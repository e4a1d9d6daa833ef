#include "core/validate/validator.hpp"

namespace swarm::core {

Quality validate_item(const ContentItem& /*item*/, const ValidationContext& /*context*/) {
    return Quality{1.0, {}};
}

std::size_t x_weighted_length(std::string_view text) { return text.size(); }

double score_issues(std::span<const Issue> /*issues*/) { return 1.0; }

}  // namespace swarm::core
