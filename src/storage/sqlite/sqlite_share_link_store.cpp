#include "storage/sqlite/sqlite_share_link_store.hpp"

#include "storage/common/share_link_records.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::ShareLinkRecord>> find_share_link(Connection& db,
                                                                   const std::string& id) {
    return db.query_one(
        std::string("SELECT ") + kShareLinkColumns + " FROM share_links WHERE id = ?1",
        decoded(decode_share_link), id);
}

}  // namespace

core::Result<core::ShareLinkRecord> SqliteShareLinkStore::create(const core::NewShareLink& link) {
    const auto now = clock_.now();
    SWARM_TRY(check_new_share_link(link, now));
    return db_->write([&](Connection& db) -> core::Result<core::ShareLinkRecord> {
        SWARM_TRY(require_workspace(db, link.workspace));
        SWARM_TRY_ASSIGN(const auto job,
                         db.query_one(
                             "SELECT 1 FROM jobs WHERE id = ?1 AND workspace_id = ?2",
                             [](const Statement& row) { return row.column_int(0); }, link.job_id,
                             link.workspace.str()));
        if (!job) {
            return unknown_share_job(link.job_id);
        }
        SWARM_TRY(
            db.execute("INSERT INTO share_links (id, workspace_id, job_id, digest, "
                       "created_by, created_at, expires_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       link.id, link.workspace.str(), link.job_id, link.digest, link.created_by,
                       to_millis(now), to_millis(link.expires_at)));
        SWARM_TRY_ASSIGN(auto stored, find_share_link(db, link.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::ShareLinkRecord>> SqliteShareLinkStore::find(
    const std::string& id) {
    return db_->read([&](Connection& db) { return find_share_link(db, id); });
}

core::Result<std::vector<core::ShareLinkRecord>> SqliteShareLinkStore::list(
    const core::WorkspaceId& workspace, const std::string& job_id) {
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kShareLinkColumns +
                                " FROM share_links WHERE workspace_id = ?1 AND job_id = ?2"
                                " ORDER BY created_at DESC, id DESC",
                            decoded(decode_share_link), workspace.str(), job_id);
    });
}

core::Result<core::ShareLinkRecord> SqliteShareLinkStore::revoke(const core::WorkspaceId& workspace,
                                                                 const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::ShareLinkRecord> {
        SWARM_TRY(
            db.execute("UPDATE share_links SET revoked_at = COALESCE(revoked_at, ?3) "
                       "WHERE id = ?1 AND workspace_id = ?2",
                       id, workspace.str(), now));
        if (db.changes() == 0) {
            return unknown_share_link(id);
        }
        SWARM_TRY_ASSIGN(auto stored, find_share_link(db, id));
        return std::move(*stored);
    });
}

}  // namespace swarm::storage
