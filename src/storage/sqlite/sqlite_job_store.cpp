#include "storage/sqlite/sqlite_job_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"

namespace swarm::storage {

core::Result<core::JobRecord> SqliteJobStore::load(Connection& db, const std::string& id) {
    SWARM_TRY_ASSIGN(auto job,
                     db.query_one(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?1",
                                  decoded(decode_job), id));
    if (!job) {
        return not_found("job", id);
    }
    return std::move(*job);
}

core::Result<core::JobRecord> SqliteJobStore::load(Connection& db,
                                                   const core::WorkspaceId& workspace,
                                                   const std::string& id) {
    SWARM_TRY_ASSIGN(auto job, db.query_one(std::string("SELECT ") + kJobColumns +
                                                " FROM jobs WHERE id = ?1 AND workspace_id = ?2",
                                            decoded(decode_job), id, workspace.str()));
    if (!job) {
        return not_found("job", id);
    }
    return std::move(*job);
}

core::Result<core::CreatedJob> SqliteJobStore::create(const core::WorkspaceId& workspace,
                                                      const core::NewJob& job) {
    SWARM_TRY(check_id(job.id));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::CreatedJob> {
        // The write lock (BEGIN IMMEDIATE) makes lookup + insert atomic; the UNIQUE index on
        // (workspace_id, request_key) is the backstop.
        if (job.idempotency_key) {
            SWARM_TRY_ASSIGN(const auto existing,
                             db.query_one(
                                 "SELECT id FROM jobs WHERE workspace_id = ?1 AND request_key = ?2",
                                 [](const Statement& row) { return row.column_text(0); },
                                 workspace.str(), *job.idempotency_key));
            if (existing) {
                SWARM_TRY_ASSIGN(auto found, load(db, *existing));
                return core::CreatedJob{std::move(found), false};
            }
        }
        SWARM_TRY(db.execute(
            "INSERT INTO jobs (id, status, brief_json, requested_platforms, request_key, "
            "created_at, updated_at, workspace_id) VALUES (?1, 'queued', ?2, ?3, ?4, ?5, ?5, ?6)",
            job.id, job.brief_json, encode_platforms(job.requested_platforms), job.idempotency_key,
            now, workspace.str()));
        SWARM_TRY_ASSIGN(auto created, load(db, job.id));
        return core::CreatedJob{std::move(created), true};
    });
}

core::Result<core::JobRecord> SqliteJobStore::get(const core::WorkspaceId& workspace,
                                                  const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, workspace, id); });
}

core::Result<core::JobRecord> SqliteJobStore::get_for_worker(const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, id); });
}

core::Result<core::JobPage> SqliteJobStore::list(const core::WorkspaceId& workspace,
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
    return db_->read([&](Connection& db) -> core::Result<core::JobPage> {
        core::JobPage page;
        SWARM_TRY_ASSIGN(
            page.jobs,
            db.query_all(std::string("SELECT ") + kJobColumns +
                             " FROM jobs WHERE workspace_id = ?5 AND (?1 IS NULL OR status = ?1)"
                             " AND (?2 IS NULL OR (created_at, id) < (?2, ?3))"
                             " AND (?6 IS NULL OR created_at >= ?6)"
                             " AND (?7 IS NULL OR created_at < ?7)"
                             " ORDER BY created_at DESC, id DESC LIMIT ?4",
                         decoded(decode_job), status, start.created_at, start.id, start.fetch,
                         workspace.str(), from, to));
        page.next_cursor = take_page(page.jobs, query.limit);
        return page;
    });
}

core::Result<std::map<core::JobStatus, std::int64_t>> SqliteJobStore::count_by_status() {
    using Counts = std::map<core::JobStatus, std::int64_t>;
    return db_->read([](Connection& db) -> core::Result<Counts> {
        auto counts = zero_status_counts();
        SWARM_TRY_ASSIGN(
            const auto rows,
            db.query_all(
                "SELECT status, COUNT(*) FROM jobs GROUP BY status",
                [](const Statement& row) -> core::Result<std::pair<core::JobStatus, std::int64_t>> {
                    SWARM_TRY_ASSIGN(const auto status, decode_job_status(row.column_text(0)));
                    return std::pair{status, row.column_int(1)};
                }));
        for (const auto& [status, count] : rows) {
            counts[status] = count;
        }
        return counts;
    });
}

core::Result<core::WorkspaceLoad> SqliteJobStore::workspace_load(const core::WorkspaceId& workspace,
                                                                 core::Timestamp since) {
    return db_->read([&](Connection& db) -> core::Result<core::WorkspaceLoad> {
        // One statement, one snapshot; each part is a range of one of the workspace's indexes
        // (jobs_by_workspace_status covers the count, jobs_by_workspace_created finds the rows
        // whose tokens and cost are summed).
        SWARM_TRY_ASSIGN(
            const auto load,
            db.query_one(
                "SELECT (SELECT COUNT(*) FROM jobs WHERE workspace_id = ?1"
                " AND status IN ('queued', 'running')),"
                " s.tokens, s.cost FROM (SELECT"
                " COALESCE(SUM(usage_input_tokens + usage_output_tokens), 0) AS tokens,"
                " COALESCE(SUM(usage_cost_usd), 0.0) AS cost FROM jobs"
                " WHERE workspace_id = ?1 AND created_at >= ?2) s",
                [](const Statement& row) {
                    return core::WorkspaceLoad{row.column_int(0), row.column_int(1),
                                               row.column_double(2)};
                },
                workspace.str(), to_millis(since)));
        return load.value_or(core::WorkspaceLoad{});
    });
}

}  // namespace swarm::storage
