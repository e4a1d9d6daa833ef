#include "storage/sqlite/sqlite_raw_output_store.hpp"

#include "storage/common/records.hpp"
#include "storage/sqlite/sqlite_columns.hpp"

namespace swarm::storage {

core::Result<std::int64_t> SqliteRawOutputStore::append(const std::string& job_id,
                                                        const std::string& agent,
                                                        std::optional<core::Platform> platform,
                                                        const std::string& text) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        SWARM_TRY(
            db.execute("INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
                       job_id, agent, platform_name(platform), text, now));
        return db.last_insert_rowid();
    });
}

core::Result<std::vector<core::RawOutputRecord>> SqliteRawOutputStore::list(
    const core::WorkspaceId& workspace, const std::string& job_id) {
    return db_->read([&](Connection& db) {
        return db.query_all(
            std::string("SELECT ") + kRawOutputColumns +
                " FROM raw_outputs WHERE job_id = ?1 AND EXISTS (SELECT 1 FROM jobs"
                " WHERE jobs.id = ?1 AND jobs.workspace_id = ?2) ORDER BY id",
            [&](const Statement& row) { return decode_raw_output(SqliteColumns(row), job_id); },
            job_id, workspace.str());
    });
}

}  // namespace swarm::storage
