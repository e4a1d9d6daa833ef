// The operational endpoints: /livez (process up), /readyz (ready callback and not draining),
// /version (build and instance identity) and /metrics (Prometheus text).
#pragma once

#include "http/message.hpp"
#include "http/metrics.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
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

/// Readiness state shared by the server (which flips `draining`) and /readyz. The check (a
/// database query, a media store request) can be slow or hang, so once probing has started it
/// runs on its own thread every `interval` and /readyz answers from memory; a check that has not
/// returned for `stall_after` makes the process not ready ("... not answering").
class Health {
public:
    /// Returns a reason when not ready, nullopt when ready.
    using ReadinessCheck = std::function<std::optional<std::string>()>;
    /// Told when readiness changes (nullopt: ready again); on the probe thread.
    using ChangeListener = std::function<void(const std::optional<std::string>& reason)>;

    explicit Health(ReadinessCheck check = {}) : check_(std::move(check)) {}

    ~Health();
    Health(const Health&) = delete;
    Health& operator=(const Health&) = delete;

    /// A fact /readyz reports beside its status ("media": the media store's description). Call
    /// before the server starts; not thread-safe against concurrent readers.
    void add_detail(std::string name, std::string value) {
        details_.emplace_back(std::move(name), std::move(value));
    }

    const std::vector<std::pair<std::string, std::string>>& details() const { return details_; }

    /// Starts the probe thread; the first check runs at once (until it answers: not ready,
    /// "starting"). Without it, not_ready_reason() runs the check inline (tests, tools).
    void start_probing(std::chrono::milliseconds interval, std::chrono::milliseconds stall_after,
                       ChangeListener on_change = {});

    void set_draining() { draining_.store(true); }

    bool is_draining() const { return draining_.load(); }

    /// nullopt when ready; else why not ("draining", or the check's reason).
    std::optional<std::string> not_ready_reason() const;

private:
    std::optional<std::string> run_check() const;
    void probe_loop(const std::stop_token& stop, std::chrono::milliseconds interval,
                    const ChangeListener& on_change);

    ReadinessCheck check_;
    std::vector<std::pair<std::string, std::string>> details_;
    std::atomic<bool> draining_{false};
    mutable std::mutex mutex_;  // guards the probe state below
    bool probing_ = false;
    std::optional<std::string> last_reason_;
    std::chrono::steady_clock::time_point check_started_{};
    bool check_running_ = false;
    std::chrono::milliseconds stall_after_{0};
    std::jthread probe_;  // last: stops and joins first
};

Response handle_livez(const Request& request);
Response handle_readyz(const Health& health, const Request& request);
Response handle_version(const ServerIdentity& identity, const Request& request);
Response handle_metrics(const Metrics& metrics, const Request& request);

}  // namespace swarm::http
