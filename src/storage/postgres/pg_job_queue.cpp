// PgJobStore's queue lifecycle: claim (FOR UPDATE SKIP LOCKED), lease renewal, finish, cancel,
// requeue and the rescue of expired leases. Each method is one transaction.
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_job_store.hpp"

#include <algorithm>

namespace swarm::storage {

namespace {

tl::unexpected<core::Error> wrong_state(const core::JobRecord& job, std::string_view wanted) {
    return core::fail(core::ErrorCode::kFailedPrecondition,
                      "job " + job.id + " is " + std::string(core::to_string(job.status)) + "; " +
                          std::string(wanted));
}

std::int64_t affected(const pqxx::result& result) {
    return static_cast<std::int64_t>(result.affected_rows());
}

}  // namespace

core::Result<std::optional<core::JobRecord>> PgJobStore::claim_next(
    const std::string& worker_id, std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::optional<core::JobRecord>> {
        // The pick locks its row and skips rows other replicas are claiming, so concurrent
        // claims never wait on each other and never take the same job; pick and state change
        // commit together, so no transaction stays open while the job runs.
        const auto rows = tx.exec_params(
            std::string("UPDATE jobs SET status = 'running', attempts = attempts + 1, "
                        "lease_owner = $1, lease_expires_at = $2, "
                        "started_at = COALESCE(started_at, $3), updated_at = $3 "
                        "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
                        "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING ") +
                kColumns,
            worker_id, to_millis(now + lease), to_millis(now));
        if (rows.empty()) {
            return std::optional<core::JobRecord>();
        }
        auto job = read_row(rows[0]);
        if (!job) {
            return tl::unexpected(std::move(job.error()));
        }
        return std::optional<core::JobRecord>(std::move(*job));
    });
}

core::Result<core::JobRecord> PgJobStore::renew_lease(const std::string& id,
                                                      const std::string& worker_id,
                                                      std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        // Fenced by owner and state in the statement itself: a worker whose job was rescued and
        // claimed by another replica cannot extend the new owner's lease.
        const auto rows = tx.exec_params(
            std::string("UPDATE jobs SET lease_expires_at = $3, updated_at = $4 "
                        "WHERE id = $1 AND status = 'running' AND lease_owner = $2 RETURNING ") +
                kColumns,
            id, worker_id, to_millis(now + lease), to_millis(now));
        if (!rows.empty()) {
            return read_row(rows[0]);
        }
        auto job = load(tx, id);
        if (!job) {
            return job;
        }
        return wrong_state(*job, "its lease is not held by " + worker_id);
    });
}

core::Result<core::JobRecord> PgJobStore::finish(
    const std::string& id, core::JobStatus final_status, const std::string& error,
    const std::vector<core::Platform>& missing_platforms) {
    if (!core::is_final(final_status)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be succeeded, partial, failed or cancelled", "status");
    }
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        auto job = load(tx, id, true);  // row lock: check and update see the same state
        if (!job || job->status == final_status) {
            return job;  // not found, or already finished this way: idempotent
        }
        if (job->status != core::JobStatus::kRunning) {
            return wrong_state(*job, "only a running job can finish");
        }
        return returned(tx.exec_params(std::string("UPDATE jobs SET status = $2, error = $3, "
                                                   "missing_platforms = $4, lease_owner = '', "
                                                   "lease_expires_at = NULL, finished_at = $5, "
                                                   "updated_at = $5 WHERE id = $1 RETURNING ") +
                                           kColumns,
                                       id, std::string(core::to_string(final_status)), error,
                                       encode_platforms(missing_platforms), now),
                        id);
    });
}

core::Result<core::JobRecord> PgJobStore::set_notes(const std::string& id,
                                                    const std::vector<std::string>& notes) {
    std::string text;
    for (const auto& note : notes) {
        std::string line = note;
        std::replace(line.begin(), line.end(), '\n', ' ');
        text += text.empty() ? line : "\n" + line;
    }
    return db_->transact([&](pqxx::work& tx) {
        return returned(
            tx.exec_params(
                std::string("UPDATE jobs SET notes = $2 WHERE id = $1 RETURNING ") + kColumns, id,
                text),
            id);
    });
}

core::Result<core::JobRecord> PgJobStore::add_usage(const std::string& id,
                                                    const core::JobUsage& usage) {
    return db_->transact([&](pqxx::work& tx) {
        return returned(
            tx.exec_params(
                std::string("UPDATE jobs SET usage_input_tokens = usage_input_tokens + $2, "
                            "usage_output_tokens = usage_output_tokens + $3, "
                            "usage_cost_usd = usage_cost_usd + $4, "
                            "usage_model_calls = usage_model_calls + $5 "
                            "WHERE id = $1 RETURNING ") +
                    kColumns,
                id, usage.input_tokens, usage.output_tokens, usage.cost_usd,
                static_cast<std::int64_t>(usage.model_calls)),
            id);
    });
}

core::Result<core::JobRecord> PgJobStore::request_cancel(const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobRecord> {
        auto job = load(tx, id, true);
        if (!job || job->status == core::JobStatus::kCancelled) {
            return job;
        }
        const char* sql = nullptr;
        if (job->status == core::JobStatus::kQueued) {
            sql =
                "UPDATE jobs SET status = 'cancelled', finished_at = $2, updated_at = $2 "
                "WHERE id = $1 RETURNING ";
        } else if (job->status == core::JobStatus::kRunning) {
            // The runner owns the job; it polls the flag and finishes as cancelled.
            sql =
                "UPDATE jobs SET cancel_requested = TRUE, updated_at = $2 WHERE id = $1 "
                "RETURNING ";
        } else {
            return wrong_state(*job, "a finished job cannot be cancelled");
        }
        return returned(tx.exec_params(std::string(sql) + kColumns, id, now), id);
    });
}

core::Result<std::int64_t> PgJobStore::requeue_interrupted(
    const std::optional<std::string>& worker_id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        return affected(tx.exec_params(
            "UPDATE jobs SET status = 'queued', lease_owner = '', lease_expires_at = NULL, "
            "updated_at = $1 WHERE status = 'running' "
            "AND ($2::text IS NULL OR lease_owner = $2::text)",
            now, worker_id));
    });
}

core::Result<std::int64_t> PgJobStore::requeue_expired_leases(core::Timestamp now) {
    const auto updated = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        // A replica that died leaves its jobs running with a lease nobody renews; any replica's
        // sweep hands them back to the queue (attempts count on the next claim).
        return affected(tx.exec_params(
            "UPDATE jobs SET status = 'queued', lease_owner = '', lease_expires_at = NULL, "
            "updated_at = $1 WHERE status = 'running' AND lease_expires_at < $2",
            updated, to_millis(now)));
    });
}

}  // namespace swarm::storage
