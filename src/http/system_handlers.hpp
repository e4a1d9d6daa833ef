// The operational endpoints: /livez (process up), /readyz (ready callback and not draining),
// /version (build and instance identity) and /metrics (Prometheus text).
#pragma once

#include "http/message.hpp"
#include "http/metrics.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

    /// A fact /readyz reports beside its status ("media": the media store's description). Call
    /// before the server starts; not thread-safe against concurrent readers.
    void add_detail(std::string name, std::string value) {
        details_.emplace_back(std::move(name), std::move(value));
    }

    const std::vector<std::pair<std::string, std::string>>& details() const { return details_; }

    void set_draining() { draining_.store(true); }

    bool is_draining() const { return draining_.load(); }

    /// nullopt when ready; else why not ("draining", or the check's reason).
    std::optional<std::string> not_ready_reason() const;

private:
    ReadinessCheck check_;
    std::vector<std::pair<std::string, std::string>> details_;
    std::atomic<bool> draining_{false};
};

Response handle_livez(const Request& request);
Response handle_readyz(const Health& health, const Request& request);
Response handle_version(const ServerIdentity& identity, const Request& request);
Response handle_metrics(const Metrics& metrics, const Request& request);

}  // namespace swarm::http
