#include "storage/postgres/pg_raw_output_store.hpp"

#include "storage/common/records.hpp"
#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

core::Result<std::int64_t> PgRawOutputStore::append(const std::string& job_id,
                                                    const std::string& agent,
                                                    std::optional<core::Platform> platform,
                                                    const std::string& text) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        // The identity column gives increasing ids; a missing job fails the foreign key.
        return pg_int(
            tx.exec_params1("INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) "
                            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            job_id, agent, platform_name(platform), text, now)[0]);
    });
}

core::Result<std::vector<core::RawOutputRecord>> PgRawOutputStore::list(
    const core::WorkspaceId& workspace, const std::string& job_id) {
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(tx.exec_params(std::string("SELECT ") + kRawOutputColumns +
                                              " FROM raw_outputs WHERE job_id = $1 AND EXISTS"
                                              " (SELECT 1 FROM jobs WHERE jobs.id = $1"
                                              " AND jobs.workspace_id = $2) ORDER BY id",
                                          job_id, workspace.str()),
                           [&](const Columns& row) { return decode_raw_output(row, job_id); });
    });
}

}  // namespace swarm::storage
