// The web app and its first run on the real server: every file of web/app served from the binary
// (types, ETag and 304, the HTML security headers, no credentials, no rate limit), index.html for
// every page path, the JSON 404s of the API untouched; the first-run link printed at start, the
// account it makes (cookie and body of a sign-in), and every way it refuses.
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";
constexpr const char* kPassword = "first run password";

/// No credentials at all: what a browser sends before anyone signs in.
Headers anonymous(Headers extra = {}) {
    extra["Authorization"] = "";
    return extra;
}

/// Files of web/app, relative ("app.js", "pages/compose.js"), as the binary embeds them.
std::vector<std::string> web_files() {
    std::vector<std::string> out;
    const auto root = source_dir() / "web" / "app";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        if (entry.is_regular_file() && relative.front() != '.' &&
            relative.find("/.") == std::string::npos && relative.back() != '~') {
            out.push_back(relative);
        }
    }
    return out;
}

/// The raw head of a HEAD answer (the client's reply reader would wait for a body).
std::string head_of(std::uint16_t port, const std::string& target) {
    HttpConnection conn(port);
    if (!conn.send_raw(format_request("HEAD", target))) {
        return {};
    }
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos) {
        auto more = conn.read_some();
        if (!more) {
            break;
        }
        head += *more;
    }
    return head;
}

void expect_html_headers(const HttpReply& reply, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(reply.header("content-security-policy"), kCsp);
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(reply.header("x-frame-options"), "DENY");
    EXPECT_EQ(reply.header("permissions-policy"), "camera=(), microphone=(), geolocation=()");
}

class WebApp : public ::testing::Test {
protected:
    void start(const std::vector<std::string>& extra = {}) {
        db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        std::vector<std::string> args{
            "--db", db_, "--workers", "0", "--media", "folder:" + (dir_.path() / "media").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        server_ = std::make_unique<ServerProcess>(args);
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    }

    std::uint16_t port() const { return server_->port(); }

    /// The token of the printed first-run line, checked against its exact wording; empty when
    /// none was printed.
    std::string printed_token(const std::string& host = "127.0.0.1") {
        server_->wait_for_log("first run", std::chrono::seconds(5));
        const std::regex line("First run: open http://" + host + ":" + std::to_string(port()) +
                              "/first-run#([A-Za-z0-9_-]{43}) to create the first account\n");
        std::smatch found;
        const auto out = server_->stdout_text();
        return std::regex_search(out, found, line) ? found[1].str() : std::string();
    }

    HttpReply first_run(const json& body, Headers extra = {}) {
        extra["Content-Type"] = "application/json";
        return http_request(port(), "POST", "/api/v1/first-run", anonymous(extra), body.dump());
    }

    bool needed() {
        const auto reply = http_request(port(), "GET", "/api/v1/first-run", anonymous());
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json::parse(reply.body).value("needed", false);
    }

    TempDir dir_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_F(WebApp, EveryFileOfWebAppIsServedFromTheBinaryWithoutCredentials) {
    start();
    const auto files = web_files();
    ASSERT_FALSE(files.empty());
    const auto root = source_dir() / "web" / "app";
    for (const auto& file : files) {
        SCOPED_TRACE(file);
        const auto reply = http_request(port(), "GET", "/assets/" + file, anonymous());
        ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 200);
        EXPECT_EQ(reply.body, read_file(root / file));
        EXPECT_EQ(reply.header("cache-control"), "no-cache");
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
        const auto etag = reply.header("etag");
        ASSERT_FALSE(etag.empty());
        // Revalidation: the same tag is 304 without a body; HEAD has the headers alone.
        const auto again =
            http_request(port(), "GET", "/assets/" + file, anonymous({{"If-None-Match", etag}}));
        EXPECT_EQ(again.status, 304);
        EXPECT_TRUE(again.body.empty());
        EXPECT_EQ(again.header("etag"), etag);
        const auto head = head_of(port(), "/assets/" + file);
        EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0U) << head;
        EXPECT_NE(head.find("Content-Length: " + std::to_string(reply.body.size()) + "\r\n"),
                  std::string::npos)
            << head;
        EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "headers only";
        if (file.ends_with(".html")) {
            expect_html_headers(reply, file);
        } else {
            EXPECT_EQ(reply.header("content-security-policy"), "");
        }
        if (file.ends_with(".js")) {
            EXPECT_EQ(reply.header("content-type"), "text/javascript; charset=utf-8");
        }
    }
    for (const std::string target :
         {"/assets/no-such-file.js", "/assets/../README.md", "/assets/%2e%2e/CMakeLists.txt",
          "/assets/..%2f..%2fCMakeLists.txt"}) {
        const auto missing = http_request(port(), "GET", target, anonymous());
        EXPECT_EQ(missing.status, 404) << target;
        EXPECT_EQ(missing.header("content-type"), "application/json") << target;
    }
}

TEST_F(WebApp, EveryPagePathIsTheAppAndTheApiKeepsItsJsonAnswers) {
    start();
    const auto index = read_file(source_dir() / "web" / "app" / "index.html");
    for (const std::string target :
         {"/", "/jobs/job_1", "/content/item_x", "/calendar", "/share/abc.def", "/first-run",
          "/settings?tab=keys", "/a%20page/deeper/still"}) {
        const auto page = http_request(port(), "GET", target, anonymous());
        ASSERT_EQ(page.status, 200) << target;
        EXPECT_EQ(page.body, index) << target;
        expect_html_headers(page, target);
        const auto head = head_of(port(), target);
        EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0U) << head;
        EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "headers only";
    }
    // Other host names (the open routes skip the Host check: they hold no data).
    HttpConnection conn(port());
    ASSERT_TRUE(conn.send_raw("GET /calendar HTTP/1.1\r\nHost: other.example\r\n\r\n"));
    const auto other = conn.read_reply();
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    // The server's own paths keep their answers: JSON 404s, 405s and 401s, never the page.
    for (const std::string target :
         {"/api/v1/nope", "/api", "/api/v1/jobs/x/nope", "/media/nope/x", "/ws/nope", "/ical/x/y",
          "/livez/x", "/metrics/x", "/version/x", "/readyz/x", "/assets"}) {
        const auto reply = http_request(port(), "GET", target, anonymous());
        EXPECT_EQ(reply.status, 404) << target;
        EXPECT_EQ(reply.header("content-type"), "application/json") << target;
    }
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/jobs", anonymous()).status, 401);
    EXPECT_EQ(
        http_request(port(), "GET", "/api/v1/session/sign-out-everywhere", anonymous()).status,
        405);
    // Only reads fall back to the app.
    for (const char* method : {"POST", "PUT", "DELETE"}) {
        EXPECT_EQ(http_request(port(), method, "/calendar", anonymous()).status, 404) << method;
    }
}

TEST_F(WebApp, AssetsDoNotCountAgainstAWorkspacesRequestRate) {
    setenv("CONTENT_SWARM_LIMIT_REQUESTS_PER_MINUTE", "5", 1);  // NOLINT(concurrency-mt-unsafe)
    start();
    unsetenv("CONTENT_SWARM_LIMIT_REQUESTS_PER_MINUTE");  // NOLINT(concurrency-mt-unsafe)
    // With the owner's key on every request, as a browser sends its cookie on every request.
    for (int i = 0; i < 30; ++i) {
        EXPECT_EQ(http_request(port(), "GET", i % 2 == 0 ? "/assets/index.html" : "/jobs/x").status,
                  200);
    }
    int allowed = 0;
    for (int i = 0; i < 8; ++i) {
        allowed += http_request(port(), "GET", "/api/v1/jobs").status == 200 ? 1 : 0;
    }
    EXPECT_EQ(allowed, 5) << "the API's own limit holds, untouched by the assets";
}

TEST_F(WebApp, TheFirstRunLinkMakesTheOwnerAndSignsThemIn) {
    start();
    const auto token = printed_token();
    ASSERT_FALSE(token.empty()) << server_->stdout_text();
    EXPECT_TRUE(needed());
    // The page the link opens is the app.
    EXPECT_EQ(http_request(port(), "GET", "/first-run", anonymous()).status, 200);
    // Refusals change nothing: a page of another site, a wrong token, bad fields.
    const json good{{"token", token},
                    {"workspace", "Acme Marketing"},
                    {"email", "Owner@Example.com"},
                    {"password", kPassword}};
    const auto cross = first_run(good, {{"Origin", "https://evil.example"}});
    EXPECT_EQ(cross.status, 403) << cross.body;
    EXPECT_NE(cross.body.find("Origin"), std::string::npos);
    auto wrong = good;
    wrong["token"] = token.substr(1) + (token.front() == 'A' ? "B" : "A");
    const auto refused = first_run(wrong);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "invalid_token");
    for (const auto& [field, value] :
         std::vector<std::pair<std::string, json>>{{"workspace", "<img src=x onerror=alert(1)>"},
                                                   {"workspace", ""},
                                                   {"email", "not an address"},
                                                   {"password", "short"},
                                                   {"password", 12},
                                                   {"token", nullptr}}) {
        auto bad = good;
        bad[field] = value;
        const auto reply = first_run(bad);
        EXPECT_EQ(reply.status, 400) << field << ": " << reply.body;
        EXPECT_EQ(json::parse(reply.body)["error"]["field"], field) << reply.body;
    }
    auto unknown = good;
    unknown["role"] = "owner";
    EXPECT_EQ(first_run(unknown).status, 400);
    EXPECT_TRUE(needed());
    // The right one: the same answer and cookie as signing in.
    // (the test client's Host header is "127.0.0.1": the page's own origin)
    const auto made = first_run(good, {{"Origin", "http://127.0.0.1"}});
    ASSERT_EQ(made.status, 201) << made.body;
    const auto body = json::parse(made.body);
    EXPECT_EQ(body["user"]["email"], "owner@example.com");
    ASSERT_EQ(body["workspaces"].size(), 1U);
    EXPECT_EQ(body["workspaces"][0]["name"], "Acme Marketing");
    EXPECT_EQ(body["workspaces"][0]["role"], "owner");
    EXPECT_FALSE(body.value("csrf_token", "").empty());
    const auto set = made.header("set-cookie");
    EXPECT_EQ(set.rfind("swarm_session=css_", 0), 0U) << set;
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    const auto cookie = set.substr(0, set.find(';'));
    const auto session =
        http_request(port(), "GET", "/api/v1/session", anonymous({{"Cookie", cookie}}));
    ASSERT_EQ(session.status, 200) << session.body;
    const auto trail =
        http_request(port(), "GET", "/api/v1/audit",
                     anonymous({{"Cookie", cookie}, {"X-Workspace", "Acme Marketing"}}));
    ASSERT_EQ(trail.status, 200) << trail.body;
    EXPECT_NE(trail.body.find("\"first_run\""), std::string::npos) << trail.body;
    // Spent: not needed, and the token opens nothing any more.
    EXPECT_FALSE(needed());
    const auto again = first_run(good);
    EXPECT_EQ(again.status, 404) << again.body;
    // The usual sign-in works with what was chosen.
    const auto signed_in = http_request(
        port(), "POST", "/api/v1/session", anonymous({{"Content-Type", "application/json"}}),
        json{{"email", "owner@example.com"}, {"password", kPassword}}.dump());
    EXPECT_EQ(signed_in.status, 201) << signed_in.body;
    // The token is in the two announcement lines only: never in an access log line.
    const auto out = server_->stdout_text();
    std::size_t seen = 0;
    for (auto at = out.find(token); at != std::string::npos; at = out.find(token, at + 1)) {
        ++seen;
    }
    EXPECT_EQ(seen, 2U) << out;
}

TEST_F(WebApp, NoFirstRunWhenAnAccountExistsOrIsMadeMeanwhile) {
    db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
    const auto made = run_cli({"admin", "create-user", "--db", db_, "--workspace", "w", "--email",
                               "cli@example.com", "--role", "owner"},
                              std::string(kPassword) + "\n");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    start();
    EXPECT_EQ(server_->stdout_text().find("First run"), std::string::npos);
    EXPECT_FALSE(needed());
    EXPECT_EQ(first_run({{"token", std::string(43, 'A')},
                         {"workspace", "x"},
                         {"email", "a@example.com"},
                         {"password", kPassword}})
                  .status,
              404);
    server_.reset();
    // A new database: the link is printed; an account made with the CLI meanwhile ends it.
    TempDir other;
    db_ = "sqlite:" + (other.path() / "swarm.db").string();
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_, "--workers", "0", "--listen", "0.0.0.0:0"});
    ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    const auto token = printed_token("127.0.0.1");
    ASSERT_FALSE(token.empty()) << "0.0.0.0 is linked as 127.0.0.1: " << server_->stdout_text();
    EXPECT_TRUE(needed());
    ASSERT_EQ(run_cli({"admin", "create-user", "--db", db_, "--workspace", "w", "--email",
                       "cli@example.com", "--role", "owner"},
                      std::string(kPassword) + "\n")
                  .exit_code,
              0);
    EXPECT_FALSE(needed());
    EXPECT_EQ(first_run({{"token", token},
                         {"workspace", "x"},
                         {"email", "a@example.com"},
                         {"password", kPassword}})
                  .status,
              404);
}

}  // namespace
}  // namespace swarm::test
