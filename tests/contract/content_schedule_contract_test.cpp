// Contract: ContentStore's schedule instant (scheduled_at), the created/scheduled windows of list
// and scheduled_between (the calendar), each checked against a brute-force filter over generated
// items in two workspaces, at every boundary, through every page.
#include "contract/storage_backends.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::Platform;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;
using OptSeconds = std::optional<sys_seconds>;

constexpr std::array kSchedulePlatforms{Platform::kLinkedIn, Platform::kTwitter,
                                        Platform::kPitchDeck};

/// What the test wrote, to filter by brute force.
struct Written {
    core::WorkspaceId workspace;
    std::string id;
    std::string status;
    core::Timestamp created_at;
    OptSeconds scheduled_at;
};

std::string describe(const OptSeconds& at) {
    return at ? std::to_string(at->time_since_epoch().count()) : "unset";
}

class ContentScheduleContract : public StorageContract {
protected:
    core::ContentStore& content() { return backend().content(); }

    core::ItemRecord put(const core::WorkspaceId& workspace, const std::string& job,
                         const std::string& id, Platform platform, OptSeconds at,
                         const std::string& status = "draft") {
        auto r = content().put_item(workspace, job,
                                    {id, platform, status, R"({"body":")" + id + "\"}", 0.5, at});
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        return r ? r->item : core::ItemRecord{};
    }

    void add_job_in(const core::WorkspaceId& workspace, const std::string& id) {
        core::NewJob job;
        job.id = id;
        job.brief_json = "{}";
        job.requested_platforms = {kSchedulePlatforms.begin(), kSchedulePlatforms.end()};
        ASSERT_TRUE(backend().jobs().create(workspace, job));
    }

    /// Items in both workspaces, interleaved: created at steps of 0 ms (ties), 500 ms (inside a
    /// second) or whole seconds; scheduled at one of a few slots (shared, so ties) or not at all.
    std::vector<Written> generate(unsigned seed, int jobs_per_workspace) {
        std::mt19937 random(seed);
        const sys_seconds base{std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}};
        const std::array steps{milliseconds{0}, milliseconds{500}, milliseconds{1000},
                               milliseconds{2000}};
        std::vector<Written> written;
        for (int j = 0; j < jobs_per_workspace * 2; ++j) {
            const auto& workspace = j % 2 == 0 ? kTestWorkspace : kOtherWorkspace;
            const auto job = fmt::format("job-{:02}", j);
            add_job_in(workspace, job);
            for (const auto platform : kSchedulePlatforms) {
                if (random() % 4 == 0) {
                    continue;  // not every job has every platform
                }
                backend().clock().advance(steps.at(random() % steps.size()));
                const auto slot = static_cast<int>(random() % 7);
                const OptSeconds at =
                    slot == 0 ? OptSeconds{} : OptSeconds{base + std::chrono::minutes{30 * slot}};
                const std::string status = random() % 2 == 0 ? "draft" : "approved";
                // Ids in an order unrelated to creation (37 is coprime with 1000, so each is
                // unique), so ties sort by id, not by insert.
                const auto id = fmt::format("item-{:03}", (written.size() * 37) % 1000);
                const auto stored = put(workspace, job, id, platform, at, status);
                written.push_back({workspace, id, status, stored.created_at, at});
            }
        }
        return written;
    }

    /// Every page of `query` (cursor by cursor), each checked to be at most the limit.
    std::vector<std::string> all_pages(const core::WorkspaceId& workspace,
                                       core::ContentQuery query) {
        std::vector<std::string> ids;
        for (int page = 0; page < 200; ++page) {
            auto got = content().list(workspace, query);
            EXPECT_TRUE(got) << (got ? "" : got.error().message);
            if (!got) {
                break;
            }
            EXPECT_LE(got->items.size(), static_cast<std::size_t>(query.limit));
            for (const auto& item : got->items) {
                ids.push_back(item.id);
            }
            if (got->next_cursor.empty()) {
                break;
            }
            query.cursor = got->next_cursor;
        }
        return ids;
    }
};

SWARM_CONTRACT_SUITE(ContentScheduleContract);

/// The brute-force answer of list: matching items, created_at then id descending.
std::vector<std::string> expected_list(const std::vector<Written>& all,
                                       const core::WorkspaceId& workspace,
                                       const core::ContentQuery& query) {
    std::vector<const Written*> match;
    for (const auto& w : all) {
        const bool in_created = (!query.created_from || w.created_at >= *query.created_from) &&
                                (!query.created_to || w.created_at < *query.created_to);
        const bool scheduled_bound = query.scheduled_from || query.scheduled_to;
        const bool in_scheduled =
            !scheduled_bound ||
            (w.scheduled_at &&
             (!query.scheduled_from || *w.scheduled_at >= *query.scheduled_from) &&
             (!query.scheduled_to || *w.scheduled_at < *query.scheduled_to));
        if (w.workspace == workspace && in_created && in_scheduled &&
            (!query.status || w.status == *query.status)) {
            match.push_back(&w);
        }
    }
    std::sort(match.begin(), match.end(), [](const Written* a, const Written* b) {
        return std::tie(a->created_at, a->id) > std::tie(b->created_at, b->id);
    });
    std::vector<std::string> ids;
    ids.reserve(match.size());
    for (const auto* w : match) {
        ids.push_back(w->id);
    }
    return ids;
}

/// Bounds at and around every instant: each instant itself (inclusive from, exclusive to), a
/// second after it, one before the first, and no bound.
std::vector<OptSeconds> bounds_around(const std::vector<sys_seconds>& instants) {
    std::set<sys_seconds> set;
    for (const auto at : instants) {
        set.insert(at);
        set.insert(at + seconds{1});
    }
    if (!set.empty()) {
        set.insert(*set.begin() - seconds{1});
    }
    std::vector<OptSeconds> out{std::nullopt};
    out.insert(out.end(), set.begin(), set.end());
    return out;
}

TEST_P(ContentScheduleContract, ScheduledAtIsStoredUpdatedAndCleared) {
    add_job_in(kTestWorkspace, "j");
    const sys_seconds at{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} +
                         std::chrono::hours{14}};
    const sys_seconds before_1970{seconds{-14182940}};  // 1969-07-20T20:17:40Z
    EXPECT_EQ(put(kTestWorkspace, "j", "a", Platform::kLinkedIn, at).scheduled_at, at);
    EXPECT_EQ(put(kTestWorkspace, "j", "b", Platform::kTwitter, std::nullopt).scheduled_at,
              std::nullopt);
    EXPECT_EQ(put(kTestWorkspace, "j", "c", Platform::kPitchDeck, before_1970).scheduled_at,
              before_1970);
    // A second put for the pair returns the stored item, its instant untouched.
    auto again = content().put_item(kTestWorkspace, "j",
                                    {"a2", Platform::kLinkedIn, "draft", "{}", 0, std::nullopt});
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->item.scheduled_at, at);
    EXPECT_EQ(content().get(kTestWorkspace, "a")->scheduled_at, at);
    EXPECT_EQ(content().get(kTestWorkspace, "b")->scheduled_at, std::nullopt);

    // Every update writes it: moved, then cleared, then set on an item that had none.
    const auto moved = at + std::chrono::hours{26} + seconds{59};
    auto updated = content().update(kTestWorkspace, "a", {"{}", "scheduled", 1, 1, moved});
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->scheduled_at, moved);
    EXPECT_EQ(content().get(kTestWorkspace, "a")->scheduled_at, moved);
    ASSERT_TRUE(content().update(kTestWorkspace, "a", {"{}", "approved", 1, 2, std::nullopt}));
    EXPECT_EQ(content().get(kTestWorkspace, "a")->scheduled_at, std::nullopt);
    ASSERT_TRUE(content().update(kTestWorkspace, "b", {"{}", "scheduled", 1, 1, at}));
    // update_merged carries what the merge returns.
    ASSERT_TRUE(content().update_merged(kTestWorkspace, "c", [&](const core::ItemRecord& current) {
        return core::Result<core::ItemUpdate>(
            core::ItemUpdate{current.item_json, current.status, 0.5, std::nullopt, moved});
    }));

    backend().reopen();
    EXPECT_EQ(content().get(kTestWorkspace, "a")->scheduled_at, std::nullopt);
    EXPECT_EQ(content().get(kTestWorkspace, "b")->scheduled_at, at);
    EXPECT_EQ(content().get(kTestWorkspace, "c")->scheduled_at, moved);
    core::ContentQuery query;
    query.job_id = "j";
    const auto page = content().list(kTestWorkspace, query).value();
    ASSERT_EQ(page.items.size(), 3U);
    for (const auto& item : page.items) {
        EXPECT_EQ(item.scheduled_at, content().get(kTestWorkspace, item.id)->scheduled_at)
            << item.id;
    }
}

TEST_P(ContentScheduleContract, CreatedWindowsMatchABruteForceFilterOnEveryPage) {
    const auto all = generate(11, 5);
    std::vector<sys_seconds> created;
    created.reserve(all.size());
    for (const auto& w : all) {
        created.push_back(std::chrono::floor<seconds>(w.created_at));
    }
    const auto bounds = bounds_around(created);
    int checked = 0;
    for (const auto& from : bounds) {
        for (const auto& to : bounds) {
            for (const auto& workspace : {kTestWorkspace, kOtherWorkspace}) {
                core::ContentQuery query;
                query.limit = 4;
                query.created_from = from;
                query.created_to = to;
                EXPECT_EQ(all_pages(workspace, query), expected_list(all, workspace, query))
                    << "created [" << describe(from) << ", " << describe(to) << ")";
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 200);
}

TEST_P(ContentScheduleContract, ScheduledWindowsMatchABruteForceFilterOnEveryPage) {
    const auto all = generate(23, 8);
    std::vector<sys_seconds> scheduled;
    for (const auto& w : all) {
        if (w.scheduled_at) {
            scheduled.push_back(*w.scheduled_at);
        }
    }
    ASSERT_GT(scheduled.size(), 3U);
    ASSERT_LT(scheduled.size(), all.size()) << "some items must have no schedule";
    const auto bounds = bounds_around(scheduled);
    for (const auto& from : bounds) {
        for (const auto& to : bounds) {
            for (const auto& workspace : {kTestWorkspace, kOtherWorkspace}) {
                core::ContentQuery query;
                query.limit = 3;
                query.scheduled_from = from;
                query.scheduled_to = to;
                EXPECT_EQ(all_pages(workspace, query), expected_list(all, workspace, query))
                    << "scheduled [" << describe(from) << ", " << describe(to) << ")";
            }
        }
    }
}

TEST_P(ContentScheduleContract, AllWindowsTogetherWithOtherFiltersMatchABruteForceFilter) {
    const auto all = generate(37, 8);
    std::vector<sys_seconds> created;
    std::vector<sys_seconds> scheduled;
    for (const auto& w : all) {
        created.push_back(std::chrono::floor<seconds>(w.created_at));
        if (w.scheduled_at) {
            scheduled.push_back(*w.scheduled_at);
        }
    }
    const auto created_bounds = bounds_around(created);
    const auto scheduled_bounds = bounds_around(scheduled);
    std::mt19937 random(5);
    const auto pick = [&](const std::vector<OptSeconds>& from) {
        return from.at(random() % from.size());
    };
    for (int round = 0; round < 300; ++round) {
        core::ContentQuery query;
        query.limit = 1 + static_cast<int>(random() % 5);
        query.created_from = pick(created_bounds);
        query.created_to = pick(created_bounds);
        query.scheduled_from = pick(scheduled_bounds);
        query.scheduled_to = pick(scheduled_bounds);
        if (random() % 3 == 0) {
            query.status = random() % 2 == 0 ? "draft" : "approved";
        }
        const auto& workspace = round % 2 == 0 ? kTestWorkspace : kOtherWorkspace;
        EXPECT_EQ(all_pages(workspace, query), expected_list(all, workspace, query))
            << "round " << round << ": created [" << describe(query.created_from) << ", "
            << describe(query.created_to) << "), scheduled [" << describe(query.scheduled_from)
            << ", " << describe(query.scheduled_to) << "), limit " << query.limit;
    }
}

/// The brute-force answer of scheduled_between.
std::vector<std::string> expected_between(const std::vector<Written>& all,
                                          const core::WorkspaceId& workspace, sys_seconds from,
                                          sys_seconds to, int limit) {
    std::vector<const Written*> match;
    for (const auto& w : all) {
        if (w.workspace == workspace && w.scheduled_at && *w.scheduled_at >= from &&
            *w.scheduled_at < to) {
            match.push_back(&w);
        }
    }
    std::sort(match.begin(), match.end(), [](const Written* a, const Written* b) {
        return std::tie(*a->scheduled_at, a->id) < std::tie(*b->scheduled_at, b->id);
    });
    std::vector<std::string> ids;
    for (const auto* w : match) {
        if (static_cast<int>(ids.size()) < limit) {
            ids.push_back(w->id);
        }
    }
    return ids;
}

TEST_P(ContentScheduleContract, ScheduledBetweenIsOrderedBoundedAndLimited) {
    const auto all = generate(41, 10);
    std::vector<sys_seconds> scheduled;
    for (const auto& w : all) {
        if (w.scheduled_at) {
            scheduled.push_back(*w.scheduled_at);
        }
    }
    std::vector<sys_seconds> bounds;
    for (const auto& b : bounds_around(scheduled)) {
        if (b) {
            bounds.push_back(*b);
        }
    }
    for (const auto from : bounds) {
        for (const auto to : bounds) {
            for (const int limit : {1, 2, 5, core::kMaxScheduledItems}) {
                for (const auto& workspace : {kTestWorkspace, kOtherWorkspace}) {
                    auto got = content().scheduled_between(workspace, from, to, limit);
                    ASSERT_TRUE(got) << got.error().message;
                    std::vector<std::string> ids;
                    for (const auto& item : *got) {
                        ids.push_back(item.id);
                        ASSERT_TRUE(item.scheduled_at.has_value());
                    }
                    EXPECT_EQ(ids, expected_between(all, workspace, from, to, limit))
                        << "[" << describe(from) << ", " << describe(to) << ") limit " << limit;
                }
            }
        }
    }
}

TEST_P(ContentScheduleContract, ScheduledBetweenRefusesALimitOutsideItsRange) {
    const sys_seconds from{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    for (const int limit : {0, -1, core::kMaxScheduledItems + 1, 1 << 30}) {
        auto refused = content().scheduled_between(kTestWorkspace, from, from + seconds{60}, limit);
        ASSERT_FALSE(refused) << limit;
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(refused.error().field, "limit");
    }
    EXPECT_TRUE(content().scheduled_between(kTestWorkspace, from, from, 1)->empty());
}

}  // namespace
}  // namespace swarm::test
