// GET /api/v1/content/{id} answered from memory on the network thread (Route::from_memory): only
// when the SQLite database vouches nothing was written since the cached version was confirmed,
// so the answer is always the item's current version for this process's own writes (edits,
// deletes, any store) and, within the watch interval, for another process's commits. Driven
// through build_router with a real SQLite file, as the session runs it: memory first, then the
// handler.
#include "codec/result_json.hpp"
#include "http/routes.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::http {

using test::kTestWorkspace;

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

/// A second writer on the same file, as another process would be (its own connections).
struct OtherProcess {
    std::shared_ptr<storage::SqliteDatabase> db;
    std::unique_ptr<storage::SqliteContentStore> content;
};

class ItemFromMemory : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open(path());
        ASSERT_TRUE(db.has_value());
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock_);
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock_);
        ApiDeps api;
        api.content = content_.get();
        router_ = build_router(RouteDeps{identity_, health_, metrics_, api});
        core::NewJob job{"job-1", "{}", {core::Platform::kLinkedIn}, std::nullopt};
        ASSERT_TRUE(jobs_->create(kTestWorkspace, job).has_value());
        core::ContentItem item;
        item.id = "item-1";
        item.platform = core::Platform::kLinkedIn;
        item.body = "First body.";
        ASSERT_TRUE(
            content_
                ->put_item(kTestWorkspace, "job-1",
                           core::NewItem{item.id, item.platform, "draft",
                                         codec::encode_item(item).dump(), 0.5, std::nullopt})
                .has_value());
    }

    std::string path() const { return (dir_.path() / "swarm.db").string(); }

    /// The answer from memory alone, if the route gives one.
    std::optional<Response> from_memory(const std::string& id) const {
        auto q = test::make_request("GET", "/api/v1/content/" + id);
        const auto m = router_.match(q.method, q.path);
        EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
        q.path_params = m.params;
        return m.route->from_memory ? m.route->from_memory(q) : std::nullopt;
    }

    /// As the session runs a request: memory first, then the handler.
    Response call(const std::string& method, const std::string& target, std::string body = {}) {
        return test::call_route(router_, test::make_request(method, target, std::move(body)));
    }

    /// The version and body the store holds now.
    std::pair<std::int64_t, std::string> stored(const std::string& id) {
        auto record = content_->get(kTestWorkspace, id);
        EXPECT_TRUE(record.has_value());
        return record ? std::pair{record->version, record->item_json}
                      : std::pair{std::int64_t{-1}, std::string()};
    }

    OtherProcess other_process() {
        auto db = storage::SqliteDatabase::open(path());
        EXPECT_TRUE(db.has_value());
        return OtherProcess{*db, std::make_unique<storage::SqliteContentStore>(*db, clock_)};
    }

    /// Waits (up to 10 s) until the watch has noticed a change after `before`.
    void await_epoch_after(std::uint64_t before) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (db_->change_epoch().value_or(before) == before &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(1ms);
        }
        ASSERT_NE(db_->change_epoch().value_or(before), before) << "the watch saw no change";
    }

    test::TempDir dir_;
    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    ServerIdentity identity_{"1.0.0", "abc", "now", "inst", "now"};
    Health health_;
    Metrics metrics_{{"1.0.0", "abc", 0}};
    Router router_;
};

TEST_F(ItemFromMemory, NothingIsAnsweredFromMemoryUntilTheDatabaseIsWatched) {
    ASSERT_EQ(call("GET", "/api/v1/content/item-1").status, 200);
    EXPECT_FALSE(from_memory("item-1")) << "no watch: another process's edit would go unseen";
    EXPECT_FALSE(content_->change_epoch());
}

TEST_F(ItemFromMemory, ARepeatedGetIsAnsweredFromMemoryWithTheSameBodyAndVersion) {
    ASSERT_TRUE(db_->start_change_watch(5ms));
    EXPECT_FALSE(from_memory("item-1")) << "nothing read yet";
    const auto first = call("GET", "/api/v1/content/item-1");
    ASSERT_EQ(first.status, 200);
    const auto known = from_memory("item-1");
    ASSERT_TRUE(known);
    EXPECT_EQ(known->status, 200);
    EXPECT_EQ(known->body, first.body);
    EXPECT_EQ(known->header("etag").value_or(""), "\"1\"");
    auto q = test::make_request("GET", "/api/v1/content/item-1");
    q.headers["if-none-match"] = "\"1\"";
    const auto m = router_.match(q.method, q.path);
    q.path_params = m.params;
    const auto not_modified = m.route->from_memory(q);
    ASSERT_TRUE(not_modified);
    EXPECT_EQ(not_modified->status, 304);
    EXPECT_TRUE(not_modified->body.empty());
    EXPECT_FALSE(from_memory("no-such-item")) << "absence is the store's to say";
}

TEST_F(ItemFromMemory, AnEditOrADeleteOfThisProcessIsSeenAtOnce) {
    ASSERT_TRUE(db_->start_change_watch(1h));  // only this process's own writes can move it
    ASSERT_EQ(call("GET", "/api/v1/content/item-1").status, 200);
    ASSERT_TRUE(from_memory("item-1"));
    ASSERT_EQ(call("PATCH", "/api/v1/content/item-1", R"({"body":"Second body."})").status, 200);
    EXPECT_FALSE(from_memory("item-1")) << "served the version before the edit";
    const auto after = call("GET", "/api/v1/content/item-1");
    EXPECT_EQ(json::parse(after.body)["version"], 2);
    EXPECT_EQ(json::parse(after.body)["body"], "Second body.");
    ASSERT_TRUE(from_memory("item-1"));
    EXPECT_EQ(from_memory("item-1")->header("etag").value_or(""), "\"2\"");
    // A write through any store of the database (here the content store directly) counts too.
    ASSERT_TRUE(content_->remove(kTestWorkspace, "item-1"));
    EXPECT_FALSE(from_memory("item-1"));
    EXPECT_EQ(call("GET", "/api/v1/content/item-1").status, 404);
}

TEST_F(ItemFromMemory, AnotherProcesssEditIsSeenOnceTheWatchNoticesIt) {
    ASSERT_TRUE(db_->start_change_watch(5ms));
    ASSERT_EQ(call("GET", "/api/v1/content/item-1").status, 200);
    ASSERT_TRUE(from_memory("item-1"));
    const auto before = *db_->change_epoch();
    auto other = other_process();
    ASSERT_TRUE(other.content->update(
        kTestWorkspace, "item-1",
        core::ItemUpdate{"{\"body\":\"x\"}", "draft", 0.5, std::nullopt, std::nullopt}));
    await_epoch_after(before);
    EXPECT_FALSE(from_memory("item-1")) << "served a version another process replaced";
    EXPECT_EQ(json::parse(call("GET", "/api/v1/content/item-1").body)["version"], 2);
}

TEST_F(ItemFromMemory, EveryGetAnswersTheStoredVersionWhateverTheOrderOfWrites) {
    ASSERT_TRUE(db_->start_change_watch(2ms));
    auto other = other_process();
    std::mt19937 rng(20261207);  // fixed: a failure names its step and reproduces
    int from_memory_answers = 0;
    for (int step = 0; step < 200; ++step) {
        const auto before = *db_->change_epoch();
        switch (rng() % 5) {
            case 0:
                ASSERT_EQ(call("PATCH", "/api/v1/content/item-1",
                               json{{"body", "Edit " + std::to_string(step) + "."}}.dump())
                              .status,
                          200)
                    << step;
                break;
            case 1: {
                auto current = stored("item-1");
                ASSERT_TRUE(other.content->update(
                    kTestWorkspace, "item-1",
                    core::ItemUpdate{current.second, "draft", 0.5, std::nullopt, std::nullopt}))
                    << step;
                await_epoch_after(before);
                break;
            }
            default:
                break;  // reads only
        }
        from_memory_answers += from_memory("item-1") ? 1 : 0;
        const auto answer = call("GET", "/api/v1/content/item-1");
        ASSERT_EQ(answer.status, 200) << step;
        EXPECT_EQ(json::parse(answer.body)["version"], stored("item-1").first) << "step " << step;
    }
    EXPECT_GT(from_memory_answers, 0) << "the memory path never answered";
}

TEST(SqliteChangeWatch, AnInMemoryDatabaseIsNotWatchedAndAWatchStopsWithItsDatabase) {
    auto memory = storage::SqliteDatabase::open("file:watch-mem?mode=memory&cache=shared");
    ASSERT_TRUE(memory);
    const auto refused = (*memory)->start_change_watch(5ms);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_FALSE((*memory)->change_epoch());
    test::TempDir dir;
    auto file = storage::SqliteDatabase::open((dir.path() / "w.db").string());
    ASSERT_TRUE(file);
    ASSERT_TRUE((*file)->start_change_watch(1ms));
    ASSERT_TRUE((*file)->change_epoch());
    file->reset();  // joins the watch; a watch that never stopped would hang here
}

}  // namespace
}  // namespace swarm::http
