// The check every PostgreSQL store makes before it writes (or reads) a workspace's rows: the
// workspace exists, in the caller's transaction.
#pragma once

#include "core/model/workspace.hpp"
#include "core/result.hpp"
#include "storage/common/store_errors.hpp"

#include <string>

#include <pqxx/pqxx>

namespace swarm::storage {

/// kNotFound (field "workspace") unless the workspace exists. With `lock` (FOR KEY SHARE) the row
/// cannot go away before the caller's write commits; the foreign keys are the backstop anyway.
inline core::Result<void> require_pg_workspace(pqxx::work& tx, const core::WorkspaceId& workspace,
                                               bool lock = false) {
    if (tx.exec_params(std::string("SELECT 1 FROM workspaces WHERE id = $1") +
                           (lock ? " FOR KEY SHARE" : ""),
                       workspace.str())
            .empty()) {
        return unknown_workspace(workspace);
    }
    return {};
}

}  // namespace swarm::storage
