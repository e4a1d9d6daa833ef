// The API side of `content-swarm serve`: storage, knowledge base, event hub, job service and
// runner built from the configuration, exposed to the HTTP layer as http::ApiDeps.
#pragma once

#include "app/visuals.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/result.hpp"
#include "core/services/job_log.hpp"
#include "http/api_deps.hpp"
#include "http/metrics.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

namespace swarm::app {

struct ApiConfig {
    std::string db = "sqlite:content-swarm.db";  // "sqlite:PATH" or "postgres://..."
    std::string kb_dir;                          // loaded at start when set
    int workers = 2;                             // 0: API only, no job runs in this process
    std::int64_t queue_capacity = 100;
    std::string instance_id;
    core::LlmAgents llm;                      // no clients: the offline pipeline
    std::chrono::seconds generate_wait{120};  // POST /api/generate-content
    core::JobLogger job_log{};                // job started / finished / requeued lines
    // PostgreSQL: why the replica event listener lost its connection (it reconnects); no secrets.
    std::function<void(const core::Error&)> listener_error{};
    std::chrono::seconds job_lease{30};  // claim length; renewed every lease / 3
    core::RetryPolicy job_retry{};       // interrupted runs: backoff and maximum attempts
    std::string media;  // --media (app/media_config.hpp); empty: default_media_location(db)
    Visuals visuals;    // the designer's renderer and image model; no renderer: no visuals
    core::ContentLimits content{};  // item size and versions kept per item
    // A workspace's own model key (its llm_api_key secret): the clients its jobs use instead of
    // `llm`; null result: `llm`. Unset: every job uses `llm`.
    std::function<core::Result<std::shared_ptr<const core::LlmAgents>>(
        core::WorkspaceSettingsStore&, const core::WorkspaceId&)>
        llm_for{};
};

/// True for postgres:// and postgresql:// URLs (the PostgreSQL backend).
bool is_postgres_url(const std::string& location);

/// The SQLite path of a "sqlite:PATH" location; errors name `field`.
core::Result<std::string> sqlite_path(const std::string& location, const std::string& field);

/// The workspaces, keys and people of one database (both stores share its connection).
struct AdminStores {
    std::unique_ptr<core::AccessStore> access;
    std::unique_ptr<core::PeopleStore> people;
    std::unique_ptr<core::AuditLog> audit;
};

/// The stores of the database at `location` (migrated first), for `content-swarm admin`. The
/// stores keep their database open.
core::Result<AdminStores> open_admin_stores(const std::string& location, const core::Clock& clock);

/// Owns every concrete service; must outlive the HTTP server that uses its deps().
class ApiRuntime {
public:
    /// Opens the database (migrations), the knowledge base (`<db path>.kb` with SQLite, the
    /// database's own kb_* tables with PostgreSQL, shared by replicas), loading kb_dir.
    static core::Result<std::unique_ptr<ApiRuntime>> open(const ApiConfig& config);

    ~ApiRuntime();
    ApiRuntime(const ApiRuntime&) = delete;
    ApiRuntime& operator=(const ApiRuntime&) = delete;

    http::ApiDeps deps();

    /// Requeues interrupted jobs and starts the workers (nothing with workers = 0).
    core::Result<void> start_runner();

    /// Drain: stop claiming, wait for running jobs until `deadline` (or until `stop`: a second
    /// signal), requeue what is left. Returns how many jobs were put back to queued.
    std::int64_t drain(std::chrono::steady_clock::time_point deadline,
                       const std::stop_token& stop = {});

    /// nullopt when storage (the database and the media store) answers; else why not.
    std::optional<std::string> storage_problem();

    /// Jobs by status and queue depth as gauges.
    void export_metrics(http::Metrics& metrics);

    /// The media store's description ("folder ./media", "s3 bucket B (region R)"), for /readyz.
    std::string media_description() const;

    /// The load report of kb_dir: documents loaded and skipped files (for the start log).
    const std::string& kb_summary() const;

    /// Workspaces and API keys (bootstrap, the authenticator).
    core::AccessStore& access_store();
    /// People: users, memberships, sessions (sign-in, the session authenticator).
    core::PeopleStore& people_store();
    /// Limits and secrets per workspace; the jobs (for a workspace's load).
    core::WorkspaceSettingsStore& settings_store();
    core::JobStore& job_store();
    const core::Clock& clock() const;

private:
    struct Impl;
    explicit ApiRuntime(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace swarm::app
