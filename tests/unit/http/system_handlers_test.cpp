#include "http/routes.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

Response call(const Router& router, const std::string& path) {
    const auto m = router.match("GET", path);
    EXPECT_EQ(m.kind, RouteMatch::Kind::kFound) << path;
    return m.route->handler(Request{});
}

TEST(SystemHandlers, LivezVersionAndMetrics) {
    const ServerIdentity id{"1.0.0", "abc", "2026-01-01T00:00:00Z", "inst", "2026-01-02T00:00:00Z"};
    const Health health;
    const Metrics metrics({"1.0.0", "abc", 0});
    const auto router = build_router({id, health, metrics});
    EXPECT_EQ(nlohmann::json::parse(call(router, "/livez").body)["status"], "ok");
    const auto version = nlohmann::json::parse(call(router, "/version").body);
    EXPECT_EQ(version["version"], "1.0.0");
    EXPECT_EQ(version["git_sha"], "abc");
    EXPECT_EQ(version["build_time"], "2026-01-01T00:00:00Z");
    EXPECT_EQ(version["instance_id"], "inst");
    EXPECT_EQ(version["started_at"], "2026-01-02T00:00:00Z");
    const auto text = call(router, "/metrics");
    EXPECT_EQ(text.content_type.rfind("text/plain", 0), 0U);
    EXPECT_NE(text.body.find("content_swarm_build_info"), std::string::npos);
}

TEST(SystemHandlers, ReadyzFollowsCheckAndDraining) {
    bool ready = false;
    Health health([&ready]() -> std::optional<std::string> {
        return ready ? std::nullopt : std::optional<std::string>("storage unreachable");
    });
    const Request req;
    auto res = handle_readyz(health, req);
    EXPECT_EQ(res.status, 503);
    EXPECT_EQ(nlohmann::json::parse(res.body)["reason"], "storage unreachable");
    ready = true;
    EXPECT_EQ(handle_readyz(health, req).status, 200);
    health.set_draining();
    res = handle_readyz(health, req);
    EXPECT_EQ(res.status, 503);
    EXPECT_EQ(nlohmann::json::parse(res.body)["reason"], "draining");
}

}  // namespace
}  // namespace swarm::http
