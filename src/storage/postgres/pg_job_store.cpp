#include "storage/postgres/pg_job_store.hpp"

#include "storage/postgres/pg_codec.hpp"

#include <algorithm>

namespace swarm::storage {

core::Result<core::JobRecord> PgJobStore::read_row(const pqxx::row& row) {
    core::JobRecord job;
    job.id = pg_text(row[0]);
    auto status = decode_job_status(pg_text(row[1]));
    auto requested = decode_platforms(pg_text(row[3]));
    auto missing = decode_platforms(pg_text(row[8]));
    if (!status || !requested || !missing) {
        return tl::unexpected(!status      ? status.error()
                              : !requested ? requested.error()
                                           : missing.error());
    }
    job.status = *status;
    job.brief_json = pg_text(row[2]);
    job.requested_platforms = std::move(*requested);
    if (!row[4].is_null()) {
        job.idempotency_key = pg_text(row[4]);
    }
    job.attempts = pg_int(row[5]);
    job.cancel_requested = row[6].as<bool>();
    job.error = pg_text(row[7]);
    job.missing_platforms = std::move(*missing);
    job.lease_owner = pg_text(row[9]);
    job.lease_expires_at = pg_time(row[10]);
    job.created_at = from_millis(pg_int(row[11]));
    job.updated_at = from_millis(pg_int(row[12]));
    job.started_at = pg_time(row[13]);
    job.finished_at = pg_time(row[14]);
    job.usage.input_tokens = pg_int(row[15]);
    job.usage.output_tokens = pg_int(row[16]);
    job.usage.cost_usd = pg_double(row[17]);
    job.usage.model_calls = static_cast<int>(pg_int(row[18]));
    const auto notes = pg_text(row[19]);
    for (std::size_t start = 0; start < notes.size();) {
        const auto end = std::min(notes.find('\n', start), notes.size());
        job.notes.push_back(notes.substr(start, end - start));
        start = end + 1;
    }
    job.claims = pg_int(row[20]);
    job.not_before = pg_time(row[21]);
    set_history(job, pg_text(row[23]), pg_time(row[22]));
    return job;
}

core::Result<core::JobRecord> PgJobStore::returned(const pqxx::result& result,
                                                   const std::string& id) {
    if (result.empty()) {
        return core::fail(core::ErrorCode::kNotFound, "job " + id + " not found", "id");
    }
    return read_row(result[0]);
}

core::Result<core::JobRecord> PgJobStore::load(pqxx::work& tx, const std::string& id,
                                               bool for_update) {
    return returned(tx.exec_params(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = $1" +
                                       (for_update ? " FOR UPDATE" : ""),
                                   id),
                    id);
}

core::Result<core::CreatedJob> PgJobStore::create(const core::NewJob& job) {
    if (job.id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::CreatedJob> {
        // The UNIQUE key is the arbiter across replicas: a concurrent create with the same key
        // waits for the other transaction, then inserts nothing and reads its job. A taken id
        // (with a new key) still fails with unique_violation → kAlreadyExists.
        const auto inserted = tx.exec_params(
            std::string("INSERT INTO jobs (id, status, brief_json, requested_platforms, "
                        "idempotency_key, created_at, updated_at) "
                        "VALUES ($1, 'queued', $2, $3, $4, $5, $5) "
                        "ON CONFLICT (idempotency_key) DO NOTHING RETURNING ") +
                kColumns,
            job.id, job.brief_json, encode_platforms(job.requested_platforms), job.idempotency_key,
            now);
        if (!inserted.empty()) {
            auto created = read_row(inserted[0]);
            if (!created) {
                return tl::unexpected(std::move(created.error()));
            }
            return core::CreatedJob{std::move(*created), true};
        }
        const auto existing = tx.exec_params(
            std::string("SELECT ") + kColumns + " FROM jobs WHERE idempotency_key = $1",
            job.idempotency_key);
        auto found = returned(existing, job.id);
        if (!found) {
            return tl::unexpected(std::move(found.error()));
        }
        return core::CreatedJob{std::move(*found), false};
    });
}

core::Result<core::JobRecord> PgJobStore::get(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, id); });
}

core::Result<core::JobPage> PgJobStore::list(const core::JobQuery& query) {
    SWARM_STORAGE_TRY(check_limit(query.limit, 100));
    auto cursor = decode_cursor(query.cursor);
    if (!cursor) {
        return tl::unexpected(std::move(cursor.error()));
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
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobPage> {
        // One row more than asked tells whether another page follows.
        const auto rows = tx.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM jobs WHERE ($1::text IS NULL OR status = $1::text)"
                " AND ($2::bigint IS NULL OR (created_at, id) < ($2::bigint, $3::text))"
                " ORDER BY created_at DESC, id DESC LIMIT $4",
            status, after_time, after_id, static_cast<std::int64_t>(query.limit) + 1);
        core::JobPage page;
        for (const auto& row : rows) {
            if (page.jobs.size() == static_cast<std::size_t>(query.limit)) {
                const auto& last = page.jobs.back();
                page.next_cursor = encode_cursor({to_millis(last.created_at), last.id});
                break;
            }
            auto job = read_row(row);
            if (!job) {
                return tl::unexpected(std::move(job.error()));
            }
            page.jobs.push_back(std::move(*job));
        }
        return page;
    });
}

core::Result<std::map<core::JobStatus, std::int64_t>> PgJobStore::count_by_status() {
    using Counts = std::map<core::JobStatus, std::int64_t>;
    return db_->transact([](pqxx::work& tx) -> core::Result<Counts> {
        Counts counts;
        for (const auto status :
             {core::JobStatus::kQueued, core::JobStatus::kRunning, core::JobStatus::kSucceeded,
              core::JobStatus::kPartial, core::JobStatus::kFailed, core::JobStatus::kCancelled}) {
            counts[status] = 0;
        }
        for (const auto& row : tx.exec("SELECT status, COUNT(*) FROM jobs GROUP BY status")) {
            auto status = decode_job_status(pg_text(row[0]));
            if (!status) {
                return tl::unexpected(std::move(status.error()));
            }
            counts[*status] = pg_int(row[1]);
        }
        return counts;
    });
}

}  // namespace swarm::storage
