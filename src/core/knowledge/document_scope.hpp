// A knowledge base narrowed to some of its documents: what a brief's "documents" lets a job read.
// The pipeline reads only through it, so research, the critique's searches and grounding agree.
#pragma once

#include "core/ports/document_library.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

/// The passages of `documents`, order kept; every passage when `documents` is empty.
std::vector<Passage> passages_of(std::vector<Passage> passages,
                                 std::span<const std::string> documents);

/// The index in `wanted` of the first name the knowledge base does not hold (`known` as
/// DocumentLibrary::list_documents gives it), or nullopt when it holds them all.
std::optional<std::size_t> first_unknown_document(std::span<const std::string> wanted,
                                                  std::span<const DocumentInfo> known);

/// Passes searches and the passage list through, keeping only passages of `documents`. A search
/// returns the same passages, in the same order, as the inner base's ranking with every other
/// document's passages removed (it asks the inner base for more until `limit` are found or the
/// matches run out). Thread-safe when the inner base is.
class DocumentScope final : public KnowledgeBase {
public:
    /// `documents` must not be empty (an empty list means no scope: use the inner base).
    DocumentScope(KnowledgeBase& inner, std::vector<std::string> documents);

    Result<std::vector<Passage>> search(std::string_view query, std::size_t limit) override;
    Result<std::vector<Passage>> all_passages() override;

private:
    bool in_scope(const Passage& passage) const;

    KnowledgeBase& inner_;
    std::vector<std::string> documents_;  // sorted, for binary search
};

}  // namespace swarm::core::knowledge
