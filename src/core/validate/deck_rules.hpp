// Deck internals exposed for tests: which investor topic a slide title names (problem ... ask),
// plus the cover and closing slides that may sit at either end.
#pragma once

#include <optional>
#include <string_view>

namespace swarm::core::validate {

/// A recognised slide: rank indexes investor_deck_order(); cover, closing and neutral slides
/// (roadmap, vision) have no rank.
struct SlideTopic {
    enum class Kind { kRanked, kCover, kClosing, kNeutral };
    Kind kind = Kind::kNeutral;
    int rank = -1;
};

/// The topic named earliest in the title (longest keyword on ties); nullopt when none is.
std::optional<SlideTopic> classify_slide_title(std::string_view title);

}  // namespace swarm::core::validate
