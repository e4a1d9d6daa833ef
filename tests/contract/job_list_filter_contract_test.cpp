// Contract: the job list's filters (status and the created_at window [from, to)) on every
// backend. Jobs are made at generated instants (ties, millisecond steps, days apart) with ids in
// no particular order; every window, alone or with a status, paged at several sizes, must give
// exactly the brute-force answer in keyset order, and another workspace's jobs never show.
#include "contract/storage_backends.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::JobStatus;
using core::Timestamp;
using std::chrono::milliseconds;

struct Made {
    std::string id;
    Timestamp created_at;
    JobStatus status = JobStatus::kQueued;
};

class JobListFilterContract : public StorageContract {
protected:
    core::JobStore& jobs() { return backend().jobs(); }

    /// `count` jobs in kTestWorkspace (and a twin in kOtherWorkspace at each instant); steps
    /// between them of 0 ms (ties), 1 ms, 999 ms, an hour or a day. Some are then claimed
    /// (running) and some cancelled.
    void make_jobs(int count) {
        std::mt19937 rng(1515);
        const std::array<milliseconds, 6> steps{milliseconds{0},         milliseconds{1},
                                                milliseconds{999},       milliseconds{1000},
                                                milliseconds{3'600'000}, milliseconds{86'400'000}};
        std::uniform_int_distribution<std::size_t> step(0, steps.size() - 1);
        std::uniform_int_distribution<std::uint32_t> tag;
        for (int i = 0; i < count; ++i) {
            backend().clock().advance(steps[step(rng)]);
            // Ids in random order, so ties are broken by id and not by insertion order.
            const auto id = fmt::format("job-{:08x}-{}", tag(rng), i);
            ASSERT_TRUE(jobs().create(kTestWorkspace, {id, "{}", {}, {}}));
            ASSERT_TRUE(jobs().create(kOtherWorkspace, {"other-" + id, "{}", {}, {}}));
            made_.push_back({id, backend().clock().now()});
        }
        for (int i = 0; i < count / 5; ++i) {  // the oldest claimable ones (both workspaces)
            ASSERT_TRUE(jobs().claim_next("w", std::chrono::seconds{60}));
        }
        for (std::size_t i = 0; i < made_.size(); i += 3) {
            (void)jobs().request_cancel(kTestWorkspace, made_[i].id);  // running: only flagged
        }
        for (auto& m : made_) {
            auto got = jobs().get(kTestWorkspace, m.id);
            ASSERT_TRUE(got);
            ASSERT_EQ(got->created_at, m.created_at);
            m.status = got->status;
        }
    }

    /// The brute-force answer: newest first (created_at, then id, descending).
    std::vector<std::string> expected(const core::JobQuery& q) const {
        std::vector<Made> hits;
        for (const auto& m : made_) {
            if ((!q.status || m.status == *q.status) &&
                (!q.created_from || m.created_at >= *q.created_from) &&
                (!q.created_to || m.created_at < *q.created_to)) {
                hits.push_back(m);
            }
        }
        std::sort(hits.begin(), hits.end(), [](const Made& a, const Made& b) {
            return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
        });
        std::vector<std::string> ids;
        ids.reserve(hits.size());
        for (const auto& h : hits) {
            ids.push_back(h.id);
        }
        return ids;
    }

    /// Every page of `q` joined; checks each page's size on the way.
    std::vector<std::string> all_pages(core::JobQuery q) {
        std::vector<std::string> ids;
        for (int guard = 0; guard < 1000; ++guard) {
            auto page = jobs().list(kTestWorkspace, q);
            EXPECT_TRUE(page) << (page ? "" : page.error().message);
            if (!page) {
                break;
            }
            EXPECT_LE(page->jobs.size(), static_cast<std::size_t>(q.limit));
            for (const auto& job : page->jobs) {
                ids.push_back(job.id);
            }
            if (page->next_cursor.empty()) {
                break;
            }
            EXPECT_EQ(page->jobs.size(),
                      static_cast<std::size_t>(q.limit));  // only the last is short
            q.cursor = page->next_cursor;
        }
        return ids;
    }

    /// Window bounds worth trying: every creation instant, a millisecond either side, and
    /// instants before and after them all.
    std::vector<Timestamp> bounds() const {
        std::vector<Timestamp> out;
        for (const auto& m : made_) {
            out.push_back(m.created_at);
            out.push_back(m.created_at - milliseconds{1});
            out.push_back(m.created_at + milliseconds{1});
        }
        out.push_back(made_.front().created_at - std::chrono::hours{24 * 365});
        out.push_back(made_.back().created_at + std::chrono::hours{24 * 365});
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    std::vector<Made> made_;
};

SWARM_CONTRACT_SUITE(JobListFilterContract);

TEST_P(JobListFilterContract, EveryWindowAndStatusPagesToTheBruteForceAnswer) {
    make_jobs(60);
    const auto at = bounds();
    std::mt19937 rng(15);
    std::uniform_int_distribution<std::size_t> pick(0, at.size() - 1);
    std::vector<core::JobQuery> windows;
    windows.emplace_back();  // no window
    for (int i = 0; i < 25; ++i) {
        const auto a = at[pick(rng)];
        const auto b = at[pick(rng)];
        core::JobQuery both;
        both.created_from = std::min(a, b);
        both.created_to = std::max(a, b);  // equal bounds: an empty window
        windows.push_back(both);
        core::JobQuery from_only;
        from_only.created_from = a;
        windows.push_back(from_only);
        core::JobQuery to_only;
        to_only.created_to = b;
        windows.push_back(to_only);
    }
    const std::array<std::optional<JobStatus>, 4> statuses{
        std::nullopt, JobStatus::kQueued, JobStatus::kRunning, JobStatus::kCancelled};
    std::size_t nonempty = 0;
    for (auto query : windows) {
        for (const auto status : statuses) {
            query.status = status;
            const auto want = expected(query);
            nonempty += want.empty() ? 0U : 1U;
            for (const int limit : {4, 100}) {
                query.limit = limit;
                ASSERT_EQ(all_pages(query), want)
                    << "from "
                    << (query.created_from ? query.created_from->time_since_epoch().count() : -1)
                    << " to "
                    << (query.created_to ? query.created_to->time_since_epoch().count() : -1)
                    << " status " << (status ? core::to_string(*status) : "any") << " limit "
                    << limit;
            }
        }
    }
    EXPECT_GT(nonempty, windows.size());  // the generated windows do select jobs
}

TEST_P(JobListFilterContract, AFilteredListIsStableWhileJobsAreInserted) {
    make_jobs(30);
    core::JobQuery query;
    query.created_from = made_[10].created_at;
    query.limit = 4;
    const auto want = expected(query);
    std::vector<std::string> seen;
    for (int page_no = 0; page_no < 100; ++page_no) {
        auto page = jobs().list(kTestWorkspace, query);
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& job : page->jobs) {
            seen.push_back(job.id);
        }
        // Newer jobs inside the window (it has no end): they must not shift later pages.
        backend().clock().advance(milliseconds{1});
        ASSERT_TRUE(jobs().create(kTestWorkspace, {fmt::format("late-{}", page_no), "{}", {}, {}}));
        if (page->next_cursor.empty()) {
            break;
        }
        query.cursor = page->next_cursor;
    }
    EXPECT_EQ(seen, want);
}

}  // namespace
}  // namespace swarm::test
