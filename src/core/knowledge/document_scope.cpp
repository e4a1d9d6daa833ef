#include "core/knowledge/document_scope.hpp"

#include <algorithm>
#include <limits>

namespace swarm::core::knowledge {
namespace {

// Each retry asks for this many times more: few round trips even when the scope's documents
// rank far below the others.
constexpr std::size_t kScopeWidenFactor = 4;

bool scope_names_hold(std::span<const std::string> sorted, const std::string& document) {
    return std::binary_search(sorted.begin(), sorted.end(), document);
}

std::vector<std::string> scope_sorted_names(std::span<const std::string> names) {
    std::vector<std::string> sorted(names.begin(), names.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

}  // namespace

std::vector<Passage> passages_of(std::vector<Passage> passages,
                                 std::span<const std::string> documents) {
    if (documents.empty()) {
        return passages;
    }
    const auto sorted = scope_sorted_names(documents);
    std::erase_if(passages,
                  [&](const Passage& p) { return !scope_names_hold(sorted, p.document); });
    return passages;
}

std::optional<std::size_t> first_unknown_document(std::span<const std::string> wanted,
                                                  std::span<const DocumentInfo> known) {
    std::vector<std::string> names;
    names.reserve(known.size());
    for (const auto& info : known) {
        names.push_back(info.name);
    }
    std::sort(names.begin(), names.end());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (!scope_names_hold(names, wanted[i])) {
            return i;
        }
    }
    return std::nullopt;
}

DocumentScope::DocumentScope(KnowledgeBase& inner, std::vector<std::string> documents)
    : inner_(inner), documents_(scope_sorted_names(documents)) {}

bool DocumentScope::in_scope(const Passage& passage) const {
    return scope_names_hold(documents_, passage.document);
}

Result<std::vector<Passage>> DocumentScope::search(std::string_view query, std::size_t limit) {
    std::vector<Passage> kept;
    if (limit == 0) {
        return kept;
    }
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    for (std::size_t fetch = limit;;) {
        SWARM_TRY_ASSIGN(auto hits, inner_.search(query, fetch));
        const bool exhausted = hits.size() < fetch || fetch == kMax;
        kept.clear();
        for (auto& hit : hits) {
            if (kept.size() < limit && in_scope(hit)) {
                kept.push_back(std::move(hit));
            }
        }
        if (kept.size() == limit || exhausted) {
            return kept;
        }
        fetch = fetch > kMax / kScopeWidenFactor ? kMax : fetch * kScopeWidenFactor;
    }
}

Result<std::vector<Passage>> DocumentScope::all_passages() {
    SWARM_TRY_ASSIGN(auto passages, inner_.all_passages());
    std::erase_if(passages, [this](const Passage& p) { return !in_scope(p); });
    return passages;
}

}  // namespace swarm::core::knowledge
