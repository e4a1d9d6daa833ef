// core::JobStore on PostgreSQL: the durable job queue shared by replicas (claims with
// FOR UPDATE SKIP LOCKED, leases, rescue). Lifecycle in pg_job_queue.cpp, create/read here.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/job_store.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see PgDatabase); any number of replicas may share the tables. `clock` stamps
/// every time stored (ms since epoch, so tests' FakeClock works); it must outlive the store.
class PgJobStore final : public core::JobStore {
public:
    PgJobStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::CreatedJob> create(const core::WorkspaceId& workspace,
                                          const core::NewJob& job) override;
    core::Result<core::JobRecord> get(const core::WorkspaceId& workspace,
                                      const std::string& id) override;
    core::Result<core::JobPage> list(const core::WorkspaceId& workspace,
                                     const core::JobQuery& query) override;
    core::Result<std::optional<core::JobRecord>> claim_next(
        const std::string& worker_id, std::chrono::milliseconds lease) override;
    core::Result<core::JobRecord> renew_lease(const std::string& id, const core::JobClaim& claim,
                                              std::chrono::milliseconds lease) override;
    core::Result<core::JobRecord> finish(
        const std::string& id, const core::JobClaim& claim, core::JobStatus final_status,
        const std::string& error, const std::vector<core::Platform>& missing_platforms) override;
    core::Result<core::JobRecord> set_notes(const std::string& id, const core::JobClaim& claim,
                                            const std::vector<std::string>& notes) override;
    core::Result<core::JobRecord> add_usage(const std::string& id, const core::JobClaim& claim,
                                            const core::JobUsage& usage) override;
    core::Result<core::JobRecord> request_cancel(const core::WorkspaceId& workspace,
                                                 const std::string& id) override;
    core::Result<std::vector<core::RequeuedJob>> hand_back(const std::string& worker_id) override;
    core::Result<std::vector<core::RequeuedJob>> requeue_interrupted(
        const core::RetryPolicy& policy) override;
    core::Result<std::vector<core::RequeuedJob>> requeue_expired_leases(
        core::Timestamp now, const core::RetryPolicy& policy) override;
    core::Result<std::map<core::JobStatus, std::int64_t>> count_by_status() override;
    core::Result<core::WorkspaceLoad> workspace_load(const core::WorkspaceId& workspace,
                                                     core::Timestamp since) override;
    core::Result<core::JobRecord> get_for_worker(const std::string& id) override;

    /// The job `id` in `tx`, row-locked when `for_update`. kNotFound when absent.
    static core::Result<core::JobRecord> load(pqxx::work& tx, const std::string& id,
                                              bool for_update = false);
    /// The same, only when the job belongs to `workspace` (else kNotFound).
    static core::Result<core::JobRecord> load(pqxx::work& tx, const core::WorkspaceId& workspace,
                                              const std::string& id, bool for_update = false);

    /// The job a `... RETURNING kJobColumns` statement returned, else kNotFound for `id`.
    static core::Result<core::JobRecord> returned(const pqxx::result& result,
                                                  const std::string& id);

private:
    /// Running jobs (all, or those whose lease ended before `cutoff`) → queued after the
    /// policy's backoff, or failed when out of attempts; `outcome` closes the run's history.
    core::Result<std::vector<core::RequeuedJob>> requeue(std::optional<core::Timestamp> cutoff,
                                                         const core::RetryPolicy& policy,
                                                         std::string_view outcome,
                                                         std::string_view why);

    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
