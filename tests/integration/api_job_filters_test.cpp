// The jobs API's brief "documents" and list filters on the real server, on SQLite and (with
// SWARM_TEST_PG_URL) PostgreSQL: an unknown or malformed document name is a 400 naming
// "documents[i]" and makes no job; a job restricted to one document cites only it; the list's
// created_from/created_to window pages like the unfiltered list, and bad bounds are a 400
// naming the parameter.
#include "pg_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_paths.hpp"

#include <cstdlib>
#include <memory>
#include <random>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

json brief_with(const json& documents, const std::string& prompt = {}) {
    auto brief = json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"));
    brief.erase("kb");
    if (!documents.is_null()) {
        brief["documents"] = documents;
    }
    if (!prompt.empty()) {
        brief["prompt"] = prompt;
    }
    return brief;
}

json error_of(const HttpReply& reply) {
    const auto body = json::parse(reply.body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"] : json();
}

class ApiJobFiltersTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string db = "sqlite:" + (dir_.path() / "db.sqlite").string();
        if (GetParam() == "postgres") {
            const char* url = std::getenv("SWARM_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
            if (url == nullptr || *url == '\0') {
                GTEST_SKIP() << "SWARM_TEST_PG_URL is not set: PostgreSQL cases skipped";
            }
            url_ = url;
            std::mt19937_64 engine{std::random_device{}()};
            const auto schema = fmt::format("f_{:016x}", engine());
            ASSERT_EQ(pg_exec(url_, "CREATE SCHEMA " + schema), "");
            schema_ = schema;
            db = url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
                 "options=-csearch_path%3D" + schema_;
        }
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", db, "--kb", (source_dir() / "examples" / "kb-fieldnote").string()});
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    }

    void TearDown() override {
        server_.reset();
        if (!schema_.empty()) {
            EXPECT_EQ(pg_exec(url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"), "");
        }
    }

    std::uint16_t port() const { return server_->port(); }

    HttpReply submit(const json& brief) const {
        return http_request(port(), "POST", "/api/v1/jobs", kJson, brief.dump());
    }

    HttpReply get(const std::string& target) const { return http_request(port(), "GET", target); }

    /// Every job id of the list at `target` (a query string ending in '&' or '?'), paged with
    /// `limit`.
    std::vector<std::string> listed(const std::string& target, int limit) const {
        std::vector<std::string> ids;
        std::string cursor;
        for (int guard = 0; guard < 100; ++guard) {
            auto url = fmt::format("{}limit={}", target, limit);
            if (!cursor.empty()) {
                url += "&cursor=" + cursor;
            }
            const auto reply = get(url);
            EXPECT_EQ(reply.status, 200) << url << " " << reply.body;
            if (reply.status != 200) {
                break;
            }
            const auto page = json::parse(reply.body);
            for (const auto& job : page["jobs"]) {
                ids.push_back(job["job_id"]);
            }
            if (page["next_cursor"].is_null()) {
                break;
            }
            cursor = page["next_cursor"];
        }
        return ids;
    }

    TempDir dir_;
    std::string url_;
    std::string schema_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_P(ApiJobFiltersTest, AnUnknownDocumentIs400NamingItAndMakesNoJob) {
    const std::vector<std::pair<json, std::string>> cases{
        {json{"nope.md"}, "documents[0]"},
        {json{"traction.md", "nope.md"}, "documents[1]"},
        // Repeats are dropped, but the error names the name where the brief writes it.
        {json{"traction.md", "traction.md", "pricing.md", "nope.md", "nope.md"}, "documents[3]"},
        {json{"Traction.md"}, "documents[0]"},  // names are exact
    };
    for (const auto& [documents, field] : cases) {
        const auto reply = submit(brief_with(documents));
        EXPECT_EQ(reply.status, 400) << documents.dump() << " " << reply.body;
        const auto error = error_of(reply);
        EXPECT_EQ(error.value("field", ""), field) << reply.body;
        EXPECT_NE(error.value("message", "").find("GET /api/v1/kb/documents"), std::string::npos)
            << reply.body;
    }
    const std::vector<std::pair<json, std::string>> malformed{
        {json{"traction.md", "../etc/passwd"}, "documents[1]"},
        {json{"traction.md", 7}, "documents[1]"},
        {json("traction.md"), "documents"},
        {json::array({""}), "documents[0]"},
    };
    for (const auto& [documents, field] : malformed) {
        const auto reply = submit(brief_with(documents));
        EXPECT_EQ(reply.status, 400) << documents.dump() << " " << reply.body;
        EXPECT_EQ(error_of(reply).value("field", ""), field) << reply.body;
    }
    json too_many = json::array();
    for (int i = 0; i < 201; ++i) {
        too_many.push_back(fmt::format("doc-{}.md", i));
    }
    EXPECT_EQ(error_of(submit(brief_with(too_many))).value("field", ""), "documents");
    EXPECT_EQ(json::parse(get("/api/v1/jobs").body)["jobs"].size(), 0U);
}

TEST_P(ApiJobFiltersTest, TheCheckReadsTheWorkspacesBaseAsItIsNow) {
    const auto name = std::string("launch-notes.md");
    EXPECT_EQ(submit(brief_with({name})).status, 400);
    const json upload{{"name", name},
                      {"content", "# Launch\n\nFieldnote ships live re-planning on 1 March.\n"}};
    const auto put = http_request(port(), "POST", "/api/v1/kb/documents", kJson, upload.dump());
    ASSERT_EQ(put.status, 201) << put.body;
    EXPECT_EQ(submit(brief_with({name, "traction.md"}, "first")).status, 202);
    ASSERT_EQ(http_request(port(), "DELETE", "/api/v1/kb/documents/" + name).status, 204);
    const auto after = submit(brief_with({"traction.md", name}, "second"));
    EXPECT_EQ(after.status, 400) << after.body;
    EXPECT_EQ(error_of(after).value("field", ""), "documents[1]");
}

TEST_P(ApiJobFiltersTest, AJobRestrictedToOneDocumentCitesOnlyIt) {
    const auto created = submit(brief_with({"traction.md"}));
    ASSERT_EQ(created.status, 202) << created.body;
    const auto job = json::parse(created.body);
    const auto stream = read_sse(port(), job["links"]["events"]);
    ASSERT_TRUE(stream.closed_by_server);
    const auto got = json::parse(get(job["links"]["self"]).body);
    EXPECT_NE(got["status"], "failed") << got.dump().substr(0, 600);
    EXPECT_EQ(got["brief"]["documents"], json{"traction.md"});
    std::set<std::string> cited;
    for (const auto& item : got["items"]) {
        for (const auto& source : item["content"]["sources"]) {
            cited.insert(source["document"].get<std::string>());
        }
    }
    EXPECT_EQ(cited, std::set<std::string>{"traction.md"}) << got.dump().substr(0, 600);
}

TEST_P(ApiJobFiltersTest, TheListFiltersByCreationWindowAndRefusesBadBounds) {
    std::vector<std::string> made;  // oldest first
    for (int i = 0; i < 4; ++i) {
        const auto reply = submit(brief_with(nullptr, fmt::format("Announcement number {}", i)));
        ASSERT_EQ(reply.status, 202) << reply.body;
        made.push_back(json::parse(reply.body)["job_id"]);
    }
    const std::vector<std::string> newest_first(made.rbegin(), made.rend());
    const std::string all =
        "/api/v1/jobs?created_from=2000-01-01T00:00:00Z&"
        "created_to=2999-01-01T00:00:00%2B02:00&";
    for (const int limit : {1, 3, 100}) {
        EXPECT_EQ(listed(all, limit), newest_first) << limit;
        EXPECT_EQ(listed("/api/v1/jobs?created_from=2000-01-01t00:00:00.5z&", limit), newest_first);
    }
    // Bounds past the years a timestamp holds (1677..2262) act as "no bound".
    EXPECT_EQ(listed("/api/v1/jobs?created_from=0001-01-01T00:00:00Z&"
                     "created_to=9999-12-31T23:59:59Z&",
                     2),
              newest_first);
    EXPECT_TRUE(listed("/api/v1/jobs?created_from=3000-01-01T00:00:00Z&"
                       "created_to=4000-01-01T00:00:00Z&",
                       2)
                    .empty());
    EXPECT_TRUE(listed("/api/v1/jobs?created_to=2000-01-01T00:00:00Z&", 2).empty());
    EXPECT_TRUE(listed("/api/v1/jobs?created_from=2999-01-01T00:00:00Z&", 2).empty());
    // Every job is queued or has run by now; the window and the status combine.
    const auto succeeded = listed(all + "status=succeeded&", 2);
    const auto queued = listed(all + "status=queued&", 2);
    EXPECT_LE(succeeded.size() + queued.size(), made.size());
    const std::vector<std::pair<std::string, std::string>> bad{
        {"created_from=yesterday", "created_from"},
        {"created_from=2026-01-01", "created_from"},        // a date alone
        {"created_to=2026-01-01T10:00:00", "created_to"},   // no offset
        {"created_to=2026-02-30T10:00:00Z", "created_to"},  // no such day
        {"created_from=", "created_from"},
        {"created_from=2026-01-02T00:00:00Z&created_to=2026-01-01T00:00:00Z", "created_to"},
        {"created_from=2026-01-01T00:00:00Z&created_to=2026-01-01T00:00:00Z", "created_to"},
        {"created_from=2026-01-01T02:00:00%2B02:00&created_to=2026-01-01T00:00:00Z",
         "created_to"},  // the same instant
    };
    for (const auto& [query, field] : bad) {
        const auto reply = get("/api/v1/jobs?" + query);
        EXPECT_EQ(reply.status, 400) << query << " " << reply.body;
        EXPECT_EQ(error_of(reply).value("field", ""), field) << query << " " << reply.body;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiJobFiltersTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                             return param_info.param;
                         });

}  // namespace
}  // namespace swarm::test
