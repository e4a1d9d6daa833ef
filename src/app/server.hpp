// `content-swarm serve`: the server's configuration (defaults, environment, command line) and
// its lifecycle (wiring the HTTP server with the build identity, logs, signals and drain).
#pragma once

#include "app/llm_settings.hpp"
#include "app/server_access.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::app {

struct ListenAddress {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
};

/// What a process does: the API and workers (serve), the API only (serve --no-worker), or workers
/// only (worker: HTTP answers the operations endpoints alone).
enum class ServerRole { kApiAndWorkers, kApiOnly, kWorkersOnly };

struct ServerConfig {
    ServerRole role = ServerRole::kApiAndWorkers;
    ListenAddress listen;
    std::vector<std::string> cors_origins;  // exact origins or "*"; empty: no CORS headers
    std::uint64_t max_body_bytes = std::uint64_t{1024} * 1024;
    std::chrono::seconds drain_deadline{25};
    int io_threads = 0;       // CONTENT_SWARM_IO_THREADS; 0: one per core
    int storage_threads = 0;  // CONTENT_SWARM_STORAGE_THREADS; 0: cores (SQLite), 8 (PostgreSQL)
    int media_threads = 0;    // CONTENT_SWARM_MEDIA_THREADS; 0: 8
    std::chrono::milliseconds sse_heartbeat{15'000};
    std::string db = "sqlite:content-swarm.db";  // "sqlite:PATH"
    std::string kb_dir;                          // loaded into the knowledge base at start
    int workers = 2;                             // 0: API only (no job runs here)
    std::int64_t queue_capacity = 100;
    std::optional<std::string> llm_config;    // --llm-config; else CONTENT_SWARM_LLM_CONFIG
    std::chrono::seconds generate_wait{120};  // POST /api/generate-content waits this long
    std::chrono::seconds job_lease{30};       // a claimed job's lease; renewed every third
    core::RetryPolicy job_retry{};            // interrupted runs: backoff and maximum attempts
    std::string media;  // --media / CONTENT_SWARM_MEDIA (app/media_config.hpp); empty: default
    std::int64_t versions_kept = 50;  // CONTENT_SWARM_CONTENT_VERSIONS_KEPT; 0: keep every one
    AccessConfig access;  // keys, development mode, allowed Host names (app/server_access.hpp)
};

/// "HOST:PORT" or "[V6]:PORT"; errors name `field`.
core::Result<ListenAddress> parse_listen(std::string_view text, const std::string& field);

/// Defaults overridden by CONTENT_SWARM_LISTEN, CONTENT_SWARM_CORS_ORIGINS (comma-separated),
/// CONTENT_SWARM_MAX_BODY_BYTES, CONTENT_SWARM_DRAIN_SECONDS, CONTENT_SWARM_DB and
/// CONTENT_SWARM_SSE_HEARTBEAT_MS, CONTENT_SWARM_GENERATE_WAIT_SECONDS and
/// CONTENT_SWARM_JOB_LEASE_SECONDS, CONTENT_SWARM_JOB_MAX_ATTEMPTS,
/// CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS and CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS,
/// CONTENT_SWARM_MEDIA (app/media_config.hpp), CONTENT_SWARM_IO_THREADS,
/// CONTENT_SWARM_STORAGE_THREADS, CONTENT_SWARM_MEDIA_THREADS and
/// CONTENT_SWARM_CONTENT_VERSIONS_KEPT, CONTENT_SWARM_ALLOWED_HOSTS (comma-separated),
/// CONTENT_SWARM_OWNER_KEY and CONTENT_SWARM_METRICS_KEY; errors
/// name the variable. (Language-model settings are read by
/// llm_settings.)
core::Result<ServerConfig> server_config_from_env(const EnvLookup& env);

/// Runs the server until a signal has drained it. Returns the process exit code (0 after a
/// graceful stop, 1 after a forced one); an error when it cannot start.
core::Result<int> run_server(const ServerConfig& config);

}  // namespace swarm::app
