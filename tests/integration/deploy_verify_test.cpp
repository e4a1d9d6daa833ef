// `content-swarm deploy verify` against a real `content-swarm serve`: the server's own build
// passes (by version and by sha), a wrong --expect fails with the table, bad options are usage
// errors, and the canary runs a real offline generation through the API.
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <fstream>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

class DeployVerifyTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", "sqlite:" + (dir_.path() / "db.sqlite").string(), "--kb",
            (source_dir() / "examples" / "kb-fieldnote").string()});
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
        const auto reply = http_request(server_->port(), "GET", "/version");
        ASSERT_EQ(reply.status, 200);
        const auto doc = json::parse(reply.body);
        version_ = doc.at("version").get<std::string>();
        git_sha_ = doc.at("git_sha").get<std::string>();
        instance_ = doc.at("instance_id").get<std::string>();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

    CommandResult verify(const std::vector<std::string>& extra) const {
        std::vector<std::string> args{"deploy", "verify", "--url", url(), "--interval", "50ms"};
        args.insert(args.end(), extra.begin(), extra.end());
        if (std::find(extra.begin(), extra.end(), "--canary") != extra.end()) {
            args.insert(args.end(), {"--api-key", kTestOwnerKey});
        }
        return run_cli(args);
    }

    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
    std::string version_;
    std::string git_sha_;
    std::string instance_;
};

TEST_F(DeployVerifyTest, PassesForTheServersOwnVersion) {
    const auto r = verify({"--expect", version_, "--timeout", "30s"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find(instance_), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("verified: 1 distinct instance(s)"), std::string::npos) << r.out;
}

TEST_F(DeployVerifyTest, PassesForTheServersGitShaPrefix) {
    const std::string sha = git_sha_;
    if (sha == "unknown") {
        GTEST_SKIP() << "built outside a git checkout";
    }
    const auto r = verify({"--expect", sha.substr(0, 10), "--timeout", "30s"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(DeployVerifyTest, WrongExpectFailsWithTheTable) {
    const auto r = verify({"--expect", "99.99.99", "--timeout", "20s", "--grace", "1s"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("OTHER BUILD"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(instance_), std::string::npos);
    EXPECT_NE(r.err.find("still answers version"), std::string::npos) << r.err;
}

TEST_F(DeployVerifyTest, MoreReplicasThanAnswerTimesOut) {
    const auto r = verify({"--expect", version_, "--replicas", "2", "--timeout", "2s"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("1 of 2 instance(s)"), std::string::npos) << r.err;
}

TEST_F(DeployVerifyTest, BadOptionsAreUsageErrorsNamingTheOption) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--expect", "abc12"}, "--expect"},
        {{"--expect", "0.1.0", "--timeout", "10x"}, "--timeout"},
        {{"--expect", "0.1.0", "--brief", "brief.json"}, "--brief"},
    };
    for (const auto& [args, option] : cases) {
        const auto r = verify(args);
        EXPECT_EQ(r.exit_code, 2) << option << r.err;
        EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
    }
    const auto bad_url = run_cli({"deploy", "verify", "--url", "ftp://x", "--expect", "0.1.0"});
    EXPECT_EQ(bad_url.exit_code, 2);
    EXPECT_NE(bad_url.err.find("--url"), std::string::npos) << bad_url.err;
    const auto missing = run_cli({"deploy", "verify", "--url", url()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--expect"), std::string::npos) << missing.err;
}

TEST_F(DeployVerifyTest, CanaryRunsARealGenerationWithTheBuiltInBrief) {
    const auto r =
        verify({"--expect", version_, "--timeout", "30s", "--canary", "--canary-timeout", "2m"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("PASS status: succeeded"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PASS platforms"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PASS hard rules"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PASS media"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("canary passed"), std::string::npos) << r.out;
}

TEST_F(DeployVerifyTest, CanaryFailsWhenTheJobCannotSucceed) {
    // A brief the server rejects (an unknown platform) must fail the canary at submit.
    const auto brief = dir_.path() / "brief.json";
    {
        std::ofstream out(brief);
        out << R"({"prompt":"x","platforms":["myspace"]})";
    }
    const auto r =
        verify({"--expect", version_, "--timeout", "30s", "--canary", "--brief", brief.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL submit: HTTP 400"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace swarm::test
