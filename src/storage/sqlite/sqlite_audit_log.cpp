#include "storage/sqlite/sqlite_audit_log.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_workspace_check.hpp"

namespace swarm::storage {

core::Result<core::AuditEntry> SqliteAuditLog::append(const core::WorkspaceId& workspace,
                                                      const core::NewAuditEntry& entry) {
    SWARM_TRY(check_audit_entry(entry));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::AuditEntry> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY_ASSIGN(
            const auto seq,
            db.query_one(
                "INSERT INTO audit_log (workspace_id, at, actor, action, object, "
                "address, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING seq",
                [](const Statement& row) { return row.column_int(0); }, workspace.str(), now,
                entry.actor, entry.action, entry.object, entry.address, entry.detail));
        if (!seq) {
            return core::fail(core::ErrorCode::kIo, "storage sqlite: the audit entry got no seq");
        }
        return core::AuditEntry{*seq,         workspace,    from_millis(now), entry.actor,
                                entry.action, entry.object, entry.address,    entry.detail};
    });
}

core::Result<std::vector<core::AuditEntry>> SqliteAuditLog::list(const core::WorkspaceId& workspace,
                                                                 const core::AuditQuery& query) {
    SWARM_TRY(check_audit_query(query));
    const auto filter = audit_action_filter(query);
    // The prefix is compared with substr, not LIKE: '%' and '_' in a filter match themselves.
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kAuditColumns +
                                " FROM audit_log WHERE workspace_id = ?1"
                                " AND (?2 IS NULL OR seq < ?2)"
                                " AND (?3 IS NULL OR action = ?3)"
                                " AND (?4 IS NULL OR substr(action, 1, length(?4)) = ?4)"
                                " ORDER BY seq DESC LIMIT ?5",
                            decoded(decode_audit_entry), workspace.str(), query.before_seq,
                            filter.exact, filter.prefix, query.limit);
    });
}

}  // namespace swarm::storage
