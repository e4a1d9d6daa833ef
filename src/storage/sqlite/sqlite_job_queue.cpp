// SqliteJobStore's queue lifecycle: claim, lease renewal, finish, cancel and requeue.
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"

#include <algorithm>

namespace swarm::storage {

namespace {

core::Result<std::int64_t> run_counted(Connection& db, Statement& stmt) {
    SWARM_STORAGE_TRY(stmt.run());
    return db.changes();
}

tl::unexpected<core::Error> wrong_state(const core::JobRecord& job, std::string_view wanted) {
    return core::fail(core::ErrorCode::kFailedPrecondition,
                      "job " + job.id + " is " + std::string(core::to_string(job.status)) + "; " +
                          std::string(wanted));
}

}  // namespace

core::Result<std::optional<core::JobRecord>> SqliteJobStore::claim_next(
    const std::string& worker_id, std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->write([&](Connection& db) -> core::Result<std::optional<core::JobRecord>> {
        // One statement under the write lock: no other connection can claim between the pick
        // and the update.
        auto stmt =
            db.prepare(std::string("UPDATE jobs SET status = 'running', attempts = attempts + 1, "
                                   "lease_owner = ?1, lease_expires_at = ?2, "
                                   "started_at = COALESCE(started_at, ?3), updated_at = ?3 "
                                   "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
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

core::Result<core::JobRecord> SqliteJobStore::renew_lease(const std::string& id,
                                                          const std::string& worker_id,
                                                          std::chrono::milliseconds lease) {
    const auto now = clock_.now();
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto job = load(db, id);
        if (!job) {
            return job;
        }
        if (job->status != core::JobStatus::kRunning || job->lease_owner != worker_id) {
            return wrong_state(*job, "its lease is not held by " + worker_id);
        }
        auto stmt =
            db.prepare("UPDATE jobs SET lease_expires_at = ?2, updated_at = ?3 WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id, to_millis(now + lease), to_millis(now)));
        SWARM_STORAGE_TRY(stmt->run());
        return load(db, id);
    });
}

core::Result<core::JobRecord> SqliteJobStore::finish(
    const std::string& id, core::JobStatus final_status, const std::string& error,
    const std::vector<core::Platform>& missing_platforms) {
    if (!core::is_final(final_status)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be succeeded, partial, failed or cancelled", "status");
    }
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto job = load(db, id);
        if (!job || job->status == final_status) {
            return job;  // not found, or already finished this way: idempotent
        }
        if (job->status != core::JobStatus::kRunning) {
            return wrong_state(*job, "only a running job can finish");
        }
        auto stmt = db.prepare(
            "UPDATE jobs SET status = ?2, error = ?3, missing_platforms = ?4, lease_owner = '', "
            "lease_expires_at = NULL, finished_at = ?5, updated_at = ?5 WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id, core::to_string(final_status), error,
                                         encode_platforms(missing_platforms), now));
        SWARM_STORAGE_TRY(stmt->run());
        return load(db, id);
    });
}

core::Result<core::JobRecord> SqliteJobStore::set_notes(const std::string& id,
                                                        const std::vector<std::string>& notes) {
    std::string text;
    for (const auto& note : notes) {
        std::string line = note;
        std::replace(line.begin(), line.end(), '\n', ' ');
        text += text.empty() ? line : "\n" + line;
    }
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto stmt = db.prepare("UPDATE jobs SET notes = ?2 WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id, text));
        SWARM_STORAGE_TRY(stmt->run());
        return load(db, id);
    });
}

core::Result<core::JobRecord> SqliteJobStore::add_usage(const std::string& id,
                                                        const core::JobUsage& usage) {
    return db_->write([&](Connection& db) -> core::Result<core::JobRecord> {
        auto stmt = db.prepare(
            "UPDATE jobs SET usage_input_tokens = usage_input_tokens + ?2, "
            "usage_output_tokens = usage_output_tokens + ?3, "
            "usage_cost_usd = usage_cost_usd + ?4, usage_model_calls = usage_model_calls + ?5 "
            "WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id, usage.input_tokens, usage.output_tokens,
                                         usage.cost_usd,
                                         static_cast<std::int64_t>(usage.model_calls)));
        SWARM_STORAGE_TRY(stmt->run());
        return load(db, id);
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
                "UPDATE jobs SET status = 'cancelled', finished_at = ?2, updated_at = ?2 "
                "WHERE id = ?1";
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

core::Result<std::int64_t> SqliteJobStore::requeue_interrupted(
    const std::optional<std::string>& worker_id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        auto stmt = db.prepare(
            "UPDATE jobs SET status = 'queued', lease_owner = '', lease_expires_at = NULL, "
            "updated_at = ?1 WHERE status = 'running' AND (?2 IS NULL OR lease_owner = ?2)");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(now, worker_id));
        return run_counted(db, *stmt);
    });
}

core::Result<std::int64_t> SqliteJobStore::requeue_expired_leases(core::Timestamp now) {
    const auto updated = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        auto stmt = db.prepare(
            "UPDATE jobs SET status = 'queued', lease_owner = '', lease_expires_at = NULL, "
            "updated_at = ?1 WHERE status = 'running' AND lease_expires_at < ?2");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(updated, to_millis(now)));
        return run_counted(db, *stmt);
    });
}

}  // namespace swarm::storage
