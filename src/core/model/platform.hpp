// The platform registry: every platform's limits, house rules, image size and output shape in one
// place. Adding a platform means adding one spec here and one writer in agents/.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

enum class Platform { kLinkedIn, kTwitter, kPitchDeck };

/// What an item of the platform looks like: one body, a thread of posts, or slides.
enum class OutputShape { kPost, kThread, kDeck };

struct PlatformSpec {
    Platform platform;
    std::string_view id;            // stable wire name: "linkedin", "twitter", "pitch_deck"
    std::string_view display_name;  // "LinkedIn", "X (Twitter)", "Pitch deck"
    std::span<const std::string_view> aliases;  // lower-case names accepted in briefs and headers
    OutputShape shape;
    std::size_t max_chars;   // hard limit per body or post (X: weighted)
    std::size_t fold_chars;  // LinkedIn "see more" fold; 0 when not applicable
    int min_words;           // house rule; 0 when not applicable
    int max_words;
    int min_hashtags;
    int max_hashtags;
    int min_parts;  // slides of a deck, posts of a thread (upper bound)
    int max_parts;
    int max_bullets_per_part;      // 0 when not applicable
    std::size_t max_bullet_chars;  // 0 when not applicable
    int image_width;
    int image_height;
    std::span<const std::string_view> house_rules;  // sentences written into prompts and docs
};

/// Every registered platform, in the canonical order.
std::span<const PlatformSpec> all_platforms();

const PlatformSpec& spec(Platform platform);

/// Stable wire name ("pitch_deck").
std::string_view to_string(Platform platform);

/// Looks up a wire name or alias, ignoring case and surrounding spaces; "x" gives kTwitter.
std::optional<Platform> platform_from_name(std::string_view name);

/// "linkedin, twitter, pitch_deck": the list shown in error messages.
std::string known_platform_list();

/// The investor order of deck sections (problem, solution, ...) used by writers and validators.
std::span<const std::string_view> investor_deck_order();

/// Indexes into investor_deck_order() of the sections that writers and the designer treat on
/// their own (checked against the order in platform.cpp).
inline constexpr int kMarketRank = 3;
inline constexpr int kBusinessModelRank = 4;
inline constexpr int kTractionRank = 5;
inline constexpr int kCompetitionRank = 6;
inline constexpr int kTeamRank = 7;
inline constexpr int kFinancialsRank = 8;
inline constexpr int kAskRank = 9;

}  // namespace swarm::core
