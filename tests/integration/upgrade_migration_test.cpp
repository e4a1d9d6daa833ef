// Upgrade: a SQLite database written by the version before workspaces (schema 5, built here from
// the project's own migration files), and a PostgreSQL schema 4 likewise, opened by the server.
// Everything it held lands in workspace "default", which the start log names; nothing is lost, and
// another workspace sees none of it.
#include "codec/result_json.hpp"
#include "pg_support.hpp"
#include "sqlite/connection.hpp"
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_paths.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

constexpr int kOldSchema = 5;  // the last schema before workspaces
const std::string kBrief = R"({"prompt":"An old brief.","platforms":["linkedin"]})";

/// Schema 1..kOldSchema from src/storage/migrations/sqlite, as the old binary left it.
void write_old_database(const std::string& path) {
    auto db = sqlite::Connection::open(path);
    ASSERT_TRUE(db.has_value());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "src" / "storage" /
                                                                 "migrations" / "sqlite")) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GT(files.size(), static_cast<std::size_t>(kOldSchema));
    ASSERT_TRUE(
        (*db)->exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at INTEGER NOT NULL)"));
    for (int version = 1; version <= kOldSchema; ++version) {
        ASSERT_TRUE((*db)->exec(read_file(files[static_cast<std::size_t>(version - 1)])))
            << files[static_cast<std::size_t>(version - 1)];
        ASSERT_TRUE((*db)->exec("INSERT INTO schema_migrations VALUES (" + std::to_string(version) +
                                ", 1700000000000)"));
    }
    core::ContentItem item;
    item.id = "item-old";
    item.platform = core::Platform::kLinkedIn;
    item.body = "A post from before workspaces.";
    const auto v1 = codec::encode_item(item).dump();
    item.body = "A post from before workspaces, edited.";
    const auto v2 = codec::encode_item(item).dump();
    const std::string esc1 = "'" + v1 + "'";
    const std::string esc2 = "'" + v2 + "'";
    ASSERT_TRUE((*db)->exec(
        "INSERT INTO jobs (id, status, brief_json, requested_platforms, idempotency_key, "
        "created_at, updated_at, finished_at) VALUES ('job-old', 'succeeded', '" +
        kBrief +
        "', 'linkedin', 'key-old', 1700000000000, 1700000001000, 1700000001000);"
        "INSERT INTO job_events VALUES ('job-old', 1, 'job_started', '', NULL, '', "
        "1700000000000, 0), ('job-old', 2, 'job_finished', '', NULL, 'succeeded', "
        "1700000001000, 1000);"
        "INSERT INTO content_items VALUES ('item-old', 'job-old', 'linkedin', 'draft', " +
        esc2 +
        ", 0.9, 2, 1700000001000, 1700000002000);"
        "INSERT INTO content_item_versions VALUES ('item-old', 1, " +
        esc1 + ", 'draft', 0.8, 1700000001000), ('item-old', 2, " + esc2 +
        ", 'draft', 0.9, 1700000002000);"
        "INSERT INTO brand_profiles VALUES ('acme', 'Acme', '{\"name\":\"Acme\"}', "
        "1700000000000, 1700000000000);"
        "INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) VALUES "
        "('job-old', 'writer', 'linkedin', 'raw text', 1700000000500);"));
}

TEST(UpgradeMigration, OldDataLandsInWorkspaceDefaultAndNothingIsLost) {
    TempDir dir;
    const auto path = (dir.path() / "old.db").string();
    write_old_database(path);
    // The old binary's knowledge base: PATH.kb beside the database.
    const auto kb = run_cli({"kb", "--db", "sqlite:" + path, "add",
                             (source_dir() / "examples" / "kb-fieldnote").string()});
    ASSERT_EQ(kb.exit_code, 0) << kb.err;
    ServerProcess server({"--db", "sqlite:" + path, "--workers", "0"});
    ASSERT_NE(server.port(), 0) << server.stderr_text();
    // The start log names the workspace that holds the old data.
    const auto lines = server.log_lines();
    const auto first = std::find_if(lines.begin(), lines.end(), [](const json& l) {
        return l.value("msg", "") == "first start";
    });
    ASSERT_NE(first, lines.end()) << server.stdout_text();
    EXPECT_EQ((*first)["workspace"], "default");
    const auto port = server.port();
    // Everything is there for the owner key of workspace "default".
    const auto job = http_request(port, "GET", "/api/v1/jobs/job-old");
    ASSERT_EQ(job.status, 200) << job.body;
    EXPECT_EQ(json::parse(job.body)["status"], "succeeded");
    EXPECT_EQ(json::parse(job.body)["items"].size(), 1U);
    const auto item = http_request(port, "GET", "/api/v1/content/item-old");
    ASSERT_EQ(item.status, 200) << item.body;
    EXPECT_NE(item.body.find("edited"), std::string::npos);
    const auto versions = http_request(port, "GET", "/api/v1/content/item-old/versions");
    ASSERT_EQ(versions.status, 200);
    EXPECT_EQ(json::parse(versions.body)["versions"].size(), 2U);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/brands/acme").status, 200);
    const auto raw = http_request(port, "GET", "/api/v1/jobs/job-old/raw-outputs");
    ASSERT_EQ(raw.status, 200);
    EXPECT_NE(raw.body.find("raw text"), std::string::npos);
    const auto events = read_sse(port, "/api/v1/jobs/job-old/events");
    ASSERT_EQ(events.events.size(), 2U);
    EXPECT_EQ(events.events.back().type, "job_finished");
    // The old idempotency key still finds its job, in its workspace.
    const auto again = http_request(
        port, "POST", "/api/v1/jobs",
        {{"Content-Type", "application/json"}, {"Idempotency-Key", "key-old"}}, kBrief);
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(json::parse(again.body)["job_id"], "job-old");
    // Another workspace sees none of it.
    const auto made = run_cli({"admin", "create-key", "--db", "sqlite:" + path, "--workspace",
                               "newcomer", "--role", "owner"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::map<std::string, std::string> other{
        {"Authorization", "Bearer " + made.out.substr(0, made.out.find('\n'))}};
    EXPECT_EQ(http_request(port, "GET", "/api/v1/jobs/job-old", other).status, 404);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/content/item-old", other).status, 404);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/brands/acme", other).status, 404);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/jobs", other).body.find("job-old"),
              std::string::npos);
    // The old knowledge base (PATH.kb) is workspace "default"'s, and only its.
    const auto docs = http_request(port, "GET", "/api/v1/kb/documents");
    ASSERT_EQ(docs.status, 200);
    EXPECT_GE(json::parse(docs.body)["documents"].size(), 1U) << docs.body;
    EXPECT_EQ(
        json::parse(http_request(port, "GET", "/api/v1/kb/documents", other).body)["documents"]
            .size(),
        0U);
    const auto listed = run_cli({"admin", "list", "--db", "sqlite:" + path, "--json"});
    ASSERT_EQ(listed.exit_code, 0);
    const auto workspaces = json::parse(listed.out)["workspaces"];
    EXPECT_EQ(workspaces.size(), 2U);
}

/// PostgreSQL schema 1..4 (the last before workspaces) in `schema`, from the migration files, with
/// one of everything an old fleet stored. Empty on success, else the error.
std::string write_old_postgres(const std::string& url, const std::string& schema) {
    constexpr int kOldPgSchema = 4;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "src" / "storage" /
                                                                 "migrations" / "postgres")) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::string sql = "SET search_path TO " + schema +
                      "; CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, "
                      "applied_at BIGINT NOT NULL);";
    for (int version = 1; version <= kOldPgSchema; ++version) {
        sql += read_file(files[static_cast<std::size_t>(version - 1)]) +
               ";INSERT INTO schema_migrations VALUES (" + std::to_string(version) +
               ", 1700000000000);";
    }
    core::ContentItem item;
    item.id = "item-old";
    item.platform = core::Platform::kLinkedIn;
    item.body = "A post from before workspaces, edited.";
    sql +=
        "INSERT INTO jobs (id, status, brief_json, requested_platforms, idempotency_key, "
        "created_at, updated_at, finished_at) VALUES ('job-old', 'succeeded', '" +
        kBrief +
        "', 'linkedin', 'key-old', 1700000000000, 1700000001000, 1700000001000);"
        "INSERT INTO job_events VALUES ('job-old', 1, 'job_started', '', NULL, '', "
        "1700000000000, 0), ('job-old', 2, 'job_finished', '', NULL, 'succeeded', "
        "1700000001000, 1000);"
        "INSERT INTO content_items VALUES ('item-old', 'job-old', 'linkedin', 'draft', '" +
        codec::encode_item(item).dump() +
        "', 0.9, 1, 1700000001000, 1700000002000);"
        "INSERT INTO brand_profiles VALUES ('acme', 'Acme', '{\"name\":\"Acme\"}', "
        "1700000000000, 1700000000000);"
        "INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) VALUES "
        "('job-old', 'writer', 'linkedin', 'raw text', 1700000000500);"
        "INSERT INTO kb_documents (name, content_hash, chunker_version, byte_size, "
        "chunk_count, text) VALUES ('old-notes.md', 'h', 1, 9, 0, 'old notes');";
    return pg_exec(url, sql);
}

TEST(UpgradeMigration, OldPostgresDataLandsInWorkspaceDefaultAndNothingIsLost) {
    const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
    if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "SWARM_TEST_PG_URL is not set: the PostgreSQL upgrade is skipped";
    }
    std::mt19937_64 engine{std::random_device{}()};
    const auto schema = "up_" + std::to_string(engine() % 1000000000000ULL);
    ASSERT_EQ(pg_exec(url, "CREATE SCHEMA " + schema), "");
    ASSERT_EQ(write_old_postgres(url, schema), "");
    const std::string db = std::string(url) +
                           (std::string(url).find('?') == std::string::npos ? "?" : "&") +
                           "options=-csearch_path%3D" + schema;
    {
        ServerProcess server({"--db", db, "--workers", "0"});
        ASSERT_NE(server.port(), 0) << server.stderr_text();
        const auto port = server.port();
        const auto job = http_request(port, "GET", "/api/v1/jobs/job-old");
        ASSERT_EQ(job.status, 200) << job.body;
        EXPECT_EQ(json::parse(job.body)["items"].size(), 1U);
        EXPECT_NE(http_request(port, "GET", "/api/v1/content/item-old").body.find("edited"),
                  std::string::npos);
        EXPECT_EQ(http_request(port, "GET", "/api/v1/brands/acme").status, 200);
        EXPECT_NE(
            http_request(port, "GET", "/api/v1/jobs/job-old/raw-outputs").body.find("raw text"),
            std::string::npos);
        EXPECT_EQ(read_sse(port, "/api/v1/jobs/job-old/events").events.size(), 2U);
        EXPECT_NE(http_request(port, "GET", "/api/v1/kb/documents").body.find("old-notes.md"),
                  std::string::npos);
        const auto again = http_request(
            port, "POST", "/api/v1/jobs",
            {{"Content-Type", "application/json"}, {"Idempotency-Key", "key-old"}}, kBrief);
        EXPECT_EQ(json::parse(again.body).value("job_id", ""), "job-old") << again.body;
        const auto made = run_cli(
            {"admin", "create-key", "--db", db, "--workspace", "newcomer", "--role", "owner"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        const std::map<std::string, std::string> other{
            {"Authorization", "Bearer " + made.out.substr(0, made.out.find('\n'))}};
        EXPECT_EQ(http_request(port, "GET", "/api/v1/jobs/job-old", other).status, 404);
        EXPECT_EQ(http_request(port, "GET", "/api/v1/content/item-old", other).status, 404);
        EXPECT_EQ(http_request(port, "GET", "/api/v1/kb/documents", other).body.find("old-notes"),
                  std::string::npos);
        const auto listed = run_cli({"admin", "list", "--db", db, "--json"});
        ASSERT_EQ(listed.exit_code, 0) << listed.err;
        EXPECT_NE(listed.out.find("\"default\""), std::string::npos) << listed.out;
    }
    EXPECT_EQ(pg_exec(url, "DROP SCHEMA " + schema + " CASCADE"), "");
}

}  // namespace
}  // namespace swarm::test
