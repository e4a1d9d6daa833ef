// Per-workspace limits and secrets on the real server: jobs queued beyond the workspace's limit
// and requests beyond its rate are 429 with Retry-After naming the limit (other workspaces are
// unaffected); secrets are stored sealed, shown only as "set" and their last four characters,
// and never logged.
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
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class WorkspaceSettings : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        // No workers: submitted jobs stay queued, so the queue limit is reached for sure.
        server_ = std::make_unique<ServerProcess>(
            std::vector<std::string>{"--db", db_, "--workers", "0", "--media",
                                     "folder:" + (dir_.path() / "media").string()});
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
        const auto made = run_cli(
            {"admin", "create-key", "--db", db_, "--workspace", "other", "--role", "owner"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        other_ = made.out.substr(0, made.out.find('\n'));
    }

    HttpReply put_json(const std::string& target, const json& body, Headers headers = {}) {
        headers["Content-Type"] = "application/json";
        return http_request(server_->port(), "PUT", target, headers, body.dump());
    }

    HttpReply submit(Headers headers = {}) {
        headers["Content-Type"] = "application/json";
        return http_request(server_->port(), "POST", "/api/v1/jobs", headers,
                            R"({"prompt":"A launch post about limits.","platforms":["linkedin"]})");
    }

    TempDir dir_;
    std::string db_;
    std::string other_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_F(WorkspaceSettings, QueuedJobsAndRequestRateAreLimitedPerWorkspace) {
    const auto set = put_json("/api/v1/settings/limits", {{"max_queued_jobs", 2}});
    ASSERT_EQ(set.status, 200) << set.body;
    const auto settings = json::parse(set.body);
    EXPECT_EQ(settings["limits"]["max_queued_jobs"]["effective"], 2);
    EXPECT_EQ(settings["limits"]["max_queued_jobs"]["default"], 100);
    EXPECT_TRUE(settings["limits"]["requests_per_minute"]["effective"].is_null());
    EXPECT_EQ(submit().status, 202);
    EXPECT_EQ(submit().status, 202);
    const auto third = submit();
    EXPECT_EQ(third.status, 429) << third.body;
    EXPECT_EQ(json::parse(third.body)["error"]["field"], "max_queued_jobs");
    EXPECT_FALSE(third.header("retry-after").empty());
    // Another workspace has its own queue.
    EXPECT_EQ(submit({{"Authorization", "Bearer " + other_}}).status, 202);
    // Bad limits name the field; nothing changes.
    for (const auto& bad : {json{{"max_queued_jobs", 0}}, json{{"max_queued_jobs", "many"}},
                            json{{"queue", 3}}, json{{"requests_per_minute", 1.5}}}) {
        const auto refused = put_json("/api/v1/settings/limits", bad);
        EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.body;
        EXPECT_EQ(json::parse(refused.body)["error"]["field"], bad.begin().key());
    }
    EXPECT_EQ(submit().status, 429) << "the limit of 2 still holds";
    // The request rate: 5 a minute, then 429 naming it; the other workspace is unaffected.
    ASSERT_EQ(put_json("/api/v1/settings/limits", {{"requests_per_minute", 5}}).status, 200);
    int allowed = 0;
    HttpReply refused;
    for (int i = 0; i < 12; ++i) {
        auto reply = http_request(server_->port(), "GET", "/api/v1/jobs");
        if (reply.status == 200) {
            ++allowed;
        } else {
            refused = reply;
        }
    }
    EXPECT_LE(allowed, 5);
    EXPECT_GE(allowed, 4);  // one may have gone before the new limit was read
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["field"], "requests_per_minute");
    EXPECT_GE(std::stoi(refused.header("retry-after")), 1);
    EXPECT_EQ(http_request(server_->port(), "GET", "/api/v1/jobs",
                           {{"Authorization", "Bearer " + other_}})
                  .status,
              200);
}

TEST_F(WorkspaceSettings, SecretsAreStoredSealedAndShownOnlyAsSetWithTheirLastFour) {
    const std::string value = "sk-live-quokka-0123456789-wxyz";
    const auto put = put_json("/api/v1/settings/secrets/openai_api_key", {{"value", value}});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(json::parse(put.body)["last4"], "wxyz");
    EXPECT_TRUE(json::parse(put.body)["set"].get<bool>());
    EXPECT_EQ(put.body.find(value), std::string::npos);
    const auto listed = http_request(server_->port(), "GET", "/api/v1/settings");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(json::parse(listed.body)["secrets"][0]["name"], "openai_api_key");
    EXPECT_EQ(listed.body.find("quokka"), std::string::npos) << listed.body;
    // Another workspace sees none of it.
    const auto theirs = http_request(server_->port(), "GET", "/api/v1/settings",
                                     {{"Authorization", "Bearer " + other_}});
    EXPECT_TRUE(json::parse(theirs.body)["secrets"].empty()) << theirs.body;
    // Bad names and values name the field.
    EXPECT_EQ(put_json("/api/v1/settings/secrets/Bad-Name", {{"value", "x"}}).status, 400);
    EXPECT_EQ(put_json("/api/v1/settings/secrets/openai_api_key", {{"value", ""}}).status, 400);
    // Not in the database file, nor in the server's output; the key file is private.
    std::string stored;
    for (const auto* suffix : {"", "-wal"}) {
        const auto path = dir_.path() / (std::string("swarm.db") + suffix);
        if (std::filesystem::exists(path)) {
            stored += read_file(path);
        }
    }
    EXPECT_EQ(stored.find("quokka"), std::string::npos) << "the secret is stored in clear";
    EXPECT_NE(stored.find("v1."), std::string::npos) << "no sealed text stored";
    const auto logs = server_->stdout_text() + server_->stderr_text();
    EXPECT_EQ(logs.find("quokka"), std::string::npos);
    const auto key_file = dir_.path() / "swarm.db.secret-key";
    ASSERT_TRUE(std::filesystem::exists(key_file));
    EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    // Removed once; a second removal is 404.
    EXPECT_EQ(
        http_request(server_->port(), "DELETE", "/api/v1/settings/secrets/openai_api_key").status,
        204);
    EXPECT_EQ(
        http_request(server_->port(), "DELETE", "/api/v1/settings/secrets/openai_api_key").status,
        404);
    // The trail names the secret, never its value.
    const auto trail = http_request(server_->port(), "GET", "/api/v1/audit?action=secret.");
    ASSERT_EQ(trail.status, 200) << trail.body;
    EXPECT_EQ(json::parse(trail.body)["entries"].size(), 2U) << trail.body;
    EXPECT_EQ(trail.body.find("quokka"), std::string::npos);
}

TEST(CompatWorkspace, OldClientsWithoutAKeyReachOnlyTheOldEndpointsOfOneWorkspace) {
    TempDir dir;
    const auto db = "sqlite:" + (dir.path() / "swarm.db").string();
    // NOLINTBEGIN(concurrency-mt-unsafe): before the server's threads exist
    setenv("CONTENT_SWARM_COMPAT_WORKSPACE", "old-clients", 1);
    setenv("CONTENT_SWARM_GENERATE_WAIT_SECONDS", "1", 1);
    ServerProcess server({"--db", db, "--workers", "0"});
    unsetenv("CONTENT_SWARM_COMPAT_WORKSPACE");
    unsetenv("CONTENT_SWARM_GENERATE_WAIT_SECONDS");
    // NOLINTEND(concurrency-mt-unsafe)
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    EXPECT_TRUE(
        server.wait_for_log("old clients without a key are let in", std::chrono::seconds(5)));
    const Headers none{{"Authorization", ""}, {"Content-Type", "application/json"}};
    const auto old = http_request(server.port(), "POST", "/api/generate-content", none,
                                  R"({"prompt":"An old client's post.","user_id":"u1",)"
                                  R"("platforms":["linkedin"]})");
    EXPECT_NE(old.status, 401) << old.body;
    EXPECT_NE(old.status, 403) << old.body;
    // Nothing else opens without a key.
    EXPECT_EQ(http_request(server.port(), "GET", "/api/v1/jobs", none).status, 401);
    EXPECT_EQ(http_request(server.port(), "POST", "/api/v1/jobs", none, "{}").status, 401);
    // The job is the compat workspace's, not the default one's.
    EXPECT_EQ(json::parse(http_request(server.port(), "GET", "/api/v1/jobs").body)["jobs"].size(),
              0U);
    const auto key = run_cli(
        {"admin", "create-key", "--db", db, "--workspace", "old-clients", "--role", "viewer"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    const auto theirs =
        http_request(server.port(), "GET", "/api/v1/jobs",
                     {{"Authorization", "Bearer " + key.out.substr(0, key.out.find('\n'))}});
    EXPECT_EQ(json::parse(theirs.body)["jobs"].size(), 1U) << theirs.body;
}

}  // namespace
}  // namespace swarm::test
