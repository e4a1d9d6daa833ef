#include "storage/postgres/pg_audit_log.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_workspace_check.hpp"

namespace swarm::storage {

core::Result<core::AuditEntry> PgAuditLog::append(const core::WorkspaceId& workspace,
                                                  const core::NewAuditEntry& entry) {
    SWARM_TRY(check_audit_entry(entry));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::AuditEntry> {
        // Checked first to name the field; a workspace deleted meanwhile fails the foreign key
        // (kNotFound as well).
        SWARM_TRY(require_pg_workspace(tx, workspace));
        const auto inserted = tx.exec_params1(
            "INSERT INTO audit_log (workspace_id, at, actor, action, object, address, detail) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq",
            workspace.str(), now, entry.actor, entry.action, entry.object, entry.address,
            entry.detail);
        const auto seq = inserted[0].as<std::int64_t>();
        return core::AuditEntry{seq,          workspace,    from_millis(now), entry.actor,
                                entry.action, entry.object, entry.address,    entry.detail};
    });
}

core::Result<std::vector<core::AuditEntry>> PgAuditLog::list(const core::WorkspaceId& workspace,
                                                             const core::AuditQuery& query) {
    SWARM_TRY(check_audit_query(query));
    const auto filter = audit_action_filter(query);
    const auto limit = static_cast<std::int64_t>(query.limit);
    // The prefix is compared with left(), not LIKE: '%' and '_' in a filter match themselves.
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kAuditColumns +
                               " FROM audit_log WHERE workspace_id = $1"
                               " AND ($2::bigint IS NULL OR seq < $2::bigint)"
                               " AND ($3::text IS NULL OR action = $3::text)"
                               " AND ($4::text IS NULL"
                               "      OR left(action, length($4::text)) = $4::text)"
                               " ORDER BY seq DESC LIMIT $5",
                           workspace.str(), query.before_seq, filter.exact, filter.prefix, limit),
            decode_audit_entry);
    });
}

}  // namespace swarm::storage
