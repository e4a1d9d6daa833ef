// Request rates per key (an API key, a workspace): a token bucket per key with a full minute's
// burst, refilled continuously. Pure (the caller passes the time), thread-safe, bounded in memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace swarm::core::access {

/// Each key has a bucket holding up to `per_minute` tokens (a full minute's burst), refilled at
/// per_minute/60 tokens per second, continuously; an allowed request takes one token. A new key
/// starts full. The rate is passed with each call, so a changed limit applies at once: the bucket
/// keeps the share of its capacity it had (a full bucket stays full, an empty one empty).
/// Memory: at most max_keys buckets. Making room for a new key drops every full bucket (the same
/// as no bucket), and only when none is full the least recently used one (that key starts full
/// again when it returns). Times are exact to the nanosecond (integer arithmetic): a caller that
/// waits the returned seconds is allowed. Thread-safe: every call holds one mutex.
class RateLimiter {
public:
    /// Rates above this count as this (it keeps the arithmetic within 64 bits).
    static constexpr std::int64_t kMaxPerMinute = 100'000'000;

    explicit RateLimiter(std::size_t max_keys);

    /// nullopt when the request is allowed (one token taken), else the whole seconds (>= 1) until
    /// one token is available to it. A rate below 1 counts as 1. `now` is any steady time; calls
    /// may pass slightly older times than earlier calls (threads racing): time never runs back.
    std::optional<std::chrono::seconds> acquire(std::string_view key, std::int64_t per_minute,
                                                std::chrono::steady_clock::time_point now);

    /// The buckets kept (at most max_keys).
    std::size_t size() const;

private:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Bucket {
        std::int64_t per_minute = 1;
        std::int64_t units = 0;                   // tokens held, in kUnitsPerToken units
        TimePoint refilled;                       // when `units` was brought up to date
        std::list<std::string>::iterator recent;  // its place in recent_
    };

    /// Transparent hashing: a lookup by string_view allocates nothing.
    struct KeyHash {
        using is_transparent = void;

        std::size_t operator()(std::string_view key) const noexcept {
            return std::hash<std::string_view>{}(key);
        }
    };

    /// Adds what the bucket gained at its rate from `refilled` to `now` (no-op for an older now).
    static void refill(Bucket& bucket, TimePoint now);
    /// When the bucket is full, if nobody takes from it.
    static TimePoint full_at(const Bucket& bucket);
    /// Drops full buckets (or else the least recently used one) until a new key fits.
    void make_room(TimePoint now);

    std::size_t max_keys_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket, KeyHash, std::equal_to<>> buckets_;  // by mutex_
    std::list<std::string> recent_;  // keys, most recently used first; guarded by mutex_
    TimePoint no_full_before_ = TimePoint::max();  // no bucket is full earlier; by mutex_
};

}  // namespace swarm::core::access
