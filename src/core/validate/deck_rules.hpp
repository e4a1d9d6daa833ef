// Deck internals exposed for tests: which investor topic a slide title names (problem ... ask),
// plus the cover and closing slides that may sit at either end.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

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

/// A team-slide line about one person: a capitalised name of 2-5 words (particles such as "de",
/// "van" allowed), a separator (", ", " - ", ": ", " (") and a role word in English, Spanish,
/// German or French ("CEO", "co-founder", "directora", "Gründerin", "fondatrice").
bool looks_like_person(std::string_view line);

/// The investor topics (ranks) a bullet's strong keywords point to: market size (3), pricing (4),
/// competitors (6), the raise (9); empty when none does.
std::vector<int> bullet_topics(std::string_view bullet);

}  // namespace swarm::core::validate
