// Contract: ContentStore (one item per job and platform, versions, optimistic concurrency, pages).
#include "contract/storage_backends.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::Platform;

class ContentStoreContract : public StorageContract {
protected:
    core::ContentStore& content() { return backend().content(); }

    core::CreatedItem put(const std::string& job, const std::string& id, Platform platform,
                          const std::string& status = "draft") {
        auto r = content().put_item(
            kTestWorkspace, job,
            {id, platform, status, R"({"body":")" + id + "\"}", 0.5, std::nullopt});
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        return r ? *r : core::CreatedItem{};
    }
};

SWARM_CONTRACT_SUITE(ContentStoreContract);

TEST_P(ContentStoreContract, ItemIsWrittenOncePerJobAndPlatform) {
    add_job("j");
    const auto first = put("j", "i1", Platform::kLinkedIn);
    EXPECT_TRUE(first.created);
    EXPECT_EQ(first.item.version, 1);
    EXPECT_EQ(first.item.job_id, "j");
    const auto second = put("j", "i2", Platform::kLinkedIn);
    EXPECT_FALSE(second.created);
    EXPECT_EQ(second.item.id, "i1");
    EXPECT_EQ(content().get(kTestWorkspace, "i2").error().code, ErrorCode::kNotFound);
    core::ContentQuery query;
    query.job_id = "j";
    EXPECT_EQ(content().list(kTestWorkspace, query)->items.size(), 1U);
    EXPECT_EQ(content()
                  .put_item(kTestWorkspace, "absent",
                            {"i3", Platform::kTwitter, "draft", "{}", 0, std::nullopt})
                  .error()
                  .code,
              ErrorCode::kNotFound);
    EXPECT_EQ(content()
                  .put_item(kTestWorkspace, "j",
                            {"i1", Platform::kTwitter, "draft", "{}", 0, std::nullopt})
                  .error()
                  .code,
              ErrorCode::kAlreadyExists);
}

TEST_P(ContentStoreContract, ConcurrentPutsForOnePairCreateOneItem) {
    add_job("j");
    std::mutex mutex;
    std::vector<core::CreatedItem> results;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            auto r = content().put_item(
                kTestWorkspace, "j",
                {"item-" + std::to_string(t), Platform::kTwitter, "draft", "{}", 0, std::nullopt});
            const std::lock_guard lock(mutex);
            ASSERT_TRUE(r) << r.error().message;
            results.push_back(*r);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(results.size(), 8U);
    EXPECT_EQ(std::count_if(results.begin(), results.end(), [](auto& r) { return r.created; }), 1);
    std::set<std::string> ids;
    for (const auto& r : results) {
        ids.insert(r.item.id);
    }
    EXPECT_EQ(ids.size(), 1U);
}

TEST_P(ContentStoreContract, UpdateKeepsVersionsAndRejectsAStaleVersion) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    backend().clock().advance(std::chrono::seconds{1});
    auto updated =
        content().update(kTestWorkspace, "i", {"{\"body\":\"v2\"}", "approved", 0.9, 1, {}});
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(updated->status, "approved");
    EXPECT_EQ(updated->updated_at, backend().clock().now());
    EXPECT_EQ(content().update(kTestWorkspace, "i", {"{}", "draft", 0.1, 1, {}}).error().code,
              ErrorCode::kFailedPrecondition);
    ASSERT_TRUE(content().update(kTestWorkspace, "i",
                                 {"{\"body\":\"v3\"}", "scheduled", 1.0, std::nullopt, {}}));
    const auto versions = content().versions(kTestWorkspace, "i", {}).value().versions;
    ASSERT_EQ(versions.size(), 3U);
    EXPECT_EQ(versions[0].version, 3);
    EXPECT_EQ(versions[1].version, 2);
    EXPECT_EQ(versions[1].item_json, "{\"body\":\"v2\"}");
    EXPECT_DOUBLE_EQ(versions[1].score, 0.9);
    EXPECT_EQ(versions[2].version, 1);
    EXPECT_EQ(versions[2].status, "draft");
    EXPECT_EQ(
        content().update(kTestWorkspace, "x", {"{}", "draft", 0, std::nullopt, {}}).error().code,
        ErrorCode::kNotFound);
}

TEST_P(ContentStoreContract, RemoveDeletesTheItemAndItsVersions) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    ASSERT_TRUE(content().update(kTestWorkspace, "i", {"{}", "draft", 0, std::nullopt, {}}));
    ASSERT_TRUE(content().remove(kTestWorkspace, "i"));
    EXPECT_EQ(content().get(kTestWorkspace, "i").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(content().versions(kTestWorkspace, "i", {}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(content().remove(kTestWorkspace, "i").error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(put("j", "i-again", Platform::kLinkedIn).created);
    EXPECT_EQ(content().versions(kTestWorkspace, "i-again", {})->versions.size(), 1U);
}

TEST_P(ContentStoreContract, ListFiltersAndPagesWithoutDuplicatesOrSkips) {
    add_job("a");
    add_job("b");
    const std::vector<Platform> platforms = {Platform::kLinkedIn, Platform::kTwitter,
                                             Platform::kPitchDeck};
    for (const auto* job : {"a", "b"}) {
        for (const auto p : platforms) {
            put(job, std::string(job) + "-" + std::string(core::to_string(p)), p,
                p == Platform::kTwitter ? "approved" : "draft");
            backend().clock().advance(std::chrono::seconds{1});
        }
    }
    core::ContentQuery query;
    query.platform = Platform::kTwitter;
    EXPECT_EQ(content().list(kTestWorkspace, query)->items.size(), 2U);
    query = {};
    query.job_id = "b";
    query.status = "draft";
    EXPECT_EQ(content().list(kTestWorkspace, query)->items.size(), 2U);
    query = {};
    query.limit = 4;
    std::vector<std::string> seen;
    for (;;) {
        auto page = content().list(kTestWorkspace, query).value();
        for (const auto& item : page.items) {
            seen.push_back(item.id);
        }
        if (page.next_cursor.empty()) {
            break;
        }
        query.cursor = page.next_cursor;
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"b-pitch_deck", "b-twitter", "b-linkedin",
                                              "a-pitch_deck", "a-twitter", "a-linkedin"}));
}

TEST_P(ContentStoreContract, ItemsAndVersionsSurviveARestart) {
    add_job("j");
    put("j", "i", Platform::kPitchDeck);
    ASSERT_TRUE(content().update(kTestWorkspace, "i", {"{\"v\":2}", "approved", 0.7, 1, {}}));
    backend().reopen();
    EXPECT_EQ(content().get(kTestWorkspace, "i")->version, 2);
    EXPECT_EQ(content().versions(kTestWorkspace, "i", {})->versions.size(), 2U);
    EXPECT_FALSE(put("j", "other", Platform::kPitchDeck).created);
}

/// Adds "<field>":1 to a flat JSON object (what one client's edit of one field does).
std::string with_field(const std::string& json, const std::string& field) {
    return json.substr(0, json.size() - 1) + ",\"" + field + "\":1}";
}

TEST_P(ContentStoreContract, ConcurrentMergedEditsAllSucceedAndAllStay) {
    add_job("j");
    const auto initial = put("j", "i", Platform::kLinkedIn).item.version;
    for (const int threads_count : {2, 8, 16}) {
        const auto before = content().get(kTestWorkspace, "i")->version;
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < threads_count; ++t) {
            threads.emplace_back([&, t] {
                const auto field = "f" + std::to_string(threads_count) + "_" + std::to_string(t);
                auto saved = content().update_merged(
                    kTestWorkspace, "i", [&](const core::ItemRecord& current) {
                        return core::Result<core::ItemUpdate>(
                            core::ItemUpdate{with_field(current.item_json, field), "draft", 0.5,
                                             std::nullopt, std::nullopt});
                    });
                if (!saved) {
                    ++failures;
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        EXPECT_EQ(failures.load(), 0) << threads_count << " editors";
        const auto item = content().get(kTestWorkspace, "i").value();
        EXPECT_EQ(item.version, before + threads_count);
        for (int t = 0; t < threads_count; ++t) {
            const auto field =
                "\"f" + std::to_string(threads_count) + "_" + std::to_string(t) + "\"";
            EXPECT_NE(item.item_json.find(field), std::string::npos) << field << " lost";
        }
    }
    EXPECT_EQ(content().get(kTestWorkspace, "i")->version, initial + 2 + 8 + 16);
}

TEST_P(ContentStoreContract, CurrentVersionFollowsEveryEdit) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    for (int edit = 0; edit < 5; ++edit) {
        EXPECT_EQ(content().current_version(kTestWorkspace, "i").value(),
                  content().get(kTestWorkspace, "i")->version);
        ASSERT_TRUE(content().update(kTestWorkspace, "i", {"{}", "draft", 0, {}, {}}));
    }
    EXPECT_EQ(content().current_version(kTestWorkspace, "i").value(), 6);
    EXPECT_EQ(content().current_version(kTestWorkspace, "absent").error().code,
              ErrorCode::kNotFound);
    ASSERT_TRUE(content().remove(kTestWorkspace, "i"));
    EXPECT_EQ(content().current_version(kTestWorkspace, "i").error().code, ErrorCode::kNotFound);
}

TEST_P(ContentStoreContract, MergeErrorsAreReturnedAsTheyAreAndWriteNothing) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    auto refused = content().update_merged(kTestWorkspace, "i", [](const core::ItemRecord&) {
        return core::Result<core::ItemUpdate>(
            core::fail(ErrorCode::kFailedPrecondition, "stale", "If-Match"));
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "If-Match");
    EXPECT_EQ(content().get(kTestWorkspace, "i")->version, 1);
    EXPECT_EQ(content()
                  .update_merged(kTestWorkspace, "absent",
                                 [](const core::ItemRecord&) {
                                     return core::Result<core::ItemUpdate>(core::ItemUpdate{});
                                 })
                  .error()
                  .code,
              ErrorCode::kNotFound);
}

TEST_P(ContentStoreContract, VersionPagesCoverTheHistoryOnceNewestFirst) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    constexpr int kEdits = 23;
    for (int v = 2; v <= kEdits + 1; ++v) {
        ASSERT_TRUE(content().update(kTestWorkspace, "i",
                                     {"{\"v\":" + std::to_string(v) + "}", "draft", 0, {}, {}}));
    }
    for (const int limit : {1, 2, 5, 7, 24, 25, 100}) {
        core::VersionQuery query;
        query.limit = limit;
        std::vector<std::int64_t> seen;
        for (int pages = 0; pages < 100; ++pages) {
            auto page = content().versions(kTestWorkspace, "i", query).value();
            EXPECT_LE(page.versions.size(), static_cast<std::size_t>(limit));
            for (const auto& v : page.versions) {
                seen.push_back(v.version);
            }
            if (page.next_cursor.empty()) {
                break;
            }
            query.cursor = page.next_cursor;
        }
        ASSERT_EQ(seen.size(), static_cast<std::size_t>(kEdits + 1)) << "limit " << limit;
        for (std::size_t k = 0; k < seen.size(); ++k) {
            EXPECT_EQ(seen[k], kEdits + 1 - static_cast<std::int64_t>(k)) << "limit " << limit;
        }
    }
    for (const int limit : {0, -1, core::kMaxVersionPage + 1}) {
        EXPECT_EQ(content().versions(kTestWorkspace, "i", {limit, ""}).error().field, "limit")
            << limit;
    }
    for (const auto* cursor : {"x", "v", "v0", "v-3", "vx", "12", "v1 "}) {
        EXPECT_EQ(content().versions(kTestWorkspace, "i", {5, cursor}).error().field, "cursor")
            << cursor;
    }
}

TEST_P(ContentStoreContract, RetentionKeepsTheNewestTheFirstAndTheApproved) {
    add_job("j");
    put("j", "i", Platform::kLinkedIn);
    const core::ContentLimits limits;
    const auto edits = limits.versions_kept * 2 + 7;
    for (std::int64_t v = 2; v <= edits + 1; ++v) {
        const auto* status = v % 17 == 0 ? "approved" : "draft";
        ASSERT_TRUE(content().update(kTestWorkspace, "i", {"{}", status, 0, {}, {}}));
    }
    const auto last = edits + 1;
    core::VersionQuery query;
    query.limit = core::kMaxVersionPage;
    std::set<std::int64_t> kept;
    for (;;) {
        auto page = content().versions(kTestWorkspace, "i", query).value();
        for (const auto& v : page.versions) {
            kept.insert(v.version);
        }
        if (page.next_cursor.empty()) {
            break;
        }
        query.cursor = page.next_cursor;
    }
    for (std::int64_t v = 1; v <= last; ++v) {
        const bool expected = v == 1 || v % 17 == 0 || v > last - limits.versions_kept;
        EXPECT_EQ(kept.contains(v), expected) << "version " << v;
    }
}

TEST_P(ContentStoreContract, AnItemLargerThanTheLimitIsRefusedNamingIt) {
    add_job("j");
    const core::ContentLimits limits;
    const std::string big(limits.max_item_bytes + 1, 'x');
    const std::string fits(limits.max_item_bytes, 'x');
    auto refused = content().put_item(kTestWorkspace, "j",
                                      {"i", Platform::kLinkedIn, "draft", big, 0, std::nullopt});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, "item_json");
    ASSERT_TRUE(content().put_item(kTestWorkspace, "j",
                                   {"i", Platform::kLinkedIn, "draft", fits, 0, std::nullopt}));
    auto too_big = content().update(kTestWorkspace, "i", {big, "draft", 0, {}, {}});
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().field, "item_json");
    EXPECT_EQ(content().get(kTestWorkspace, "i")->version, 1);
    EXPECT_TRUE(content().update(kTestWorkspace, "i", {fits, "draft", 0, {}, {}}));
}

}  // namespace
}  // namespace swarm::test
