// Wake-up between JobService (submit) and the JobRunner's idle workers: a generation counter with
// a condition variable, so a notify between a worker's empty claim and its wait is never lost.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>

namespace swarm::core {

/// Thread-safe. Workers read `generation()` before they look for work, then `wait_for` with that
/// value: a notify that happened in between returns at once.
class WorkSignal {
public:
    std::uint64_t generation() const {
        const std::lock_guard lock(mutex_);
        return generation_;
    }

    void notify_all() {
        {
            const std::lock_guard lock(mutex_);
            ++generation_;
        }
        cv_.notify_all();
    }

    /// Returns when the generation differs from `seen`, `stop` is requested or `timeout` passes
    /// (the polling fallback, e.g. for jobs another process submitted).
    void wait_for(const std::stop_token& stop, std::uint64_t seen,
                  std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, stop, timeout, [&] { return generation_ != seen; });
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable_any cv_;
    std::uint64_t generation_ = 0;  // guarded by mutex_
};

}  // namespace swarm::core
