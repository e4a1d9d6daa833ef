#include "http/system_handlers.hpp"

#include <condition_variable>
#include <exception>

#include <nlohmann/json.hpp>

namespace swarm::http {

Health::~Health() {
    probe_.request_stop();
    if (probe_.joinable()) {
        probe_.join();  // a hung check holds this until it returns (its own timeouts bound it)
    }
}

std::optional<std::string> Health::run_check() const {
    if (!check_) {
        return std::nullopt;
    }
    try {
        return check_();
    } catch (const std::exception& e) {
        return std::string("readiness check failed: ") + e.what();
    }
}

void Health::start_probing(std::chrono::milliseconds interval,
                           std::chrono::milliseconds stall_after, ChangeListener on_change) {
    {
        const std::lock_guard lock(mutex_);
        probing_ = true;
        last_reason_ = "starting: the first readiness check has not answered yet";
        stall_after_ = stall_after;
    }
    probe_ =
        std::jthread([this, interval, listener = std::move(on_change)](
                         const std::stop_token& stop) { probe_loop(stop, interval, listener); });
}

void Health::probe_loop(const std::stop_token& stop, std::chrono::milliseconds interval,
                        const ChangeListener& on_change) {
    std::mutex wait_mutex;
    std::condition_variable_any cv;
    std::optional<std::string> told;
    bool first = true;
    while (!stop.stop_requested()) {
        {
            const std::lock_guard lock(mutex_);
            check_started_ = std::chrono::steady_clock::now();
            check_running_ = true;
        }
        auto reason = run_check();
        {
            const std::lock_guard lock(mutex_);
            check_running_ = false;
            last_reason_ = reason;
        }
        if (on_change && (first || reason != told)) {
            on_change(reason);
        }
        told = std::move(reason);
        first = false;
        std::unique_lock lock(wait_mutex);
        cv.wait_for(lock, stop, interval, [] { return false; });
    }
}

std::optional<std::string> Health::not_ready_reason() const {
    if (is_draining()) {
        return "draining";
    }
    {
        const std::lock_guard lock(mutex_);
        if (probing_) {
            const auto running_for = std::chrono::steady_clock::now() - check_started_;
            if (check_running_ && running_for > stall_after_) {
                const auto ms =
                    std::chrono::duration_cast<std::chrono::milliseconds>(running_for).count();
                return "the readiness check (database and media store) has not answered for " +
                       std::to_string(ms) + " ms";
            }
            return last_reason_;
        }
    }
    return run_check();
}

Response handle_livez(const Request& /*request*/) {
    return json_response(200, {{"status", "ok"}});
}

Response handle_readyz(const Health& health, const Request& /*request*/) {
    nlohmann::json body{{"status", "ready"}};
    for (const auto& [name, value] : health.details()) {
        body[name] = value;
    }
    if (auto reason = health.not_ready_reason()) {
        body["status"] = "not_ready";
        body["reason"] = *reason;
        auto res = json_response(503, body);
        res.set_header("Cache-Control", "no-store");
        return res;
    }
    return json_response(200, body);
}

Response handle_version(const ServerIdentity& identity, const Request& /*request*/) {
    return json_response(200, {{"version", identity.version},
                               {"git_sha", identity.git_sha},
                               {"build_time", identity.build_time},
                               {"instance_id", identity.instance_id},
                               {"started_at", identity.started_at}});
}

Response handle_metrics(const Metrics& metrics, const Request& /*request*/) {
    Response res;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.body = metrics.render();
    return res;
}

}  // namespace swarm::http
