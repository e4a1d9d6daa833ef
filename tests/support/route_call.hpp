// Runs a request through a Router as the HTTP session does, without a socket: the target parsed,
// the route matched (404/405 with an empty body when none), the answer from memory tried first
// (Route::from_memory), then the handler. For handler tests built on build_router.
#pragma once

#include "http/message.hpp"
#include "http/router.hpp"
#include "support/fakes.hpp"

#include <map>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace swarm::test {

/// The principal handler tests act as unless they say otherwise: the owner of kTestWorkspace.
inline core::access::Principal test_owner() {
    return {kTestWorkspace, "test", core::access::Role::kOwner, "key:csk_test", {}, {}, {}};
}

/// A request for `method` and `target` with `headers`; a non-empty `body` gets `content_type`.
/// It carries test_owner() as its principal (call_route runs handlers without the dispatcher's
/// authentication).
inline http::Request make_request(const std::string& method, const std::string& target,
                                  std::string body = {},
                                  std::string content_type = "application/json",
                                  std::map<std::string, std::string> headers = {}) {
    http::Request q;
    q.method = method;
    q.target = target;
    EXPECT_TRUE(http::parse_target(target, q.path, q.query)) << target;
    q.headers = std::move(headers);
    if (!body.empty()) {
        q.headers["content-type"] = std::move(content_type);
    }
    q.body = std::move(body);
    q.principal = test_owner();
    return q;
}

/// Authenticates every request as `principal` (the dispatcher tests' stand-in for API keys).
class StaticAuthenticator final : public http::Authenticator {
public:
    explicit StaticAuthenticator(core::access::Principal principal = test_owner())
        : principal_(std::move(principal)) {}

    core::Result<core::access::Principal> authenticate(const http::Request& /*q*/) override {
        return principal_;
    }

    std::optional<core::access::Principal> authenticate_cached(
        const http::Request& /*q*/) override {
        return principal_;
    }

private:
    core::access::Principal principal_;
};

/// The answer to `q`: the route's answer from memory when it gives one, else its handler's.
inline http::Response call_route(const http::Router& router, http::Request q) {
    const auto m = router.match(q.method, q.path);
    if (m.kind != http::RouteMatch::Kind::kFound) {
        http::Response r;
        r.status = m.kind == http::RouteMatch::Kind::kNotFound ? 404 : 405;
        return r;
    }
    q.path_params = m.params;
    if (m.route->from_memory) {
        if (auto known = m.route->from_memory(q)) {
            return std::move(*known);
        }
    }
    return m.route->handler(q);
}

}  // namespace swarm::test
