// The per-key token bucket: a minute's burst then refusal, a retry-after that is exact (waiting
// it is enough, a second less is not), independent keys, rate changes at once, bounded memory
// (full buckets dropped first, then the least recently used), and no over-admission under
// concurrent callers across generated rates.
#include "core/access/rate_limiter.hpp"

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::access {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using TimePoint = std::chrono::steady_clock::time_point;

const TimePoint kStart{std::chrono::hours{1000}};

/// How many of `attempts` calls at `now` are allowed.
int allowed(RateLimiter& limiter, std::string_view key, std::int64_t per_minute, TimePoint now,
            int attempts) {
    int count = 0;
    for (int i = 0; i < attempts; ++i) {
        count += limiter.acquire(key, per_minute, now) ? 0 : 1;
    }
    return count;
}

TEST(RateLimiter, AllowsAMinutesBurstThenRefuses) {
    RateLimiter limiter(16);
    EXPECT_EQ(allowed(limiter, "k", 60, kStart, 100), 60);
    const auto refused = limiter.acquire("k", 60, kStart);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused, seconds{1});  // one token a second
    // Half a second refills half a token: still refused; the other half makes one.
    EXPECT_TRUE(limiter.acquire("k", 60, kStart + milliseconds{500}).has_value());
    EXPECT_FALSE(limiter.acquire("k", 60, kStart + milliseconds{1000}).has_value());
    EXPECT_TRUE(limiter.acquire("k", 60, kStart + milliseconds{1000}).has_value());
    // A minute later the bucket is full again, and never holds more than a minute's worth.
    EXPECT_EQ(allowed(limiter, "k", 60, kStart + std::chrono::hours{5}, 100), 60);
}

TEST(RateLimiter, RetryAfterIsExactForEveryRate) {
    for (const std::int64_t rate : {1, 2, 7, 59, 60, 61, 119, 600, 3601, 100'000}) {
        RateLimiter limiter(4);
        std::mt19937 rng(static_cast<unsigned>(rate));
        TimePoint now = kStart;
        for (int round = 0; round < 20; ++round) {
            // Drain the bucket, then wait exactly the seconds it says: allowed; a second less
            // (when it says more than one): refused.
            while (!limiter.acquire("k", rate, now).has_value()) {
            }
            const auto wait = limiter.acquire("k", rate, now);
            ASSERT_TRUE(wait.has_value());
            ASSERT_GE(*wait, seconds{1});
            ASSERT_LE(*wait, seconds{60});
            if (*wait > seconds{1}) {
                EXPECT_TRUE(limiter.acquire("k", rate, now + *wait - seconds{1}).has_value())
                    << "rate " << rate << " round " << round;
            }
            now += *wait;
            EXPECT_FALSE(limiter.acquire("k", rate, now).has_value())
                << "rate " << rate << " round " << round;
            now += milliseconds{std::uniform_int_distribution<int>(0, 1500)(rng)};
        }
    }
}

TEST(RateLimiter, KeysAreIndependent) {
    RateLimiter limiter(16);
    EXPECT_EQ(allowed(limiter, "a", 5, kStart, 10), 5);
    EXPECT_EQ(allowed(limiter, "b", 3, kStart, 10), 3);
    EXPECT_EQ(allowed(limiter, "c", 120, kStart, 200), 120);
    EXPECT_TRUE(limiter.acquire("a", 5, kStart).has_value());
    EXPECT_EQ(limiter.acquire("b", 3, kStart), std::optional(seconds{20}));
    EXPECT_EQ(limiter.size(), 3U);
}

TEST(RateLimiter, AChangedRateAppliesAtOnce) {
    RateLimiter limiter(16);
    EXPECT_EQ(allowed(limiter, "k", 60, kStart, 60), 60);
    // Lowered while empty: still empty, now refilling at one token a minute.
    EXPECT_EQ(limiter.acquire("k", 1, kStart), std::optional(seconds{60}));
    // Raised while empty: refills at the new rate (600 a minute: a token every 100 ms).
    EXPECT_EQ(limiter.acquire("k", 600, kStart), std::optional(seconds{1}));
    EXPECT_FALSE(limiter.acquire("k", 600, kStart + milliseconds{100}).has_value());
    // A full bucket stays full: its burst is the new rate's at once, both ways.
    EXPECT_EQ(allowed(limiter, "idle", 10, kStart, 1), 1);
    EXPECT_EQ(allowed(limiter, "idle", 100, kStart + seconds{60}, 200), 100);
    EXPECT_EQ(allowed(limiter, "lower", 100, kStart, 1), 1);
    EXPECT_EQ(allowed(limiter, "lower", 3, kStart + seconds{60}, 10), 3);
}

TEST(RateLimiter, RatesOutsideTheRangeAreClamped) {
    RateLimiter limiter(4);
    EXPECT_EQ(allowed(limiter, "zero", 0, kStart, 5), 1);  // counts as 1 a minute
    EXPECT_EQ(limiter.acquire("zero", -5, kStart), std::optional(seconds{60}));
    const auto huge = RateLimiter::kMaxPerMinute * 10;
    EXPECT_FALSE(limiter.acquire("huge", huge, kStart).has_value());
    EXPECT_FALSE(limiter.acquire("huge", huge, kStart + std::chrono::hours{24 * 365}).has_value());
}

TEST(RateLimiter, TheBoundHoldsUnderManyKeys) {
    RateLimiter limiter(100);
    std::mt19937 rng(7);
    TimePoint now = kStart;
    std::size_t most = 0;
    for (int i = 0; i < 20'000; ++i) {
        const auto key = "key-" + std::to_string(rng() % 5000);
        limiter.acquire(key, 1 + static_cast<std::int64_t>(rng() % 120), now);
        now += milliseconds{rng() % 50};
        most = std::max(most, limiter.size());
        ASSERT_LE(limiter.size(), 100U) << "after " << i;
    }
    EXPECT_EQ(most, 100U);
}

TEST(RateLimiter, MakingRoomDropsFullBucketsBeforeTheLeastRecentlyUsed) {
    RateLimiter limiter(3);
    EXPECT_EQ(allowed(limiter, "drained", 60, kStart, 60), 60);            // least recent
    EXPECT_EQ(allowed(limiter, "idle", 60, kStart + seconds{1}, 1), 1);    // full at 2 s
    EXPECT_EQ(allowed(limiter, "busy", 60, kStart + seconds{1}, 60), 60);  // full at 61 s
    EXPECT_EQ(allowed(limiter, "new", 60, kStart + seconds{3}, 1), 1);     // drops "idle"
    EXPECT_EQ(limiter.size(), 3U);
    // "drained" kept its state (3 tokens refilled), so it was not dropped and made anew.
    EXPECT_EQ(allowed(limiter, "drained", 60, kStart + seconds{3}, 10), 3);
    EXPECT_EQ(allowed(limiter, "busy", 60, kStart + seconds{3}, 10), 2);

    // With no full bucket, the least recently used goes: "new", then "drained" is kept.
    EXPECT_EQ(allowed(limiter, "fourth", 60, kStart + seconds{3}, 1), 1);
    EXPECT_EQ(limiter.size(), 3U);
    EXPECT_EQ(allowed(limiter, "drained", 60, kStart + seconds{3}, 10), 0);
    EXPECT_EQ(allowed(limiter, "busy", 60, kStart + seconds{3}, 10), 0);
    EXPECT_EQ(allowed(limiter, "fourth", 60, kStart + seconds{3}, 100), 59);
    EXPECT_EQ(allowed(limiter, "new", 60, kStart + seconds{3}, 100), 60);  // dropped: made anew
}

TEST(RateLimiter, ConcurrentCallersNeverGetMoreThanCapacityAndRefill) {
    std::mt19937 rng(20260101);
    for (int trial = 0; trial < 40; ++trial) {
        const auto rate = std::uniform_int_distribution<std::int64_t>(1, 3000)(rng);
        const auto span = milliseconds{std::uniform_int_distribution<int>(0, 90'000)(rng)};
        const int threads = std::uniform_int_distribution<int>(2, 6)(rng);
        const int calls = std::uniform_int_distribution<int>(50, 800)(rng);
        RateLimiter limiter(8);
        std::atomic<std::int64_t> granted{0};
        std::atomic<std::int64_t> latest_ms{0};
        std::vector<std::thread> pool;
        pool.reserve(static_cast<std::size_t>(threads));
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, seed = rng()] {
                std::mt19937 own(seed);
                for (int i = 0; i < calls; ++i) {
                    // Times rise along each thread but interleave across threads.
                    const auto at = span.count() * i / calls +
                                    std::uniform_int_distribution<std::int64_t>(0, 20)(own);
                    auto seen = latest_ms.load();
                    while (at > seen && !latest_ms.compare_exchange_weak(seen, at)) {
                    }
                    if (!limiter.acquire("shared", rate, kStart + milliseconds{at})) {
                        ++granted;
                    }
                }
            });
        }
        for (auto& thread : pool) {
            thread.join();
        }
        const auto attempts = static_cast<std::int64_t>(threads) * calls;
        const auto refill = latest_ms.load() * rate / 60'000;
        EXPECT_LE(granted.load(), rate + refill)
            << "trial " << trial << ": rate " << rate << ", " << attempts << " calls";
        // Never fewer than the burst either (a bucket is only emptied by granting).
        EXPECT_GE(granted.load(), std::min(attempts, rate)) << "trial " << trial;
    }
}

}  // namespace
}  // namespace swarm::core::access
