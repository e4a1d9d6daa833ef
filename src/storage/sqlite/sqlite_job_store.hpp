// core::JobStore on SQLite: the durable job queue (idempotent create, leased claims, crash
// recovery). Lifecycle methods live in sqlite_job_queue.cpp, create/read in sqlite_job_store.cpp.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/job_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteJobStore final : public core::JobStore {
public:
    SqliteJobStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
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

    /// The job `id` on `db` (inside the caller's lock). kNotFound when absent (or, with a
    /// workspace, when it belongs to another one).
    static core::Result<core::JobRecord> load(Connection& db, const std::string& id);
    static core::Result<core::JobRecord> load(Connection& db, const core::WorkspaceId& workspace,
                                              const std::string& id);

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
