// Nothing secret is stored or logged in clear, on SQLite (the raw file and its WAL) and on
// PostgreSQL (the raw tables): passwords, session tokens, CSRF tokens, API key secrets and the
// values of workspace secrets. What is stored is a hash, a digest or sealed text.
#include "pg_support.hpp"
#include "support/command.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

class SecretsAtRest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres") {
            const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
            if (url == nullptr || *url == '\0') {
                GTEST_SKIP() << "SWARM_TEST_PG_URL is not set: the PostgreSQL case is skipped";
            }
            pg_url_ = url;
            std::mt19937_64 engine{std::random_device{}()};
            schema_ = fmt::format("rest_{:016x}", engine());
            ASSERT_EQ(pg_exec(pg_url_, "CREATE SCHEMA " + schema_), "");
            db_ = pg_url_ + (pg_url_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema_;
            // NOLINTNEXTLINE(concurrency-mt-unsafe): before the server's threads exist
            setenv("CONTENT_SWARM_SECRET_KEY", std::string(64, 'a').c_str(), 1);
        } else {
            db_ = "sqlite:" + (dir_.path() / "swarm.db").string();
        }
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", db_, "--workers", "0", "--media", "folder:" + (dir_.path() / "m").string()});
        unsetenv("CONTENT_SWARM_SECRET_KEY");  // NOLINT(concurrency-mt-unsafe)
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    }

    void TearDown() override {
        server_.reset();
        if (!schema_.empty()) {
            EXPECT_EQ(pg_exec(pg_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"), "");
        }
    }

    /// Every row of the tables that hold credentials and secrets, or the raw SQLite files.
    std::string stored() const {
        std::string out;
        if (!schema_.empty()) {
            pqxx::connection connection(pg_url_);
            pqxx::nontransaction tx(connection);
            for (const auto* table : {"users", "sessions", "api_keys", "workspace_secrets",
                                      "audit_log", "memberships"}) {
                for (const auto& row : tx.exec(
                         fmt::format("SELECT row_to_json(t)::text FROM {}.{} t", schema_, table))) {
                    out += row[0].as<std::string>() + "\n";
                }
            }
            return out;
        }
        for (const auto* suffix : {"", "-wal", "-shm"}) {
            const auto path = dir_.path() / (std::string("swarm.db") + suffix);
            if (std::filesystem::exists(path)) {
                out += read_file(path);
            }
        }
        return out;
    }

    TempDir dir_;
    std::string pg_url_;
    std::string schema_;
    std::string db_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_P(SecretsAtRest, PasswordsTokensKeysAndSecretValuesAreNeverStoredOrLoggedInClear) {
    const std::string password = "plaintext-password-quokka";
    const auto user = run_cli({"admin", "create-user", "--db", db_, "--workspace", "default",
                               "--email", "rest@example.com", "--role", "owner"},
                              password + "\n");
    ASSERT_EQ(user.exit_code, 0) << user.err;
    const auto key =
        run_cli({"admin", "create-key", "--db", db_, "--workspace", "default", "--role", "editor"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    const auto key_secret = key.out.substr(17, 43);
    const auto signed_in =
        http_request(server_->port(), "POST", "/api/v1/session",
                     {{"Authorization", ""}, {"Content-Type", "application/json"}},
                     json{{"email", "rest@example.com"}, {"password", password}}.dump());
    ASSERT_EQ(signed_in.status, 201) << signed_in.body;
    const auto set_cookie = signed_in.header("set-cookie");
    const auto token =
        set_cookie.substr(std::string("swarm_session=").size(),
                          set_cookie.find(';') - std::string("swarm_session=").size());
    const auto csrf = json::parse(signed_in.body)["csrf_token"].get<std::string>();
    // A wrong password is audited too: it must not be stored either.
    const std::string wrong = "wrong-guess-platypus";
    EXPECT_EQ(http_request(server_->port(), "POST", "/api/v1/session",
                           {{"Authorization", ""}, {"Content-Type", "application/json"}},
                           json{{"email", "rest@example.com"}, {"password", wrong}}.dump())
                  .status,
              401);
    const std::string secret_value = "sk-secret-value-wombat-9876";
    const auto put = http_request(server_->port(), "PUT", "/api/v1/settings/secrets/openai_api_key",
                                  {{"Authorization", ""},
                                   {"Cookie", "swarm_session=" + token},
                                   {"X-CSRF-Token", csrf},
                                   {"Content-Type", "application/json"}},
                                  json{{"value", secret_value}}.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    const auto at_rest = stored();
    ASSERT_NE(at_rest.find("rest@example.com"), std::string::npos) << "nothing was read";
    EXPECT_NE(at_rest.find("$argon2id$"), std::string::npos);
    const auto logs = server_->stdout_text() + server_->stderr_text() + user.err + key.err;
    for (const auto& secret : {password, wrong, token, token.substr(21), csrf, key_secret,
                               secret_value, std::string("wombat")}) {
        EXPECT_EQ(at_rest.find(secret), std::string::npos) << "stored in clear: " << secret;
        EXPECT_EQ(logs.find(secret), std::string::npos) << "logged: " << secret;
    }
}

std::string backend_name(const ::testing::TestParamInfo<std::string>& param) {
    return param.param;
}

INSTANTIATE_TEST_SUITE_P(Backends, SecretsAtRest, ::testing::Values("sqlite", "postgres"),
                         backend_name);

}  // namespace
}  // namespace swarm::test
