// The content, brand and knowledge-base endpoints driven through build_router with real SQLite
// stores (a temporary file) and a real in-memory knowledge base; 503 when a dependency is unset.
#include "codec/result_json.hpp"
#include "http/routes.hpp"
#include "kb/reading_library.hpp"
#include "kb/sqlite_knowledge_base.hpp"
#include "storage/sqlite/sqlite_brand_profile_store.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {

using test::kTestWorkspace;

namespace {

using nlohmann::json;

class ResourceApi : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open((dir_.path() / "swarm.db").string());
        ASSERT_TRUE(db.has_value());
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock_);
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock_);
        brands_ = std::make_unique<storage::SqliteBrandProfileStore>(db_, clock_);
        auto kb = kb::SqliteKnowledgeBase::open(":memory:");
        ASSERT_TRUE(kb.has_value());
        kb_ = std::move(*kb);
        reading_ = std::make_unique<kb::ReadingLibrary>(*kb_);  // as the server wires it
        ApiDeps api;
        api.content = content_.get();
        api.brands = brands_.get();
        shared_kb_ = std::make_unique<core::SharedKnowledgeBase>(*kb_, reading_.get());
        api.knowledge = shared_kb_.get();
        item_cache_ = api.item_cache;
        router_ = build_router(RouteDeps{identity_, health_, metrics_, api});
    }

    Response call(const std::string& method, const std::string& target, std::string body = {},
                  std::string content_type = "application/json",
                  std::map<std::string, std::string> headers = {}) {
        return call_on(router_, method, target, std::move(body), std::move(content_type),
                       std::move(headers));
    }

    static Response call_on(const Router& router, const std::string& method,
                            const std::string& target, std::string body, std::string content_type,
                            std::map<std::string, std::string> headers) {
        return test::call_route(
            router, test::make_request(method, target, std::move(body), std::move(content_type),
                                       std::move(headers)));
    }

    /// A job with a LinkedIn item of score 0.1 (as if badly scored), and the item's id.
    std::string add_item() {
        core::NewJob job{"job-1", "{}", {core::Platform::kLinkedIn}, std::nullopt};
        EXPECT_TRUE(jobs_->create(kTestWorkspace, job).has_value());
        core::ContentItem item;
        item.id = "item-1";
        item.platform = core::Platform::kLinkedIn;
        item.body = "Short.";
        item.quality.score = 0.1;
        const core::NewItem row{item.id, item.platform, "draft", codec::encode_item(item).dump(),
                                0.1,     std::nullopt};
        EXPECT_TRUE(content_->put_item(kTestWorkspace, "job-1", row).has_value());
        return item.id;
    }

    static json body_of(const Response& r) { return json::parse(r.body); }

    static std::string field_of(const Response& r) {
        return body_of(r)["error"]["field"].get<std::string>();
    }

    test::TempDir dir_;
    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    std::unique_ptr<storage::SqliteBrandProfileStore> brands_;
    std::unique_ptr<kb::SqliteKnowledgeBase> kb_;
    std::unique_ptr<kb::ReadingLibrary> reading_;
    std::unique_ptr<core::SharedKnowledgeBase> shared_kb_;
    ServerIdentity identity_{"1.0.0", "abc", "now", "inst", "now"};
    Health health_;
    Metrics metrics_{{"1.0.0", "abc", 0}};
    std::shared_ptr<ItemBodyCache> item_cache_;
    Router router_;
};

TEST_F(ResourceApi, ListAndGetContent) {
    const auto id = add_item();
    auto r = call("GET", "/api/v1/content?job_id=job-1&platform=linkedin&status=draft&limit=5");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_of(r)["items"].size(), 1U);
    EXPECT_TRUE(body_of(r)["next_cursor"].is_null());
    EXPECT_EQ(body_of(call("GET", "/api/v1/content?status=approved"))["items"].size(), 0U);

    r = call("GET", "/api/v1/content/" + id);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(body_of(r)["version"], 1);
    EXPECT_EQ(body_of(r)["body"], "Short.");
    EXPECT_EQ(body_of(r)["job_id"], "job-1");
    EXPECT_EQ(r.header("etag").value_or(""), "\"1\"");
    EXPECT_EQ(call("GET", "/api/v1/content/nope").status, 404);
}

TEST_F(ResourceApi, BadListParametersAreNamed) {
    for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/content?platform=tiktok", "platform"},
             {"/api/v1/content?status=published", "status"},
             {"/api/v1/content?limit=0", "limit"},
             {"/api/v1/content?limit=abc", "limit"},
             {"/api/v1/content?cursor=zzz", "cursor"}}) {
        const auto r = call("GET", target);
        EXPECT_EQ(r.status, 400) << target;
        EXPECT_EQ(field_of(r), field) << target;
    }
}

TEST_F(ResourceApi, PatchRescoresAndKeepsVersions) {
    const auto id = add_item();
    const std::string edit =
        R"({"body":"We cut install time in half for 40 clinics this year. Here is how.",)"
        R"("hashtags":["#Clinics"],"status":"approved"})";
    auto r =
        call("PATCH", "/api/v1/content/" + id, edit, "application/json", {{"if-match", "\"1\""}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto doc = body_of(r);
    EXPECT_EQ(doc["version"], 2);
    EXPECT_EQ(doc["status"], "approved");
    EXPECT_EQ(doc["hashtags"], json({"#Clinics"}));
    EXPECT_NE(doc["score"].get<double>(), 0.1);
    EXPECT_EQ(doc["quality"]["score"], doc["score"]);

    r = call("GET", "/api/v1/content/" + id + "/versions");
    ASSERT_EQ(r.status, 200);
    const auto versions = body_of(r)["versions"];
    ASSERT_EQ(versions.size(), 2U);
    EXPECT_EQ(versions[0]["version"], 2);
    EXPECT_EQ(versions[1]["item"]["body"], "Short.");

    r = call("PATCH", "/api/v1/content/" + id, R"({"body":"x"})", "application/json",
             {{"if-match", "1"}});
    EXPECT_EQ(r.status, 412);
    EXPECT_EQ(field_of(r), "If-Match");
}

TEST_F(ResourceApi, BadPatchesAreNamed) {
    const auto id = add_item();
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"status":"published"})", "status"},
             {R"({"colour":"red"})", "colour"},
             {R"({"parts":[{"body":1}]})", "parts[0].body"},
             {R"({"hashtags":"#a"})", "hashtags"},
             {R"([1])", "request"},
             {R"({nope)", "request"}}) {
        const auto r = call("PATCH", "/api/v1/content/" + id, body);
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(field_of(r), field) << body;
    }
    EXPECT_EQ(call("PATCH", "/api/v1/content/" + id, "body: x", "text/plain").status, 415);
    EXPECT_EQ(call("PATCH", "/api/v1/content/nope", R"({"body":"x"})").status, 404);
    EXPECT_EQ(body_of(call("GET", "/api/v1/content/" + id))["version"], 1);
}

TEST_F(ResourceApi, GetAnswers304ForTheCurrentVersionAndCachesTheBody) {
    const auto id = add_item();
    const auto first = call("GET", "/api/v1/content/" + id);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(item_cache_->size(), 1U);
    EXPECT_EQ(call("GET", "/api/v1/content/" + id).body, first.body);  // served from the cache
    for (const auto* tag : {"\"1\"", "W/\"1\"", "\"0\", \"1\"", "*", " \"7\" ,W/\"1\" "}) {
        const auto r = call("GET", "/api/v1/content/" + id, {}, {}, {{"if-none-match", tag}});
        EXPECT_EQ(r.status, 304) << tag;
        EXPECT_TRUE(r.body.empty()) << tag;
        EXPECT_EQ(r.header("etag").value_or(""), "\"1\"") << tag;
    }
    for (const auto* tag : {"\"2\"", "1x", "\"11\"", ""}) {
        EXPECT_EQ(call("GET", "/api/v1/content/" + id, {}, {}, {{"if-none-match", tag}}).status,
                  200)
            << tag;
    }
    ASSERT_EQ(call("PATCH", "/api/v1/content/" + id, R"({"status":"approved"})").status, 200);
    const auto after = call("GET", "/api/v1/content/" + id, {}, {}, {{"if-none-match", "\"1\""}});
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(body_of(after)["version"], 2);
    EXPECT_EQ(body_of(after)["status"], "approved");
    EXPECT_EQ(after.header("etag").value_or(""), "\"2\"");
    ASSERT_EQ(call("DELETE", "/api/v1/content/" + id).status, 204);
    EXPECT_EQ(item_cache_->size(), 0U);
}

TEST_F(ResourceApi, ConcurrentPatchesWithoutIfMatchAllApplyAndNoFieldIsLost) {
    const auto id = add_item();
    constexpr int kRounds = 6;
    for (int round = 0; round < kRounds; ++round) {
        const auto n = std::to_string(round);
        const std::vector<std::string> edits{
            R"({"body":"Round )" + n + R"( body for the clinics."})",
            R"({"hashtags":["#Round)" + n + R"("]})",
            std::string(R"({"status":")") + (round % 2 == 0 ? "approved" : "scheduled") + "\"}"};
        std::vector<int> statuses(edits.size());
        std::vector<std::thread> threads;
        for (std::size_t k = 0; k < edits.size(); ++k) {
            threads.emplace_back(
                [&, k] { statuses[k] = call("PATCH", "/api/v1/content/" + id, edits[k]).status; });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        for (std::size_t k = 0; k < edits.size(); ++k) {
            EXPECT_EQ(statuses[k], 200) << edits[k];
        }
        const auto doc = body_of(call("GET", "/api/v1/content/" + id));
        EXPECT_EQ(doc["version"], 1 + 3 * (round + 1));
        EXPECT_EQ(doc["body"], "Round " + n + " body for the clinics.");
        EXPECT_EQ(doc["hashtags"], json({"#Round" + n}));
        EXPECT_EQ(doc["status"], round % 2 == 0 ? "approved" : "scheduled");
    }
}

TEST_F(ResourceApi, VersionsArePagedAndBadPageParametersAreNamed) {
    const auto id = add_item();
    constexpr int kEdits = 24;
    for (int v = 0; v < kEdits; ++v) {
        ASSERT_EQ(call("PATCH", "/api/v1/content/" + id,
                       R"({"hashtags":["#V)" + std::to_string(v) + R"("]})")
                      .status,
                  200);
    }
    std::vector<int> seen;
    std::string target = "/api/v1/content/" + id + "/versions?limit=10";
    for (int pages = 0; pages < 10; ++pages) {
        const auto r = call("GET", target);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto doc = body_of(r);
        EXPECT_LE(doc["versions"].size(), 10U);
        for (const auto& v : doc["versions"]) {
            seen.push_back(v["version"].get<int>());
        }
        if (doc["next_cursor"].is_null()) {
            break;
        }
        target = "/api/v1/content/" + id +
                 "/versions?limit=10&cursor=" + doc["next_cursor"].get<std::string>();
    }
    ASSERT_EQ(seen.size(), static_cast<std::size_t>(kEdits + 1));
    EXPECT_EQ(seen.front(), kEdits + 1);
    EXPECT_EQ(seen.back(), 1);
    EXPECT_EQ(body_of(call("GET", "/api/v1/content/" + id + "/versions"))["versions"].size(), 20U);
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"limit=0", "limit"},
                                                          {"limit=101", "limit"},
                                                          {"limit=x", "limit"},
                                                          {"cursor=zzz", "cursor"},
                                                          {"cursor=v0", "cursor"}}) {
        const auto r = call("GET", "/api/v1/content/" + id + "/versions?" + query);
        EXPECT_EQ(r.status, 400) << query;
        EXPECT_EQ(field_of(r), field) << query;
    }
}

TEST_F(ResourceApi, AnEditBeyondTheItemSizeLimitIs413NamingTheField) {
    const auto id = add_item();
    const core::ContentLimits limits;
    const std::string big(limits.max_item_bytes, 'a');
    const auto r = call("PATCH", "/api/v1/content/" + id, json{{"body", big}}.dump());
    EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
    EXPECT_EQ(field_of(r), "body");
    EXPECT_EQ(body_of(call("GET", "/api/v1/content/" + id))["version"], 1);
}

TEST_F(ResourceApi, DeleteContent) {
    const auto id = add_item();
    auto r = call("DELETE", "/api/v1/content/" + id);
    EXPECT_EQ(r.status, 204);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(call("GET", "/api/v1/content/" + id).status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/content/" + id).status, 404);
}

TEST_F(ResourceApi, BrandsCrud) {
    const std::string acme = R"({"name":"Acme Corp","voice":"plain","required_hashtags":["#Acme"],)"
                             R"("banned_phrases":["synergy"],"call_to_action":"Book a demo"})";
    auto r = call("POST", "/api/v1/brands", acme);
    ASSERT_EQ(r.status, 201) << r.body;
    const auto id = body_of(r)["id"].get<std::string>();
    // Random, never derived from the name (names of other workspaces cannot be probed by id).
    EXPECT_TRUE(std::regex_match(id, std::regex("brand_[0-9a-f]{16}"))) << id;
    EXPECT_EQ(body_of(r)["banned_phrases"], json({"synergy"}));

    r = call("POST", "/api/v1/brands", acme);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(field_of(r), "name");
    r = call("POST", "/api/v1/brands", R"({"name":"Acme  Corp"})");
    EXPECT_EQ(r.status, 201);
    const auto second = body_of(r)["id"].get<std::string>();
    EXPECT_NE(second, id);
    EXPECT_EQ(field_of(call("POST", "/api/v1/brands", R"({"voice":"x"})")), "name");
    EXPECT_EQ(field_of(call("POST", "/api/v1/brands", R"({"name":"B","tone":"x"})")), "tone");

    EXPECT_EQ(body_of(call("GET", "/api/v1/brands"))["brands"].size(), 2U);
    r = call("PUT", "/api/v1/brands/" + id, R"({"name":"Acme","voice":"warm"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_of(call("GET", "/api/v1/brands/" + id))["voice"], "warm");
    r = call("PUT", "/api/v1/brands/" + second, R"({"name":"Acme"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(call("PUT", "/api/v1/brands/nope", R"({"name":"Z"})").status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/brands/" + id).status, 204);
    EXPECT_EQ(call("GET", "/api/v1/brands/" + id).status, 404);
}

TEST_F(ResourceApi, KnowledgeBaseDocuments) {
    auto r = call("POST", "/api/v1/kb/documents",
                  R"({"name":"traction.md","content":"# Traction\n\nForty clinics use us."})");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(body_of(r)["created"].get<bool>());
    r = call("POST", "/api/v1/kb/documents?name=pricing.md", "# Pricing\n\nTen dollars a seat.",
             "text/markdown");
    ASSERT_EQ(r.status, 201) << r.body;
    r = call("POST", "/api/v1/kb/documents?name=pricing.md", "# Pricing\n\nTwelve dollars.",
             "text/plain; charset=utf-8");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(body_of(r)["replaced"].get<bool>());

    EXPECT_EQ(body_of(call("GET", "/api/v1/kb/documents"))["documents"].size(), 2U);
    r = call("GET", "/api/v1/kb/documents/pricing.md");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(body_of(r)["content"], "# Pricing\n\nTwelve dollars.");

    r = call("GET", "/api/v1/kb/search?q=clinics&limit=3");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto results = body_of(r)["results"];
    ASSERT_EQ(results.size(), 1U);
    EXPECT_EQ(results[0]["document"], "traction.md");
    EXPECT_EQ(results[0]["heading"], "Traction");
    EXPECT_NE(results[0]["snippet"].get<std::string>().find("[clinics]"), std::string::npos);
    EXPECT_GT(results[0]["score"].get<double>(), 0.0);

    EXPECT_EQ(call("DELETE", "/api/v1/kb/documents/pricing.md").status, 204);
    EXPECT_EQ(call("GET", "/api/v1/kb/documents/pricing.md").status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/kb/documents/pricing.md").status, 404);
}

TEST_F(ResourceApi, KnowledgeBaseBadInputIsNamed) {
    EXPECT_EQ(field_of(call("GET", "/api/v1/kb/search?q=%20")), "q");
    EXPECT_EQ(field_of(call("GET", "/api/v1/kb/search")), "q");
    EXPECT_EQ(field_of(call("GET", "/api/v1/kb/search?q=a&limit=500")), "limit");
    EXPECT_EQ(field_of(call("POST", "/api/v1/kb/documents", "text", "text/plain")), "name");
    EXPECT_EQ(field_of(call("POST", "/api/v1/kb/documents", R"({"name":"../x.md","content":"a"})")),
              "name");
    EXPECT_EQ(field_of(call("POST", "/api/v1/kb/documents", R"({"name":"x.md","content":""})")),
              "content");
    EXPECT_EQ(field_of(call("POST", "/api/v1/kb/documents", R"({"name":"x.md"})")), "content");
    const auto r = call("POST", "/api/v1/kb/documents?name=a.png", "\x89PNG", "image/png");
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(field_of(r), "Content-Type");
}

TEST_F(ResourceApi, KnowledgeBaseReadsHtmlAndNamesUnreadableDocuments) {
    auto r = call("POST", "/api/v1/kb/documents?name=launch.html",
                  "<html><body><nav>Home</nav><h1>Launch</h1><p>Fish &amp; chips.</p></body>"
                  "</html>",
                  "text/html; charset=utf-8");
    ASSERT_EQ(r.status, 201) << r.body;
    r = call("GET", "/api/v1/kb/documents/launch.html");
    EXPECT_EQ(body_of(r)["content"], "# Launch\n\nFish & chips.");

    r = call("POST", "/api/v1/kb/documents?name=deck.pdf", "%PDF-1.4 truncated", "application/pdf");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(field_of(r), "content");
    EXPECT_NE(body_of(r)["error"]["message"].get<std::string>().find("pdf: "), std::string::npos)
        << r.body;
    r = call("POST", "/api/v1/kb/documents?name=notes.docx", "not a zip",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(body_of(r)["error"]["message"], "cannot be read: docx: not a zip archive");
    // A PDF body under a Markdown name would be stored as garbage text.
    EXPECT_EQ(
        field_of(call("POST", "/api/v1/kb/documents?name=deck.md", "%PDF-1.4", "application/pdf")),
        "name");
    EXPECT_EQ(body_of(call("GET", "/api/v1/kb/documents"))["documents"].size(), 1U);
}

TEST_F(ResourceApi, UnsetDependenciesAnswer503) {
    const Router bare = build_router(RouteDeps{identity_, health_, metrics_, ApiDeps{}});
    for (const auto& [method, target] :
         std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/content"},
                                                          {"GET", "/api/v1/content/x"},
                                                          {"PATCH", "/api/v1/content/x"},
                                                          {"DELETE", "/api/v1/content/x"},
                                                          {"GET", "/api/v1/content/x/versions"},
                                                          {"POST", "/api/v1/brands"},
                                                          {"GET", "/api/v1/brands"},
                                                          {"GET", "/api/v1/brands/x"},
                                                          {"PUT", "/api/v1/brands/x"},
                                                          {"DELETE", "/api/v1/brands/x"},
                                                          {"POST", "/api/v1/kb/documents"},
                                                          {"GET", "/api/v1/kb/documents"},
                                                          {"GET", "/api/v1/kb/documents/x"},
                                                          {"DELETE", "/api/v1/kb/documents/x"},
                                                          {"GET", "/api/v1/kb/search?q=a"}}) {
        const auto r = call_on(bare, method, target, "{}", "application/json", {});
        EXPECT_EQ(r.status, 503) << method << " " << target;
        EXPECT_NE(body_of(r)["error"]["message"].get<std::string>().find("not configured"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace swarm::http
