#include "http/dispatcher.hpp"

#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

class DispatcherTest : public ::testing::Test {
protected:
    DispatcherTest() {
        router_.add("GET", "/items/{id}", Access::open(), [](const Request& req) {
            return json_response(200, {{"id", req.path_params.at("id")},
                                       {"q", req.query.contains("q") ? req.query.at("q") : ""}});
        });
        router_.add("POST", "/boom", Access::open(),
                    [](const Request&) -> Response { throw std::runtime_error("kaboom"); });
    }

    Response send(std::string method, std::string target,
                  std::map<std::string, std::string> headers = {}) {
        Request req;
        req.method = std::move(method);
        req.target = std::move(target);
        req.headers = std::move(headers);
        return dispatcher_.dispatch(std::move(req));
    }

    std::vector<nlohmann::json> log_lines() const {
        std::vector<nlohmann::json> out;
        for (const auto& l : lines_) {
            out.push_back(nlohmann::json::parse(l));
        }
        return out;
    }

    Router router_;
    Metrics metrics_{{"1.2.3", "abc", 0}};
    std::vector<std::string> lines_;
    JsonLogger logger_{{{"version", "1.2.3"}, {"instance_id", "i1"}},
                       [this](std::string_view line) {
                           lines_.emplace_back(line);
                       }};
    int next_id_ = 0;
    Dispatcher dispatcher_{
        router_, CorsPolicy({"https://ui.example"}), metrics_, logger_, "1.2.3", [this] {
            return "gen-" + std::to_string(++next_id_);
        }};
};

TEST_F(DispatcherTest, RoutesWithParamsAndQuery) {
    const auto res = send("GET", "/items/42?q=a+b");
    EXPECT_EQ(res.status, 200);
    const auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["id"], "42");
    EXPECT_EQ(body["q"], "a b");
    EXPECT_EQ(res.header("X-Content-Swarm-Version"), "1.2.3");
}

TEST_F(DispatcherTest, RequestIdIsEchoedWhenSaneElseGenerated) {
    EXPECT_EQ(send("GET", "/items/1", {{"x-request-id", "abc-123"}}).header("X-Request-Id"),
              "abc-123");
    EXPECT_EQ(send("GET", "/items/1", {{"x-request-id", "bad id\"<>"}}).header("X-Request-Id"),
              "gen-1");
    EXPECT_EQ(send("GET", "/items/1").header("X-Request-Id"), "gen-2");
    EXPECT_FALSE(is_sane_request_id(std::string(129, 'a')));
}

TEST_F(DispatcherTest, NotFoundAndMethodNotAllowedCarryJsonAndCors) {
    const auto missing = send("GET", "/nope", {{"origin", "https://ui.example"}});
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["code"], "not_found");
    EXPECT_EQ(missing.header("Access-Control-Allow-Origin"), "https://ui.example");
    EXPECT_TRUE(missing.header("X-Request-Id").has_value());

    const auto wrong = send("DELETE", "/items/1", {{"origin", "https://evil.example"}});
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.header("Allow"), "GET, HEAD");
    EXPECT_FALSE(wrong.header("Access-Control-Allow-Origin").has_value());
    // A wrong method is counted under the route it reached, not lumped with unknown paths.
    EXPECT_NE(metrics_.render().find(R"(route="/items/{id}",method="DELETE",status="405")"),
              std::string::npos)
        << metrics_.render();
}

TEST_F(DispatcherTest, PreflightIsAnswered) {
    const auto res =
        send("OPTIONS", "/items/9",
             {{"origin", "https://ui.example"}, {"access-control-request-method", "GET"}});
    EXPECT_EQ(res.status, 204);
    EXPECT_EQ(res.header("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://ui.example");
}

TEST_F(DispatcherTest, HandlerExceptionBecomes500AndIsLoggedWithRequestId) {
    const auto res = send("POST", "/boom", {{"x-request-id", "r-9"}});
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "internal");
    bool logged = false;
    for (const auto& line : log_lines()) {
        if (line["msg"] == "handler failed") {
            logged = line["request_id"] == "r-9" && line["exception"] == "kaboom";
        }
    }
    EXPECT_TRUE(logged);
}

TEST_F(DispatcherTest, AccessLogLineHasRouteStatusAndDuration) {
    (void)send("GET", "/items/5", {{"x-request-id", "r-1"}});
    const auto lines = log_lines();
    ASSERT_EQ(lines.size(), 1U);
    const auto& l = lines[0];
    EXPECT_EQ(l["msg"], "request");
    EXPECT_EQ(l["level"], "info");
    EXPECT_EQ(l["version"], "1.2.3");
    EXPECT_EQ(l["instance_id"], "i1");
    EXPECT_EQ(l["request_id"], "r-1");
    EXPECT_EQ(l["method"], "GET");
    EXPECT_EQ(l["route"], "/items/{id}");
    EXPECT_EQ(l["status"], 200);
    EXPECT_TRUE(l["duration_ms"].is_number());
    const std::string time = l["time"];
    ASSERT_EQ(time.size(), 24U);  // 2026-01-02T03:04:05.678Z
    EXPECT_EQ(time.back(), 'Z');
}

TEST_F(DispatcherTest, RejectAddsCommonHeaders) {
    Request req;
    req.method = "POST";
    req.headers["origin"] = "https://ui.example";
    const auto res = dispatcher_.reject(std::move(req), 413, core::Error{}, "payload_too_large");
    EXPECT_EQ(res.status, 413);
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://ui.example");
    EXPECT_EQ(res.header("X-Content-Swarm-Version"), "1.2.3");
}

}  // namespace
}  // namespace swarm::http

namespace swarm::http {
namespace {

/// Counts what the dispatcher asks of credentials and the rate gate.
struct CountingSecurity final : Authenticator, RequestGate {
    int checked = 0;  // authenticate (the database path)
    int cached = 0;   // authenticate_cached (the memory path)
    int gated = 0;

    core::Result<core::access::Principal> authenticate(const Request& /*q*/) override {
        ++checked;
        return principal();
    }

    std::optional<core::access::Principal> authenticate_cached(const Request& /*q*/) override {
        ++cached;
        return principal();
    }

    std::optional<core::Error> admit(const core::access::Principal& /*p*/,
                                     bool /*may_block*/) override {
        ++gated;
        return std::nullopt;
    }

    static core::access::Principal principal() {
        return {core::WorkspaceId("ws_00000000000000aa"),
                "w",
                core::access::Role::kViewer,
                "key:csk_test",
                {},
                {},
                {}};
    }
};

TEST(DispatcherAdmission, ARequestTheMemoryPathCannotAnswerIsAdmittedOnce) {
    Router router;
    router.add(
        "GET", "/items/{id}", Access::viewer(),
        [](const Request&) {
            return json_response(200, {{"from", "handler"}});
        },
        Lane::kStorage, [](const Request&) -> std::optional<Response> { return std::nullopt; });
    Metrics metrics{{"1", "sha", 0}};
    JsonLogger logger{{}, [](std::string_view) {
                      }};
    CountingSecurity security;
    RequestSecurity guards;
    guards.auth = &security;
    guards.gate = &security;
    Dispatcher dispatcher(
        router, CorsPolicy(), metrics, logger, "1", [] { return "id"; }, guards);
    Request req;
    req.method = "GET";
    req.target = "/items/1";
    req.headers = {{"host", "localhost"}};
    const auto res = dispatcher.dispatch(std::move(req));
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(security.cached, 1);
    EXPECT_EQ(security.checked, 0) << "the credential the memory path checked is not checked again";
    EXPECT_EQ(security.gated, 1) << "one request takes one token of the workspace's rate";
}

}  // namespace
}  // namespace swarm::http
