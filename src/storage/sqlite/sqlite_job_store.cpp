#include "storage/sqlite/sqlite_job_store.hpp"

#include "storage/sqlite/row_codec.hpp"

#include <algorithm>
#include <array>

namespace swarm::storage {

const char* const SqliteJobStore::kColumns =
    "id, status, brief_json, requested_platforms, idempotency_key, attempts, cancel_requested, "
    "error, missing_platforms, lease_owner, lease_expires_at, created_at, updated_at, "
    "started_at, finished_at, usage_input_tokens, usage_output_tokens, usage_cost_usd, "
    "usage_model_calls, notes, claims, not_before, claimed_at, history";

core::Result<core::JobRecord> SqliteJobStore::read_row(const Statement& row) {
    core::JobRecord job;
    job.id = row.column_text(0);
    auto status = decode_job_status(row.column_text(1));
    auto requested = decode_platforms(row.column_text(3));
    auto missing = decode_platforms(row.column_text(8));
    if (!status || !requested || !missing) {
        return tl::unexpected(!status      ? status.error()
                              : !requested ? requested.error()
                                           : missing.error());
    }
    job.status = *status;
    job.brief_json = row.column_text(2);
    job.requested_platforms = std::move(*requested);
    if (!row.column_is_null(4)) {
        job.idempotency_key = row.column_text(4);
    }
    job.attempts = row.column_int(5);
    job.cancel_requested = row.column_int(6) != 0;
    job.error = row.column_text(7);
    job.missing_platforms = std::move(*missing);
    job.lease_owner = row.column_text(9);
    job.lease_expires_at = optional_time(row, 10);
    job.created_at = from_millis(row.column_int(11));
    job.updated_at = from_millis(row.column_int(12));
    job.started_at = optional_time(row, 13);
    job.finished_at = optional_time(row, 14);
    job.usage.input_tokens = row.column_int(15);
    job.usage.output_tokens = row.column_int(16);
    job.usage.cost_usd = row.column_double(17);
    job.usage.model_calls = static_cast<int>(row.column_int(18));
    const auto notes = row.column_text(19);
    for (std::size_t start = 0; start < notes.size();) {
        const auto end = std::min(notes.find('\n', start), notes.size());
        job.notes.push_back(notes.substr(start, end - start));
        start = end + 1;
    }
    job.claims = row.column_int(20);
    job.not_before = optional_time(row, 21);
    set_history(job, row.column_text(23), optional_time(row, 22));
    return job;
}

core::Result<core::JobRecord> SqliteJobStore::load(Connection& db, const std::string& id) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?1");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(id));
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return core::fail(core::ErrorCode::kNotFound, "job " + id + " not found", "id");
    }
    return read_row(*stmt);
}

namespace {

/// The job created earlier with `key`, if any.
core::Result<std::optional<std::string>> find_by_key(Connection& db, const std::string& key) {
    auto stmt = db.prepare("SELECT id FROM jobs WHERE idempotency_key = ?1");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(key));
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    return *row ? std::optional<std::string>(stmt->column_text(0)) : std::nullopt;
}

core::Result<void> insert_job(Connection& db, const core::NewJob& job, std::int64_t now) {
    auto stmt = db.prepare(
        "INSERT INTO jobs (id, status, brief_json, requested_platforms, idempotency_key, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(job.id, core::to_string(core::JobStatus::kQueued),
                                     job.brief_json, encode_platforms(job.requested_platforms),
                                     job.idempotency_key, now));
    return stmt->run();
}

}  // namespace

core::Result<core::CreatedJob> SqliteJobStore::create(const core::NewJob& job) {
    if (job.id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::CreatedJob> {
        // The write lock (BEGIN IMMEDIATE) makes lookup + insert atomic; the UNIQUE index on
        // idempotency_key is the backstop.
        if (job.idempotency_key) {
            auto existing = find_by_key(db, *job.idempotency_key);
            if (!existing) {
                return tl::unexpected(std::move(existing.error()));
            }
            if (*existing) {
                auto found = load(db, **existing);
                if (!found) {
                    return tl::unexpected(std::move(found.error()));
                }
                return core::CreatedJob{std::move(*found), false};
            }
        }
        SWARM_STORAGE_TRY(insert_job(db, job, now));
        auto created = load(db, job.id);
        if (!created) {
            return tl::unexpected(std::move(created.error()));
        }
        return core::CreatedJob{std::move(*created), true};
    });
}

core::Result<core::JobRecord> SqliteJobStore::get(const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, id); });
}

core::Result<core::JobPage> SqliteJobStore::list(const core::JobQuery& query) {
    SWARM_STORAGE_TRY(check_limit(query.limit, 100));
    auto cursor = decode_cursor(query.cursor);
    if (!cursor) {
        return tl::unexpected(std::move(cursor.error()));
    }
    return db_->read([&](Connection& db) -> core::Result<core::JobPage> {
        auto stmt = db.prepare(std::string("SELECT ") + kColumns +
                               " FROM jobs WHERE (?1 IS NULL OR status = ?1)"
                               " AND (?2 IS NULL OR (created_at, id) < (?2, ?3))"
                               " ORDER BY created_at DESC, id DESC LIMIT ?4");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        std::optional<std::string> status;
        if (query.status) {
            status = std::string(core::to_string(*query.status));
        }
        std::optional<std::int64_t> after_time;
        std::optional<std::string> after_id;
        if (*cursor) {
            after_time = (*cursor)->created_at;
            after_id = (*cursor)->id;
        }
        // One row more than asked tells whether another page follows.
        SWARM_STORAGE_TRY(stmt->bind_all(status, after_time, after_id,
                                         static_cast<std::int64_t>(query.limit) + 1));
        core::JobPage page;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                break;
            }
            if (page.jobs.size() == static_cast<std::size_t>(query.limit)) {
                const auto& last = page.jobs.back();
                page.next_cursor = encode_cursor({to_millis(last.created_at), last.id});
                break;
            }
            auto job = read_row(*stmt);
            if (!job) {
                return tl::unexpected(std::move(job.error()));
            }
            page.jobs.push_back(std::move(*job));
        }
        return page;
    });
}

core::Result<std::map<core::JobStatus, std::int64_t>> SqliteJobStore::count_by_status() {
    return db_->read([](Connection& db) -> core::Result<std::map<core::JobStatus, std::int64_t>> {
        std::map<core::JobStatus, std::int64_t> counts;
        for (const auto status :
             {core::JobStatus::kQueued, core::JobStatus::kRunning, core::JobStatus::kSucceeded,
              core::JobStatus::kPartial, core::JobStatus::kFailed, core::JobStatus::kCancelled}) {
            counts[status] = 0;
        }
        auto stmt = db.prepare("SELECT status, COUNT(*) FROM jobs GROUP BY status");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return counts;
            }
            auto status = decode_job_status(stmt->column_text(0));
            if (!status) {
                return tl::unexpected(std::move(status.error()));
            }
            counts[*status] = stmt->column_int(1);
        }
    });
}

}  // namespace swarm::storage
