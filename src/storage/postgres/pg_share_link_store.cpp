#include "storage/postgres/pg_share_link_store.hpp"

#include "storage/common/share_link_records.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::ShareLinkRecord>> find_pg_share_link(pqxx::work& tx,
                                                                      const std::string& id) {
    return decode_first(
        tx.exec_params(
            std::string("SELECT ") + kShareLinkColumns + " FROM share_links WHERE id = $1", id),
        decode_share_link);
}

}  // namespace

core::Result<core::ShareLinkRecord> PgShareLinkStore::create(const core::NewShareLink& link) {
    const auto now = clock_.now();
    SWARM_TRY(check_new_share_link(link, now));
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ShareLinkRecord> {
        SWARM_TRY(require_pg_workspace(tx, link.workspace, true));
        // FOR KEY SHARE: the job cannot go away before the link is stored.
        if (tx.exec_params("SELECT 1 FROM jobs WHERE id = $1 AND workspace_id = $2 FOR KEY SHARE",
                           link.job_id, link.workspace.str())
                .empty()) {
            return unknown_share_job(link.job_id);
        }
        try {
            tx.exec_params0(
                "INSERT INTO share_links (id, workspace_id, job_id, digest, created_by, "
                "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                link.id, link.workspace.str(), link.job_id, link.digest, link.created_by,
                to_millis(now), to_millis(link.expires_at));
        } catch (const pqxx::unique_violation&) {
            return core::fail(core::ErrorCode::kAlreadyExists, "the share link id is taken", "id");
        }
        SWARM_TRY_ASSIGN(auto stored, find_pg_share_link(tx, link.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::ShareLinkRecord>> PgShareLinkStore::find(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return find_pg_share_link(tx, id); });
}

core::Result<std::vector<core::ShareLinkRecord>> PgShareLinkStore::list(
    const core::WorkspaceId& workspace, const std::string& job_id) {
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(tx.exec_params(std::string("SELECT ") + kShareLinkColumns +
                                              " FROM share_links WHERE workspace_id = $1"
                                              " AND job_id = $2 ORDER BY created_at DESC, id DESC",
                                          workspace.str(), job_id),
                           decode_share_link);
    });
}

core::Result<core::ShareLinkRecord> PgShareLinkStore::revoke(const core::WorkspaceId& workspace,
                                                             const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ShareLinkRecord> {
        if (tx.exec_params("UPDATE share_links SET revoked_at = COALESCE(revoked_at, $3) "
                           "WHERE id = $1 AND workspace_id = $2",
                           id, workspace.str(), now)
                .affected_rows() == 0) {
            return unknown_share_link(id);
        }
        SWARM_TRY_ASSIGN(auto stored, find_pg_share_link(tx, id));
        return std::move(*stored);
    });
}

}  // namespace swarm::storage
