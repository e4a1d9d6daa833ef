#include "core/model/platform.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace swarm::core {
namespace {

constexpr std::array<std::string_view, 3> kLinkedInAliases{"linkedin", "linked in", "li"};
constexpr std::array<std::string_view, 5> kTwitterAliases{"twitter", "x", "tweet", "x/twitter",
                                                          "twitter/x"};
constexpr std::array<std::string_view, 6> kDeckAliases{"pitch_deck", "pitch deck",    "pitch-deck",
                                                       "deck",       "investor deck", "pitchdeck"};

constexpr std::array<std::string_view, 5> kLinkedInRules{
    "150 to 300 words, at most 3,000 characters.",
    "Open with a hook that lands within the first 210 characters (the \"see more\" fold).",
    "Short paragraphs; specific numbers over adjectives; bullets for lists.",
    "End with exactly one call to action.", "3 to 5 hashtags."};
constexpr std::array<std::string_view, 4> kTwitterRules{
    "Every post at most 280 weighted characters (URLs count 23, emoji and CJK count 2).",
    "1 to 2 hashtags.",
    "A thread numbers its posts (1/5, 2/5, ...); the first post stands on its own.",
    "One idea per post; lead with the most specific fact."};
constexpr std::array<std::string_view, 4> kDeckRules{
    "10 to 12 slides in investor order: problem, solution, product, market, business model, "
    "traction, competition, team, financials, ask.",
    "At most 5 bullets a slide, each short (under 90 characters).",
    "Every number must come from the company's documents.",
    "A slide the documents cannot support says so in its speaker notes."};

constexpr std::array<std::string_view, 10> kInvestorOrder{
    "problem",  "solution",    "product", "market",     "business model",
    "traction", "competition", "team",    "financials", "ask"};

static_assert(kInvestorOrder[kMarketRank] == "market" &&
              kInvestorOrder[kBusinessModelRank] == "business model" &&
              kInvestorOrder[kTractionRank] == "traction" &&
              kInvestorOrder[kCompetitionRank] == "competition" &&
              kInvestorOrder[kTeamRank] == "team" &&
              kInvestorOrder[kFinancialsRank] == "financials" && kInvestorOrder[kAskRank] == "ask");

constexpr std::array<PlatformSpec, 3> kSpecs{{
    {Platform::kLinkedIn, "linkedin", "LinkedIn", kLinkedInAliases, OutputShape::kPost, 3000, 210,
     150, 300, 3, 5, 0, 0, 0, 0, 1200, 627, kLinkedInRules},
    {Platform::kTwitter, "twitter", "X (Twitter)", kTwitterAliases, OutputShape::kThread, 280, 0, 0,
     0, 1, 2, 1, 15, 0, 0, 1200, 675, kTwitterRules},
    {Platform::kPitchDeck, "pitch_deck", "Pitch deck", kDeckAliases, OutputShape::kDeck, 0, 0, 0, 0,
     0, 0, 10, 12, 5, 90, 1920, 1080, kDeckRules},
}};

std::string normalise(std::string_view name) {
    return text::ascii_lower(text::trim(name));
}

}  // namespace

std::span<const PlatformSpec> all_platforms() {
    return kSpecs;
}

const PlatformSpec& spec(Platform platform) {
    return kSpecs.at(static_cast<std::size_t>(platform));
}

std::string_view to_string(Platform platform) {
    return spec(platform).id;
}

std::optional<Platform> platform_from_name(std::string_view name) {
    const std::string key = normalise(name);
    for (const auto& s : kSpecs) {
        if (std::find(s.aliases.begin(), s.aliases.end(), key) != s.aliases.end()) {
            return s.platform;
        }
    }
    return std::nullopt;
}

std::string known_platform_list() {
    std::string out;
    for (const auto& s : kSpecs) {
        if (!out.empty()) {
            out += ", ";
        }
        out += s.id;
    }
    return out;
}

std::span<const std::string_view> investor_deck_order() {
    return kInvestorOrder;
}

}  // namespace swarm::core
