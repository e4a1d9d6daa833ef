#include "http/system_handlers.hpp"

#include <exception>

#include <nlohmann/json.hpp>

namespace swarm::http {

std::optional<std::string> Health::not_ready_reason() const {
    if (is_draining()) {
        return "draining";
    }
    if (!check_) {
        return std::nullopt;
    }
    try {
        return check_();
    } catch (const std::exception& e) {
        return std::string("readiness check failed: ") + e.what();
    }
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
