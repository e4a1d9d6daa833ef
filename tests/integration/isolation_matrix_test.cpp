// The isolation matrix: every route of the route table (taken from http::build_router, so a new
// route is in it the day it is added), called on the real server as: nobody (401), the owner of
// another workspace (404 for one of this workspace's objects; a list or search of its own that
// holds nothing of this workspace), every role below the route's (403 naming the role), and
// the lowest role that may (success). A route the matrix has no case for fails the test.
// Runs on SQLite, and on PostgreSQL when SWARM_TEST_PG_URL is set.
#include "http/routes.hpp"
#include "matrix_support.hpp"
#include "pg_support.hpp"
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace swarm::test {
namespace {

using core::access::Role;
using nlohmann::json;
using Headers = std::map<std::string, std::string>;
using matrix::call;
using matrix::error_field;
using matrix::RouteCase;
using matrix::Seeded;

class IsolationMatrix : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres") {
            const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
            if (url == nullptr || *url == '\0') {
                GTEST_SKIP() << "SWARM_TEST_PG_URL is not set: the PostgreSQL matrix is skipped";
            }
            pg_url_ = url;
            std::mt19937_64 engine{std::random_device{}()};
            schema_ = fmt::format("iso_{:016x}", engine());
            ASSERT_EQ(pg_exec(pg_url_, "CREATE SCHEMA " + schema_), "");
            db_ = pg_url_ + (pg_url_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema_;
        } else {
            db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        }
        // PostgreSQL has no key file beside it: the operator gives the secrets' key.
        if (!pg_url_.empty()) {
            setenv("CONTENT_SWARM_SECRET_KEY",  // NOLINT(concurrency-mt-unsafe)
                   "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 1);
        }
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", db_, "--workers", "1", "--media", "folder:" + (dir_.path() / "media").string(),
            "--kb", (source_dir() / "examples" / "kb-fieldnote").string()});
        unsetenv("CONTENT_SWARM_SECRET_KEY");  // NOLINT(concurrency-mt-unsafe)
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
        // Keys of every role in workspace "default" (A) beside the test owner key, and the owner
        // of another workspace (B), made with the admin CLI on the server's database.
        for (const auto role : {Role::kViewer, Role::kReviewer, Role::kEditor}) {
            keys_[role] = admin_key("default", std::string(core::access::to_string(role)));
        }
        keys_[Role::kOwner] = kTestOwnerKey;
        other_owner_ = admin_key("other", "owner");
    }

    void TearDown() override {
        server_.reset();
        if (!schema_.empty()) {
            EXPECT_EQ(pg_exec(pg_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"), "");
        }
    }

    std::string admin_key(const std::string& workspace, const std::string& role) {
        const auto made =
            run_cli({"admin", "create-key", "--db", db_, "--workspace", workspace, "--role", role});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        auto key = made.out;
        while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) {
            key.pop_back();
        }
        EXPECT_EQ(key.rfind("csk_", 0), 0U) << made.out;
        return key;
    }

    std::uint16_t port() const { return server_->port(); }

    /// A finished offline job of `key`'s workspace on all three platforms: its id.
    std::string finished_job(const std::string& key) {
        auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
        brief.erase("kb");
        const auto submitted = call(port(), "POST", "/api/v1/jobs", key, brief.dump());
        EXPECT_EQ(submitted.status, 202) << submitted.body;
        auto id = json::parse(submitted.body)["job_id"].get<std::string>();
        for (int i = 0; i < 600; ++i) {
            const auto got = call(port(), "GET", "/api/v1/jobs/" + id, key);
            const auto status = json::parse(got.body).value("status", "");
            if (status != "queued" && status != "running") {
                return id;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "job " << id << " did not finish";
        return id;
    }

    Seeded seed() {
        const auto& owner = keys_[Role::kOwner];
        Seeded s;
        s.job = finished_job(owner);
        const auto job = json::parse(call(port(), "GET", "/api/v1/jobs/" + s.job, owner).body);
        for (const auto& item : job["items"]) {
            if (item["platform"] == "linkedin") {
                s.item = item["id"];
                for (const auto& m : item["content"]["media"]) {
                    s.media = m["url"];
                }
            } else if (item["platform"] == "pitch_deck") {
                s.deck = item["id"];
            }
        }
        EXPECT_FALSE(s.item.empty() || s.deck.empty() || s.media.empty())
            << job.value("status", "?") << " " << job.value("error", "") << " "
            << job["items"].size() << " items; " << job["notes"].dump();
        const auto brand = call(port(), "POST", "/api/v1/brands", owner,
                                R"({"name":"Matrix Brand","voice":"plain"})");
        EXPECT_EQ(brand.status, 201) << brand.body;
        s.brand = json::parse(brand.body)["id"];
        const auto doc =
            call(port(), "POST", "/api/v1/kb/documents?name=" + s.document, owner,
                 "# Matrix\n\nQuokkafrost is the workspace A codeword.\n", "text/markdown");
        EXPECT_EQ(doc.status, 201) << doc.body;
        s.spare_key = admin_key("default", "viewer");
        const auto person = run_cli({"admin", "create-user", "--db", db_, "--workspace", "default",
                                     "--email", "matrix@example.com", "--role", "viewer"},
                                    "matrix password 1\n");
        EXPECT_EQ(person.exit_code, 0) << person.err;
        s.member = person.out.substr(0, person.out.find('\n'));
        const auto secret = call(port(), "PUT", "/api/v1/settings/secrets/seeded_token", owner,
                                 R"({"value":"seeded-secret-value"})");
        EXPECT_EQ(secret.status, 200) << secret.body;
        // Two share links of the job: one whose token the public routes use, one to revoke.
        for (auto* out : {&s.share_token, &s.share_link}) {
            const auto link = call(port(), "POST", "/api/v1/jobs/" + s.job + "/share-links", owner,
                                   R"({"expires_in_hours":24})");
            EXPECT_EQ(link.status, 201) << link.body;
            const auto made = json::parse(link.body);
            *out = made[out == &s.share_token ? "token" : "id"].get<std::string>();
        }
        const auto feed = call(port(), "POST", "/api/v1/calendar/feed", owner, "{}");
        EXPECT_EQ(feed.status, 201) << feed.body;
        s.feed_url = json::parse(feed.body)["url"].get<std::string>();
        return s;
    }

    /// GET /api/v1/calendar over the 60 days around now (the seeded items' suggested times).
    static std::string calendar_window() {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        const auto day = std::chrono::hours{24};
        return fmt::format("/api/v1/calendar?from={:%Y-%m-%dT%H:%M:%S}Z&to={:%Y-%m-%dT%H:%M:%S}Z",
                           now - 30 * day, now + 30 * day);
    }

    /// The case of every route the server has; a route without one is a failure of the test.
    static std::map<std::string, RouteCase> cases(const Seeded& s) {
        const std::string deck_pdf = "/api/v1/content/" + s.deck + "/deck.pdf";
        const std::string brand_body = R"({"name":"Renamed","voice":"warm"})";
        std::map<std::string, RouteCase> table{
            {"POST /api/v1/jobs",
             {"/api/v1/jobs",
              R"({"prompt":"A matrix job.","platforms":["linkedin"]})",
              {202},
              true}},
            {"GET /api/v1/jobs", {"/api/v1/jobs", {}, {200}, true}},
            {"GET /api/v1/jobs/{id}", {"/api/v1/jobs/" + s.job, {}, {200}}},
            // A finished job cannot be cancelled: 409 is the answer an allowed caller gets.
            {"POST /api/v1/jobs/{id}/cancel", {"/api/v1/jobs/" + s.job + "/cancel", {}, {409}}},
            {"GET /api/v1/jobs/{id}/events", {"/api/v1/jobs/" + s.job + "/events", {}, {200}}},
            {"GET /api/v1/jobs/{id}/raw-outputs",
             {"/api/v1/jobs/" + s.job + "/raw-outputs", {}, {200}}},
            {"GET /api/v1/content", {"/api/v1/content", {}, {200}, true}},
            {"GET /api/v1/content/{id}", {"/api/v1/content/" + s.item, {}, {200}}},
            // The reviewer's edit: approval (anything more needs an editor: api tests).
            {"PATCH /api/v1/content/{id}",
             {"/api/v1/content/" + s.item, R"({"status":"approved"})", {200}}},
            {"DELETE /api/v1/content/{id}", {"/api/v1/content/" + s.deck, {}, {204}, false, true}},
            {"GET /api/v1/content/{id}/versions",
             {"/api/v1/content/" + s.item + "/versions", {}, {200}}},
            {"GET /api/v1/content/{id}/deck.pdf", {deck_pdf, {}, {200}}},
            {"GET /api/v1/content/{id}/deck.pptx",
             {"/api/v1/content/" + s.deck + "/deck.pptx", {}, {200}}},
            {"POST /api/v1/brands", {"/api/v1/brands", R"({"name":"Another Brand"})", {201}, true}},
            {"GET /api/v1/brands", {"/api/v1/brands", {}, {200}, true}},
            {"GET /api/v1/brands/{id}", {"/api/v1/brands/" + s.brand, {}, {200}}},
            {"PUT /api/v1/brands/{id}", {"/api/v1/brands/" + s.brand, brand_body, {200}}},
            {"DELETE /api/v1/brands/{id}", {"/api/v1/brands/" + s.brand, {}, {204}, false, true}},
            {"POST /api/v1/kb/documents",
             {"/api/v1/kb/documents?name=other-notes.md",
              "# Other\n\nText of its own.\n",
              {201},
              true,
              false,
              "text/markdown"}},
            {"GET /api/v1/kb/documents", {"/api/v1/kb/documents", {}, {200}, true}},
            {"GET /api/v1/kb/documents/{name}", {"/api/v1/kb/documents/" + s.document, {}, {200}}},
            {"DELETE /api/v1/kb/documents/{name}",
             {"/api/v1/kb/documents/" + s.document, {}, {204}, false, true}},
            {"GET /api/v1/kb/search", {"/api/v1/kb/search?q=quokkafrost", {}, {200}, true}},
            {"GET /media/{id}", {s.media, {}, {200}}},
            {"POST /api/generate-content",
             {"/api/generate-content",
              R"({"prompt":"Old client.","user_id":"u1","platforms":["linkedin"]})",
              {200},
              true}},
            // Without an upgrade the WebSocket endpoint says so (426) to anyone allowed in.
            {"GET /ws/stream-generation", {"/ws/stream-generation", {}, {426}, true}},
            {"POST /api/v1/jobs/{id}/share-links",
             {"/api/v1/jobs/" + s.job + "/share-links", R"({"expires_in_hours":24})", {201}}},
            {"GET /api/v1/jobs/{id}/share-links",
             {"/api/v1/jobs/" + s.job + "/share-links", {}, {200}}},
            {"DELETE /api/v1/share-links/{id}",
             {"/api/v1/share-links/" + s.share_link, {}, {204}, false, true}},
            // Text checked without an item: nothing of any workspace in the answer.
            {"POST /api/v1/validate",
             {"/api/v1/validate",
              R"({"platform":"linkedin","body":"A matrix check."})",
              {200},
              true}},
            {"GET /api/v1/calendar", {calendar_window(), {}, {200}, true}},
            {"PUT /api/v1/settings/preferences",
             {"/api/v1/settings/preferences", R"({"time_zone":"Europe/Berlin"})", {200}, true}},
            {"GET /api/v1/calendar/feed", {"/api/v1/calendar/feed", {}, {200}, true}},
            // Last: a new feed retires the seeded one (the open /ical case ran before); each
            // workspace makes and deletes its own feed.
            {"POST /api/v1/calendar/feed", {"/api/v1/calendar/feed", "{}", {201}, true, true}},
            {"DELETE /api/v1/calendar/feed", {"/api/v1/calendar/feed", {}, {204}, true, true}},
        };
        table.merge(matrix::account_cases(s));
        return table;
    }

    TempDir dir_;
    std::string pg_url_;
    std::string schema_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
    std::map<Role, std::string> keys_;
    std::string other_owner_;
};

TEST_P(IsolationMatrix, EveryRouteRefusesStrangersAndOtherWorkspacesAndLowerRoles) {
    const auto seeded = seed();
    const auto table = cases(seeded);
    const auto open = matrix::open_cases(seeded);
    http::Health health;
    http::Metrics metrics{http::Metrics::Identity{"1", "sha", 0}};
    const http::ServerIdentity identity{"1", "sha", "now", "inst", "t"};
    const auto router = http::build_router({identity, health, metrics, http::ApiDeps{}, true});
    // A's ids that must never appear in another workspace's answers.
    const std::vector<std::string> secrets{seeded.job,
                                           seeded.item,
                                           seeded.deck,
                                           seeded.brand,
                                           seeded.document,
                                           "Quokkafrost",
                                           seeded.spare_key.substr(0, 16),
                                           seeded.member,
                                           "matrix@example.com",
                                           keys_[Role::kViewer].substr(0, 16)};
    for (const auto& secret : secrets) {
        ASSERT_FALSE(secret.empty()) << "workspace A was not seeded";
    }
    int checked = 0;
    // Destructive routes last, so the objects the others need still exist.
    std::vector<const http::Route*> order;
    for (const auto& route : router.routes()) {
        const auto it = table.find(route.method + " " + route.pattern);
        if (it == table.end() || !it->second.destructive) {
            order.push_back(&route);
        }
    }
    for (const auto& route : router.routes()) {
        const auto it = table.find(route.method + " " + route.pattern);
        if (it != table.end() && it->second.destructive) {
            order.push_back(&route);
        }
    }
    for (const auto* route : order) {
        const auto label = route->method + " " + route->pattern;
        SCOPED_TRACE(label);
        if (route->access.kind == http::Access::Kind::kOpen) {
            // Its credential in the path (a share link, the calendar feed, an asset's name): what
            // it opens, and 404 for one that opens nothing; else open to anyone.
            if (const auto o = open.find(label); o != open.end()) {
                const auto opened =
                    call(port(), route->method, o->second.target, "", o->second.body);
                EXPECT_NE(
                    std::find(o->second.success.begin(), o->second.success.end(), opened.status),
                    o->second.success.end())
                    << opened.status << " " << opened.body.substr(0, 300);
                EXPECT_EQ(call(port(), route->method, o->second.closed, "", o->second.body).status,
                          404);
            } else {
                EXPECT_EQ(call(port(), route->method, route->pattern, "").status, 200);
            }
            continue;
        }
        if (label == "POST /api/v1/first-run") {
            // Accounts exist (the seeded person): no first run is waiting, whoever asks.
            const auto tried = call(port(), route->method, route->pattern, "",
                                    R"({"token":"x","workspace":"w","email":"a@example.com",)"
                                    R"("password":"a long password"})");
            EXPECT_EQ(tried.status, 404) << tried.body;
            ++checked;
            continue;
        }
        if (route->access.kind == http::Access::Kind::kGuest) {
            // Signing in: anyone may try; wrong credentials are a 401 naming the password.
            const auto tried = call(port(), route->method, route->pattern, "",
                                    R"({"email":"matrix@example.com","password":"wrong one"})");
            EXPECT_EQ(tried.status, 401) << tried.body;
            EXPECT_EQ(error_field(tried), "password");
            ++checked;
            continue;
        }
        if (route->access.kind == http::Access::Kind::kMetrics) {
            EXPECT_EQ(call(port(), "GET", route->pattern, "").status, 401);
            const auto owner = call(port(), "GET", route->pattern, keys_[Role::kOwner]);
            EXPECT_EQ(owner.status, 403);
            EXPECT_EQ(error_field(owner), "role");
            EXPECT_EQ(call(port(), "GET", route->pattern, kTestMetricsKey).status, 200);
            ++checked;
            continue;
        }
        const auto found = table.find(label);
        if (found == table.end()) {
            ADD_FAILURE() << "no isolation case for this route: add one to IsolationMatrix::cases";
            continue;
        }
        const auto& c = found->second;
        if (c.people_only) {
            EXPECT_EQ(call(port(), route->method, c.target, "", c.body).status, 401);
            for (const auto& key : {other_owner_, keys_[Role::kOwner], keys_[Role::kViewer]}) {
                const auto refused = call(port(), route->method, c.target, key, c.body);
                EXPECT_EQ(refused.status, 403) << refused.body;
                EXPECT_EQ(error_field(refused), "Authorization");
            }
            ++checked;
            continue;
        }
        // Nobody.
        const auto anonymous = call(port(), route->method, c.target, "", c.body, c.content_type);
        EXPECT_EQ(anonymous.status, 401) << anonymous.body;
        EXPECT_EQ(error_field(anonymous), "Authorization");
        // The owner of another workspace.
        const auto other =
            call(port(), route->method, c.target, other_owner_, c.body, c.content_type);
        if (c.collection) {
            EXPECT_NE(other.status, 401);
            EXPECT_NE(other.status, 403);
            for (const auto& secret : secrets) {
                EXPECT_EQ(other.body.find(secret), std::string::npos)
                    << secret << " leaked: " << other.body.substr(0, 400);
            }
        } else {
            EXPECT_EQ(other.status, 404) << other.body;
        }
        // Every role below the route's, then the lowest that may.
        bool succeeded = false;
        for (const auto role : {Role::kViewer, Role::kReviewer, Role::kEditor, Role::kOwner}) {
            const auto reply =
                call(port(), route->method, c.target, keys_[role], c.body, c.content_type);
            if (!core::access::includes(role, route->access.role)) {
                EXPECT_EQ(reply.status, 403) << core::access::to_string(role) << ": " << reply.body;
                EXPECT_EQ(error_field(reply), "role");
                EXPECT_NE(reply.body.find(std::string(core::access::to_string(route->access.role))),
                          std::string::npos)
                    << "the refusal names the role needed: " << reply.body;
                continue;
            }
            EXPECT_NE(std::find(c.success.begin(), c.success.end(), reply.status), c.success.end())
                << core::access::to_string(role) << ": " << reply.status << " "
                << reply.body.substr(0, 300);
            succeeded = true;
            break;
        }
        EXPECT_TRUE(succeeded);
        ++checked;
    }
    // Every non-open route was checked (the table holds no stale routes either).
    std::size_t guarded = 0;
    for (const auto& route : router.routes()) {
        guarded += route.access.kind == http::Access::Kind::kOpen ? 0 : 1;
    }
    EXPECT_EQ(static_cast<std::size_t>(checked), guarded);
    // + /metrics, the sign-in and the first-run routes, which have no case in the table.
    EXPECT_EQ(table.size() + 3, guarded) << "the table names a route the server does not have";
}

TEST_P(IsolationMatrix, RevokedAndExpiredKeysAreRefusedAndKeysAreNeverStoredInClear) {
    const auto key = admin_key("default", "viewer");
    EXPECT_EQ(call(port(), "GET", "/api/v1/jobs", key).status, 200);
    const auto prefix = key.substr(0, 16);  // csk_ + the 12-digit id
    const auto revoked = run_cli({"admin", "revoke-key", "--db", db_, prefix});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    // Remembered for at most a second; the lane path checks the database at once.
    const auto refused = call(port(), "GET", "/api/v1/jobs", key);
    EXPECT_EQ(refused.status, 401);
    EXPECT_NE(refused.body.find("revoked"), std::string::npos) << refused.body;
    EXPECT_EQ(refused.body.find(key.substr(17)), std::string::npos) << "the secret is echoed";
    // An expiry in the past cannot be asked for; a short one runs out.
    const auto short_lived = run_cli({"admin", "create-key", "--db", db_, "--workspace", "default",
                                      "--role", "viewer", "--expires", "1s"});
    ASSERT_EQ(short_lived.exit_code, 0) << short_lived.err;
    std::string expiring = short_lived.out.substr(0, short_lived.out.find('\n'));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto expired = call(port(), "GET", "/api/v1/jobs", expiring);
    EXPECT_EQ(expired.status, 401);
    EXPECT_NE(expired.body.find("expired"), std::string::npos) << expired.body;
    // Malformed credentials, another scheme, a key with one changed character.
    auto altered = kTestOwnerKey + std::string();
    altered.back() = altered.back() == 'h' ? 'g' : 'h';
    for (const std::string& header :
         {std::string("Basic dXNlcjpwYXNz"), std::string("Bearer "), "Bearer " + altered,
          std::string("Bearer csk_not_a_key"), "bearer " + std::string(kTestOwnerKey) + "x"}) {
        SCOPED_TRACE(header);
        const auto reply =
            http_request(port(), "GET", "/api/v1/jobs", Headers{{"Authorization", header}});
        EXPECT_EQ(reply.status, 401);
        EXPECT_EQ(reply.header("www-authenticate").rfind("Bearer", 0), 0U);
    }
    // The list shows prefixes and never secrets.
    const auto listed = run_cli({"admin", "list", "--db", db_, "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find(prefix), std::string::npos);
    for (const auto& k : {key, std::string(kTestOwnerKey), other_owner_}) {
        EXPECT_EQ(listed.out.find(k.substr(17)), std::string::npos);
    }
    // Nor is any secret in the database or the server's log.
    std::string stored;
    if (GetParam() == "postgres") {
        pqxx::connection connection(pg_url_);
        pqxx::nontransaction tx(connection);
        for (const auto& row :
             tx.exec("SELECT id || ' ' || digest FROM " + schema_ + ".api_keys")) {
            stored += row[0].as<std::string>() + "\n";
        }
    } else {
        stored = read_file(dir_.path() / "swarm.db");
        for (const auto* suffix : {"-wal", "-shm"}) {
            const auto path = dir_.path() / (std::string("swarm.db") + suffix);
            if (std::filesystem::exists(path)) {
                stored += read_file(path);
            }
        }
    }
    EXPECT_NE(stored.find(prefix.substr(4)), std::string::npos) << "the key ids are stored";
    const std::string log = server_->stdout_text() + server_->stderr_text();
    for (const auto& k : {key, expiring, std::string(kTestOwnerKey), other_owner_}) {
        const auto secret = k.substr(17);
        EXPECT_EQ(stored.find(secret), std::string::npos) << "a key secret is stored in clear";
        EXPECT_EQ(log.find(secret), std::string::npos) << "a key secret is in the log";
    }
}

TEST_P(IsolationMatrix, BrowsersOfOtherSitesAndOtherHostNamesAreRefused) {
    const auto& owner = keys_[Role::kOwner];
    // A page of another site posting a text/plain document (no CORS preflight) is refused,
    // whatever it carries; nothing is stored.
    const auto posted = http_request(port(), "POST", "/api/v1/kb/documents?name=evil.md",
                                     Headers{{"Authorization", "Bearer " + owner},
                                             {"Content-Type", "text/plain"},
                                             {"Origin", "https://evil.example"}},
                                     "The company grew 900% last quarter.");
    EXPECT_EQ(posted.status, 403) << posted.body;
    EXPECT_EQ(error_field(posted), "Origin");
    const auto docs = call(port(), "GET", "/api/v1/kb/documents", owner);
    EXPECT_EQ(docs.body.find("evil.md"), std::string::npos);
    // Sec-Fetch-Site says cross-site even without an Origin.
    EXPECT_EQ(http_request(port(), "POST", "/api/v1/jobs",
                           Headers{{"Authorization", "Bearer " + owner},
                                   {"Content-Type", "application/json"},
                                   {"Sec-Fetch-Site", "cross-site"}},
                           R"({"prompt":"x","platforms":["linkedin"]})")
                  .status,
              403);
    // The server's own origin may (the test client's Host header is "127.0.0.1").
    const auto same = http_request(port(), "POST", "/api/v1/brands",
                                   Headers{{"Authorization", "Bearer " + owner},
                                           {"Content-Type", "application/json"},
                                           {"Origin", "http://127.0.0.1"}},
                                   R"({"name":"Same Origin"})");
    EXPECT_EQ(same.status, 201) << same.body;
    // DNS rebinding: another host name reaches nothing but the open endpoints.
    HttpConnection conn(port());
    ASSERT_TRUE(
        conn.send_raw("GET /api/v1/jobs HTTP/1.1\r\nHost: attacker.example\r\n"
                      "Authorization: Bearer " +
                      owner + "\r\n\r\n"));
    const auto rebound = conn.read_reply();
    ASSERT_TRUE(rebound);
    EXPECT_EQ(rebound->status, 421);
    HttpConnection probe(port());
    ASSERT_TRUE(probe.send_raw("GET /livez HTTP/1.1\r\nHost: attacker.example\r\n\r\n"));
    const auto live = probe.read_reply();
    ASSERT_TRUE(live);
    EXPECT_EQ(live->status, 200);
}

TEST_P(IsolationMatrix, AnIdempotencyKeyReusedWithAnotherBriefIs422) {
    const auto& owner = keys_[Role::kOwner];
    const std::string first = R"({"prompt":"First brief.","platforms":["linkedin"]})";
    Headers headers{{"Authorization", "Bearer " + owner},
                    {"Content-Type", "application/json"},
                    {"Idempotency-Key", "same-key"}};
    const auto created = http_request(port(), "POST", "/api/v1/jobs", headers, first);
    ASSERT_EQ(created.status, 202) << created.body;
    const auto again = http_request(port(), "POST", "/api/v1/jobs", headers, first);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(json::parse(again.body)["job_id"], json::parse(created.body)["job_id"]);
    const auto other = http_request(port(), "POST", "/api/v1/jobs", headers,
                                    R"({"prompt":"Another brief.","platforms":["linkedin"]})");
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(error_field(other), "Idempotency-Key");
    // The same key in another workspace is that workspace's own.
    headers["Authorization"] = "Bearer " + other_owner_;
    const auto theirs = http_request(port(), "POST", "/api/v1/jobs", headers, first);
    EXPECT_EQ(theirs.status, 202) << theirs.body;
    EXPECT_NE(json::parse(theirs.body)["job_id"], json::parse(created.body)["job_id"]);
}

TEST(DevelopmentMode, WorksOnLoopbackOnlyAndSaysSoLoudly) {
    TempDir dir;
    const auto db = "sqlite:" + (dir.path() / "dev.db").string();
    // Off loopback it never starts, and opens nothing.
    for (const std::string listen : {"0.0.0.0:0", "192.0.2.1:0", "[::]:0"}) {
        SCOPED_TRACE(listen);
        const auto refused = run_cli({"serve", "--listen", listen, "--dev-no-auth", "--db", db});
        EXPECT_EQ(refused.exit_code, 2);
        EXPECT_NE(refused.err.find("--dev-no-auth"), std::string::npos) << refused.err;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "dev.db"));
    // On loopback: no key needed, logged at warn, and no owner key printed.
    const ServerProcess server({"--db", db, "--dev-no-auth", "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    EXPECT_EQ(call(server.port(), "GET", "/api/v1/jobs", "").status, 200);
    bool warned = false;
    for (const auto& line : server.log_lines()) {
        warned =
            warned || (line.value("msg", "") == "AUTHENTICATION IS OFF" && line["level"] == "warn");
    }
    EXPECT_TRUE(warned) << server.stdout_text();
    EXPECT_EQ(server.stderr_text().find("csk_"), std::string::npos);
    // The browser guards still hold.
    EXPECT_EQ(http_request(server.port(), "POST", "/api/v1/brands",
                           Headers{{"Authorization", ""},
                                   {"Content-Type", "application/json"},
                                   {"Origin", "https://evil.example"}},
                           R"({"name":"Evil"})")
                  .status,
              403);
}

INSTANTIATE_TEST_SUITE_P(Backends, IsolationMatrix, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace swarm::test
