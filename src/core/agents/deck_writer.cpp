// The built-in pitch-deck writer: a cover, one slide per investor section the documents support,
// a closing slide. A section is filled only with facts of its kind (a team slide with people, the
// ask with the raise the documents state); a section with none is left out, never shown blank, and
// a note names what to add. Fewer than kMinContentSlides sections is not a deck: the writer fails
// with the reason, so the job ends partial naming it. Fixed strings follow the brief's language.
//
// Slide budget (brief.options.deck_slides, 10..12): cover + sections + closing; over budget the
// closing slide goes first (its call to action moves to the last slide's notes), then the product
// slide's facts join the solution slide.
#include "core/agents/offline_writers.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"
#include "core/model/platform.hpp"
#include "core/text/language.hpp"
#include "core/text/phrasebook.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/deck_rules.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace swarm::core::agents {
namespace {

using text::Phrase;

constexpr std::size_t kMinContentSlides = 4;  // fewer sections than this: not a deck

struct SectionInfo {
    std::string_view name;  // as in investor_deck_order()
    Phrase title;
    std::vector<FactTopic> topics;
    Phrase missing;  // what to add when the documents have nothing
    int rank;        // index in investor_deck_order()
};

const std::vector<SectionInfo>& section_table() {
    static const std::vector<SectionInfo> table{
        {"problem", Phrase::kSlideProblem, {FactTopic::kProblem}, Phrase::kAddProblem, 0},
        {"solution", Phrase::kSlideSolution, {FactTopic::kSolution}, Phrase::kAddSolution, 1},
        {"product", Phrase::kSlideProduct, {FactTopic::kProduct}, Phrase::kAddProduct, 2},
        {"market", Phrase::kSlideMarket, {FactTopic::kMarket}, Phrase::kAddMarket, 3},
        {"business model",
         Phrase::kSlideBusinessModel,
         {FactTopic::kBusinessModel, FactTopic::kPricing},
         Phrase::kAddBusinessModel,
         4},
        {"traction", Phrase::kSlideTraction, {FactTopic::kTraction}, Phrase::kAddTraction, 5},
        {"competition",
         Phrase::kSlideCompetition,
         {FactTopic::kCompetition},
         Phrase::kAddCompetition,
         6},
        {"team", Phrase::kSlideTeam, {FactTopic::kTeam}, Phrase::kAddTeam, 7},
        {"financials", Phrase::kSlideFinancials, {}, Phrase::kAddFinancials, 8},
        {"ask", Phrase::kSlideAsk, {FactTopic::kAsk}, Phrase::kAddAsk, 9},
    };
    return table;
}

bool has_rank(const std::vector<int>& ranks, int rank) {
    return std::find(ranks.begin(), ranks.end(), rank) != ranks.end();
}

// A company figure about money (not a person's track record or a competitor's).
bool is_financial(const Fact& f) {
    static constexpr auto kWords =
        std::to_array<std::string_view>({"revenue",    "arr",         "mrr",
                                         "margin",     "payback",     "burn",
                                         "profit",     "ebitda",      "cash",
                                         "projection", "forecast",    "ltv",
                                         "cac",        "runway",      "bookings",
                                         "ingresos",   "facturación", "margen",
                                         "umsatz",     "marge",       "chiffre d'affaires"});
    const bool company_figure = f.topic != FactTopic::kTeam && f.topic != FactTopic::kCompetition &&
                                f.topic != FactTopic::kProduct;
    return company_figure && !f.numbers.empty() &&
           std::any_of(kWords.begin(), kWords.end(),
                       [&](auto w) { return contains_phrase(f.text, w); });
}

// The investor section the fact's own heading names (its last segment), else -1.
int heading_rank(const Fact& f) {
    const auto at = f.heading.rfind(" > ");
    const std::string_view last = at == std::string::npos
                                      ? std::string_view(f.heading)
                                      : std::string_view(f.heading).substr(at + 3);
    const auto topic = validate::classify_slide_title(last);
    return topic && topic->kind == validate::SlideTopic::Kind::kRanked ? topic->rank : -1;
}

// Whether a fact belongs on a section's slide. The keywords of the raise and of prices override a
// loose topic (the amount raised stated in a history paragraph still goes to the ask), and people
// go only to the team slide.
bool belongs(const Fact& f, const SectionInfo& info) {
    const auto strong = validate::bullet_topics(f.text);
    const bool person = validate::looks_like_person(f.text);
    if (info.rank == kTeamRank) {
        return person;
    }
    if (person) {
        return false;
    }
    if (info.rank == kFinancialsRank) {
        return is_financial(f) && !has_rank(strong, kAskRank);
    }
    if (has_rank(strong, kAskRank)) {
        return info.rank == kAskRank;
    }
    const bool topical =
        std::find(info.topics.begin(), info.topics.end(), f.topic) != info.topics.end();
    if (topical) {
        return !(has_rank(strong, kBusinessModelRank) && (info.rank == 3 || info.rank == kAskRank));
    }
    // A statement research could not place: its keywords decide (market size, prices,
    // competitors), else the heading it sits under ("El problema", "Unser Team") in any language.
    const bool loose = f.topic == FactTopic::kCompany || f.topic == FactTopic::kNumbers;
    if (!loose) {
        return false;
    }
    return strong.empty() ? heading_rank(f) == info.rank : strong.front() == info.rank;
}

// A slide wants dense, specific bullets: facts with more figures first, relevance to the prompt
// second (a deck covers the company, not only the announcement).
double slide_score(const Fact& f) {
    return static_cast<double>(std::min<std::size_t>(f.numbers.size(), 3)) + 0.5 * f.relevance;
}

constexpr double kSlideRepeatShare = 0.75;
constexpr std::size_t kMinRepeatWords = 3;
constexpr std::size_t kMinBulletWords = 4;

// Lower-case words longer than three letters and figures: what two bullets must share to say
// the same thing.
std::set<std::string> content_words(std::string_view text) {
    std::set<std::string> out;
    std::string word;
    const auto flush = [&] {
        const bool figure =
            !word.empty() &&
            (std::isdigit(static_cast<unsigned char>(word[0])) != 0 || word[0] == '$');
        if (word.size() > 3 || figure) {
            out.insert(word);
        }
        word.clear();
    };
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || u >= 0x80 || c == '$' || c == '%' || c == '.' || c == ',') {
            if ((c == '.' || c == ',') &&
                (word.empty() || std::isdigit(static_cast<unsigned char>(word.back())) == 0)) {
                flush();
                continue;
            }
            word += static_cast<char>(std::tolower(u));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// A bullet from a sentence: cut at a clause boundary when it is too long; when that would cut a
// list, keep the main clause and drop the trailing purpose or detail phrase whole ("raising a $6M
// Series A to grow X, Y and Z" -> "raising a $6M Series A").
std::optional<std::string> deck_bullet(std::string_view sentence, std::size_t max_chars) {
    if (auto s = shorten_at_clause(sentence, max_chars, char_length)) {
        return s;
    }
    static constexpr auto kCuts = std::to_array<std::string_view>(
        {" to ",    " for ",   " with ",  " by ",   " so ",     " because ",     " when ",
         " while ", " which ", " para ",  " con ",  " porque ", " a partir de ", " um ",
         " mit ",   " weil ",  " durch ", " pour ", " avec ",   " parce qu",     " à partir de "});
    // " that " and " from " are left out: "told our survey that ..." needs what follows.
    // A cut after a joining word ("... every UK and Irish account and") leaves half a clause.
    static constexpr auto kDangling = std::to_array<std::string_view>(
        {"and", "or",  "the", "a",   "an",   "of",  "in",  "on", "at", "our", "their",
         "its", "y",   "o",   "und", "oder", "et",  "ou",  "de", "la", "el",  "los",
         "las", "der", "die", "das", "le",   "les", "des", "du", "en"});
    const auto ends_dangling = [&](std::string_view prefix) {
        const auto space = prefix.rfind(' ');
        // As written: mid-sentence joining words are lower-case, while "Series A" ends in a name.
        const std::string_view last =
            space == std::string_view::npos ? prefix : prefix.substr(space + 1);
        return std::find(kDangling.begin(), kDangling.end(), last) != kDangling.end();
    };
    std::size_t best = 0;
    for (const auto cut : kCuts) {
        for (auto at = sentence.find(cut); at != std::string_view::npos;
             at = sentence.find(cut, at + 1)) {
            // A prefix with a comma may end inside a list: never cut there.
            const auto prefix = sentence.substr(0, at);
            // The earliest cut that keeps the main clause (its figure, four words) wins: "raising
            // a $6M Series A to grow ... to hire ..." keeps "raising a $6M Series A".
            const bool keeps_figure =
                extract_numbers(sentence).empty() || !extract_numbers(prefix).empty();
            // "Across 140 buildings monitored": the main clause after the comma is gone.
            const bool intro_only =
                opens_with_preposition(sentence) && sentence.find(", ") != std::string_view::npos;
            if (!intro_only && (best == 0 || at < best) && char_length(prefix) + 1 <= max_chars &&
                prefix.find(", ") == std::string_view::npos && !ends_dangling(prefix) &&
                keeps_figure && count_words(prefix) >= kMinBulletWords) {
                best = at;
            }
        }
    }
    if (best == 0) {
        return std::nullopt;
    }
    std::string out(sentence.substr(0, best));
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) {
        out.pop_back();
    }
    if (count_words(out) < kMinBulletWords) {
        return std::nullopt;
    }
    return out + ".";
}

// "Ana Silva, a pastry chef" inside a sentence -> "Ana Silva, pastry chef": a capitalised name
// of two or three words, a comma, an article (a, an, un, una, une, ein, eine) and the role up to
// the next comma, " and "/" y "/" et "/" und " or the end.
std::vector<std::string> people_in_prose(std::string_view sentence) {
    static constexpr auto kArticles = std::to_array<std::string_view>(
        {", a ", ", an ", ", un ", ", una ", ", une ", ", ein ", ", eine "});
    static constexpr auto kEnds =
        std::to_array<std::string_view>({",", " and ", " y ", " et ", " und ", ".", ";"});
    std::vector<std::string> out;
    for (const auto article : kArticles) {
        for (auto at = sentence.find(article); at != std::string_view::npos;
             at = sentence.find(article, at + 1)) {
            // The name: up to three capitalised words right before the comma.
            std::size_t start = at;
            int words = 0;
            while (words < 3 && start >= 2) {
                // The word that ends at `start`: first the one before the comma, then each
                // word before the previous one (skipping the space between them).
                const auto space = sentence.rfind(' ', words == 0 ? start - 1 : start - 2);
                const std::size_t from = space == std::string_view::npos ? 0 : space + 1;
                const auto c = static_cast<unsigned char>(sentence[from]);
                if (!(std::isupper(c) != 0 || c >= 0x80)) {
                    break;
                }
                start = from;
                ++words;
            }
            if (words < 2) {
                continue;
            }
            const std::size_t role_from = at + article.size();
            std::size_t role_to = sentence.size();
            for (const auto end : kEnds) {
                role_to = std::min(role_to, sentence.find(end, role_from));
            }
            const auto role = sentence.substr(role_from, role_to - role_from);
            if (!role.empty() && count_words(role) <= 5) {
                out.push_back(std::string(sentence.substr(start, at - start)) + ", " +
                              std::string(role));
            }
        }
    }
    return out;
}

std::string language_of(const WriterInput& in) {
    std::string sample = in.brief.prompt + "\n" + in.facts.one_liner;
    for (std::size_t i = 0; i < in.facts.facts.size() && i < 20; ++i) {
        sample += "\n" + in.facts.facts[i].text;
    }
    return text::resolve_language(in.brief.language, sample);
}

class DeckComposer {
public:
    explicit DeckComposer(const WriterInput& in)
        : in_(in), facts_(usable_facts(in)), lang_(language_of(in)) {
        cover_source_ = in.facts.one_liner.empty() ? self_description() : in.facts.one_liner;
    }

    Result<ContentItem> compose() {
        const int budget =
            std::clamp(in_.brief.options.deck_slides, in_.spec.min_parts, in_.spec.max_parts);
        build(false);
        const auto slides = [&](bool closing) {
            return static_cast<int>(sections_.size()) + 1 + (closing ? 1 : 0);
        };
        bool closing = slides(true) <= budget;
        if (slides(false) > budget) {
            build(true);  // the product slide's facts join the solution slide
            closing = slides(true) <= budget;
        }
        if (sections_.size() < kMinContentSlides) {
            return fail(ErrorCode::kFailedPrecondition,
                        text::phrase_format(lang_, Phrase::kDeckTooThin,
                                            {std::to_string(sections_.size()), missing_list()}));
        }
        item_.parts.push_back(cover());
        for (auto& part : sections_) {
            item_.parts.push_back(std::move(part));
        }
        const std::string cta = call_to_action(in_.brief, brand_name(in_));
        if (closing) {
            item_.parts.push_back(closing_slide(cta));
        } else {
            // The call to action stays with the last slide; how to use it is guidance.
            auto& last = item_.parts.back().notes;
            last += (last.empty() ? "" : " ") + cta;
            guidance_.push_back(text::phrase_format(lang_, Phrase::kCloseWithCta, cta));
        }
        if (!missing_.empty()) {
            add_note(item_, "deck_sections",
                     text::phrase_format(lang_, Phrase::kDeckShorter,
                                         {std::to_string(sections_.size()), missing_list()}));
        }
        // Guidance for the presenter is a note on the item, not speaker notes: notes are read
        // aloud and checked against the documents like the slides.
        if (!guidance_.empty()) {
            add_note(item_, "deck_guidance", join(guidance_, " "));
        }
        item_.platform = in_.spec.platform;
        item_.body = render_deck_markdown(item_.parts);
        return std::move(item_);
    }

private:
    void build(bool merge_product) {
        sections_.clear();
        missing_.clear();
        used_.clear();
        shown_.clear();
        item_.sources.clear();
        // The cover's sentence is not told again on a section slide.
        for (const Fact* f : facts_) {
            if (!cover_source_.empty() && f->text == cover_source_) {
                used_.insert(f);
            }
        }
        if (!cover_source_.empty()) {
            shown_.push_back(content_words(cover_source_));
        }
        for (const auto& base : section_table()) {
            if (merge_product && base.rank == 2) {
                continue;
            }
            SectionInfo info = base;
            if (merge_product && info.rank == 1) {
                info.topics.push_back(FactTopic::kProduct);
            }
            if (auto part = section(info)) {
                sections_.push_back(std::move(*part));
            } else {
                missing_.emplace_back(text::phrase(lang_, info.missing));
            }
        }
    }

    std::string missing_list() const { return join(missing_, "; "); }

    std::string add_before_presenting(Phrase what) const {
        return text::phrase_format(lang_, Phrase::kAddBeforePresenting, text::phrase(lang_, what));
    }

    Part cover() {
        Part p;
        p.title = brand_name(in_);
        const auto max = in_.spec.max_bullet_chars;
        const auto usable = [&](const std::string& s) {
            return !s.empty() && !has_banned_phrase(s, in_.brief.brand);
        };
        std::optional<std::string> line;
        const std::string& source = cover_source_;
        if (usable(source)) {
            line = deck_bullet(source, max);
        }
        if (!line) {
            guidance_.push_back(add_before_presenting(Phrase::kAddOneLiner));
        } else {
            p.bullets.push_back(*line);
            p.notes = source;
            for (const Fact* f : facts_) {
                if (f->text == source) {
                    add_source(item_, *f);
                }
            }
        }
        if (p.title.empty()) {
            p.title = std::string(text::phrase(lang_, Phrase::kSlideCover));
            guidance_.push_back(add_before_presenting(Phrase::kAddCompanyName));
        }
        return p;
    }

    // What the documents say the company is when research found no one-liner: the first
    // sentence that opens with the company's name ("Huertapp es una aplicación que ...").
    std::string self_description() const {
        const std::string name = brand_name(in_);
        if (name.empty()) {
            return {};
        }
        for (const Fact* f : facts_) {
            // Only a statement no section needs: the cover never empties a slide.
            const bool loose =
                (f->topic == FactTopic::kCompany || f->topic == FactTopic::kNumbers) &&
                heading_rank(*f) < 0;
            if (loose && f->text.starts_with(name + " ") && f->numbers.empty() &&
                !validate::looks_like_person(f->text) && validate::bullet_topics(f->text).empty()) {
                return f->text;
            }
        }
        return {};
    }

    Part closing_slide(const std::string& cta) {
        Part p;
        p.title = std::string(text::phrase(lang_, Phrase::kSlideNextSteps));
        if (auto fit = shorten_at_clause(cta, in_.spec.max_bullet_chars, char_length)) {
            p.bullets.push_back(*fit);
        } else {
            p.bullets.push_back(cta);
        }
        guidance_.push_back(add_before_presenting(Phrase::kAddContact));
        return p;
    }

    std::vector<const Fact*> candidates(const SectionInfo& info) const {
        std::vector<const Fact*> out;
        for (const Fact* f : facts_) {
            if (belongs(*f, info) && !used_.contains(f)) {
                out.push_back(f);
            }
        }
        // The section's first topic before its others (the business model before pricing), then
        // by slide_score; research order breaks ties.
        const auto rank = [&](const Fact* f) {
            return std::find(info.topics.begin(), info.topics.end(), f->topic) -
                   info.topics.begin();
        };
        std::stable_sort(out.begin(), out.end(), [&](const Fact* a, const Fact* b) {
            if (rank(a) != rank(b)) {
                return rank(a) < rank(b);
            }
            return slide_score(*a) > slide_score(*b);
        });
        return out;
    }

    // True when the bullet tells again what the deck (or this slide) already shows: most of its
    // content words, or one of its figures with another word (the editor's repeated-fact rule).
    bool repeats(const std::string& bullet,
                 const std::vector<std::pair<const Fact*, std::string>>& picked) const {
        const auto words = content_words(bullet);
        const auto same = [&](const std::set<std::string>& other) {
            std::size_t shared = 0;
            bool figure = false;
            for (const auto& w : words) {
                if (other.contains(w)) {
                    ++shared;
                    figure = figure || w.find_first_of("0123456789") != std::string::npos;
                }
            }
            const auto smaller = std::min(words.size(), other.size());
            return (smaller >= kMinRepeatWords &&
                    static_cast<double>(shared) >=
                        kSlideRepeatShare * static_cast<double>(smaller)) ||
                   (figure && shared >= 2);
        };
        return std::any_of(shown_.begin(), shown_.end(), same) ||
               std::any_of(picked.begin(), picked.end(),
                           [&](const auto& p) { return same(content_words(p.second)); });
    }

    void pick(const std::vector<const Fact*>& from,
              std::vector<std::pair<const Fact*, std::string>>& picked, std::size_t max,
              bool people) const {
        for (const Fact* f : from) {
            if (picked.size() >= max) {
                return;
            }
            const bool dup = std::any_of(picked.begin(), picked.end(),
                                         [&](const auto& p) { return p.first == f; });
            if (dup || starts_with_pronoun(f->text)) {
                continue;
            }
            // A long sentence may hold two claims ("..., and 1 in 5 windows is missed"): each
            // independent clause becomes its own bullet when it fits. A person stays one line.
            const auto max_chars = in_.spec.max_bullet_chars;
            const auto clauses = char_length(f->text) <= max_chars || people
                                     ? std::vector<std::string>{f->text}
                                     : split_independent(f->text);
            for (const auto& clause : clauses) {
                auto s = deck_bullet(clause, max_chars);
                if (s && picked.size() < max && (!people || validate::looks_like_person(*s)) &&
                    !repeats(*s, picked)) {
                    picked.emplace_back(f, std::move(*s));
                }
            }
        }
    }

    std::optional<Part> section(const SectionInfo& info) {
        std::vector<std::pair<const Fact*, std::string>> picked;
        const auto max = static_cast<std::size_t>(in_.spec.max_bullets_per_part);
        const bool people = info.rank == kTeamRank;
        pick(candidates(info), picked, max, people);
        if (people && picked.empty()) {
            // Founders named in a sentence ("founded by Ana Silva, a pastry chef, and Tom Berg,
            // a robotics engineer"): one line per person, name and role as written.
            for (const Fact* f : facts_) {
                if (f->topic != FactTopic::kTeam && heading_rank(*f) != kTeamRank) {
                    continue;
                }
                for (auto& person : people_in_prose(f->text)) {
                    if (picked.size() < max && validate::looks_like_person(person)) {
                        picked.emplace_back(f, std::move(person));
                    }
                }
            }
        }
        if (picked.empty()) {
            return std::nullopt;
        }
        std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
            return a.first->order < b.first->order;
        });
        Part p;
        p.title = std::string(text::phrase(lang_, info.title));
        std::vector<std::string> sources;
        for (auto& [f, text] : picked) {
            used_.insert(f);
            shown_.push_back(content_words(text));
            if (sources.empty() || sources.back() != f->text) {  // clauses of one fact: once
                sources.push_back(f->text);
            }
            p.bullets.push_back(std::move(text));
            add_source(item_, *f);
        }
        p.notes = join(sources, " ");
        return p;
    }

    const WriterInput& in_;
    std::vector<const Fact*> facts_;
    std::string lang_;
    std::string cover_source_;  // the sentence the cover shows (the one-liner); may be empty
    std::set<const Fact*> used_;
    std::vector<std::set<std::string>> shown_;  // content words of every bullet placed so far
    std::vector<Part> sections_;
    std::vector<std::string> missing_;
    std::vector<std::string> guidance_;  // what to do before presenting, for the item's notes
    ContentItem item_;
};

class DeckWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& input) override {
        return DeckComposer(input).compose();
    }
};

}  // namespace

std::unique_ptr<Writer> make_deck_writer() {
    return std::make_unique<DeckWriter>();
}

}  // namespace swarm::core::agents
