// Per-workspace limits and secrets on the server: the defaults for limits a workspace did not
// set, job admission (jobs queued or running, model tokens this month), the request rate gate,
// and the secret key that seals stored secrets (CONTENT_SWARM_SECRET_KEY or a key file).
#pragma once

#include "core/access/rate_limiter.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "crypto/secret_box.hpp"
#include "http/access.hpp"
#include "http/api_deps.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace swarm::app {

/// The server's limits for workspaces that set none: CONTENT_SWARM_LIMIT_QUEUED_JOBS (default
/// 100), CONTENT_SWARM_LIMIT_MONTHLY_TOKENS and CONTENT_SWARM_LIMIT_REQUESTS_PER_MINUTE (default
/// none: unlimited).
struct LimitDefaults {
    std::int64_t max_queued_jobs = 100;
    std::optional<std::int64_t> monthly_token_cap;
    std::optional<std::int64_t> requests_per_minute;
};

/// The first instant of `at`'s calendar month, UTC.
core::Timestamp month_start(core::Timestamp at);
/// The first instant of the next calendar month, UTC.
core::Timestamp next_month_start(core::Timestamp at);

/// The key that seals secrets: CONTENT_SWARM_SECRET_KEY (64 hex digits or base64 of 32 bytes),
/// else the file CONTENT_SWARM_SECRET_KEY_FILE names, else for a SQLite database the file
/// PATH.secret-key beside it (created, mode 0600, on first use: `created` says so). nullopt for
/// PostgreSQL without a configured key (secrets cannot be stored then: the API says how to set
/// one). kInvalidArgument naming the variable for a malformed key.
struct SecretKeySource {
    std::optional<std::string> key_text;   // CONTENT_SWARM_SECRET_KEY
    std::optional<std::string> key_file;   // CONTENT_SWARM_SECRET_KEY_FILE
    std::optional<std::string> sqlite_db;  // the SQLite database's path, for the default file
};

struct LoadedSecretKey {
    std::optional<crypto::SecretBox> box;
    std::string origin;  // "CONTENT_SWARM_SECRET_KEY", the file's path, or "" when none
    bool created = false;
};

core::Result<LoadedSecretKey> load_secret_key(const SecretKeySource& source);

/// The writer's provider and model among the server's agents (settings "model"), or nullopt
/// when the writer runs offline.
std::optional<http::ServerModel> server_model(const core::LlmAgents& agents);

/// Thread-safe.
class WorkspaceLimiter final : public http::WorkspaceSettings, public http::RequestGate {
public:
    /// `writer`: the writer model of the server's LLM settings (nullopt: offline).
    WorkspaceLimiter(core::WorkspaceSettingsStore& store, core::JobStore& jobs,
                     const core::Clock& clock, LimitDefaults defaults,
                     std::optional<crypto::SecretBox> secrets,
                     std::optional<http::ServerModel> writer = std::nullopt)
        : store_(store),
          jobs_(jobs),
          clock_(clock),
          defaults_(defaults),
          secrets_(std::move(secrets)),
          writer_(std::move(writer)) {}

    core::WorkspaceSettingsStore& store() override { return store_; }

    core::WorkspaceLimits defaults() const override;
    core::Result<core::WorkspaceLoad> load(const core::WorkspaceId& workspace) override;
    core::Result<void> admit_job(const core::WorkspaceId& workspace) override;
    void limits_changed(const core::WorkspaceId& workspace) override;
    core::Timestamp month_start() const override;
    core::Result<std::string> seal(std::string_view value) const override;
    core::Result<std::string> open(std::string_view sealed) const override;
    std::string random_secret() const override;
    bool same_secret(std::string_view a, std::string_view b) const override;

    std::optional<http::ServerModel> writer_model() const override { return writer_; }

    std::optional<core::Error> admit(const core::access::Principal& principal,
                                     bool may_block) override;

private:
    struct Cached {
        core::WorkspaceLimits limits;
        std::chrono::steady_clock::time_point fetched;
    };

    /// The workspace's limits with the defaults filled in; from memory when fetched within the
    /// last few seconds (nullopt when not in memory and `may_block` is false).
    std::optional<core::WorkspaceLimits> effective(const core::WorkspaceId& workspace,
                                                   bool may_block);

    core::WorkspaceSettingsStore& store_;
    core::JobStore& jobs_;
    const core::Clock& clock_;
    LimitDefaults defaults_;
    std::optional<crypto::SecretBox> secrets_;
    std::optional<http::ServerModel> writer_;
    core::access::RateLimiter rates_{65536};
    std::mutex mutex_;
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace swarm::app
