// Pitch-deck rules: 10-12 slides, every slide titled, at most 5 short bullets, investor order of
// the recognised topics, and traction, team and the ask present.
#include "core/validate/deck_rules.hpp"

#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

using Kind = SlideTopic::Kind;

struct Keyword {
    std::u32string_view text;  // folded
    Kind kind;
    int rank;
};

// Ranks follow investor_deck_order(): problem 0, solution 1, product 2, market 3,
// business model 4, traction 5, competition 6, team 7, financials 8, ask 9.
constexpr std::array<Keyword, 68> kKeywords{{
    {U"problem", Kind::kRanked, 0},
    {U"pain", Kind::kRanked, 0},
    {U"challenge", Kind::kRanked, 0},
    {U"status quo", Kind::kRanked, 0},
    {U"solution", Kind::kRanked, 1},
    {U"our approach", Kind::kRanked, 1},
    {U"product", Kind::kRanked, 2},
    {U"demo", Kind::kRanked, 2},
    {U"features", Kind::kRanked, 2},
    {U"how it works", Kind::kRanked, 2},
    {U"technology", Kind::kRanked, 2},
    {U"under the hood", Kind::kRanked, 2},
    {U"market", Kind::kRanked, 3},
    {U"market size", Kind::kRanked, 3},
    {U"tam", Kind::kRanked, 3},
    {U"addressable", Kind::kRanked, 3},
    {U"opportunity", Kind::kRanked, 3},
    {U"why now", Kind::kRanked, 3},
    {U"business model", Kind::kRanked, 4},
    {U"revenue model", Kind::kRanked, 4},
    {U"pricing", Kind::kRanked, 4},
    {U"monetization", Kind::kRanked, 4},
    {U"monetisation", Kind::kRanked, 4},
    {U"go-to-market", Kind::kRanked, 4},
    {U"go to market", Kind::kRanked, 4},
    {U"gtm", Kind::kRanked, 4},
    {U"unit economics", Kind::kRanked, 4},
    {U"sales and marketing", Kind::kRanked, 4},
    {U"traction", Kind::kRanked, 5},
    {U"growth", Kind::kRanked, 5},
    {U"metrics", Kind::kRanked, 5},
    {U"momentum", Kind::kRanked, 5},
    {U"results", Kind::kRanked, 5},
    {U"customers", Kind::kRanked, 5},
    {U"competition", Kind::kRanked, 6},
    {U"competitive", Kind::kRanked, 6},
    {U"competitors", Kind::kRanked, 6},
    {U"landscape", Kind::kRanked, 6},
    {U"alternatives", Kind::kRanked, 6},
    {U"why we win", Kind::kRanked, 6},
    {U"team", Kind::kRanked, 7},
    {U"founders", Kind::kRanked, 7},
    {U"leadership", Kind::kRanked, 7},
    {U"who we are", Kind::kRanked, 7},
    {U"financials", Kind::kRanked, 8},
    {U"financial", Kind::kRanked, 8},
    {U"projections", Kind::kRanked, 8},
    {U"forecast", Kind::kRanked, 8},
    {U"ask", Kind::kRanked, 9},
    {U"fundraise", Kind::kRanked, 9},
    {U"fundraising", Kind::kRanked, 9},
    {U"raising", Kind::kRanked, 9},
    {U"use of funds", Kind::kRanked, 9},
    {U"investment", Kind::kRanked, 9},
    {U"funding", Kind::kRanked, 9},
    {U"the round", Kind::kRanked, 9},
    {U"cover", Kind::kCover, -1},
    {U"introduction", Kind::kCover, -1},
    {U"welcome", Kind::kCover, -1},
    {U"company purpose", Kind::kCover, -1},
    {U"thank you", Kind::kClosing, -1},
    {U"contact", Kind::kClosing, -1},
    {U"q&a", Kind::kClosing, -1},
    {U"questions", Kind::kClosing, -1},
    {U"appendix", Kind::kClosing, -1},
    {U"get in touch", Kind::kClosing, -1},
    {U"roadmap", Kind::kNeutral, -1},
    {U"vision", Kind::kNeutral, -1},
}};

constexpr std::array<int, 3> kRequiredRanks{5, 7, 9};  // traction, team, ask

std::string topic_name(int rank) {
    return std::string(investor_deck_order()[static_cast<std::size_t>(rank)]);
}

void check_slide(const Part& slide, std::size_t i, const PlatformSpec& rules,
                 std::vector<Issue>& out) {
    const std::string where = part_location(i);
    if (text::trim(slide.title).empty()) {
        out.push_back(make_issue("deck.missing_title", Severity::kError, where,
                                 fmt::format("Slide {} has no title.", i + 1)));
    }
    const int bullets = static_cast<int>(slide.bullets.size());
    if (rules.max_bullets_per_part > 0 && bullets > rules.max_bullets_per_part) {
        out.push_back(make_issue("deck.too_many_bullets", Severity::kError, where,
                                 fmt::format("Slide {} has {} bullets; at most {}.", i + 1, bullets,
                                             rules.max_bullets_per_part)));
    }
    for (std::size_t j = 0; j < slide.bullets.size(); ++j) {
        const std::size_t chars = nfc_code_points(text::trim(slide.bullets[j])).size();
        if (rules.max_bullet_chars > 0 && chars > rules.max_bullet_chars) {
            out.push_back(make_issue(
                "deck.long_bullet", Severity::kWarning, fmt::format("{}.bullets[{}]", where, j),
                fmt::format("Bullet {} of slide {} is {} characters; keep bullets under {}.", j + 1,
                            i + 1, chars, rules.max_bullet_chars)));
        }
    }
}

struct Ranked {
    std::size_t slide = 0;
    int rank = 0;
};

/// Which ranked slides to keep: a longest run in non-decreasing investor order. The others are
/// the fewest slides that would have to move.
std::vector<bool> in_order_slides(const std::vector<Ranked>& ranked) {
    const std::size_t n = ranked.size();
    std::vector<std::size_t> length(n, 1);
    std::vector<std::size_t> prev(n, n);
    std::size_t best = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (ranked[j].rank <= ranked[i].rank && length[j] + 1 > length[i]) {
                length[i] = length[j] + 1;
                prev[i] = j;
            }
        }
        best = length[i] > length[best] ? i : best;
    }
    std::vector<bool> keep(n, false);
    for (std::size_t i = best; n > 0 && i < n; i = prev[i]) {
        keep[i] = true;
    }
    return keep;
}

/// "move it after slide 7 (traction)" or "move it before slide 3 (product)".
std::string where_it_belongs(const std::vector<Ranked>& ranked, const std::vector<bool>& keep,
                             int rank) {
    const Ranked* after = nullptr;
    const Ranked* before = nullptr;
    for (std::size_t k = 0; k < ranked.size(); ++k) {
        if (!keep[k]) {
            continue;
        }
        if (ranked[k].rank <= rank) {
            after = &ranked[k];
        } else if (before == nullptr) {
            before = &ranked[k];
        }
    }
    if (after != nullptr) {
        return fmt::format("move it after slide {} ({})", after->slide + 1,
                           topic_name(after->rank));
    }
    return before != nullptr ? fmt::format("move it before slide {} ({})", before->slide + 1,
                                           topic_name(before->rank))
                             : std::string("reorder the deck");
}

/// Cover first, closing last, ranked topics in investor order; traction, team and ask present.
void check_order(const ContentItem& item, std::vector<Issue>& out) {
    std::vector<Ranked> ranked;
    std::optional<std::size_t> closing_at;
    std::array<bool, 10> present{};
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        const auto topic = classify_slide_title(item.parts[i].title);
        if (!topic) {
            continue;
        }
        if (topic->kind == Kind::kCover && i != 0) {
            out.push_back(make_issue("deck.out_of_order", Severity::kWarning, part_location(i),
                                     fmt::format("Slide {} looks like a cover slide; it belongs "
                                                 "first.",
                                                 i + 1)));
        } else if (topic->kind == Kind::kClosing && !closing_at) {
            closing_at = i;
        } else if (topic->kind == Kind::kRanked) {
            present[static_cast<std::size_t>(topic->rank)] = true;
            if (closing_at) {
                out.push_back(
                    make_issue("deck.out_of_order", Severity::kWarning, part_location(i),
                               fmt::format("Slide {} ({}) comes after the closing slide {}.", i + 1,
                                           topic_name(topic->rank), *closing_at + 1)));
            } else {
                ranked.push_back({i, topic->rank});
            }
        }
    }
    const auto keep = in_order_slides(ranked);
    for (std::size_t k = 0; k < ranked.size(); ++k) {
        if (!keep[k]) {
            out.push_back(make_issue(
                "deck.out_of_order", Severity::kWarning, part_location(ranked[k].slide),
                fmt::format("Slide {} ({}) is out of investor order (problem, solution, product, "
                            "market, business model, traction, competition, team, financials, "
                            "ask); {}.",
                            ranked[k].slide + 1, topic_name(ranked[k].rank),
                            where_it_belongs(ranked, keep, ranked[k].rank))));
        }
    }
    for (const int rank : kRequiredRanks) {
        if (!present[static_cast<std::size_t>(rank)]) {
            out.push_back(make_issue("deck.missing_topic", Severity::kWarning, "parts",
                                     fmt::format("No {} slide; investors look for traction, the "
                                                 "team and the ask.",
                                                 topic_name(rank))));
        }
    }
}

}  // namespace

std::optional<SlideTopic> classify_slide_title(std::string_view title) {
    const FoldedText folded = fold_for_match(title);
    const Keyword* best = nullptr;
    std::size_t best_pos = 0;
    for (const auto& keyword : kKeywords) {
        const auto hits = find_phrase(folded, keyword.text);
        if (hits.empty()) {
            continue;
        }
        const bool earlier = best == nullptr || hits.front() < best_pos;
        const bool longer_tie =
            best != nullptr && hits.front() == best_pos && keyword.text.size() > best->text.size();
        if (earlier || longer_tie) {
            best = &keyword;
            best_pos = hits.front();
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    return SlideTopic{best->kind, best->rank};
}

void check_deck(const ContentItem& item, std::vector<Issue>& out) {
    const PlatformSpec& rules = spec(Platform::kPitchDeck);
    const int slides = static_cast<int>(item.parts.size());
    if (slides < rules.min_parts || slides > rules.max_parts) {
        out.push_back(make_issue("deck.slide_count", Severity::kError, "parts",
                                 fmt::format("The deck has {} slides; it needs {} to {}.", slides,
                                             rules.min_parts, rules.max_parts)));
    }
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        check_slide(item.parts[i], i, rules, out);
    }
    check_order(item, out);
}

}  // namespace swarm::core::validate
