// The built-in pitch-deck writer: cover, the investor-order sections from the platform registry,
// closing. Bullets are facts shortened at clause boundaries; a slide the knowledge base cannot
// support gets no bullets and a speaker note saying what to add.
//
// Slide counts: 12 = cover + 10 sections + closing; 11 drops the closing slide; 10 also drops the
// product slide, whose facts then feed the solution slide.
#include "core/agents/offline_writers.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr std::size_t kMinFinancialBullets = 2;

struct SectionInfo {
    std::string_view name;  // as in investor_deck_order()
    std::string_view title;
    std::vector<FactTopic> topics;
    std::string_view missing;  // what to add when the KB has nothing
};

const std::vector<SectionInfo>& section_table() {
    static const std::vector<SectionInfo> table{
        {"problem", "Problem", {FactTopic::kProblem}, "the customer problem and what it costs"},
        {"solution", "Solution", {FactTopic::kSolution}, "how the product solves the problem"},
        {"product", "Product", {FactTopic::kProduct}, "the product's main features"},
        {"market", "Market", {FactTopic::kMarket}, "market size figures (TAM, SAM, SOM)"},
        {"business model",
         "Business model",
         {FactTopic::kBusinessModel, FactTopic::kPricing},
         "how the company makes money (pricing, margins)"},
        {"traction", "Traction", {FactTopic::kTraction}, "customer, revenue or growth figures"},
        {"competition",
         "Competition",
         {FactTopic::kCompetition},
         "the main competitors and how the company differs"},
        {"team", "Team", {FactTopic::kTeam}, "the founders and key team members"},
        {"financials", "Financials", {}, "revenue, margins, burn and projections"},
        {"ask", "The ask", {FactTopic::kAsk}, "the amount being raised and the use of funds"},
    };
    return table;
}

SectionInfo section_info(std::string_view name) {
    for (const auto& s : section_table()) {
        if (s.name == name) {
            return s;
        }
    }
    return SectionInfo{name, name, {}, "material for this section"};
}

// A company figure about money (not a person's track record or a competitor's).
bool is_financial(const Fact& f) {
    static constexpr auto kWords = std::to_array<std::string_view>(
        {"revenue", "arr", "mrr", "margin", "payback", "burn", "profit", "ebitda", "cash",
         "projection", "forecast", "target", "ltv", "cac", "runway", "bookings"});
    const bool company_figure = f.topic != FactTopic::kTeam && f.topic != FactTopic::kCompetition &&
                                f.topic != FactTopic::kProduct;
    return company_figure && !f.numbers.empty() &&
           std::any_of(kWords.begin(), kWords.end(),
                       [&](auto w) { return contains_phrase(f.text, w); });
}

// A slide wants dense, specific bullets: facts with more figures first, relevance to the prompt
// second (a deck covers the company, not only the announcement).
double slide_score(const Fact& f) {
    return static_cast<double>(std::min<std::size_t>(f.numbers.size(), 3)) + 0.5 * f.relevance;
}

class DeckComposer {
public:
    explicit DeckComposer(const WriterInput& in) : in_(in), facts_(usable_facts(in)) {}

    Result<ContentItem> compose() {
        const int slides =
            std::clamp(in_.brief.options.deck_slides, in_.spec.min_parts, in_.spec.max_parts);
        const auto order = investor_deck_order();
        const int extras = slides - static_cast<int>(order.size());
        const bool drop_product = extras < 1;
        item_.parts.push_back(cover());
        for (const std::string_view name : order) {
            if (drop_product && name == "product") {
                continue;
            }
            SectionInfo info = section_info(name);
            if (drop_product && name == "solution") {
                info.topics.push_back(FactTopic::kProduct);
            }
            item_.parts.push_back(section(info));
        }
        if (extras >= 2) {
            item_.parts.push_back(closing());
        } else {
            auto& last = item_.parts.back().notes;
            last += fmt::format("{}Close with the call to action: {}", last.empty() ? "" : " ",
                                call_to_action(in_.brief, brand_name(in_)));
        }
        if (supported_ == 0) {
            return fail(ErrorCode::kFailedPrecondition,
                        "the knowledge base supports none of the deck's sections");
        }
        item_.platform = in_.spec.platform;
        item_.body = render_deck_markdown(item_.parts);
        return item_;
    }

private:
    Part cover() {
        Part p;
        p.title = brand_name(in_);
        const std::string& one_liner = in_.facts.one_liner;
        const auto max = in_.spec.max_bullet_chars;
        const auto fit = one_liner.empty() || has_banned_phrase(one_liner, in_.brief.brand)
                             ? std::nullopt
                             : shorten_at_clause(one_liner, max, char_length);
        if (fit) {
            p.bullets.push_back(*fit);
            p.notes = one_liner;
            for (const Fact* f : facts_) {
                if (f->text == one_liner) {
                    add_source(item_, *f);
                }
            }
        } else {
            p.notes =
                "No one-line company description in the knowledge base; add one before "
                "presenting.";
        }
        if (p.title.empty()) {
            p.title = "Company";
            p.notes += " The brief names no brand; add the company name.";
        }
        return p;
    }

    Part closing() const {
        Part p;
        p.title = "Next steps";
        const std::string cta = call_to_action(in_.brief, brand_name(in_));
        if (auto fit = shorten_at_clause(cta, in_.spec.max_bullet_chars, char_length)) {
            p.bullets.push_back(*fit);
        }
        p.notes =
            "Close with the call to action. Contact details are not taken from the "
            "knowledge base; add them before presenting.";
        return p;
    }

    std::vector<const Fact*> candidates(const SectionInfo& info, bool allow_used) const {
        std::vector<const Fact*> out;
        for (const Fact* f : facts_) {
            const bool topical = info.name == "financials"
                                     ? is_financial(*f)
                                     : std::find(info.topics.begin(), info.topics.end(),
                                                 f->topic) != info.topics.end();
            if (topical && (allow_used || used_.count(f) == 0)) {
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

    void pick(const std::vector<const Fact*>& from,
              std::vector<std::pair<const Fact*, std::string>>& picked, std::size_t max) const {
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
            // independent clause becomes its own bullet when it fits.
            const auto max_chars = in_.spec.max_bullet_chars;
            const auto clauses = char_length(f->text) <= max_chars
                                     ? std::vector<std::string>{f->text}
                                     : split_independent(f->text);
            for (const auto& clause : clauses) {
                auto s = shorten_at_clause(clause, max_chars, char_length);
                if (s && picked.size() < max) {
                    picked.emplace_back(f, std::move(*s));
                }
            }
        }
    }

    Part section(const SectionInfo& info) {
        std::vector<std::pair<const Fact*, std::string>> picked;
        const auto max = static_cast<std::size_t>(in_.spec.max_bullets_per_part);
        pick(candidates(info, false), picked, max);
        if (info.name == "financials" && picked.size() < kMinFinancialBullets) {
            // A summary slide may repeat a few key figures shown earlier.
            pick(candidates(info, true), picked, std::min(max, kMinFinancialBullets + 1));
        }
        std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
            return a.first->order < b.first->order;
        });
        Part p;
        p.title = std::string(info.title);
        if (picked.empty()) {
            p.notes = fmt::format(
                "No supporting material in the knowledge base for {}; add {} before presenting.",
                info.name, info.missing);
            return p;
        }
        ++supported_;
        std::vector<std::string> sources;
        for (auto& [f, text] : picked) {
            used_.insert(f);
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
    std::set<const Fact*> used_;
    int supported_ = 0;
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
