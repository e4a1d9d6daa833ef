// core::AuditLog on PostgreSQL: a workspace's append-only audit trail in the server's database
// (the table's trigger refuses any UPDATE, DELETE or TRUNCATE).
#pragma once

#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see PgDatabase). `clock` must outlive the store.
class PgAuditLog final : public core::AuditLog {
public:
    PgAuditLog(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::AuditEntry> append(const core::WorkspaceId& workspace,
                                          const core::NewAuditEntry& entry) override;
    core::Result<std::vector<core::AuditEntry>> list(const core::WorkspaceId& workspace,
                                                     const core::AuditQuery& query) override;

private:
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
