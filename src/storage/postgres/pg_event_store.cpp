#include "storage/postgres/pg_event_store.hpp"

#include "storage/common/records.hpp"
#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

namespace {

// First key of pg_advisory_xact_lock(int, int) for event appends ("swev"); the second is the
// job id's hash. A hash collision only makes two jobs' appends take turns.
constexpr std::int32_t kEventLockClass = 0x73776576;

}  // namespace

core::Result<core::JobEvent> PgEventStore::append(const std::string& job_id,
                                                  const core::JobEvent& event) {
    core::JobEvent stored = event;
    if (stored.at == core::Timestamp{}) {
        stored.at = clock_.now();
    }
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::JobEvent> {
        // Appends to one job take turns (in every process) until commit; the INSERT is a new
        // statement, so under READ COMMITTED its MAX(seq) sees the previous append. The
        // (job_id, seq) key is the backstop; a missing job fails the foreign key → kNotFound.
        tx.exec_params1("SELECT pg_advisory_xact_lock($1, hashtext($2))", kEventLockClass, job_id);
        const auto row = tx.exec_params1(
            "INSERT INTO job_events (job_id, seq, type, agent, platform, message, at, "
            "elapsed_ms) SELECT $1::text, COALESCE(MAX(seq), 0) + 1, $2::text, $3::text, "
            "$4::text, $5::text, $6::bigint, $7::bigint FROM job_events WHERE job_id = $1::text "
            "RETURNING seq",
            job_id, std::string(core::to_string(stored.type)), stored.agent,
            platform_name(stored.platform), stored.message, to_millis(stored.at),
            static_cast<std::int64_t>(stored.elapsed.count()));
        stored.seq = pg_int(row[0]);
        // Delivered at commit, only as a wake-up: listeners read the table for the events.
        const auto workspace =
            tx.exec_params1("SELECT workspace_id FROM jobs WHERE id = $1", job_id)[0]
                .as<std::string>();
        tx.exec_params1("SELECT pg_notify($1, $2)", std::string(kPgEventChannel),
                        workspace + "/" + job_id + ":" + std::to_string(stored.seq));
        return stored;
    });
}

core::Result<std::vector<core::JobEvent>> PgEventStore::list_after(
    const core::WorkspaceId& workspace, const std::string& job_id, std::int64_t after_seq,
    int limit) {
    SWARM_TRY(check_limit(limit, 1000));
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kEventColumns +
                               " FROM job_events WHERE job_id = $1 AND seq > $2"
                               " AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = $1"
                               " AND jobs.workspace_id = $4)"
                               " ORDER BY seq LIMIT $3",
                           job_id, after_seq, static_cast<std::int64_t>(limit), workspace.str()),
            decode_event);
    });
}

core::Result<std::int64_t> PgEventStore::last_seq(const core::WorkspaceId& workspace,
                                                  const std::string& job_id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        return pg_int(
            tx.exec_params1("SELECT COALESCE(MAX(seq), 0) FROM job_events"
                            " WHERE job_id = $1 AND EXISTS (SELECT 1 FROM jobs"
                            " WHERE jobs.id = $1 AND jobs.workspace_id = $2)",
                            job_id, workspace.str())[0]);
    });
}

}  // namespace swarm::storage
