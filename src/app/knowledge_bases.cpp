#include "app/knowledge_bases.hpp"

#include "core/access/principal.hpp"

namespace swarm::app {

core::Result<core::WorkspaceKnowledge> WorkspaceKnowledgeBases::open(
    const core::WorkspaceId& workspace) {
    if (!core::access::is_workspace_id(workspace.str())) {
        return core::fail(core::ErrorCode::kInvalidArgument, "not a workspace id", "workspace");
    }
    const std::lock_guard lock(mutex_);
    auto it = bases_.find(workspace);
    if (it == bases_.end()) {
        SWARM_TRY_ASSIGN(auto base, open_(workspace));
        Entry entry{std::move(base), nullptr};
        entry.reading = std::make_unique<kb::ReadingLibrary>(*entry.base.documents);
        it = bases_.emplace(workspace, std::move(entry)).first;
    }
    return core::WorkspaceKnowledge{it->second.base.kb, it->second.reading.get()};
}

std::string sqlite_kb_path(const std::string& db_path, const core::WorkspaceId& workspace,
                           bool legacy) {
    return legacy ? db_path + ".kb" : db_path + "." + workspace.str() + ".kb";
}

}  // namespace swarm::app
