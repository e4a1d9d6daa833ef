// A brief: what the user asks for (prompt, platforms, audience, brand rules, options). Decoded
// from JSON at the edge (codec/brief_json), validated here so every entry point shares the rules.
#pragma once

#include "core/model/platform.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

/// The brand's colours for cards and slides, each "#RRGGBB" (decoded lower-case); empty: the
/// default palette's colour.
struct BrandColors {
    std::string background;
    std::string text;
    std::string accent;  // key figures, rules, bullets
    std::string muted;   // labels, the brand line

    bool empty() const {
        return background.empty() && text.empty() && accent.empty() && muted.empty();
    }
};

struct BrandRules {
    std::string name;
    std::string voice;
    std::vector<std::string> required_hashtags;  // stored with a leading '#'
    std::vector<std::string> banned_phrases;     // matched case-insensitively
    std::string call_to_action;
    BrandColors colors;
};

struct BriefOptions {
    std::optional<bool> twitter_thread;  // unset: the writer decides from the material it has
    int deck_slides = 12;                // 10..12
};

struct Brief {
    std::string prompt;
    std::vector<Platform> platforms;
    std::string audience;
    std::string goal;
    std::string tone;
    // "en", "es", "de", "fr" (or a name such as "Spanish"); empty: not given, and the pipeline
    // resolves it from the brief and the documents (core/text/language) before the writers run.
    std::string language;
    BrandRules brand;
    std::string brand_profile;  // a stored brand profile's id (server only); brand may be empty
    std::string kb;             // knowledge-base folder, relative to the brief file
    // Knowledge-base document names the job may use (research and grounding read only their
    // passages); empty: every document. Names are checked and deduplicated by validate_brief.
    std::vector<std::string> documents;
    std::string timezone = "UTC";  // IANA name used by the scheduler
    BriefOptions options;
};

inline constexpr int kMinDeckSlides = 10;
inline constexpr int kMaxDeckSlides = 12;
inline constexpr std::size_t kMaxPromptChars = 20000;

/// Checks the semantic rules (non-empty prompt and platforms, no duplicates, slide count range,
/// hashtag syntax, time zone name syntax, document names as the knowledge base accepts them; a
/// document named twice is kept once, first mention first). The error names the field and what
/// is allowed.
Result<Brief> validate_brief(Brief brief);

}  // namespace swarm::core
