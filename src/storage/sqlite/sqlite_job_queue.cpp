// SqliteJobStore's queue lifecycle: claim, lease renewal, fenced run writes (finish, notes,
// usage), cancel, drain hand-back and the requeue of interrupted runs with capped backoff.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"

#include <algorithm>

namespace swarm::storage {

namespace {

tl::unexpected<core::Error> wrong_state(const core::JobRecord& job, std::string_view wanted) {
    return core::fail(core::ErrorCode::kFailedPrecondition,
                      "job " + job.id + " is " + std::string(core::to_string(job.status)) + "; " +
                          std::string(wanted));
}

std::string not_held(const core::JobClaim& claim) {
    return "its lease is not held by " + claim.worker_id + " (claim " +
           std::to_string(claim.claim) + ")";
}

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
           "WHERE status = 'running' AND (?7 IS NULL OR lease_expires_at < ?7) "
           "RETURNING id, status, attempts, not_before, error";
}

/// Runs a statement whose RETURNING clause is (id, status, attempts, not_before, error).
core::Result<std::vector<core::RequeuedJob>> collect_requeued(Statement& stmt) {
    std::vector<core::RequeuedJob> out;
    for (;;) {
        auto row = stmt.step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return out;
        }
        auto status = decode_job_status(stmt.column_text(1));
        if (!status) {
            return tl::unexpected(std::move(status.error()));
        }
        out.push_back({stmt.column_text(0), *status, stmt.column_int(2), optional_time(stmt, 3),
                       stmt.column_text(4)});
    }
}

core::Result<std::vector<core::RequeuedJob>> requeue(SqliteDatabase& database, core::Timestamp now,
                                                     std::optional<std::int64_t> cutoff,
                                                     const core::RetryPolicy& policy,
                                                     std::string_view outcome,
                                                     std::string_view why) {
    return database.write([&](Connection& db) -> core::Result<std::vector<core::RequeuedJob>> {
        auto stmt = db.prepare(requeue_sql());
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(to_millis(now), policy.max_attempts,
                                         static_cast<std::int64_t>(policy.backoff_base.count()),
                                         static_cast<std::int64_t>(policy.backoff_cap.count()),
                                         outcome, why, cutoff));
        return collect_requeued(*stmt);
    });
}

}  // namespace

core::Result<std::optional<core::JobRecord>> SqliteJobStore::claim_next(
    const std::string& worker_id, std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->write([&](Connection& db) -> core::Result<std::optional<core::JobRecord>> {
        // One statement under the write lock: no other connection can claim between the pick
        // and the update. A job in its retry backoff (not_before ahead) is passed over.
        auto stmt =
            db.prepare(std::string("UPDATE jobs SET status = 'running', attempts = attempts + 1, "
                                   "claims = claims + 1, claimed_at = ?3, not_before = NULL, "
                                   "lease_owner = ?1, lease_expires_at = ?2, "
                                   "started_at = COALESCE(started_at, ?3), updated_at = ?3 "
                                   "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
                                   "AND (not_before IS NULL OR not_before <= ?3) "
                                   "ORDER BY created_at, id LIMIT 1) RETURNING ") +
                       kColumns);
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(worker_id, to_millis(now + lease), to_millis(now)));
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return std::optional<core::JobRecord>();
        }
        auto job = read_row(*stmt);
        if (!job) {
            return tl::unexpected(std::move(job.error()));
        }
        SWARM_STORAGE_TRY(stmt->run());  // finish the statement before commit
        return std::optional<core::JobRecord>(std::move(*job));
    });
}

namespace {

/// Runs a fenced UPDATE (its WHERE ends with "id = ?1 AND status = 'running' AND lease_owner =
/// ?2 AND claims = ?3"; `bind_rest` binds ?4 on), then returns the job, or why the claim failed.
template <class Bind>
core::Result<core::JobRecord> fenced_update(Connection& db, const std::string& sql,
                                            const std::string& id, const core::JobClaim& claim,
                                            Bind bind_rest) {
    auto stmt = db.prepare(sql);
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(id, claim.worker_id, claim.claim));
    SWARM_STORAGE_TRY(bind_rest(*stmt));
    SWARM_STORAGE_TRY(stmt->run());
    const bool changed = db.changes() > 0;
    auto job = SqliteJobStore::load(db, id);
    if (!job || changed) {
        return job;
    }
    return wrong_state(*job, not_held(claim));
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
                             id, claim, [&](Statement& stmt) {
                                 auto ok = stmt.bind(4, to_millis(now + lease));
                                 return ok ? stmt.bind(5, to_millis(now)) : ok;
                             });
    });
}

core::Result<core::JobRecord> SqliteJobStore::finish(
    const std::string& id, const core::JobClaim& claim, core::JobStatus final_status,
    const std::string& error, const std::vector<core::Platform>& missing_platforms) {
    if (!core::is_final(final_status)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be succeeded, partial, failed or cancelled", "status");
    }
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto stmt = db.prepare(
            "UPDATE jobs SET status = ?5, error = ?6, missing_platforms = ?7, " +
            std::string(kCloseRun) +
            ", lease_owner = '', lease_expires_at = NULL, finished_at = ?1, updated_at = ?1 "
            "WHERE id = ?2 AND status = 'running' AND lease_owner = ?3 AND claims = ?4");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(now, id, claim.worker_id, claim.claim,
                                         core::to_string(final_status), error,
                                         encode_platforms(missing_platforms)));
        SWARM_STORAGE_TRY(stmt->run());
        const bool changed = db.changes() > 0;
        auto job = load(db, id);
        if (!job || changed) {
            return job;
        }
        // Idempotent for the claim that finished it (a retry after an unknown outcome).
        const auto& last = job->history;
        if (job->status == final_status && !last.empty() && last.back().claim == claim.claim &&
            last.back().worker_id == claim.worker_id) {
            return job;
        }
        return wrong_state(
            *job, "only a running job can finish, under its own claim (" + not_held(claim) + ")");
    });
}

core::Result<core::JobRecord> SqliteJobStore::set_notes(const std::string& id,
                                                        const core::JobClaim& claim,
                                                        const std::vector<std::string>& notes) {
    std::string text;
    for (const auto& note : notes) {
        std::string line = note;
        std::replace(line.begin(), line.end(), '\n', ' ');
        text += text.empty() ? line : "\n" + line;
    }
    return db_->write([&](Connection& db) {
        return fenced_update(db,
                             "UPDATE jobs SET notes = ?4 WHERE id = ?1 AND status = 'running' "
                             "AND lease_owner = ?2 AND claims = ?3",
                             id, claim, [&](Statement& stmt) { return stmt.bind(4, text); });
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
            id, claim, [&](Statement& stmt) {
                auto ok = stmt.bind(4, usage.input_tokens);
                ok = ok ? stmt.bind(5, usage.output_tokens) : ok;
                ok = ok ? stmt.bind(6, usage.cost_usd) : ok;
                return ok ? stmt.bind(7, static_cast<std::int64_t>(usage.model_calls)) : ok;
            });
    });
}

core::Result<core::JobRecord> SqliteJobStore::request_cancel(const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto job = load(db, id);
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
        auto stmt = db.prepare(sql);
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id, now));
        SWARM_STORAGE_TRY(stmt->run());
        return load(db, id);
    });
}

core::Result<std::vector<core::RequeuedJob>> SqliteJobStore::hand_back(
    const std::string& worker_id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::vector<core::RequeuedJob>> {
        // A graceful hand-back is not a failure: no backoff, and the attempt is given back.
        auto stmt = db.prepare(
            "UPDATE jobs SET status = 'queued', attempts = max(attempts - 1, 0), "
            "not_before = NULL, " +
            std::string(kCloseRun) +
            ", lease_owner = '', lease_expires_at = NULL, updated_at = ?1 "
            "WHERE status = 'running' AND lease_owner = ?2 "
            "RETURNING id, status, attempts, not_before, error");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(now, worker_id));
        SWARM_STORAGE_TRY(stmt->bind(5, "handed_back"));
        return collect_requeued(*stmt);
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
