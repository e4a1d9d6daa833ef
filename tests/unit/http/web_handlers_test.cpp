// The web app from the binary: the router's rest segments and page fallback, the asset and page
// answers (types, entity tags, 304, the security headers of HTML), and the embedded table itself
// against the files of web/app.
#include "http/handlers/web_handlers.hpp"

#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/web_assets.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <array>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

using test::make_request;

Response ok(const Request& /*q*/) {
    return json_response(200, {{"ok", true}});
}

/// A table as the generator makes it: sorted by path.
constexpr std::array<WebAsset, 4> kAssets{{
    {"app.js", "text/javascript; charset=utf-8", "\"aaaa\"", "export {};\n"},
    {"icon.png", "image/png", "\"bbbb\"", std::string_view("\x89PNG\0\x01", 6)},
    {"index.html", "text/html; charset=utf-8", "\"cccc\"", "<!doctype html><p>app</p>"},
    {"pages/compose.js", "text/javascript; charset=utf-8", "\"dddd\"", "// compose\n"},
}};

Router web_router(std::span<const WebAsset> assets) {
    Router r;
    r.add("GET", "/api/v1/jobs", Access::open(), ok);
    r.add("POST", "/api/v1/session", Access::open(), ok);
    r.add("GET", "/livez", Access::open(), ok);
    r.add(
        "GET", "/assets/{path...}", Access::open(),
        [assets](const Request& q) { return handle_web_asset(assets, q); }, Lane::kInline);
    r.set_fallback(
        "/{page...}", Access::open(),
        [assets](const Request& q) { return handle_web_page(assets, q); }, Lane::kInline,
        is_app_path);
    return r;
}

TEST(RouterRest, TakesTheRestOfThePathJoined) {
    Router r;
    r.add("GET", "/assets/{path...}", Access::open(), ok);
    for (const std::string rest : {"a", "app.js", "pages/compose.js", "a/b/c/d.css", ".."}) {
        const auto m = r.match("GET", "/assets/" + rest);
        ASSERT_EQ(m.kind, RouteMatch::Kind::kFound) << rest;
        EXPECT_EQ(m.params.at("path"), rest);
        EXPECT_EQ(m.route->pattern, "/assets/{path...}");
    }
    for (const std::string path :
         {"/assets", "/assets/", "/assets/a//b", "/assets/a/", "/asset/a"}) {
        EXPECT_EQ(r.match("GET", path).kind, RouteMatch::Kind::kNotFound) << path;
    }
    EXPECT_EQ(r.match("POST", "/assets/app.js").kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_THROW(r.add("GET", "/x/{rest...}/y", Access::open(), ok), std::invalid_argument);
}

TEST(RouterFallback, AnswersGetAndHeadOfPathsNoRouteKnows) {
    const auto r = web_router(kAssets);
    for (const std::string path :
         {"/", "/jobs/job_1", "/content/x", "/calendar", "/share/abc.def", "/first-run",
          "/settings/members", "/apis", "/assetsx/y", "/a b"}) {
        for (const char* method : {"GET", "HEAD"}) {
            const auto m = r.match(method, path);
            ASSERT_EQ(m.kind, RouteMatch::Kind::kFound) << method << " " << path;
            EXPECT_EQ(m.route, r.fallback());
            EXPECT_EQ(m.pattern, "/{page...}");
        }
        // Only reads: anything else of an unknown path stays 404.
        for (const char* method : {"POST", "PUT", "DELETE", "PATCH", ""}) {
            EXPECT_EQ(r.match(method, path).kind, RouteMatch::Kind::kNotFound)
                << method << " " << path;
        }
    }
}

TEST(RouterFallback, NeverAnswersTheServersOwnPaths) {
    const auto r = web_router(kAssets);
    for (const std::string first :
         {"api", "media", "ws", "ical", "assets", "livez", "readyz", "version", "metrics"}) {
        for (const std::string rest : {"", "/x", "/v1/nope", "/v1/jobs/j/x/y"}) {
            const auto path = "/" + first + rest;
            const auto m = r.match("GET", path);
            EXPECT_TRUE(m.kind != RouteMatch::Kind::kFound || m.route != r.fallback()) << path;
            EXPECT_FALSE(is_app_path(path)) << path;
        }
    }
    // A path of a route under another method is still 405, not the app.
    EXPECT_EQ(r.match("GET", "/api/v1/session").kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(r.match("GET", "/livez").route->pattern, "/livez");
}

TEST(WebAssets, ServesBytesTypeAndEntityTag) {
    const auto r = web_router(kAssets);
    for (const auto& asset : kAssets) {
        SCOPED_TRACE(std::string(asset.path));
        const auto res =
            test::call_route(r, make_request("GET", "/assets/" + std::string(asset.path)));
        EXPECT_EQ(res.status, 200);
        EXPECT_EQ(res.body, asset.bytes);
        EXPECT_EQ(res.content_type, asset.content_type);
        EXPECT_EQ(res.header("ETag"), asset.etag);
        EXPECT_EQ(res.header("Cache-Control"), "no-cache");
        EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
        const bool html = asset.path.ends_with(".html");
        EXPECT_EQ(res.header("Content-Security-Policy").has_value(), html);
    }
}

TEST(WebAssets, RevalidationAnswers304ForAMatchingTagOnly) {
    const auto r = web_router(kAssets);
    const auto with = [&r](const std::string& target, const std::string& tags) {
        return test::call_route(
            r, make_request("GET", target, {}, "application/json", {{"if-none-match", tags}}));
    };
    for (const std::string tags : {"\"aaaa\"", "W/\"aaaa\"", "\"zz\", \"aaaa\"", "*"}) {
        const auto res = with("/assets/app.js", tags);
        EXPECT_EQ(res.status, 304) << tags;
        EXPECT_TRUE(res.body.empty());
        EXPECT_EQ(res.header("ETag"), "\"aaaa\"");
    }
    for (const std::string tags : {"\"bbbb\"", "aaaa", "\"aaaa-x\""}) {
        EXPECT_EQ(with("/assets/app.js", tags).status, 200) << tags;
    }
    EXPECT_EQ(with("/calendar", "\"cccc\"").status, 304);
}

TEST(WebAssets, UnknownAndTraversingPathsAre404) {
    const auto r = web_router(kAssets);
    for (const std::string target :
         {"/assets/nope.js", "/assets/../index.html", "/assets/..%2Fapp.js", "/assets/pages",
          "/assets/pages/../app.js", "/assets/APP.JS", "/assets/app.js%00",
          "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets//etc/passwd"}) {
        const auto res = test::call_route(r, make_request("GET", target));
        EXPECT_EQ(res.status, 404) << target;
        EXPECT_EQ(res.body.find('<'), std::string::npos) << target;
    }
}

TEST(WebPages, EveryPagePathIsIndexWithTheSecurityHeaders) {
    const auto r = web_router(kAssets);
    for (const std::string target : {"/", "/jobs/job_1", "/share/t0k.en?x=1", "/first-run"}) {
        SCOPED_TRACE(target);
        const auto res = test::call_route(r, make_request("GET", target));
        EXPECT_EQ(res.status, 200);
        EXPECT_EQ(res.body, kAssets[2].bytes);
        EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
        EXPECT_EQ(res.header("Content-Security-Policy"), kWebContentSecurityPolicy);
        EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(res.header("Referrer-Policy"), "no-referrer");
        EXPECT_EQ(res.header("X-Frame-Options"), "DENY");
        EXPECT_EQ(res.header("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
    }
    // The policy allows no inline script and no other origin.
    const std::string csp(kWebContentSecurityPolicy);
    EXPECT_EQ(csp.find("unsafe"), std::string::npos);
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    // Without an embedded index.html: 404, never an empty page.
    const auto bare = web_router(std::span<const WebAsset>(kAssets).first(2));
    EXPECT_EQ(test::call_route(bare, make_request("GET", "/")).status, 404);
}

/// Files under web/app as the generator takes them (no dot files or editor backups).
std::set<std::string> files_on_disk(const std::filesystem::path& root) {
    std::set<std::string> out;
    if (!std::filesystem::is_directory(root)) {
        return out;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        const bool hidden = relative.front() == '.' || relative.find("/.") != std::string::npos ||
                            relative.back() == '~';
        if (entry.is_regular_file() && !hidden) {
            out.insert(relative);
        }
    }
    return out;
}

TEST(EmbeddedWebApp, HoldsEveryFileOfWebAppByteForByte) {
    const auto root = test::source_dir() / "web" / "app";
    const auto assets = web_assets();
    std::set<std::string> embedded;
    std::set<std::string_view> tags;
    for (std::size_t i = 0; i < assets.size(); ++i) {
        const auto& asset = assets[i];
        SCOPED_TRACE(std::string(asset.path));
        if (i > 0) {
            EXPECT_LT(assets[i - 1].path, asset.path) << "the table is sorted and unique";
        }
        embedded.emplace(asset.path);
        EXPECT_EQ(asset.bytes, test::read_file(root / std::string(asset.path)));
        EXPECT_EQ(find_web_asset(assets, asset.path), &asset);
        ASSERT_EQ(asset.etag.size(), 34U);
        EXPECT_TRUE(asset.etag.starts_with('"') && asset.etag.ends_with('"'));
        tags.insert(asset.etag);
        EXPECT_NE(asset.content_type, "") << "every file has a type";
        if (asset.path.ends_with(".js")) {
            EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
        } else if (asset.path.ends_with(".css")) {
            EXPECT_EQ(asset.content_type, "text/css; charset=utf-8");
        } else if (asset.path.ends_with(".html")) {
            EXPECT_EQ(asset.content_type, "text/html; charset=utf-8");
        } else if (asset.path.ends_with(".svg")) {
            EXPECT_EQ(asset.content_type, "image/svg+xml");
        }
    }
    // Rebuilt when a file is added, changed or removed: the table is the folder.
    EXPECT_EQ(embedded, files_on_disk(root)) << "rebuild: the embedded web app is stale";
    EXPECT_NE(find_web_asset(assets, "index.html"), nullptr) << "web/app/index.html";
}

TEST(EmbeddedWebApp, TheRouteTableServesItWithoutCredentials) {
    Health health;
    Metrics metrics{Metrics::Identity{"1", "sha", 0}};
    const ServerIdentity identity{"1", "sha", "now", "inst", "t"};
    const auto router = build_router({identity, health, metrics, ApiDeps{}, true});
    const auto asset = router.match("GET", "/assets/index.html");
    ASSERT_EQ(asset.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(asset.route->access.kind, Access::Kind::kOpen);
    EXPECT_EQ(asset.route->lane, Lane::kInline);
    const auto page = router.match("GET", "/jobs/job_1");
    ASSERT_EQ(page.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(page.route->access.kind, Access::Kind::kOpen);
    EXPECT_EQ(page.route->lane, Lane::kInline);
    EXPECT_EQ(router.match("GET", "/api/v1/nope").kind, RouteMatch::Kind::kNotFound);
    // A worker's operations-only router serves no app.
    const auto ops = build_router({identity, health, metrics, ApiDeps{}, false});
    EXPECT_EQ(ops.match("GET", "/").kind, RouteMatch::Kind::kNotFound);
}

}  // namespace
}  // namespace swarm::http
