// The research agent: turns the knowledge base into a fact sheet for the writers. The offline
// researcher searches for the brief and for every deck topic and extracts sentences and bullets.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/model/brief.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct ResearchInput {
    const Brief& brief;
    KnowledgeBase& kb;
    /// Every passage of the KB; used when searching finds too little (a tiny KB). May be empty.
    std::span<const Passage> all_passages;
};

/// Port for the research step, so a model-backed researcher can replace the built-in one.
class Researcher {
public:
    virtual ~Researcher() = default;
    virtual Result<FactSheet> research(const ResearchInput& input) = 0;
};

/// The built-in researcher: full-text queries, sentence and bullet extraction, no model.
std::unique_ptr<Researcher> make_offline_researcher();

namespace agents {

/// Sentences and list items of one passage as facts (topic from heading and wording), in order.
std::vector<Fact> extract_facts(const Passage& passage);

/// Topic of a passage from its heading path ("Traction and Market > Market" gives kMarket).
std::optional<FactTopic> topic_of_heading(std::string_view heading);

/// Hashtag candidates ("#HVAC", "#Plumbing"), best first: prompt words the KB also uses, KB terms
/// that recur, words of the company's one-liner. Never the company name.
std::vector<std::string> hashtag_candidates(const Brief& brief, const std::vector<Fact>& facts,
                                            std::string_view company, std::string_view one_liner);

}  // namespace agents
}  // namespace swarm::core
