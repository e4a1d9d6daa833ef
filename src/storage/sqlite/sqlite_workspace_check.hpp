// The check every SQLite store makes before it writes (or reads) a workspace's rows: the
// workspace exists, in the caller's transaction.
#pragma once

#include "core/model/workspace.hpp"
#include "core/result.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace swarm::storage {

/// kNotFound (field "workspace") unless the workspace exists. Run inside the caller's read or
/// write, so a write checks and changes in one transaction.
inline core::Result<void> require_workspace(Connection& db, const core::WorkspaceId& workspace) {
    SWARM_TRY_ASSIGN(const auto found,
                     db.query_one(
                         "SELECT 1 FROM workspaces WHERE id = ?1",
                         [](const Statement& row) { return row.column_int(0); }, workspace.str()));
    if (!found) {
        return unknown_workspace(workspace);
    }
    return {};
}

}  // namespace swarm::storage
