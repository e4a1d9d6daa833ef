// What the brief is asking the copy to say, read from its own words: an announcement (a launch,
// an offer, a beta) and what is announced, the date it names, and the style its tone and brand
// voice ask for. The built-in writers lead with this; nothing here is invented.
#pragma once

#include "core/model/brief.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace swarm::core::agents {

/// A calendar date the brief names ("launch on 3 March", "el 3 de marzo", "am 3. März").
struct BriefDate {
    int year = 0;      // 0: not given
    int month = 0;     // 1..12
    int day = 0;       // 1..31
    std::string text;  // as written in the brief ("3 March")
};

struct Style {
    bool emoji = false;          // playful, friendly, casual tones
    bool exclamation = false;    // enthusiastic tones; never with "no hype"
    bool numbers_first = false;  // "numbers over adjectives", "data-driven"
    bool story_first = false;    // "human", "empathetic", "story": the customer's problem leads
    std::size_t max_sentence_words = 32;  // concise tones shorten sentences further
};

struct BriefAngle {
    bool announcement = false;
    std::string subject;  // "real-time re-planning for emergency calls"
    /// The news as a statement in the brief's words, when the brief gives it as a clause
    /// ("that the Brewline One ships on 3 March", "Quillstack 2.0 is out today"); else empty.
    std::string statement;
    std::optional<BriefDate> date;
    Style style;
};

/// Reads the brief (prompt, goal, tone, voice) in en/es/de/fr.
BriefAngle read_angle(const Brief& brief);

/// A date expression in `text`, if any.
std::optional<BriefDate> find_date(std::string_view text);

/// The style a tone and a brand voice ask for.
Style read_style(std::string_view tone, std::string_view voice);

}  // namespace swarm::core::agents
