// core::AuditLog on SQLite: a workspace's append-only audit trail in the server's database (the
// table's triggers refuse any UPDATE or DELETE).
#pragma once

#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteAuditLog final : public core::AuditLog {
public:
    SqliteAuditLog(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::AuditEntry> append(const core::WorkspaceId& workspace,
                                          const core::NewAuditEntry& entry) override;
    core::Result<std::vector<core::AuditEntry>> list(const core::WorkspaceId& workspace,
                                                     const core::AuditQuery& query) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
