// The share link tests' server: the real binary on a temporary SQLite database with the sample
// knowledge base, keys of each role in workspace "default" and the owner of another workspace,
// finished offline jobs, and requests with a key or with no credentials at all.
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
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test::share {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class ShareServer : public ::testing::Test {
protected:
    void SetUp() override {
        db_path_ = (dir_.path() / "swarm.db").string();
        db_ = "sqlite:" + db_path_;
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", db_, "--workers", "2", "--media", "folder:" + (dir_.path() / "media").string(),
            "--kb", (source_dir() / "examples" / "kb-fieldnote").string()});
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
        editor_ = admin_key("default", "editor");
        viewer_ = admin_key("default", "viewer");
        other_ = admin_key("other", "owner");
    }

    std::string admin_key(const std::string& workspace, const std::string& role) {
        const auto made =
            run_cli({"admin", "create-key", "--db", db_, "--workspace", workspace, "--role", role});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        return made.out.substr(0, made.out.find('\n'));
    }

    std::uint16_t port() const { return server_->port(); }

    /// A request with `key` (none when empty: no Authorization header at all).
    HttpReply call(const std::string& method, const std::string& target, const std::string& key,
                   const std::string& body = {}) const {
        Headers headers{{"Authorization", key.empty() ? "" : "Bearer " + key}};
        if (!body.empty()) {
            headers["Content-Type"] = "application/json";
        }
        return http_request(port(), method, target, headers, body);
    }

    /// The same without credentials: what a person holding only a share link sends.
    HttpReply anonymous(const std::string& method, const std::string& target,
                        const std::string& body = {}) const {
        return call(method, target, "", body);
    }

    /// Submits `brief` with `key` and waits until the job ends; the job's document.
    json finished_job(const std::string& key, const json& brief) {
        const auto submitted = call("POST", "/api/v1/jobs", key, brief.dump());
        EXPECT_EQ(submitted.status, 202) << submitted.body;
        const auto id = json::parse(submitted.body).value("job_id", "");
        for (int i = 0; i < 600; ++i) {
            auto job = json::parse(call("GET", "/api/v1/jobs/" + id, key).body);
            const auto status = job.value("status", "");
            if (status != "queued" && status != "running") {
                return job;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "job " << id << " did not finish";
        return json::object();
    }

    /// The sample brief (its knowledge base is the server's --kb), with another prompt if given.
    static json sample_brief(const std::string& prompt = {}) {
        auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
        brief.erase("kb");
        if (!prompt.empty()) {
            brief["prompt"] = prompt;
        }
        return brief;
    }

    /// A new link to `job` made by `key`: the 201 answer's document (the test fails otherwise).
    json make_link(const std::string& key, const std::string& job, const json& body = {}) {
        const auto made = call("POST", "/api/v1/jobs/" + job + "/share-links", key,
                               body.is_null() ? std::string("{}") : body.dump());
        EXPECT_EQ(made.status, 201) << made.body;
        return json::parse(made.body, nullptr, false);
    }

    /// The job's item of `platform` as GET /api/v1/jobs/{id} lists it.
    static json item_of(const json& job, const std::string& platform) {
        for (const auto& item : job.value("items", json::array())) {
            if (item.value("platform", "") == platform) {
                return item;
            }
        }
        ADD_FAILURE() << "no " << platform << " item in " << job.dump().substr(0, 300);
        return json::object();
    }

    /// The media ids ("/media/<id>") an item of a job shows.
    static std::vector<std::string> media_ids(const json& item) {
        std::vector<std::string> out;
        for (const auto& m : item["content"].value("media", json::array())) {
            const auto url = m.value("url", "");
            if (url.rfind("/media/", 0) == 0) {
                out.push_back(url.substr(7));
            }
        }
        return out;
    }

    TempDir dir_;
    std::string db_path_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
    std::string editor_;
    std::string viewer_;
    std::string other_;
};

inline std::string error_field(const HttpReply& reply) {
    const auto body = json::parse(reply.body, nullptr, false);
    return body.is_object() && body.contains("error") && body["error"]["field"].is_string()
               ? body["error"]["field"].get<std::string>()
               : "";
}

}  // namespace swarm::test::share
