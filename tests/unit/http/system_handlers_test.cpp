#include "http/routes.hpp"

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

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

namespace swarm::http {
namespace {

/// Polls (bounded) until /readyz's reason satisfies `want`; the last reason either way.
template <class Want>
std::optional<std::string> wait_reason(const Health& health, Want want) {
    std::optional<std::string> reason;
    for (int i = 0; i < 500; ++i) {
        reason = health.not_ready_reason();
        if (want(reason)) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return reason;
}

TEST(HealthProbing, AnswersFromMemoryAndReportsAHungCheckAsNotReady) {
    std::mutex mutex;
    std::condition_variable cv;
    bool hang = false;
    bool release = false;
    std::atomic<int> checks{0};
    std::vector<std::optional<std::string>> changes;
    std::mutex changes_mutex;
    {
        Health health([&]() -> std::optional<std::string> {
            checks.fetch_add(1);
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return !hang || release; });
            return std::nullopt;
        });
        health.start_probing(std::chrono::milliseconds(10), std::chrono::milliseconds(200),
                             [&](const std::optional<std::string>& reason) {
                                 const std::lock_guard lock(changes_mutex);
                                 changes.push_back(reason);
                             });
        EXPECT_EQ(wait_reason(health, [](const auto& r) { return !r.has_value(); }), std::nullopt);
        {
            const std::lock_guard lock(mutex);
            hang = true;  // the next check blocks, as on a store that never answers
        }
        const auto stalled = wait_reason(health, [](const auto& r) { return r.has_value(); });
        ASSERT_TRUE(stalled.has_value());
        EXPECT_NE(stalled->find("has not answered"), std::string::npos) << *stalled;
        // /readyz itself never waits for the hung check.
        const auto res = handle_readyz(health, Request{});
        EXPECT_EQ(res.status, 503);
        EXPECT_NE(res.body.find("has not answered"), std::string::npos);
        {
            const std::lock_guard lock(mutex);
            release = true;
        }
        cv.notify_all();
        EXPECT_EQ(wait_reason(health, [](const auto& r) { return !r.has_value(); }), std::nullopt);
        health.set_draining();
        EXPECT_EQ(health.not_ready_reason(), "draining");
    }
    EXPECT_GE(checks.load(), 2);
    const std::lock_guard lock(changes_mutex);
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(changes.front(), std::nullopt) << "the first answer is announced";
}

TEST(HealthProbing, NotReadyUntilTheFirstCheckAnswersThenTheChecksReason) {
    std::promise<void> go;
    auto gate = go.get_future().share();
    Health health([gate]() -> std::optional<std::string> {
        gate.wait();
        return "storage: disk I/O error";
    });
    health.start_probing(std::chrono::milliseconds(10), std::chrono::seconds(60));
    const auto starting = health.not_ready_reason();
    ASSERT_TRUE(starting.has_value());
    EXPECT_NE(starting->find("starting"), std::string::npos);
    go.set_value();
    EXPECT_EQ(wait_reason(health, [](const auto& r) { return r == "storage: disk I/O error"; }),
              "storage: disk I/O error");
}

}  // namespace
}  // namespace swarm::http
