// The operational endpoints: /livez (process up), /readyz (ready callback and not draining),
// /version (build and instance identity) and /metrics (Prometheus text).
#pragma once

#include "http/message.hpp"
#include "http/metrics.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace swarm::http {

/// Who answers: filled by app from its build info; http never depends on app.
struct ServerIdentity {
    std::string version;
    std::string git_sha;
    std::string build_time;
    std::string instance_id;
    std::string started_at;  // RFC 3339 UTC
};

/// Readiness state shared by the server (which flips `draining`) and /readyz.
class Health {
public:
    /// Returns a reason when not ready, nullopt when ready.
    using ReadinessCheck = std::function<std::optional<std::string>()>;

    explicit Health(ReadinessCheck check = {}) : check_(std::move(check)) {}

    void set_draining() { draining_.store(true); }

    bool is_draining() const { return draining_.load(); }

    /// nullopt when ready; else why not ("draining", or the check's reason).
    std::optional<std::string> not_ready_reason() const;

private:
    ReadinessCheck check_;
    std::atomic<bool> draining_{false};
};

Response handle_livez(const Request& request);
Response handle_readyz(const Health& health, const Request& request);
Response handle_version(const ServerIdentity& identity, const Request& request);
Response handle_metrics(const Metrics& metrics, const Request& request);

}  // namespace swarm::http
