#include "storage/postgres/pg_job_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

core::Result<core::JobRecord> PgJobStore::returned(const pqxx::result& result,
                                                   const std::string& id) {
    if (result.empty()) {
        return not_found("job", id);
    }
    return decode_job(PgColumns(result[0]));
}

core::Result<core::JobRecord> PgJobStore::load(pqxx::work& tx, const std::string& id,
                                               bool for_update) {
    return returned(
        tx.exec_params(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = $1" +
                           (for_update ? " FOR UPDATE" : ""),
                       id),
        id);
}

core::Result<core::JobRecord> PgJobStore::load(pqxx::work& tx, const core::WorkspaceId& workspace,
                                               const std::string& id, bool for_update) {
    return returned(tx.exec_params(std::string("SELECT ") + kJobColumns +
                                       " FROM jobs WHERE id = $1 AND workspace_id = $2" +
                                       (for_update ? " FOR UPDATE" : ""),
                                   id, workspace.str()),
                    id);
}

core::Result<core::CreatedJob> PgJobStore::create(const core::WorkspaceId& workspace,
                                                  const core::NewJob& job) {
    SWARM_TRY(check_id(job.id));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::CreatedJob> {
        // The UNIQUE key is the arbiter across replicas: a concurrent create with the same key
        // waits for the other transaction, then inserts nothing and reads its job. A taken id
        // (with a new key) still fails with unique_violation → kAlreadyExists.
        const auto inserted = tx.exec_params(
            std::string("INSERT INTO jobs (id, status, brief_json, requested_platforms, "
                        "request_key, created_at, updated_at, workspace_id) "
                        "VALUES ($1, 'queued', $2, $3, $4, $5, $5, $6) "
                        "ON CONFLICT (workspace_id, request_key) DO NOTHING RETURNING ") +
                kJobColumns,
            job.id, job.brief_json, encode_platforms(job.requested_platforms), job.idempotency_key,
            now, workspace.str());
        if (!inserted.empty()) {
            SWARM_TRY_ASSIGN(auto created, decode_job(PgColumns(inserted[0])));
            return core::CreatedJob{std::move(created), true};
        }
        const auto existing =
            tx.exec_params(std::string("SELECT ") + kJobColumns +
                               " FROM jobs WHERE workspace_id = $1 AND request_key = $2",
                           workspace.str(), job.idempotency_key);
        SWARM_TRY_ASSIGN(auto found, returned(existing, job.id));
        return core::CreatedJob{std::move(found), false};
    });
}

core::Result<core::JobRecord> PgJobStore::get(const core::WorkspaceId& workspace,
                                              const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, workspace, id); });
}

core::Result<core::JobRecord> PgJobStore::get_for_worker(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, id); });
}

core::Result<core::JobPage> PgJobStore::list(const core::WorkspaceId& workspace,
                                             const core::JobQuery& query) {
    SWARM_TRY_ASSIGN(const auto start, page_start(query.cursor, query.limit, 100));
    std::optional<std::string> status;
    if (query.status) {
        status = std::string(core::to_string(*query.status));
    }
    // The window [from, to) narrows the range jobs_by_workspace_created scans; the cursor
    // continues inside it.
    const auto from = optional_millis(query.created_from);
    const auto to = optional_millis(query.created_to);
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobPage> {
        const auto rows = tx.exec_params(
            std::string("SELECT ") + kJobColumns +
                " FROM jobs WHERE workspace_id = $5 AND ($1::text IS NULL OR status = $1::text)"
                " AND ($2::bigint IS NULL OR (created_at, id) < ($2::bigint, $3::text))"
                " AND ($6::bigint IS NULL OR created_at >= $6::bigint)"
                " AND ($7::bigint IS NULL OR created_at < $7::bigint)"
                " ORDER BY created_at DESC, id DESC LIMIT $4",
            status, start.created_at, start.id, start.fetch, workspace.str(), from, to);
        core::JobPage page;
        SWARM_TRY_ASSIGN(page.jobs, decode_rows(rows, decode_job));
        page.next_cursor = take_page(page.jobs, query.limit);
        return page;
    });
}

core::Result<std::map<core::JobStatus, std::int64_t>> PgJobStore::count_by_status() {
    using Counts = std::map<core::JobStatus, std::int64_t>;
    return db_->transact([](pqxx::work& tx) -> core::Result<Counts> {
        auto counts = zero_status_counts();
        for (const auto& row : tx.exec("SELECT status, COUNT(*) FROM jobs GROUP BY status")) {
            SWARM_TRY_ASSIGN(const auto status, decode_job_status(pg_text(row[0])));
            counts[status] = pg_int(row[1]);
        }
        return counts;
    });
}

core::Result<core::WorkspaceLoad> PgJobStore::workspace_load(const core::WorkspaceId& workspace,
                                                             core::Timestamp since) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::WorkspaceLoad> {
        // One statement, one snapshot; each part is a range of one of the workspace's indexes
        // (jobs_by_workspace_status covers the count, jobs_by_workspace_created finds the rows
        // whose tokens and cost are summed).
        const auto rows = tx.exec_params(
            "SELECT (SELECT COUNT(*) FROM jobs WHERE workspace_id = $1"
            " AND status IN ('queued', 'running')),"
            " s.tokens, s.cost FROM (SELECT"
            " COALESCE(SUM(usage_input_tokens + usage_output_tokens), 0)::bigint AS tokens,"
            " COALESCE(SUM(usage_cost_usd), 0)::double precision AS cost"
            " FROM jobs WHERE workspace_id = $1 AND created_at >= $2) s",
            workspace.str(), to_millis(since));
        if (rows.empty()) {
            return core::WorkspaceLoad{};
        }
        return core::WorkspaceLoad{pg_int(rows[0][0]), pg_int(rows[0][1]), pg_double(rows[0][2])};
    });
}

}  // namespace swarm::storage
