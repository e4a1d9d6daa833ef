#include "core/agents/copy_style.hpp"

#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/knowledge/statement_roles.hpp"
#include "core/text/language.hpp"
#include "core/text/phrasebook.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr double kFactRepeatShare = 0.6;  // this share of a fact's words already used: a repeat

std::size_t matched(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
    return static_cast<std::size_t>(std::count_if(wanted.begin(), wanted.end(), [&](auto& w) {
        return std::any_of(have.begin(), have.end(), [&](auto& h) { return stems_match(w, h); });
    }));
}

// The prompt without the clauses about the investor deck ("...; also prepare our seed investor
// deck"): what the deck needs (the raise, the team) is not what the posts are about.
std::string without_deck_clauses(std::string_view prompt) {
    std::string out;
    std::size_t start = 0;
    while (start < prompt.size()) {
        auto end = prompt.find_first_of(".;:,", start);
        end = end == std::string_view::npos ? prompt.size() : end;
        const std::string clause(prompt.substr(start, end - start));
        const std::string lower = text::fold_case(clause);
        const bool deck = lower.find("deck") != std::string::npos ||
                          lower.find("investor") != std::string::npos ||
                          lower.find("inversor") != std::string::npos ||
                          lower.find("präsentation") != std::string::npos ||
                          lower.find("investisseur") != std::string::npos;
        if (!deck) {
            out += clause + " ";
        }
        start = end + 1;
    }
    return out;
}

std::size_t word_length(std::string_view s) {
    return count_words(s);
}

}  // namespace

bool is_fragment(std::string_view text) {
    const std::string_view t = text::trim(text);
    if (count_words(t) < 4 || t.ends_with(":")) {
        return true;
    }
    if (std::islower(static_cast<unsigned char>(t.front())) != 0) {
        return true;
    }
    // "Jobber and Housecall Pro: easy to start but ...": a label and a description, not a
    // sentence.
    if (const auto colon = t.find(": ");
        colon < 60 && colon + 2 < t.size() &&
        std::islower(static_cast<unsigned char>(t[colon + 2])) != 0) {
        return true;
    }
    // "Reduces the ...", "Cuts 40% of ...": a list item that lost its subject.
    const auto space = t.find(' ');
    const bool plain_word =
        space != std::string_view::npos &&
        std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(space),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    if (plain_word && space > 3 && t[space - 1] == 's' && t[space - 2] != 's') {
        constexpr auto kAfterVerb = std::to_array<std::string_view>(
            {"the", "a", "an", "every", "each", "all", "your", "their", "its", "up", "more", "less",
             "fewer", "any", "new", "by", "\"", "\u201c"});
        const std::string_view next = t.substr(space + 1);
        const auto next_end = next.find(' ');
        const std::string second = text::ascii_lower(next.substr(0, next_end));
        const bool number =
            !second.empty() &&
            (std::isdigit(static_cast<unsigned char>(second[0])) != 0 || second[0] == '$');
        // Verbs product bullets open with ("Cuts drive time ...").
        constexpr auto kBulletVerbs = std::to_array<std::string_view>(
            {"cuts",      "reduces",  "saves",    "plans",    "re-plans",  "lets",
             "helps",     "sends",    "shows",    "tracks",   "syncs",     "works",
             "gives",     "keeps",    "makes",    "finds",    "automates", "integrates",
             "connects",  "handles",  "manages",  "creates",  "removes",   "eliminates",
             "increases", "improves", "boosts",   "lowers",   "speeds",    "runs",
             "supports",  "offers",   "provides", "includes", "notifies",  "alerts",
             "predicts",  "learns",   "uses",     "turns",    "brings",    "delivers",
             "measures",  "monitors", "detects",  "flags",    "books",     "schedules",
             "routes",    "assigns",  "matches",  "updates",  "generates", "answers",
             "halves",    "doubles",  "triples",  "replaces", "prevents",  "captures",
             "collects"});
        const std::string first = text::ascii_lower(t.substr(0, space));
        const bool verb =
            std::find(kBulletVerbs.begin(), kBulletVerbs.end(), first) != kBulletVerbs.end();
        if (verb || number ||
            std::any_of(kAfterVerb.begin(), kAfterVerb.end(), [&](std::string_view w) {
                return second == w || (w.size() <= 3 && second.starts_with(w) &&
                                       std::isalpha(static_cast<unsigned char>(w[0])) == 0);
            })) {
            return true;
        }
    }
    // "Sage Payroll, Xero, QuickBooks and Gusto": names in a row, no claim about them.
    const auto commas = std::count(t.begin(), t.end(), ',');
    if (commas >= 2) {
        std::size_t words = 0;
        std::size_t capitalised = 0;
        bool start = true;
        for (const char c : t) {
            if (c == ' ') {
                start = true;
            } else if (start) {
                start = false;
                ++words;
                capitalised += std::isupper(static_cast<unsigned char>(c)) != 0 ||
                                       static_cast<unsigned char>(c) >= 0x80
                                   ? 1
                                   : 0;
            }
        }
        if (capitalised * 10 >= words * 7) {
            return true;
        }
    }
    return false;
}

std::vector<const Fact*> publishable_facts(const WriterInput& input) {
    std::vector<const Fact*> out;
    for (const Fact* f : usable_facts(input)) {
        if (f->role == knowledge::StatementRole::kFact && !knowledge::has_dangling_start(f->text)) {
            out.push_back(f);
        }
    }
    return out;
}

CopyStyle::CopyStyle(const WriterInput& input, const BriefAngle& angle)
    : in_(input), angle_(angle) {
    lang_ = text::normalize_language(input.brief.language);
    if (lang_.empty()) {
        lang_ = "en";
    }
    const auto company = keywords(brand_name(input));
    prompt_words_ = keywords(without_deck_clauses(input.brief.prompt));
    const std::string_view source = angle.announcement && !angle.subject.empty()
                                        ? std::string_view(angle.subject)
                                        : std::string_view(input.brief.prompt);
    for (auto& w : keywords(source)) {
        if (std::find(company.begin(), company.end(), w) == company.end()) {
            subject_words_.push_back(std::move(w));
        }
    }
}

bool CopyStyle::fits_story(const Fact& fact) const {
    const auto asked = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
            return std::any_of(prompt_words_.begin(), prompt_words_.end(),
                               [&](const std::string& p) { return p.starts_with(w); });
        });
    };
    switch (fact.topic) {
        case FactTopic::kPricing:
            return asked(
                {"pric", "offer", "discount", "trial", "subscript", "precio", "preis", "prix"});
        case FactTopic::kCompetition:
            return asked({"compet", "altern", "versus", "compar"});
        case FactTopic::kTeam:
            return asked({"team", "hire", "hiring", "founder", "equipo", "equipe"});
        case FactTopic::kAsk:
        case FactTopic::kBusinessModel:
            return asked({"fundrais", "raise", "raising", "invest", "series", "seed", "round"});
        default:
            return true;
    }
}

std::optional<std::string> CopyStyle::news_line(std::size_t max_chars) const {
    if (!angle_.announcement || angle_.subject.empty()) {
        return std::nullopt;
    }
    const std::string end = angle_.style.exclamation ? "!" : ".";
    std::string line =
        angle_.statement.empty()
            ? text::phrase_format(lang_, text::Phrase::kIntroducing, angle_.subject) + end
            : angle_.statement + end;
    // A statement that already names its date needs no "Available from".
    const bool dated = angle_.date && line.find(angle_.date->text) != std::string::npos;
    if (angle_.date && !dated) {
        const std::string with_date =
            line + " " +
            text::phrase_format(lang_, text::Phrase::kAvailableFrom, angle_.date->text) + ".";
        if (char_length(with_date) <= max_chars) {
            return with_date;
        }
    }
    if (char_length(line) <= max_chars) {
        return line;
    }
    return std::nullopt;
}

double CopyStyle::subject_overlap(const Fact& fact) const {
    return static_cast<double>(matched(subject_words_, keywords(fact.text)));
}

std::vector<const Fact*> CopyStyle::ranked_for_hook(const std::vector<const Fact*>& facts) const {
    auto out = facts;
    std::erase_if(out, [&](const Fact* f) { return !fits_story(*f); });
    const auto score = [&](const Fact* f) {
        double s = 3.0 * subject_overlap(*f) + story_score(*f) + (f->from_list ? 0.0 : 0.5);
        if (f->topic == FactTopic::kTeam || f->topic == FactTopic::kAsk ||
            f->topic == FactTopic::kPricing) {
            s -= 2.0;  // a fundraise or a price is rarely the news unless the brief says so
        }
        if (angle_.style.story_first && f->topic == FactTopic::kProblem) {
            s += 3.0;
        }
        if (angle_.style.numbers_first && !f->numbers.empty()) {
            s += 2.0;
        }
        return s;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Fact* a, const Fact* b) { return score(a) > score(b); });
    return out;
}

std::vector<const Fact*> CopyStyle::ranked_for_subject(
    const std::vector<const Fact*>& facts) const {
    auto out = facts;
    std::stable_sort(out.begin(), out.end(), [&](const Fact* a, const Fact* b) {
        return 2.0 * subject_overlap(*a) + story_score(*a) >
               2.0 * subject_overlap(*b) + story_score(*b);
    });
    return out;
}

std::string CopyStyle::sentence(const Fact& fact, std::size_t max_chars) const {
    std::string s = as_sentence(fact);
    if (knowledge::has_dangling_start(s) || is_fragment(s)) {
        return {};
    }
    s = as_prose(s);
    if (count_words(s) > angle_.style.max_sentence_words) {
        auto shorter = shorten_at_clause(s, angle_.style.max_sentence_words, word_length);
        if (!shorter) {
            return {};
        }
        s = std::move(*shorter);
    }
    if (char_length(s) > max_chars) {
        auto shorter = shorten_at_clause(s, max_chars, char_length);
        if (!shorter) {
            return {};
        }
        s = std::move(*shorter);
    }
    return is_fragment(s) ? std::string{} : s;
}

std::string CopyStyle::bullet(const Fact& fact, std::size_t max_chars) {
    std::string s = sentence_case(std::string(text::trim(fact.text)));
    if (knowledge::has_dangling_start(s) || count_words(s) < 2) {
        return {};
    }
    if (char_length(s) > max_chars) {
        auto shorter = shorten_at_clause(s, max_chars, char_length);
        if (!shorter) {
            return {};
        }
        s = std::move(*shorter);
    }
    return extract_numbers(s).empty() ? std::string{} : s;
}

std::string CopyStyle::as_prose(std::string_view text) {
    std::string s = sentence_case(std::string(text::trim(text)));
    // A sentence may close inside its quotes or brackets: 'tastes like the first."'.
    std::string_view core = s;
    for (const std::string_view closer : {"\"", "\u201d", "\u00bb", ")", "'", "\u2019"}) {
        if (core.ends_with(closer)) {
            core.remove_suffix(closer.size());
        }
    }
    if (!core.empty() && !core.ends_with(".") && !core.ends_with("!") && !core.ends_with("?") &&
        !core.ends_with("\u2026")) {
        s.push_back('.');
    }
    return s;
}

bool CopyStyle::repeats(const Fact& fact) const {
    // A year alone ("2027") says nothing new; the other figures decide.
    const bool has_figure = std::any_of(fact.numbers.begin(), fact.numbers.end(),
                                        [&](const std::string& n) { return !is_year(n); });
    if (has_figure &&
        std::all_of(fact.numbers.begin(), fact.numbers.end(), [&](const std::string& n) {
            return is_year(n) || shown_numbers_.contains(n);
        })) {
        return true;
    }
    const auto words = keywords(fact.text);
    // The same figure ("18%", "$2.1M", "4,100") with two more shared words is the same fact.
    const bool shares_figure =
        std::any_of(fact.numbers.begin(), fact.numbers.end(), [&](const std::string& n) {
            return is_distinctive_figure(n) && shown_numbers_.contains(n);
        });
    if (shares_figure && std::any_of(used_words_.begin(), used_words_.end(),
                                     [&](const auto& used) { return matched(words, used) >= 2; })) {
        return true;
    }
    if (words.size() < 3) {
        return false;
    }
    return std::any_of(used_words_.begin(), used_words_.end(), [&](const auto& used) {
        return static_cast<double>(matched(words, used)) >=
               kFactRepeatShare * static_cast<double>(words.size());
    });
}

void CopyStyle::mark_used(const Fact& fact) {
    if (used_.insert(&fact).second) {
        shown_numbers_.insert(fact.numbers.begin(), fact.numbers.end());
        used_words_.push_back(keywords(fact.text));
    }
}

void CopyStyle::mark_said(std::string_view line) {
    used_words_.push_back(keywords(line));
    for (auto& n : extract_numbers(line)) {
        shown_numbers_.insert(std::move(n));
    }
}

bool CopyStyle::is_used(const Fact& fact) const {
    return used_.contains(&fact);
}

void CopyStyle::decorate_hook(std::vector<std::string>& lines) const {
    if (angle_.style.emoji && !lines.empty()) {
        lines.front() = (angle_.announcement ? "\U0001F680 " : "\U0001F4A1 ") + lines.front();
    }
}

std::string CopyStyle::label_by_the_numbers() const {
    return std::string(text::phrase(lang_, text::Phrase::kByTheNumbers));
}

std::string CopyStyle::cta_line() const {
    const std::string cta = call_to_action(in_.brief, brand_name(in_));
    return angle_.style.emoji ? "\U0001F449 " + cta : cta;
}

void CopyStyle::add_withheld_note(ContentItem& item) const {
    const auto& f = in_.facts;
    if (f.withheld_internal + f.withheld_instructions + f.withheld_boilerplate == 0) {
        return;
    }
    add_note(item, "withheld",
             fmt::format("Kept out of the copy: {} internal note(s), {} instruction(s) to the "
                         "writer and {} boilerplate line(s) found in the documents.",
                         f.withheld_internal, f.withheld_instructions, f.withheld_boilerplate));
}

}  // namespace swarm::core::agents
