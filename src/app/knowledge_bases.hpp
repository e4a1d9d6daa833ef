// core::KnowledgeBases for the server: each workspace's base opened on first use and kept, with
// PDF, DOCX and HTML uploads read before they are stored (kb::ReadingLibrary).
// SQLite: one file per workspace beside the database (the legacy workspace keeps PATH.kb, the
// file of versions before workspaces; others PATH.<workspace id>.kb). PostgreSQL: the kb_*
// tables, every query scoped by workspace.
#pragma once

#include "core/ports/knowledge_bases.hpp"
#include "kb/reading_library.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace swarm::app {

/// A base as an opener makes it: the object owning both ports, and the ports.
struct OpenedBase {
    std::shared_ptr<void> owner;
    core::KnowledgeBase* kb = nullptr;
    core::DocumentLibrary* documents = nullptr;
};

/// Thread-safe.
class WorkspaceKnowledgeBases final : public core::KnowledgeBases {
public:
    using Opener = std::function<core::Result<OpenedBase>(const core::WorkspaceId&)>;

    explicit WorkspaceKnowledgeBases(Opener open) : open_(std::move(open)) {}

    core::Result<core::WorkspaceKnowledge> open(const core::WorkspaceId& workspace) override;

private:
    struct Entry {
        OpenedBase base;
        std::unique_ptr<kb::ReadingLibrary> reading;
    };

    Opener open_;
    std::mutex mutex_;
    std::map<core::WorkspaceId, Entry> bases_;
};

/// The SQLite file of a workspace's base beside the database at `db_path`.
std::string sqlite_kb_path(const std::string& db_path, const core::WorkspaceId& workspace,
                           bool legacy);

}  // namespace swarm::app
