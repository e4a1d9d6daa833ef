// Port: each workspace's knowledge base. A job is grounded in its own workspace's documents and
// the API reads and writes only the caller's: the base comes from the workspace, so there is no
// way to search another workspace's documents by forgetting a filter.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/document_library.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"

namespace swarm::core {

/// One workspace's base: search and passages for the pipeline, documents for the API. Both
/// point into the provider and live as long as it does.
struct WorkspaceKnowledge {
    KnowledgeBase* kb = nullptr;
    DocumentLibrary* documents = nullptr;
};

/// Thread-safety: open may be called from any thread; bases are opened once and kept.
class KnowledgeBases {
public:
    virtual ~KnowledgeBases() = default;

    /// The workspace's base, created empty on first use. kInvalidArgument for a malformed id;
    /// kIo when it cannot be opened.
    virtual Result<WorkspaceKnowledge> open(const WorkspaceId& workspace) = 0;
};

/// Every workspace sees one base: for the CLI's single run and for tests of one workspace.
class SharedKnowledgeBase final : public KnowledgeBases {
public:
    SharedKnowledgeBase(KnowledgeBase& kb, DocumentLibrary* documents)
        : kb_(kb), documents_(documents) {}

    Result<WorkspaceKnowledge> open(const WorkspaceId& /*workspace*/) override {
        return WorkspaceKnowledge{&kb_, documents_};
    }

private:
    KnowledgeBase& kb_;
    DocumentLibrary* documents_;
};

}  // namespace swarm::core
