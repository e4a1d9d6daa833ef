#include "core/access/rate_limiter.hpp"

#include <algorithm>

namespace swarm::core::access {
namespace {

/// One token in bucket units: a bucket gains `per_minute` units per nanosecond, so every amount
/// is an integer (a minute is 60e9 ns). With per_minute <= kMaxPerMinute a full bucket holds at
/// most 6e18 units, within int64.
constexpr std::int64_t kUnitsPerToken = 60'000'000'000;
constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

constexpr std::int64_t ceil_div(std::int64_t num, std::int64_t den) {
    return (num + den - 1) / den;
}

constexpr std::int64_t capacity_units(std::int64_t per_minute) {
    return per_minute * kUnitsPerToken;
}

std::int64_t nanos(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
}

}  // namespace

RateLimiter::RateLimiter(std::size_t max_keys) : max_keys_(std::max<std::size_t>(max_keys, 1)) {}

void RateLimiter::refill(Bucket& bucket, TimePoint now) {
    if (now <= bucket.refilled) {
        return;
    }
    const auto elapsed = nanos(now - bucket.refilled);
    bucket.refilled = now;
    const auto missing = capacity_units(bucket.per_minute) - bucket.units;
    // Compared before multiplying: elapsed * per_minute may not fit when the bucket sat idle.
    if (elapsed >= ceil_div(missing, bucket.per_minute)) {
        bucket.units = capacity_units(bucket.per_minute);
    } else {
        bucket.units += elapsed * bucket.per_minute;
    }
}

RateLimiter::TimePoint RateLimiter::full_at(const Bucket& bucket) {
    const auto missing = capacity_units(bucket.per_minute) - bucket.units;
    return bucket.refilled + std::chrono::nanoseconds{ceil_div(missing, bucket.per_minute)};
}

void RateLimiter::make_room(TimePoint now) {
    // A full bucket is the same as none. Until no_full_before_ none can be full, so the scan
    // runs only when it can free something, and it makes room for many keys at once.
    if (now >= no_full_before_) {
        no_full_before_ = TimePoint::max();
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            const auto at = full_at(it->second);
            if (at <= now) {
                recent_.erase(it->second.recent);
                it = buckets_.erase(it);
            } else {
                no_full_before_ = std::min(no_full_before_, at);
                ++it;
            }
        }
    }
    while (buckets_.size() >= max_keys_ && !recent_.empty()) {
        buckets_.erase(recent_.back());
        recent_.pop_back();
    }
}

std::optional<std::chrono::seconds> RateLimiter::acquire(std::string_view key,
                                                         std::int64_t per_minute, TimePoint now) {
    const auto rate = std::clamp<std::int64_t>(per_minute, 1, kMaxPerMinute);
    const std::lock_guard lock(mutex_);
    auto found = buckets_.find(key);
    if (found == buckets_.end()) {
        if (buckets_.size() >= max_keys_) {
            make_room(now);
        }
        recent_.emplace_front(key);
        found =
            buckets_
                .emplace(recent_.front(), Bucket{rate, capacity_units(rate), now, recent_.begin()})
                .first;
    } else {
        recent_.splice(recent_.begin(), recent_, found->second.recent);
        refill(found->second, now);
    }
    auto& bucket = found->second;
    if (bucket.per_minute != rate) {
        // Keep the share of capacity: units * rate / old, exact (split so nothing overflows).
        const auto old = bucket.per_minute;
        bucket.units = bucket.units / old * rate + bucket.units % old * rate / old;
        bucket.per_minute = rate;
    }
    std::optional<std::chrono::seconds> wait;
    if (bucket.units >= kUnitsPerToken) {
        bucket.units -= kUnitsPerToken;
    } else {
        // The token comes ceil(missing / rate) ns after `refilled`, which may be later than a
        // `now` that lost a race with another thread.
        const auto behind = bucket.refilled > now ? nanos(bucket.refilled - now) : 0;
        const auto ready_in = behind + ceil_div(kUnitsPerToken - bucket.units, bucket.per_minute);
        wait = std::chrono::seconds{std::max<std::int64_t>(1, ceil_div(ready_in, kNanosPerSecond))};
    }
    no_full_before_ = std::min(no_full_before_, full_at(bucket));
    return wait;
}

std::size_t RateLimiter::size() const {
    const std::lock_guard lock(mutex_);
    return buckets_.size();
}

}  // namespace swarm::core::access
