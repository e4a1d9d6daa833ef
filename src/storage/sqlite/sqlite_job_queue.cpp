// SqliteJobStore's queue lifecycle: claim, lease renewal, fenced run writes (finish, notes,
// usage), cancel, drain hand-back and the requeue of interrupted runs with capped backoff.
#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"

namespace swarm::storage {

namespace {

// Closes the current run in the history: claim, worker, started, ended (?1), outcome (?5).
constexpr std::string_view kCloseRun =
    "history = history || claims || char(9) || lease_owner || char(9) || "
    "coalesce(claimed_at, started_at, ?1) || char(9) || ?1 || char(9) || ?5 || char(10)";

// Requeue after an interrupted run: ?1 now, ?2 max attempts, ?3 backoff base ms, ?4 cap ms,
// ?5 history outcome, ?6 why (for the give-up error), ?7 lease cutoff or NULL for every run.
// SET expressions all read the row as it was, so "attempts" is the run's own count.
std::string requeue_sql() {
    return std::string(
               "UPDATE jobs SET "
               "status = CASE WHEN attempts >= ?2 THEN 'failed' ELSE 'queued' END, "
               "not_before = CASE WHEN attempts >= ?2 THEN NULL "
               "ELSE ?1 + min(?4, ?3 * (1 << min(max(attempts - 1, 0), 30))) END, "
               "error = CASE WHEN attempts >= ?2 THEN 'gave up after ' || attempts || "
               "CASE WHEN attempts = 1 THEN ' attempt: ' ELSE ' attempts: ' END || ?6 "
               "ELSE error END, "
               "missing_platforms = CASE WHEN attempts >= ?2 THEN requested_platforms "
               "ELSE missing_platforms END, "
               "finished_at = CASE WHEN attempts >= ?2 THEN ?1 ELSE finished_at END, ") +
           std::string(kCloseRun) +
           ", lease_owner = '', lease_expires_at = NULL, updated_at = ?1 "
           "WHERE status = 'running' AND (?7 IS NULL OR lease_expires_at < ?7) RETURNING " +
           kRequeuedColumns;
}

core::Result<std::vector<core::RequeuedJob>> requeue(SqliteDatabase& database, core::Timestamp now,
                                                     std::optional<std::int64_t> cutoff,
                                                     const core::RetryPolicy& policy,
                                                     std::string_view outcome,
                                                     std::string_view why) {
    return database.write([&](Connection& db) -> core::Result<std::vector<core::RequeuedJob>> {
        return db.query_all(requeue_sql(), decoded(decode_requeued), to_millis(now),
                            policy.max_attempts, policy.backoff_base.count(),
                            policy.backoff_cap.count(), outcome, why, cutoff);
    });
}

}  // namespace

core::Result<std::optional<core::JobRecord>> SqliteJobStore::claim_next(
    const std::string& worker_id, std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->write([&](Connection& db) -> core::Result<std::optional<core::JobRecord>> {
        // One statement under the write lock: no other connection can claim between the pick
        // and the update. A job in its retry backoff (not_before ahead) is passed over.
        return db.query_one(std::string("UPDATE jobs SET status = 'running', "
                                        "attempts = attempts + 1, claims = claims + 1, "
                                        "claimed_at = ?3, not_before = NULL, lease_owner = ?1, "
                                        "lease_expires_at = ?2, "
                                        "started_at = COALESCE(started_at, ?3), updated_at = ?3 "
                                        "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
                                        "AND (not_before IS NULL OR not_before <= ?3) "
                                        "ORDER BY created_at, id LIMIT 1) RETURNING ") +
                                kJobColumns,
                            decoded(decode_job), worker_id, to_millis(now + lease), to_millis(now));
    });
}

namespace {

/// Runs a fenced UPDATE (its WHERE ends with "id = ?1 AND status = 'running' AND lease_owner =
/// ?2 AND claims = ?3"; `rest` binds ?4 on), then returns the job, or why the claim failed.
template <class... Rest>
core::Result<core::JobRecord> fenced_update(Connection& db, const std::string& sql,
                                            const std::string& id, const core::JobClaim& claim,
                                            const Rest&... rest) {
    SWARM_TRY(db.execute(sql, id, claim.worker_id, claim.claim, rest...));
    const bool changed = db.changes() > 0;
    auto job = SqliteJobStore::load(db, id);
    if (!job || changed) {
        return job;
    }
    return not_held(*job, claim);
}

}  // namespace

core::Result<core::JobRecord> SqliteJobStore::renew_lease(const std::string& id,
                                                          const core::JobClaim& claim,
                                                          std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->write([&](Connection& db) {
        return fenced_update(db,
                             "UPDATE jobs SET lease_expires_at = ?4, updated_at = ?5 WHERE id = ?1 "
                             "AND status = 'running' AND lease_owner = ?2 AND claims = ?3",
                             id, claim, to_millis(now + lease), to_millis(now));
    });
}

core::Result<core::JobRecord> SqliteJobStore::finish(
    const std::string& id, const core::JobClaim& claim, core::JobStatus final_status,
    const std::string& error, const std::vector<core::Platform>& missing_platforms) {
    SWARM_TRY(check_final_status(final_status));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        SWARM_TRY(db.execute(
            "UPDATE jobs SET status = ?5, error = ?6, missing_platforms = ?7, " +
                std::string(kCloseRun) +
                ", lease_owner = '', lease_expires_at = NULL, finished_at = ?1, updated_at = ?1 "
                "WHERE id = ?2 AND status = 'running' AND lease_owner = ?3 AND claims = ?4",
            now, id, claim.worker_id, claim.claim, core::to_string(final_status), error,
            encode_platforms(missing_platforms)));
        const bool changed = db.changes() > 0;
        SWARM_TRY_ASSIGN(auto job, load(db, id));
        if (!changed) {
            // Idempotent for the claim that finished it (a retry after an unknown outcome).
            SWARM_TRY(check_repeat_finish(job, claim, final_status));
        }
        return job;
    });
}

core::Result<core::JobRecord> SqliteJobStore::set_notes(const std::string& id,
                                                        const core::JobClaim& claim,
                                                        const std::vector<std::string>& notes) {
    const auto text = encode_notes(notes);
    return db_->write([&](Connection& db) {
        return fenced_update(db,
                             "UPDATE jobs SET notes = ?4 WHERE id = ?1 AND status = 'running' "
                             "AND lease_owner = ?2 AND claims = ?3",
                             id, claim, text);
    });
}

core::Result<core::JobRecord> SqliteJobStore::add_usage(const std::string& id,
                                                        const core::JobClaim& claim,
                                                        const core::JobUsage& usage) {
    return db_->write([&](Connection& db) {
        return fenced_update(
            db,
            "UPDATE jobs SET usage_input_tokens = usage_input_tokens + ?4, "
            "usage_output_tokens = usage_output_tokens + ?5, "
            "usage_cost_usd = usage_cost_usd + ?6, usage_model_calls = usage_model_calls + ?7 "
            "WHERE id = ?1 AND status = 'running' AND lease_owner = ?2 AND claims = ?3",
            id, claim, usage.input_tokens, usage.output_tokens, usage.cost_usd, usage.model_calls);
    });
}

core::Result<core::JobRecord> SqliteJobStore::request_cancel(const core::WorkspaceId& workspace,
                                                             const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto job = load(db, workspace, id);
        if (!job || job->status == core::JobStatus::kCancelled) {
            return job;
        }
        const char* sql = nullptr;
        if (job->status == core::JobStatus::kQueued) {
            sql =
                "UPDATE jobs SET status = 'cancelled', not_before = NULL, finished_at = ?2, "
                "updated_at = ?2 WHERE id = ?1";
        } else if (job->status == core::JobStatus::kRunning) {
            // The runner owns the job; it polls the flag and finishes as cancelled.
            sql = "UPDATE jobs SET cancel_requested = 1, updated_at = ?2 WHERE id = ?1";
        } else {
            return wrong_state(*job, "a finished job cannot be cancelled");
        }
        SWARM_TRY(db.execute(sql, id, now));
        return load(db, id);
    });
}

core::Result<std::vector<core::RequeuedJob>> SqliteJobStore::hand_back(
    const std::string& worker_id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::vector<core::RequeuedJob>> {
        // A graceful hand-back is not a failure: no backoff, and the attempt is given back.
        // ?3 and ?4 are unused: kCloseRun reads the outcome from ?5.
        return db.query_all(
            "UPDATE jobs SET status = 'queued', attempts = max(attempts - 1, 0), "
            "not_before = NULL, " +
                std::string(kCloseRun) +
                ", lease_owner = '', lease_expires_at = NULL, updated_at = ?1 "
                "WHERE status = 'running' AND lease_owner = ?2 RETURNING " +
                kRequeuedColumns,
            decoded(decode_requeued), now, worker_id, std::nullopt, std::nullopt, "handed_back");
    });
}

core::Result<std::vector<core::RequeuedJob>> SqliteJobStore::requeue_interrupted(
    const core::RetryPolicy& policy) {
    return requeue(*db_, clock_.now(), std::nullopt, policy, "interrupted",
                   "the last run was interrupted (its process stopped)");
}

core::Result<std::vector<core::RequeuedJob>> SqliteJobStore::requeue_expired_leases(
    core::Timestamp now, const core::RetryPolicy& policy) {
    return requeue(*db_, clock_.now(), to_millis(now), policy, "lease_expired",
                   "the last run's lease expired (its worker stopped renewing it)");
}

}  // namespace swarm::storage
