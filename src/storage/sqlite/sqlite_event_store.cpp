#include "storage/sqlite/sqlite_event_store.hpp"

#include "storage/common/records.hpp"
#include "storage/sqlite/sqlite_columns.hpp"

namespace swarm::storage {

core::Result<core::JobEvent> SqliteEventStore::append(const std::string& job_id,
                                                      const core::JobEvent& event) {
    core::JobEvent stored = event;
    if (stored.at == core::Timestamp{}) {
        stored.at = clock_.now();
    }
    return db_->write([&](Connection& db) -> core::Result<core::JobEvent> {
        // max+1 inside the write lock; the (job_id, seq) primary key is the backstop. A missing
        // job fails the foreign key, which translates to kNotFound.
        SWARM_TRY_ASSIGN(
            const auto seq,
            db.query_one(
                "INSERT INTO job_events (job_id, seq, type, agent, platform, message, at, "
                "elapsed_ms) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7 "
                "FROM job_events WHERE job_id = ?1 RETURNING seq",
                [](const Statement& row) { return row.column_int(0); }, job_id,
                core::to_string(stored.type), stored.agent, platform_name(stored.platform),
                stored.message, to_millis(stored.at), stored.elapsed.count()));
        stored.seq = seq.value_or(0);
        return stored;
    });
}

core::Result<std::vector<core::JobEvent>> SqliteEventStore::list_after(
    const core::WorkspaceId& workspace, const std::string& job_id, std::int64_t after_seq,
    int limit) {
    SWARM_TRY(check_limit(limit, 1000));
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kEventColumns +
                                " FROM job_events WHERE job_id = ?1 AND seq > ?2"
                                " AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ?1"
                                " AND jobs.workspace_id = ?4) ORDER BY seq LIMIT ?3",
                            decoded(decode_event), job_id, after_seq, limit, workspace.str());
    });
}

core::Result<std::int64_t> SqliteEventStore::last_seq(const core::WorkspaceId& workspace,
                                                      const std::string& job_id) {
    return db_->read([&](Connection& db) -> core::Result<std::int64_t> {
        SWARM_TRY_ASSIGN(
            const auto seq,
            db.query_one(
                "SELECT COALESCE(MAX(seq), 0) FROM job_events WHERE job_id = ?1"
                " AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ?1"
                " AND jobs.workspace_id = ?2)",
                [](const Statement& row) { return row.column_int(0); }, job_id, workspace.str()));
        return seq.value_or(0);
    });
}

}  // namespace swarm::storage
