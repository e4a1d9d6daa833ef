// People on the real server: signing in (the cookie's attributes), CSRF (a cross-site form POST
// with the session cookie is refused; the token is needed for any change), signing out (one
// session, every session), idle expiry, throttled guessing (per account, and for emails without
// an account alike), workspaces chosen per request, reviewers who approve but cannot edit, the
// members API with its last-owner guard, password changes, the audit trail of all of it, and
// that no password or session token is stored or logged in clear.
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

constexpr const char* kAnnPassword = "correct horse battery staple";
constexpr const char* kBobPassword = "bob's long enough password";

/// A browser-like session: the cookie and the CSRF token from the sign-in answer.
struct Session {         // NOLINT(bugprone-exception-escape): test data, json members
    std::string cookie;  // "swarm_session=..."
    std::string csrf;
    json body;
};

std::string cookie_of(const HttpReply& reply) {
    const auto set = reply.header("set-cookie");
    return set.substr(0, set.find(';'));
}

class People : public ::testing::Test {
protected:
    void start(const std::vector<std::pair<std::string, std::string>>& env = {}) {
        for (const auto& [name, value] : env) {
            setenv(name.c_str(), value.c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
        }
        db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        server_ = std::make_unique<ServerProcess>(
            std::vector<std::string>{"--db", db_, "--workers", "1", "--media",
                                     "folder:" + (dir_.path() / "media").string()});
        for (const auto& [name, value] : env) {
            unsetenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
        }
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    }

    std::string create_user(const std::string& workspace, const std::string& email,
                            const std::string& role, const std::string& password) {
        const auto made = run_cli({"admin", "create-user", "--db", db_, "--workspace", workspace,
                                   "--email", email, "--role", role},
                                  password + "\n");
        EXPECT_EQ(made.exit_code, 0) << made.err;
        return made.out.substr(0, made.out.find('\n'));
    }

    HttpReply sign_in_reply(const std::string& email, const std::string& password,
                            Headers extra = {}) {
        extra["Authorization"] = "";
        extra["Content-Type"] = "application/json";
        return http_request(port(), "POST", "/api/v1/session", extra,
                            json{{"email", email}, {"password", password}}.dump());
    }

    Session sign_in(const std::string& email, const std::string& password) {
        const auto reply = sign_in_reply(email, password);
        EXPECT_EQ(reply.status, 201) << reply.body;
        Session s;
        s.cookie = cookie_of(reply);
        s.body = json::parse(reply.body, nullptr, false);
        if (s.body.is_object()) {
            s.csrf = s.body.value("csrf_token", "");
        }
        return s;
    }

    /// A request with the session's cookie (and its CSRF token when `csrf`), no API key.
    HttpReply as(const Session& s, const std::string& method, const std::string& target,
                 const std::string& body = {}, Headers extra = {}, bool csrf = true) {
        extra["Authorization"] = "";
        extra["Cookie"] = s.cookie;
        if (csrf) {
            extra["X-CSRF-Token"] = s.csrf;
        }
        if (!body.empty() && extra.find("Content-Type") == extra.end()) {
            extra["Content-Type"] = "application/json";
        }
        return http_request(port(), method, target, extra, body);
    }

    std::uint16_t port() const { return server_->port(); }

    TempDir dir_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_F(People, SignInSetsAStrictHttpOnlyCookieAndTheSessionActsInItsWorkspace) {
    start();
    const auto ann = create_user("acme", "Ann@Example.com", "editor", kAnnPassword);
    ASSERT_EQ(ann.rfind("usr_", 0), 0U) << ann;
    const auto reply = sign_in_reply("  ANN@example.COM ", kAnnPassword);
    ASSERT_EQ(reply.status, 201) << reply.body;
    const auto set = reply.header("set-cookie");
    EXPECT_EQ(set.rfind("swarm_session=css_", 0), 0U) << set;
    for (const auto* attribute : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age="}) {
        EXPECT_NE(set.find(attribute), std::string::npos) << attribute << " missing: " << set;
    }
    EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP on loopback: " << set;
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    const auto body = json::parse(reply.body);
    EXPECT_EQ(body["user"]["email"], "ann@example.com");
    ASSERT_EQ(body["workspaces"].size(), 1U);
    EXPECT_EQ(body["workspaces"][0]["name"], "acme");
    EXPECT_EQ(body["workspaces"][0]["role"], "editor");
    EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64U);
    // Behind a TLS proxy the cookie is Secure.
    const auto proxied =
        sign_in_reply("ann@example.com", kAnnPassword, Headers{{"X-Forwarded-Proto", "https"}});
    EXPECT_NE(proxied.header("set-cookie").find("; Secure"), std::string::npos);

    Session s;
    s.cookie = cookie_of(reply);
    s.csrf = body["csrf_token"];
    const auto me = as(s, "GET", "/api/v1/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(json::parse(me.body)["workspace"]["name"], "acme");
    EXPECT_EQ(json::parse(me.body)["actor"], "user:" + ann);
    // A brand made by the session lands in acme, not in "default" (the test owner key's).
    const auto made = as(s, "POST", "/api/v1/brands", R"({"name":"Acme Voice"})");
    ASSERT_EQ(made.status, 201) << made.body;
    const auto theirs = http_request(port(), "GET", "/api/v1/brands");
    EXPECT_EQ(theirs.body.find("Acme Voice"), std::string::npos) << theirs.body;
    EXPECT_NE(as(s, "GET", "/api/v1/brands").body.find("Acme Voice"), std::string::npos);
    // Editors cannot manage keys or members.
    const auto keys = as(s, "GET", "/api/v1/keys");
    EXPECT_EQ(keys.status, 403);
}

TEST_F(People, CrossSiteFormPostsAndChangesWithoutTheCsrfTokenAreRefused) {
    start();
    create_user("default", "ann@example.com", "editor", kAnnPassword);
    const auto s = sign_in("ann@example.com", kAnnPassword);
    const std::string document = "# Planted\n\nOur revenue grew 900%.\n";
    // The classic attack: a form on another site posts text/plain with the user's cookie.
    const auto forged = as(s, "POST", "/api/v1/kb/documents?name=planted.md", document,
                           Headers{{"Origin", "https://evil.example"},
                                   {"Content-Type", "text/plain"},
                                   {"Sec-Fetch-Site", "cross-site"}},
                           false);
    EXPECT_EQ(forged.status, 403) << forged.body;
    // Same origin, but no token (a page that got the cookie sent but cannot read the token).
    const auto tokenless = as(s, "POST", "/api/v1/kb/documents?name=planted.md", document,
                              Headers{{"Content-Type", "text/markdown"}}, false);
    EXPECT_EQ(tokenless.status, 403) << tokenless.body;
    EXPECT_NE(tokenless.body.find("X-CSRF-Token"), std::string::npos);
    // A wrong token is no better than none.
    auto wrong = s;
    wrong.csrf[0] = wrong.csrf[0] == 'a' ? 'b' : 'a';
    EXPECT_EQ(as(wrong, "POST", "/api/v1/kb/documents?name=planted.md", document,
                 Headers{{"Content-Type", "text/markdown"}})
                  .status,
              403);
    // Nothing was stored by any of them.
    const auto listed = as(s, "GET", "/api/v1/kb/documents");
    EXPECT_EQ(listed.body.find("planted.md"), std::string::npos) << listed.body;
    // The web app's own request (token, same site) goes through.
    const auto allowed = as(s, "POST", "/api/v1/kb/documents?name=notes.md", document,
                            Headers{{"Content-Type", "text/markdown"}});
    EXPECT_EQ(allowed.status, 201) << allowed.body;
    // Reads need no token.
    EXPECT_EQ(as(s, "GET", "/api/v1/kb/documents", {}, {}, false).status, 200);
}

TEST_F(People, SignedOutAndExpiredSessionsAre401) {
    start({{"CONTENT_SWARM_SESSION_IDLE", "2s"}});
    create_user("default", "ann@example.com", "viewer", kAnnPassword);
    const auto first = sign_in("ann@example.com", kAnnPassword);
    const auto second = sign_in("ann@example.com", kAnnPassword);
    const auto third = sign_in("ann@example.com", kAnnPassword);
    ASSERT_EQ(as(first, "GET", "/api/v1/jobs").status, 200);
    // Signing out ends this session only, and clears the cookie.
    const auto out = as(first, "DELETE", "/api/v1/session");
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
    const auto after = as(first, "GET", "/api/v1/jobs");
    EXPECT_EQ(after.status, 401);
    EXPECT_NE(after.body.find("signed out"), std::string::npos) << after.body;
    EXPECT_EQ(as(second, "GET", "/api/v1/jobs").status, 200);
    // Everywhere: every session of the person ends.
    const auto everywhere = as(second, "POST", "/api/v1/session/sign-out-everywhere");
    EXPECT_EQ(everywhere.status, 200) << everywhere.body;
    EXPECT_EQ(json::parse(everywhere.body)["signed_out_sessions"], 2);
    EXPECT_EQ(as(second, "GET", "/api/v1/jobs").status, 401);
    EXPECT_EQ(as(third, "GET", "/api/v1/jobs").status, 401);
    // The operator's sign-out ends every session of the account too.
    const auto fourth = sign_in("ann@example.com", kAnnPassword);
    const auto ended = run_cli({"admin", "sign-out", "--db", db_, "--email", "ANN@example.com"});
    ASSERT_EQ(ended.exit_code, 0) << ended.err;
    EXPECT_NE(ended.out.find("1 session"), std::string::npos) << ended.out;
    EXPECT_EQ(as(fourth, "GET", "/api/v1/jobs").status, 401);
    // Idle expiry (2 s here): a session unused that long is over.
    const auto idle = sign_in("ann@example.com", kAnnPassword);
    EXPECT_EQ(as(idle, "GET", "/api/v1/jobs").status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    const auto expired = as(idle, "GET", "/api/v1/jobs");
    EXPECT_EQ(expired.status, 401);
    EXPECT_NE(expired.body.find("expired"), std::string::npos) << expired.body;
    // A made-up or altered cookie is refused too.
    auto forged = idle;
    forged.cookie.back() = forged.cookie.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(as(forged, "GET", "/api/v1/jobs").status, 401);
    auto garbage = idle;
    garbage.cookie = "swarm_session=css_nonsense";
    EXPECT_EQ(as(garbage, "GET", "/api/v1/jobs").status, 401);
}

TEST_F(People, RepeatedBadSignInsAreThrottledAlikeForKnownAndUnknownEmails) {
    start();
    create_user("default", "ann@example.com", "viewer", kAnnPassword);
    for (const std::string email : {"ann@example.com", "nobody@example.com"}) {
        SCOPED_TRACE(email);
        for (int i = 0; i < 5; ++i) {
            const auto reply = sign_in_reply(email, "not the password " + std::to_string(i));
            EXPECT_EQ(reply.status, 401) << reply.body;
            EXPECT_EQ(json::parse(reply.body)["error"]["code"], "invalid_credentials");
        }
        const auto locked = sign_in_reply(email, "not the password again");
        EXPECT_EQ(locked.status, 429) << locked.body;
        EXPECT_FALSE(locked.header("retry-after").empty());
        EXPECT_NE(locked.body.find("sign-ins"), std::string::npos) << locked.body;
    }
    // While locked, even the right password is not tried.
    EXPECT_EQ(sign_in_reply("ann@example.com", kAnnPassword).status, 429);
    // An operator sets a new password: the lock is lifted, the old password is gone.
    const auto reset = run_cli({"admin", "set-password", "--db", db_, "--email", "ann@example.com"},
                               "a new password from the operator\n");
    ASSERT_EQ(reset.exit_code, 0) << reset.err;
    EXPECT_EQ(sign_in_reply("ann@example.com", kAnnPassword).status, 401);
    EXPECT_EQ(sign_in_reply("ann@example.com", "a new password from the operator").status, 201);
    const auto unknown =
        run_cli({"admin", "set-password", "--db", db_, "--email", "zed@example.com"},
                "whatever password\n");
    EXPECT_NE(unknown.exit_code, 0) << unknown.err;
    EXPECT_NE(unknown.err.find("zed@example.com"), std::string::npos) << unknown.err;
}

TEST_F(People, APersonInSeveralWorkspacesNamesOneAndReviewersOnlyApprove) {
    start();
    const auto bob = create_user("alpha", "bob@example.com", "reviewer", kBobPassword);
    EXPECT_EQ(create_user("beta", "bob@example.com", "owner", "ignored for an existing account"),
              bob);
    auto s = sign_in("bob@example.com", kBobPassword);
    ASSERT_EQ(s.body["workspaces"].size(), 2U) << s.body.dump();
    // No workspace named: a workspace route asks which.
    const auto unnamed = as(s, "GET", "/api/v1/jobs");
    EXPECT_EQ(unnamed.status, 400) << unnamed.body;
    EXPECT_NE(unnamed.body.find("X-Workspace"), std::string::npos);
    EXPECT_EQ(as(s, "GET", "/api/v1/jobs", {}, Headers{{"X-Workspace", "alpha"}}).status, 200);
    EXPECT_EQ(as(s, "GET", "/api/v1/keys", {}, Headers{{"X-Workspace", "alpha"}}).status, 403);
    EXPECT_EQ(as(s, "GET", "/api/v1/keys", {}, Headers{{"X-Workspace", "beta"}}).status, 200);
    // A workspace Bob is no member of, by name or id, is not found.
    EXPECT_EQ(as(s, "GET", "/api/v1/jobs", {}, Headers{{"X-Workspace", "default"}}).status, 404);
    // Bob makes a workspace of his own and owns it; a taken name is 409.
    const auto made_ws = as(s, "POST", "/api/v1/workspaces", R"({"name":"gamma"})");
    ASSERT_EQ(made_ws.status, 201) << made_ws.body;
    EXPECT_EQ(json::parse(made_ws.body)["role"], "owner");
    EXPECT_EQ(as(s, "POST", "/api/v1/workspaces", R"({"name":"alpha"})").status, 409);
    EXPECT_EQ(as(s, "POST", "/api/v1/workspaces", R"({"name":"no/slashes"})").status, 400);
    const auto mine = json::parse(as(s, "GET", "/api/v1/workspaces").body)["workspaces"];
    EXPECT_EQ(mine.size(), 3U) << mine.dump();
    EXPECT_EQ(as(s, "GET", "/api/v1/members", {}, Headers{{"X-Workspace", "gamma"}}).status, 200);
    // A key names its own workspace only.
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/jobs", Headers{{"X-Workspace", "alpha"}}).status,
              403);
    // Reviewers approve or send back; editing is refused.
    const auto editor_key =
        run_cli({"admin", "create-key", "--db", db_, "--workspace", "alpha", "--role", "editor"});
    ASSERT_EQ(editor_key.exit_code, 0);
    const auto key = editor_key.out.substr(0, editor_key.out.find('\n'));
    const auto grounded = http_request(
        port(), "POST", "/api/v1/kb/documents?name=notebook.md",
        Headers{{"Authorization", "Bearer " + key}, {"Content-Type", "text/markdown"}},
        "# Alpha field notebook\n\nThe alpha field notebook keeps engineers' site notes "
        "offline and syncs them when a network returns. Pilot teams logged 40 sites a week.\n");
    ASSERT_EQ(grounded.status, 201) << grounded.body;
    const auto submitted = http_request(
        port(), "POST", "/api/v1/jobs",
        Headers{{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}},
        R"({"prompt":"Launch of the alpha field notebook, for engineers.","platforms":["linkedin"]})");
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    const auto job_id = json::parse(submitted.body)["job_id"].get<std::string>();
    std::string item;
    for (int i = 0; i < 300 && item.empty(); ++i) {
        const auto job = json::parse(http_request(port(), "GET", "/api/v1/jobs/" + job_id,
                                                  Headers{{"Authorization", "Bearer " + key}})
                                         .body);
        if (job.value("status", "") != "queued" && job.value("status", "") != "running") {
            ASSERT_FALSE(job["items"].empty()) << job.dump();
            item = job["items"][0]["id"];
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    ASSERT_FALSE(item.empty());
    const Headers alpha{{"X-Workspace", "alpha"}};
    const auto edit = as(s, "PATCH", "/api/v1/content/" + item, R"({"body":"Mine now."})", alpha);
    EXPECT_EQ(edit.status, 403) << edit.body;
    EXPECT_NE(edit.body.find("editor"), std::string::npos);
    const auto approve =
        as(s, "PATCH", "/api/v1/content/" + item, R"({"status":"approved"})", alpha);
    EXPECT_EQ(approve.status, 200) << approve.body;
    EXPECT_EQ(json::parse(approve.body)["status"], "approved");
    // The trail (owners of alpha: the test has none among people, so a key reads it).
    const auto owner_key =
        run_cli({"admin", "create-key", "--db", db_, "--workspace", "alpha", "--role", "owner"});
    const auto trail = http_request(
        port(), "GET", "/api/v1/audit",
        Headers{{"Authorization", "Bearer " + owner_key.out.substr(0, owner_key.out.find('\n'))}});
    ASSERT_EQ(trail.status, 200) << trail.body;
    std::vector<std::string> actions;
    const auto entries = json::parse(trail.body)["entries"];
    for (const auto& entry : entries) {
        actions.push_back(entry["action"]);
        if (entry["action"] == "item.approve") {
            EXPECT_EQ(entry["actor"], "user:" + bob);
            EXPECT_EQ(entry["address"], "127.0.0.1");
            EXPECT_EQ(entry["object"], "item:" + item);
        }
    }
    for (const auto* expected :
         {"item.approve", "job.submit", "session.sign_in", "member.add", "key.create"}) {
        EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end())
            << expected << " not in the trail: " << trail.body.substr(0, 600);
    }
    // Beta's trail has Bob's sign-in but nothing of alpha's job.
    const auto beta = as(s, "GET", "/api/v1/audit", {}, Headers{{"X-Workspace", "beta"}});
    ASSERT_EQ(beta.status, 200) << beta.body;
    EXPECT_NE(beta.body.find("session.sign_in"), std::string::npos);
    EXPECT_EQ(beta.body.find(job_id), std::string::npos);
}

TEST_F(People, OwnersManageMembersButNeverRemoveTheLastOwner) {
    start();
    const auto olga = create_user("default", "olga@example.com", "owner", kAnnPassword);
    auto s = sign_in("olga@example.com", kAnnPassword);
    // A new person needs a password; a short one is refused naming the field.
    const auto without =
        as(s, "POST", "/api/v1/members", R"({"email":"dan@example.com","role":"editor"})");
    EXPECT_EQ(without.status, 400);
    EXPECT_EQ(json::parse(without.body)["error"]["field"], "password");
    const auto short_one = as(s, "POST", "/api/v1/members",
                              R"({"email":"dan@example.com","role":"editor","password":"short"})");
    EXPECT_EQ(short_one.status, 400);
    const auto added =
        as(s, "POST", "/api/v1/members",
           R"({"email":"Dan@Example.com","role":"editor","password":"dan's own long password"})");
    ASSERT_EQ(added.status, 201) << added.body;
    const auto dan = json::parse(added.body)["user_id"].get<std::string>();
    EXPECT_TRUE(json::parse(added.body)["account_created"].get<bool>());
    EXPECT_EQ(as(s, "POST", "/api/v1/members",
                 R"({"email":"dan@example.com","role":"viewer","password":"x"})")
                  .status,
              409);
    const auto d = sign_in("dan@example.com", "dan's own long password");
    EXPECT_EQ(as(d, "GET", "/api/v1/members").status, 403);
    // The last owner cannot leave or be demoted; with a second owner she can.
    EXPECT_EQ(as(s, "PATCH", "/api/v1/members/" + olga, R"({"role":"editor"})").status, 409);
    EXPECT_EQ(as(s, "DELETE", "/api/v1/members/" + olga).status, 409);
    EXPECT_EQ(as(s, "PATCH", "/api/v1/members/" + dan, R"({"role":"owner"})").status, 200);
    EXPECT_EQ(as(d, "GET", "/api/v1/members").status, 200);
    EXPECT_EQ(as(s, "PATCH", "/api/v1/members/" + olga, R"({"role":"viewer"})").status, 200);
    // Removing Dan ends his access at once (his session stays valid, his membership is gone).
    EXPECT_EQ(as(d, "DELETE", "/api/v1/members/" + olga).status, 204);
    const auto gone = as(s, "GET", "/api/v1/jobs");
    EXPECT_EQ(gone.status, 400) << "Olga is in no workspace now: " << gone.body;
}

TEST_F(People, PasswordChangesEndOtherSessionsAndNothingSecretIsStoredOrLogged) {
    start();
    create_user("default", "ann@example.com", "viewer", kAnnPassword);
    const auto here = sign_in("ann@example.com", kAnnPassword);
    const auto elsewhere = sign_in("ann@example.com", kAnnPassword);
    const std::string fresh = "a brand new passphrase";
    const auto wrong = as(here, "POST", "/api/v1/me/password",
                          json{{"current_password", "nope"}, {"new_password", fresh}}.dump());
    EXPECT_EQ(wrong.status, 401);
    const auto changed =
        as(here, "POST", "/api/v1/me/password",
           json{{"current_password", kAnnPassword}, {"new_password", fresh}}.dump());
    EXPECT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(as(here, "GET", "/api/v1/jobs").status, 200);
    EXPECT_EQ(as(elsewhere, "GET", "/api/v1/jobs").status, 401);
    EXPECT_EQ(sign_in_reply("ann@example.com", kAnnPassword).status, 401);
    const auto again = sign_in("ann@example.com", fresh);
    // Neither passwords nor session tokens are in the database files or the server's output.
    std::string stored;
    for (const auto* suffix : {"", "-wal"}) {
        const auto path = dir_.path() / (std::string("swarm.db") + suffix);
        if (std::filesystem::exists(path)) {
            stored += read_file(path);
        }
    }
    const auto logs = server_->stdout_text() + server_->stderr_text();
    for (const auto& secret :
         {std::string(kAnnPassword), fresh,
          here.cookie.substr(std::string("swarm_session=").size()),
          again.cookie.substr(std::string("swarm_session=").size()), again.csrf}) {
        EXPECT_EQ(stored.find(secret), std::string::npos) << "stored in clear: " << secret;
        EXPECT_EQ(logs.find(secret), std::string::npos) << "logged: " << secret;
    }
    EXPECT_NE(stored.find("$argon2id$"), std::string::npos) << "the hash is Argon2id";
}

}  // namespace
}  // namespace swarm::test
