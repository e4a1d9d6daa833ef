// The web app's API on the real server (api_review_test.cpp, api_calendar_test.cpp): a server on a
// temporary SQLite database with the sample knowledge base, keys of every role of workspace
// "default", and finished offline jobs whose items the tests review, move and export.
#pragma once

#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {

class WebApi : public ::testing::Test {
protected:
    using json = nlohmann::json;

    void SetUp() override { start(); }

    /// Starts the server with `env` set for it (and unset again after).
    void start(const std::vector<std::pair<std::string, std::string>>& env = {}) {
        for (const auto& [name, value] : env) {
            setenv(name.c_str(), value.c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
        }
        server_.reset();
        db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", db_, "--workers", "1", "--media", "folder:" + (dir_.path() / "media").string(),
            "--kb", (source_dir() / "examples" / "kb-fieldnote").string()});
        for (const auto& [name, value] : env) {
            unsetenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
        }
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
        owner_ = kTestOwnerKey;
        viewer_ = admin_key("default", "viewer");
        reviewer_ = admin_key("default", "reviewer");
        editor_ = admin_key("default", "editor");
    }

    std::string admin_key(const std::string& workspace, const std::string& role) {
        const auto made =
            run_cli({"admin", "create-key", "--db", db_, "--workspace", workspace, "--role", role});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        return made.out.substr(0, made.out.find_first_of("\r\n"));
    }

    std::uint16_t port() const { return server_->port(); }

    /// A request with `key` (none when empty) and a JSON body when one is given.
    HttpReply call(const std::string& method, const std::string& target, const std::string& key,
                   const std::string& body = {}) const {
        std::map<std::string, std::string> headers{
            {"Authorization", key.empty() ? "" : "Bearer " + key}};
        if (!body.empty()) {
            headers["Content-Type"] = "application/json";
        }
        return http_request(port(), method, target, headers, body);
    }

    HttpReply call(const std::string& method, const std::string& target, const std::string& key,
                   const json& body) const {
        return call(method, target, key, body.dump());
    }

    static json body_of(const HttpReply& reply) { return json::parse(reply.body, nullptr, false); }

    static std::string field_of(const HttpReply& reply) {
        const auto body = body_of(reply);
        return body.is_object() && body.contains("error") && body["error"]["field"].is_string()
                   ? body["error"]["field"].get<std::string>()
                   : "";
    }

    /// The sample brief (its brand: banned phrases, a required hashtag, a call to action) with
    /// `changes` merged in, as an offline job run to the end: platform -> item id.
    std::map<std::string, std::string> finished_job(const json& changes = json::object()) {
        auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
        brief.erase("kb");
        brief.update(changes);
        const auto submitted = call("POST", "/api/v1/jobs", owner_, brief);
        EXPECT_EQ(submitted.status, 202) << submitted.body;
        const auto id = body_of(submitted).value("job_id", "");
        std::map<std::string, std::string> items;
        for (int i = 0; i < 600; ++i) {
            const auto job = body_of(call("GET", "/api/v1/jobs/" + id, owner_));
            const auto status = job.value("status", "");
            if (status != "queued" && status != "running") {
                for (const auto& item : job["items"]) {
                    items[item["platform"].get<std::string>()] = item["id"].get<std::string>();
                }
                EXPECT_FALSE(items.empty()) << job.dump().substr(0, 600);
                return items;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "job " << id << " did not finish";
        return items;
    }

    /// PATCH /api/v1/content/{id} with `key`.
    HttpReply patch(const std::string& item, const std::string& key, const json& body) const {
        return call("PATCH", "/api/v1/content/" + item, key, body);
    }

    json item(const std::string& id) const {
        return body_of(call("GET", "/api/v1/content/" + id, owner_));
    }

    TempDir dir_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
    std::string owner_;
    std::string viewer_;
    std::string reviewer_;
    std::string editor_;
};

}  // namespace swarm::test
