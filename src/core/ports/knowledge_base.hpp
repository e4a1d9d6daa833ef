// Port: the company's documents as ranked passages. Implemented by kb::SqliteKnowledgeBase (FTS5,
// BM25); test doubles are InMemory*. Research and the grounding validator read through it.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct Passage {
    std::string id;        // stable chunk id
    std::string document;  // source file name (relative to the ingested folder)
    std::string heading;   // heading path of the chunk, e.g. "Traction and Market > Traction"
    std::string text;
    double score = 0.0;  // higher is more relevant (negated BM25)
    // search only: the best-matching stretch of text on one line, matches in [brackets]. `{}`
    // keeps -Wmissing-field-initializers quiet for brace-initialised Passages that omit it.
    std::string snippet{};
};

class KnowledgeBase {
public:
    virtual ~KnowledgeBase() = default;

    /// Ranked passages for a free-text query (any words; operators are not interpreted).
    /// Returns an empty list, not an error, when nothing matches.
    virtual Result<std::vector<Passage>> search(std::string_view query, std::size_t limit) = 0;

    /// Every stored passage, in document then position order (for grounding checks).
    virtual Result<std::vector<Passage>> all_passages() = 0;
};

}  // namespace swarm::core
