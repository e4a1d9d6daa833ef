// PgJobStore's queue lifecycle: claim (FOR UPDATE SKIP LOCKED), lease renewal, fenced run writes
// (finish, notes, usage), cancel, drain hand-back, and the requeue of interrupted runs (restart,
// expired leases) with capped backoff and a maximum. Each method is one transaction.
#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_job_store.hpp"

namespace swarm::storage {

namespace {

/// Closes the current run in the history: claim, worker, started, ended ($1, the time "now"),
/// and the outcome in parameter `outcome` ("$5").
std::string close_run(std::string_view outcome) {
    return "history = history || claims::text || E'\\t' || lease_owner || E'\\t' || "
           "COALESCE(claimed_at, started_at, $1::bigint)::text || E'\\t' || $1::bigint::text || "
           "E'\\t' || " +
           std::string(outcome) + "::text || E'\\n'";
}

/// Rows of a statement that returns kRequeuedColumns.
core::Result<std::vector<core::RequeuedJob>> requeued_rows(const pqxx::result& rows) {
    return decode_rows(rows, decode_requeued);
}

/// A fenced statement's job, or why `claim` does not hold it (kNotFound when absent).
core::Result<core::JobRecord> fenced(pqxx::work& tx, const pqxx::result& rows,
                                     const std::string& id, const core::JobClaim& claim) {
    if (!rows.empty()) {
        return decode_job(PgColumns(rows[0]));
    }
    SWARM_TRY_ASSIGN(const auto job, PgJobStore::load(tx, id));
    return not_held(job, claim);
}

}  // namespace

core::Result<std::optional<core::JobRecord>> PgJobStore::claim_next(
    const std::string& worker_id, std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::optional<core::JobRecord>> {
        // The pick locks its row and skips rows other replicas are claiming, so concurrent
        // claims never wait on each other and never take the same job; pick and state change
        // commit together, so no transaction stays open while the job runs. A job in its retry
        // backoff (not_before ahead) is passed over.
        return decode_first(
            tx.exec_params(
                std::string("UPDATE jobs SET status = 'running', attempts = attempts + 1, "
                            "claims = claims + 1, claimed_at = $3, not_before = NULL, "
                            "lease_owner = $1, lease_expires_at = $2, "
                            "started_at = COALESCE(started_at, $3), updated_at = $3 "
                            "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
                            "AND (not_before IS NULL OR not_before <= $3) "
                            "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING ") +
                    kJobColumns,
                worker_id, to_millis(now + lease), to_millis(now)),
            decode_job);
    });
}

core::Result<core::JobRecord> PgJobStore::renew_lease(const std::string& id,
                                                      const core::JobClaim& claim,
                                                      std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        // Fenced by owner, claim and state in the statement itself: a worker whose job was
        // rescued and claimed again (even by the same worker id) cannot extend the new lease.
        const auto rows = tx.exec_params(
            std::string("UPDATE jobs SET lease_expires_at = $4, updated_at = $5 "
                        "WHERE id = $1 AND status = 'running' AND lease_owner = $2 "
                        "AND claims = $3 RETURNING ") +
                kJobColumns,
            id, claim.worker_id, claim.claim, to_millis(now + lease), to_millis(now));
        return fenced(tx, rows, id, claim);
    });
}

core::Result<core::JobRecord> PgJobStore::finish(
    const std::string& id, const core::JobClaim& claim, core::JobStatus final_status,
    const std::string& error, const std::vector<core::Platform>& missing_platforms) {
    SWARM_TRY(check_final_status(final_status));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        const auto rows = tx.exec_params(
            "UPDATE jobs SET status = $5, error = $6, missing_platforms = $7, " + close_run("$5") +
                ", lease_owner = '', lease_expires_at = NULL, finished_at = $1, updated_at = $1 "
                "WHERE id = $2 AND status = 'running' AND lease_owner = $3 AND claims = $4 "
                "RETURNING " +
                kJobColumns,
            now, id, claim.worker_id, claim.claim, std::string(core::to_string(final_status)),
            error, encode_platforms(missing_platforms));
        if (!rows.empty()) {
            return decode_job(PgColumns(rows[0]));
        }
        SWARM_TRY_ASSIGN(auto job, load(tx, id));
        // Idempotent for the claim that finished it (a retry after an unknown outcome).
        SWARM_TRY(check_repeat_finish(job, claim, final_status));
        return job;
    });
}

core::Result<core::JobRecord> PgJobStore::set_notes(const std::string& id,
                                                    const core::JobClaim& claim,
                                                    const std::vector<std::string>& notes) {
    const auto text = encode_notes(notes);
    return db_->transact([&](pqxx::work& tx) {
        const auto rows = tx.exec_params(
            std::string("UPDATE jobs SET notes = $4 WHERE id = $1 AND status = 'running' "
                        "AND lease_owner = $2 AND claims = $3 RETURNING ") +
                kJobColumns,
            id, claim.worker_id, claim.claim, text);
        return fenced(tx, rows, id, claim);
    });
}

core::Result<core::JobRecord> PgJobStore::add_usage(const std::string& id,
                                                    const core::JobClaim& claim,
                                                    const core::JobUsage& usage) {
    return db_->transact([&](pqxx::work& tx) {
        const auto rows = tx.exec_params(
            std::string("UPDATE jobs SET usage_input_tokens = usage_input_tokens + $4, "
                        "usage_output_tokens = usage_output_tokens + $5, "
                        "usage_cost_usd = usage_cost_usd + $6, "
                        "usage_model_calls = usage_model_calls + $7 "
                        "WHERE id = $1 AND status = 'running' AND lease_owner = $2 "
                        "AND claims = $3 RETURNING ") +
                kJobColumns,
            id, claim.worker_id, claim.claim, usage.input_tokens, usage.output_tokens,
            usage.cost_usd, static_cast<std::int64_t>(usage.model_calls));
        return fenced(tx, rows, id, claim);
    });
}

core::Result<core::JobRecord> PgJobStore::request_cancel(const core::WorkspaceId& workspace,
                                                         const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        auto job = load(tx, workspace, id, true);
        if (!job || job->status == core::JobStatus::kCancelled) {
            return job;
        }
        const char* sql = nullptr;
        if (job->status == core::JobStatus::kQueued) {
            sql =
                "UPDATE jobs SET status = 'cancelled', not_before = NULL, finished_at = $2, "
                "updated_at = $2 WHERE id = $1 RETURNING ";
        } else if (job->status == core::JobStatus::kRunning) {
            // The runner owns the job; it polls the flag and finishes as cancelled.
            sql =
                "UPDATE jobs SET cancel_requested = TRUE, updated_at = $2 WHERE id = $1 "
                "RETURNING ";
        } else {
            return wrong_state(*job, "a finished job cannot be cancelled");
        }
        return returned(tx.exec_params(std::string(sql) + kJobColumns, id, now), id);
    });
}

core::Result<std::vector<core::RequeuedJob>> PgJobStore::hand_back(const std::string& worker_id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) {
        // A graceful hand-back is not a failure: no backoff, and the attempt is given back.
        return requeued_rows(tx.exec_params(
            "UPDATE jobs SET status = 'queued', attempts = GREATEST(attempts - 1, 0), "
            "not_before = NULL, " +
                close_run("$3") +
                ", lease_owner = '', lease_expires_at = NULL, updated_at = $1 "
                "WHERE status = 'running' AND lease_owner = $2 "
                "RETURNING " +
                std::string(kRequeuedColumns),
            now, worker_id, "handed_back"));
    });
}

core::Result<std::vector<core::RequeuedJob>> PgJobStore::requeue(
    std::optional<core::Timestamp> cutoff, const core::RetryPolicy& policy,
    std::string_view outcome, std::string_view why) {
    const auto now = to_millis(clock_.now());
    std::optional<std::int64_t> before;
    if (cutoff) {
        before = to_millis(*cutoff);
    }
    return db_->transact([&](pqxx::work& tx) {
        // Every SET expression reads the row as it was ("attempts" is the run's own count). Two
        // replicas sweeping at once: the second waits for the first's row lock, re-checks the
        // WHERE on the new row (no longer running) and skips it, so each job is returned once.
        return requeued_rows(tx.exec_params(
            "UPDATE jobs SET "
            "status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END, "
            "not_before = CASE WHEN attempts >= $2 THEN NULL ELSE $1::bigint + "
            "LEAST($4::bigint, $3::bigint * (1::bigint << LEAST(GREATEST(attempts - 1, 0), 30)"
            "::int)) END, "
            "error = CASE WHEN attempts >= $2 THEN 'gave up after ' || attempts::text || "
            "CASE WHEN attempts = 1 THEN ' attempt: ' ELSE ' attempts: ' END || $6::text "
            "ELSE error END, "
            "missing_platforms = CASE WHEN attempts >= $2 THEN requested_platforms "
            "ELSE missing_platforms END, "
            "finished_at = CASE WHEN attempts >= $2 THEN $1::bigint ELSE finished_at END, " +
                close_run("$5") +
                ", lease_owner = '', lease_expires_at = NULL, updated_at = $1 "
                "WHERE status = 'running' AND ($7::bigint IS NULL OR lease_expires_at < $7) "
                "RETURNING " +
                std::string(kRequeuedColumns),
            now, policy.max_attempts, static_cast<std::int64_t>(policy.backoff_base.count()),
            static_cast<std::int64_t>(policy.backoff_cap.count()), std::string(outcome),
            std::string(why), before));
    });
}

core::Result<std::vector<core::RequeuedJob>> PgJobStore::requeue_interrupted(
    const core::RetryPolicy& policy) {
    return requeue(std::nullopt, policy, "interrupted",
                   "the last run was interrupted (its process stopped)");
}

core::Result<std::vector<core::RequeuedJob>> PgJobStore::requeue_expired_leases(
    core::Timestamp now, const core::RetryPolicy& policy) {
    return requeue(now, policy, "lease_expired",
                   "the last run's lease expired (its worker stopped renewing it)");
}

}  // namespace swarm::storage
