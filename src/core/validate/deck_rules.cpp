// Pitch-deck rules: 10-12 slides, every slide titled, at most 5 short bullets, investor order of
// the recognised topics, and traction, team and the ask present.
#include "core/validate/deck_rules.hpp"

#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <algorithm>
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
constexpr auto kKeywords = std::to_array<Keyword>({
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
    // Spanish, German and French titles (the phrasebook's and the usual variants).
    {U"why it matters", Kind::kRanked, 0},
    {U"problema", Kind::kRanked, 0},
    {U"problème", Kind::kRanked, 0},
    {U"solución", Kind::kRanked, 1},
    {U"lösung", Kind::kRanked, 1},
    {U"producto", Kind::kRanked, 2},
    {U"produkt", Kind::kRanked, 2},
    {U"produit", Kind::kRanked, 2},
    {U"mercado", Kind::kRanked, 3},
    {U"markt", Kind::kRanked, 3},
    {U"marché", Kind::kRanked, 3},
    {U"modelo de negocio", Kind::kRanked, 4},
    {U"geschäftsmodell", Kind::kRanked, 4},
    {U"modèle économique", Kind::kRanked, 4},
    {U"precios", Kind::kRanked, 4},
    {U"preise", Kind::kRanked, 4},
    {U"tarifs", Kind::kRanked, 4},
    {U"tracción", Kind::kRanked, 5},
    {U"traktion", Kind::kRanked, 5},
    {U"competencia", Kind::kRanked, 6},
    {U"wettbewerb", Kind::kRanked, 6},
    {U"concurrence", Kind::kRanked, 6},
    {U"equipo", Kind::kRanked, 7},
    {U"équipe", Kind::kRanked, 7},
    {U"finanzas", Kind::kRanked, 8},
    {U"finanzen", Kind::kRanked, 8},
    {U"finances", Kind::kRanked, 8},
    {U"clientes", Kind::kRanked, 5},
    {U"kunden", Kind::kRanked, 5},
    {U"clients", Kind::kRanked, 5},
    {U"ronda", Kind::kRanked, 9},
    {U"ronda de financiación", Kind::kRanked, 9},
    {U"financiación", Kind::kRanked, 9},
    {U"inversión", Kind::kRanked, 9},
    {U"finanzierung", Kind::kRanked, 9},
    {U"finanzierungsbedarf", Kind::kRanked, 9},
    {U"levée de fonds", Kind::kRanked, 9},
    {U"próximos pasos", Kind::kClosing, -1},
    {U"contacto", Kind::kClosing, -1},
    {U"nächste schritte", Kind::kClosing, -1},
    {U"kontakt", Kind::kClosing, -1},
    {U"prochaines étapes", Kind::kClosing, -1},
    {U"next steps", Kind::kClosing, -1},
});

// Words that say a line is about someone's job, in the four languages (folded, matched at word
// starts so "co-founder" and "cofundadora" are found).
constexpr auto kRoleWords = std::to_array<std::u32string_view>(
    {U"ceo",       U"cto",        U"coo",         U"cfo",        U"cmo",        U"cpo",
     U"vp",        U"chief",      U"founder",     U"co-founder", U"cofounder",  U"head of",
     U"director",  U"lead",       U"engineer",    U"manager",    U"designer",   U"officer",
     U"president", U"partner",    U"advisor",     U"adviser",    U"scientist",  U"developer",
     U"architect", U"researcher", U"chair",       U"fundador",   U"cofundador", U"directora",
     U"jefe",      U"jefa",       U"responsable", U"ingenier",   U"consejer",   U"presidenta",
     U"socio",     U"socia",      U"gerente",     U"gründer",    U"mitgründer", U"geschäftsführer",
     U"leiter",    U"vorstand",   U"entwickler",  U"ingenieur",  U"fondat",     U"cofondat",
     U"co-fondat", U"directeur",  U"directrice",  U"ingénieur",  U"présidente", U"associé",
     U"médico",    U"doctor",     U"professor",   U"profesor",   U"professeur", U"chef",
     U"cocinera",  U"cocinero",   U"koch",        U"köchin"});

// Lower-case words inside a person's name ("Ana de la Fuente", "Jan van Dijk").
constexpr auto kNameParticles =
    std::to_array<std::u32string_view>({U"de", U"del", U"la", U"las", U"los", U"van", U"von",
                                        U"der", U"den", U"da", U"di", U"du", U"le", U"y", U"zu"});

bool capitalised(std::u32string_view word) {
    if (word.empty() || !text::is_letter_or_mark(word.front())) {
        return false;
    }
    const auto folded = fold_key(text::encode({word.front()}));
    return !folded.empty() && folded.front() != word.front();
}

std::vector<std::u32string> space_separated_words(std::u32string_view text) {
    std::vector<std::u32string> out;
    std::u32string word;
    for (const char32_t cp : text) {
        if (cp == U' ') {
            if (!word.empty()) {
                out.push_back(std::move(word));
                word.clear();
            }
        } else {
            word.push_back(cp);
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

// True when `needle` occurs where a word starts (its end may run into a longer word:
// "ingenier" finds "ingeniera").
bool starts_word(std::u32string_view hay, std::u32string_view needle) {
    for (auto at = hay.find(needle); at != std::u32string_view::npos;
         at = hay.find(needle, at + 1)) {
        if (at == 0 || !is_word_char(hay[at - 1]) || !is_word_char(needle.front())) {
            return true;
        }
    }
    return false;
}

template <typename Words>
bool has_any(std::u32string_view folded, const Words& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::u32string_view w) { return starts_word(folded, w); });
}

// Topic keywords strong enough to say a bullet belongs on another slide.
struct BulletKeywords {
    int rank;
    std::vector<std::u32string_view> words;
};

const std::vector<BulletKeywords>& bullet_keywords() {
    static const std::vector<BulletKeywords> table{
        {3,
         {U"tam", U"sam", U"som", U"addressable market", U"market size", U"tamaño del mercado",
          U"marktgröße", U"taille du marché"}},
        {4,
         {U"pricing", U"per month", U"/month", U"per seat", U"per user", U"subscription", U"precio",
          U"al mes", U"por mes", U"suscripción", U"preis", U"pro monat", U"abonnement", U"prix",
          U"par mois", U"tarif"}},
        {6,
         {U"competitor", U"unlike ", U"compared with", U"compared to", U"versus", U"competidor",
          U"a diferencia de", U"wettbewerber", U"im gegensatz zu", U"concurrent",
          U"contrairement à"}},
        {9,
         {U"we are raising", U"we're raising", U"is raising", U"are raising", U"series a",
          U"series b", U"seed round", U"pre-seed", U"use of funds", U"seed round",
          U"series a round", U"levantando", U"ronda de", U"uso de los fondos",
          U"finanzierungsrunde", U"mittelverwendung", U"levée de fonds", U"nous levons",
          U"utilisation des fonds"}},
    };
    return table;
}

// A cover and four sections: less than this is not a deck.
constexpr int kMinShortDeck = 5;

constexpr std::array<int, 3> kRequiredRanks{5, 7, 9};  // traction, team, ask

std::string topic_name(int rank) {
    return std::string(investor_deck_order()[static_cast<std::size_t>(rank)]);
}

// A slide with nothing on it, or a bullet that clearly belongs on another slide: the raise
// outside the ask, prices on the market, team or ask slide, anything but people on the team slide.
void check_content(const Part& slide, std::size_t i, std::vector<Issue>& out) {
    const std::string where = part_location(i);
    const bool empty = std::all_of(slide.bullets.begin(), slide.bullets.end(),
                                   [](const std::string& b) { return text::trim(b).empty(); });
    if (i > 0 && empty && text::trim(slide.body).empty()) {
        out.push_back(make_issue("deck.blank_slide", Severity::kError, where,
                                 fmt::format("Slide {} (\u201c{}\u201d) has nothing on it; fill it "
                                             "from the documents or leave it out.",
                                             i + 1, text::trim(slide.title))));
        return;
    }
    const auto topic = classify_slide_title(slide.title);
    if (!topic || topic->kind != Kind::kRanked) {
        return;
    }
    const int rank = topic->rank;
    for (std::size_t j = 0; j < slide.bullets.size(); ++j) {
        const auto found = bullet_topics(slide.bullets[j]);
        const auto has = [&](int r) {
            return std::find(found.begin(), found.end(), r) != found.end();
        };
        std::optional<int> belongs;
        if (rank == 7 && !looks_like_person(slide.bullets[j]) && !found.empty()) {
            belongs = found.front();
        } else if (has(9) && rank != 9 && rank != 8) {
            belongs = 9;
        } else if (has(4) && (rank == 3 || rank == 7 || rank == 9)) {
            belongs = 4;
        }
        if (belongs) {
            out.push_back(make_issue(
                "deck.misfiled", Severity::kWarning, fmt::format("{}.bullets[{}]", where, j),
                fmt::format("Bullet {} of slide {} ({}) belongs on the {} slide: \u201c{}\u201d.",
                            j + 1, i + 1, topic_name(rank), topic_name(*belongs),
                            text::trim(slide.bullets[j]))));
        }
    }
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
    check_content(slide, i, out);
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

bool looks_like_person(std::string_view line) {
    const auto cps = nfc_code_points(text::trim(line));
    const std::u32string s(cps.begin(), cps.end());
    std::size_t at = std::u32string::npos;
    std::size_t sep = 0;
    for (const std::u32string_view separator :
         {U", ", U" - ", U" \u2013 ", U" \u2014 ", U": ", U" ("}) {
        if (const auto pos = s.find(separator); pos < at) {
            at = pos;
            sep = separator.size();
        }
    }
    if (at == std::u32string::npos) {
        return false;
    }
    const auto name = space_separated_words(std::u32string_view(s).substr(0, at));
    if (name.empty() || name.size() > 5 || !capitalised(name.front()) ||
        !capitalised(name.back())) {
        return false;
    }
    for (const auto& word : name) {
        const bool particle =
            std::find(kNameParticles.begin(), kNameParticles.end(), word) != kNameParticles.end();
        const bool digits = std::any_of(word.begin(), word.end(), [](char32_t c) {
            return c < 0x80 ? (c >= U'0' && c <= U'9') : text::is_digit(c);
        });
        if (digits || (!particle && !capitalised(word))) {
            return false;
        }
    }
    const auto role =
        fold_key(text::encode({s.begin() + static_cast<std::ptrdiff_t>(at + sep), s.end()}));
    if (name.size() == 1) {
        // "Ana, CEO": a lone name only when the role comes right after it.
        return std::any_of(kRoleWords.begin(), kRoleWords.end(),
                           [&](std::u32string_view w) { return role.starts_with(w); });
    }
    return has_any(role, kRoleWords);
}

std::vector<int> bullet_topics(std::string_view bullet) {
    const auto folded = fold_key(bullet);
    std::vector<int> out;
    for (const auto& entry : bullet_keywords()) {
        if (has_any(folded, entry.words)) {
            out.push_back(entry.rank);
        }
    }
    return out;
}

namespace {

/// Two slides with the same title (case, width and spacing folded) cover one topic twice: a deck
/// written in parts that overlapped, or a model that repeated itself.
void check_repeated_slides(const ContentItem& item, std::vector<Issue>& out) {
    std::vector<std::u32string> seen;
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        auto title = fold_key(text::trim(item.parts[i].title));
        if (!title.empty() && std::find(seen.begin(), seen.end(), title) != seen.end()) {
            out.push_back(make_issue("deck.repeated_slide", Severity::kError, part_location(i),
                                     fmt::format("Slide {} repeats the topic of an earlier "
                                                 "slide (\"{}\"); give every slide its own "
                                                 "topic.",
                                                 i + 1, item.parts[i].title)));
        }
        seen.push_back(std::move(title));
    }
}

}  // namespace

void check_deck(const ContentItem& item, std::vector<Issue>& out) {
    const PlatformSpec& rules = spec(Platform::kPitchDeck);
    const int slides = static_cast<int>(item.parts.size());
    if (slides > rules.max_parts || slides < kMinShortDeck) {
        out.push_back(make_issue("deck.slide_count", Severity::kError, "parts",
                                 fmt::format("The deck has {} slides; it needs {} to {}.", slides,
                                             rules.min_parts, rules.max_parts)));
    } else if (slides < rules.min_parts) {
        // Shorter than a full deck because the documents support fewer sections: allowed, but
        // not complete (the writer's note names what to add).
        out.push_back(make_issue("deck.short", Severity::kWarning, "parts",
                                 fmt::format("The deck has {} slides; a full deck has {} to {}. "
                                             "Add material for the missing sections.",
                                             slides, rules.min_parts, rules.max_parts)));
    }
    for (std::size_t i = 0; i < item.parts.size(); ++i) {
        check_slide(item.parts[i], i, rules, out);
    }
    check_repeated_slides(item, out);
    check_order(item, out);
}

}  // namespace swarm::core::validate
