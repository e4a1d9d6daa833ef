#include "http/router.hpp"

#include "http/error_response.hpp"
#include "http/message.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

Response ok(const Request& /*req*/) {
    return json_response(200, {{"ok", true}});
}

Router sample_router() {
    Router r;
    r.add("GET", "/api/v1/jobs", Access::open(), ok);
    r.add("POST", "/api/v1/jobs", Access::open(), ok);
    r.add("GET", "/api/v1/jobs/{id}", Access::open(), ok);
    r.add("DELETE", "/api/v1/jobs/{id}", Access::open(), ok);
    r.add("GET", "/api/v1/jobs/{id}/events", Access::open(), ok);
    return r;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    const auto r = sample_router();
    const auto m = r.match("GET", "/api/v1/jobs/j-42/events");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.route->pattern, "/api/v1/jobs/{id}/events");
    EXPECT_EQ(m.params.at("id"), "j-42");
    EXPECT_EQ(r.match("POST", "/api/v1/jobs").kind, RouteMatch::Kind::kFound);
}

TEST(Router, UnknownPathIsNotFound) {
    const auto r = sample_router();
    EXPECT_EQ(r.match("GET", "/api/v1/nope").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.match("GET", "/api/v1/jobs/").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.match("GET", "/api/v1/jobs/a/b/c").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.match("GET", "").kind, RouteMatch::Kind::kNotFound);
}

TEST(Router, WrongMethodListsAllowedMethods) {
    const auto r = sample_router();
    const auto m = r.match("PUT", "/api/v1/jobs/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(join_methods(m.allow), "DELETE, GET, HEAD");
    EXPECT_EQ(m.pattern, "/api/v1/jobs/{id}");
}

TEST(Router, HeadIsAnsweredByTheGetRoute) {
    const auto r = sample_router();
    const auto m = r.match("HEAD", "/api/v1/jobs/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.route->method, "GET");
    EXPECT_EQ(m.params.at("id"), "7");
    Router post_only;
    post_only.add("POST", "/submit", Access::open(), ok);
    const auto refused = post_only.match("HEAD", "/submit");
    EXPECT_EQ(refused.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(join_methods(refused.allow), "POST");
}

TEST(Router, RejectsDuplicatesAndBadPatterns) {
    Router r;
    r.add("GET", "/a", Access::open(), ok);
    EXPECT_THROW(r.add("GET", "/a", Access::open(), ok), std::invalid_argument);
    EXPECT_THROW(r.add("GET", "a", Access::open(), ok), std::invalid_argument);
}

TEST(Target, SplitsAndDecodesPathAndQuery) {
    std::string path;
    std::map<std::string, std::string> query;
    ASSERT_TRUE(parse_target("/a%20b/c?status=queued&q=hello+world&x=%2F&&flag", path, query));
    EXPECT_EQ(path, "/a b/c");
    EXPECT_EQ(query.at("status"), "queued");
    EXPECT_EQ(query.at("q"), "hello world");
    EXPECT_EQ(query.at("x"), "/");
    EXPECT_EQ(query.at("flag"), "");
    EXPECT_FALSE(parse_target("/bad%2", path, query));
    EXPECT_FALSE(parse_target("/bad%zz", path, query));
}

TEST(ErrorMapping, CodesMapToStatuses) {
    EXPECT_EQ(status_for(core::ErrorCode::kInvalidArgument), 400);
    EXPECT_EQ(status_for(core::ErrorCode::kNotFound), 404);
    EXPECT_EQ(status_for(core::ErrorCode::kAlreadyExists), 409);
    EXPECT_EQ(status_for(core::ErrorCode::kResourceExhausted), 429);
    EXPECT_EQ(status_for(core::ErrorCode::kUnavailable), 503);
    EXPECT_EQ(status_for(core::ErrorCode::kDeadlineExceeded), 504);
    EXPECT_EQ(status_for(core::ErrorCode::kUpstream), 502);
    EXPECT_EQ(status_for(core::ErrorCode::kInternal), 500);
}

TEST(ErrorMapping, BodyNamesCodeMessageAndField) {
    const auto res = error_response(
        core::Error{core::ErrorCode::kInvalidArgument, "unknown", "platforms[1]", {}});
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(res.content_type, "application/json");
    const auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["error"]["code"], "invalid_argument");
    EXPECT_EQ(body["error"]["message"], "unknown");
    EXPECT_EQ(body["error"]["field"], "platforms[1]");
    const auto over = error_response(413, core::Error{}, "payload_too_large");
    EXPECT_EQ(nlohmann::json::parse(over.body)["error"]["code"], "payload_too_large");
}

TEST(ErrorMapping, JsonContentTypeCheck) {
    Request req;
    EXPECT_EQ(check_json_content_type(req)->status, 415);
    req.headers["content-type"] = "text/plain";
    EXPECT_EQ(check_json_content_type(req)->status, 415);
    req.headers["content-type"] = "Application/JSON ; charset=utf-8";
    EXPECT_FALSE(check_json_content_type(req).has_value());
}

}  // namespace
}  // namespace swarm::http
