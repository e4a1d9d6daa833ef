#include "core/agents/research.hpp"

#include "core/agents/text_tools.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace swarm::core {
namespace {

struct Query {
    std::string text;
    std::size_t limit;
};

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string dedup_key(std::string_view s) {
    std::string key;
    for (const char c : s) {
        if (is_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
            key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return key;
}

double overlap(const std::set<std::string>& wanted, const std::vector<std::string>& have) {
    double n = 0;
    for (const auto& w : wanted) {
        if (std::any_of(have.begin(), have.end(),
                        [&](const std::string& h) { return agents::stems_match(w, h); })) {
            n += 1;
        }
    }
    return n;
}

// Prompt word pairs ("real time", "emergency call") the fact also has side by side.
double phrase_overlap(const std::vector<std::string>& prompt,
                      const std::vector<std::string>& have) {
    double n = 0;
    for (std::size_t i = 0; i + 1 < prompt.size(); ++i) {
        for (std::size_t j = 0; j + 1 < have.size(); ++j) {
            if (agents::stems_match(prompt[i], have[j]) &&
                agents::stems_match(prompt[i + 1], have[j + 1])) {
                n += 1;
                break;
            }
        }
    }
    return n;
}

std::set<std::string> stem_set(std::string_view text, const std::set<std::string>& exclude) {
    std::set<std::string> out;
    for (auto& k : agents::keywords(text)) {
        if (!exclude.contains(k)) {
            out.insert(std::move(k));
        }
    }
    return out;
}

std::vector<Query> research_queries(const Brief& brief) {
    std::vector<Query> queries;
    for (const auto* text : {&brief.prompt, &brief.audience, &brief.goal}) {
        if (!text::trim(*text).empty()) {
            queries.push_back({*text, 12});
        }
    }
    for (const std::string_view q :
         {"problem pain challenge", "solution how it works", "product features",
          "market size industry", "business model revenue margin", "pricing plans price",
          "traction customers revenue growth", "competition competitors alternatives",
          "team founders", "fundraise raising ask use of funds", "company overview mission"}) {
        queries.push_back({std::string(q), 8});
    }
    return queries;
}

// Passages found by any query, unique, in KB order when the full list is known.
Result<std::vector<Passage>> gather(const ResearchInput& in) {
    std::vector<Passage> found;
    std::set<std::string> seen;
    for (const auto& q : research_queries(in.brief)) {
        SWARM_TRY_ASSIGN(auto hits, in.kb.search(q.text, q.limit));
        for (auto& p : hits) {
            if (seen.insert(p.id).second) {
                found.push_back(std::move(p));
            }
        }
    }
    if (found.size() < 3) {  // a tiny KB: searching misses too much, take what there is
        for (const auto& p : in.all_passages) {
            if (found.size() >= 40) {
                break;
            }
            if (seen.insert(p.id).second) {
                found.push_back(p);
            }
        }
    }
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < in.all_passages.size(); ++i) {
        position.emplace(in.all_passages[i].id, i);
    }
    const auto pos = [&](const Passage& p) {
        const auto it = position.find(p.id);
        return it == position.end() ? in.all_passages.size() : it->second;
    };
    std::stable_sort(found.begin(), found.end(),
                     [&](const Passage& a, const Passage& b) { return pos(a) < pos(b); });
    return found;
}

void add_unique(std::vector<Fact>& facts, std::vector<std::string>& keys, Fact fact) {
    std::string key = dedup_key(fact.text);
    for (const auto& k : keys) {
        if (k == key || (key.size() >= 25 && k.find(key) != std::string::npos)) {
            return;
        }
    }
    keys.push_back(std::move(key));
    facts.push_back(std::move(fact));
}

std::string guess_company(const Brief& brief, const std::vector<Passage>& passages) {
    if (!text::trim(brief.brand.name).empty()) {
        return std::string(text::trim(brief.brand.name));
    }
    std::map<std::string, int> counts;
    for (const auto& p : passages) {
        const std::string_view top = std::string_view(p.heading).substr(0, p.heading.find(" > "));
        for (const std::string_view sep : {" \u2014 ", " \u2013 ", " - ", ": "}) {
            if (const auto at = top.find(sep); at != std::string_view::npos && at > 0) {
                ++counts[std::string(text::trim(top.substr(0, at)))];
                break;
            }
        }
    }
    std::string best;
    int best_count = 0;
    for (const auto& [name, n] : counts) {
        if (n > best_count) {
            best = name;
            best_count = n;
        }
    }
    return best;
}

std::string pick_one_liner(const std::vector<Fact>& facts, const std::string& company) {
    // The company line describes what the company does: not its raise, team, prices or results.
    const auto fits = [](const Fact& f) {
        const bool describes = f.topic != FactTopic::kAsk && f.topic != FactTopic::kTeam &&
                               f.topic != FactTopic::kPricing && f.topic != FactTopic::kTraction &&
                               f.topic != FactTopic::kCompetition;
        return describes && agents::char_length(f.text) <= 220;
    };
    for (const auto& f : facts) {
        if (!company.empty() && f.text.starts_with(company + " ") && fits(f) && !f.from_list) {
            return f.text;
        }
    }
    for (const auto& f : facts) {
        if (f.topic == FactTopic::kCompany && fits(f) && !agents::starts_with_pronoun(f.text)) {
            return f.text;
        }
    }
    return {};
}

class OfflineResearcher final : public Researcher {
public:
    Result<FactSheet> research(const ResearchInput& in) override {
        SWARM_TRY_ASSIGN(auto passages, gather(in));
        FactSheet sheet;
        sheet.company_name = guess_company(in.brief, passages);
        std::vector<std::string> keys;
        read_brief_steering(in.brief, sheet.steering);
        for (const auto& p : passages) {
            for (auto& f : agents::extract_facts(p)) {
                if (keep_fact(f, sheet)) {
                    add_unique(sheet.facts, keys, std::move(f));
                }
            }
        }
        drop_avoided(sheet);
        score(in.brief, sheet);
        describe(in.brief, sheet);
        return sheet;
    }

private:
    // Instructions steer, the rest that is not a fact is counted and left out.
    static bool keep_fact(const Fact& f, FactSheet& sheet) {
        switch (f.role) {
            case knowledge::StatementRole::kFact:
                return true;
            case knowledge::StatementRole::kInstruction:
                knowledge::read_steering(f.text, sheet.steering);
                ++sheet.withheld_instructions;
                return false;
            case knowledge::StatementRole::kInternal:
            case knowledge::StatementRole::kAnswer:
                ++sheet.withheld_internal;
                return false;
            case knowledge::StatementRole::kBoilerplate:
                ++sheet.withheld_boilerplate;
                return false;
        }
        return false;
    }

    static void read_brief_steering(const Brief& brief, knowledge::Steering& steering) {
        for (const auto* text : {&brief.prompt, &brief.goal, &brief.tone, &brief.brand.voice}) {
            for (const auto& s : agents::split_sentences(*text)) {
                if (knowledge::is_instruction(s)) {
                    knowledge::read_steering(s, steering);
                }
            }
        }
    }

    // A fact holding every content word of a "never mention" phrase is left out.
    static void drop_avoided(FactSheet& sheet) {
        std::vector<std::vector<std::string>> avoid;
        for (const auto& phrase : sheet.steering.avoid) {
            if (auto words = agents::keywords(phrase); !words.empty()) {
                avoid.push_back(std::move(words));
            }
        }
        std::erase_if(sheet.facts, [&](const Fact& f) {
            const auto have = agents::keywords(f.text);
            return std::any_of(avoid.begin(), avoid.end(), [&](const auto& words) {
                return overlap({words.begin(), words.end()}, have) >=
                       static_cast<double>(words.size());
            });
        });
    }

    static void score(const Brief& brief, FactSheet& sheet) {
        const auto company = stem_set(sheet.company_name, {});
        const auto prompt = stem_set(brief.prompt, company);
        const auto context = stem_set(brief.audience + " " + brief.goal, company);
        std::set<std::string> lead;
        for (const auto& phrase : sheet.steering.lead) {
            const auto words = stem_set(phrase, company);
            lead.insert(words.begin(), words.end());
        }
        std::vector<std::string> sequence;
        for (auto& k : agents::keywords(brief.prompt)) {
            if (!company.contains(k)) {
                sequence.push_back(std::move(k));
            }
        }
        for (std::size_t i = 0; i < sheet.facts.size(); ++i) {
            auto& f = sheet.facts[i];
            const auto words = agents::keywords(f.text);
            f.relevance = overlap(prompt, words) + phrase_overlap(sequence, words) +
                          0.5 * overlap(context, words) + 2.0 * overlap(lead, words);
            f.order = i;
        }
    }

    static void describe(const Brief& brief, FactSheet& sheet) {
        sheet.one_liner = pick_one_liner(sheet.facts, sheet.company_name);
        std::set<std::string> passage_ids;
        std::set<std::string> documents;
        for (const auto& f : sheet.facts) {
            if (passage_ids.insert(f.passage_id).second) {
                sheet.sources.push_back(source_of(f));
            }
            documents.insert(f.document);
        }
        sheet.document_count = documents.size();
        std::vector<const Fact*> ranked;
        for (const auto& f : sheet.facts) {
            if (f.relevance > 0) {
                ranked.push_back(&f);
            }
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const Fact* a, const Fact* b) { return a->relevance > b->relevance; });
        for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
            sheet.angles.push_back(ranked[i]->text);
        }
        sheet.hashtag_candidates =
            agents::hashtag_candidates(brief, sheet.facts, sheet.company_name, sheet.one_liner);
    }
};

}  // namespace

std::string_view to_string(FactTopic topic) {
    switch (topic) {
        case FactTopic::kProblem:
            return "problem";
        case FactTopic::kSolution:
            return "solution";
        case FactTopic::kProduct:
            return "product";
        case FactTopic::kMarket:
            return "market";
        case FactTopic::kBusinessModel:
            return "business_model";
        case FactTopic::kPricing:
            return "pricing";
        case FactTopic::kTraction:
            return "traction";
        case FactTopic::kCompetition:
            return "competition";
        case FactTopic::kTeam:
            return "team";
        case FactTopic::kAsk:
            return "ask";
        case FactTopic::kCompany:
            return "company";
        case FactTopic::kNumbers:
            return "numbers";
    }
    return "company";
}

Source source_of(const Fact& fact) {
    return Source{fact.document, fact.heading, fact.passage_id};
}

std::unique_ptr<Researcher> make_offline_researcher() {
    return std::make_unique<OfflineResearcher>();
}

}  // namespace swarm::core
