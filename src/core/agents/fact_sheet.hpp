// The fact sheet: what research hands to every writer. Each fact is one sentence or list item taken
// from a knowledge-base passage (never paraphrased), with its topic, its numbers and its source.
#pragma once

#include "core/knowledge/statement_roles.hpp"
#include "core/model/content_item.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

/// What a fact is about; drives which slide or paragraph may use it.
enum class FactTopic {
    kProblem,
    kSolution,
    kProduct,
    kMarket,
    kBusinessModel,
    kPricing,
    kTraction,
    kCompetition,
    kTeam,
    kAsk,
    kCompany,
    kNumbers,  // a figure that fits no other topic
};

struct Fact {
    FactTopic topic = FactTopic::kCompany;
    std::string text;                  // the sentence or bullet, list markers and emphasis removed
    std::vector<std::string> numbers;  // number tokens as written: "$2.1M", "14%", "4,100"
    std::string passage_id;
    std::string document;
    std::string heading;
    double relevance = 0.0;  // overlap with the brief's prompt (higher is closer)
    std::size_t order = 0;   // position in research order (KB order within a passage)
    bool from_list = false;  // a bullet item rather than a prose sentence
    /// What the sentence is for; research hands writers only kFact (the rest steers or is left).
    knowledge::StatementRole role = knowledge::StatementRole::kFact;
};

struct FactSheet {
    std::string company_name;  // the brand name, else the most frequent capitalised name
    std::string one_liner;     // the first "<company> builds/is/..." sentence, may be empty
    std::vector<Fact> facts;   // deduplicated, in research order
    std::vector<std::string> hashtag_candidates;  // "#FieldService", best first, required excluded
    std::vector<std::string> angles;              // short phrases worth leading with
    std::string summary;          // a model researcher's two-sentence summary; empty offline
    std::vector<Source> sources;  // every passage a fact came from
    std::size_t document_count = 0;
    /// What instructions in the brief and the documents ask for (lead with / never mention).
    knowledge::Steering steering;
    /// Statements research kept out of the copy, by role ("internal": 3), for the run's notes.
    std::size_t withheld_internal = 0;
    std::size_t withheld_instructions = 0;
    std::size_t withheld_boilerplate = 0;
};

/// Stable snake_case name ("business_model").
std::string_view to_string(FactTopic topic);

/// Source record of the passage a fact came from.
Source source_of(const Fact& fact);

}  // namespace swarm::core
