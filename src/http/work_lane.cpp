#include "http/work_lane.hpp"

#include <algorithm>

namespace swarm::http {

WorkLane::WorkLane(WorkLaneOptions options) : options_(std::move(options)) {
    options_.threads = std::max(1, options_.threads);
    threads_.reserve(static_cast<std::size_t>(options_.threads));
    for (int i = 0; i < options_.threads; ++i) {
        threads_.emplace_back([this] { work(); });
    }
}

WorkLane::~WorkLane() {
    shutdown();
    for (auto& t : threads_) {
        t.join();
    }
}

void WorkLane::shutdown() {
    std::deque<Task> dropped;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped.swap(queue_);
    }
    ready_.notify_all();
    // `dropped` dies here, outside the lock: a task's captures may own a coroutine frame.
}

bool WorkLane::try_post(Task& task) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || running_ + queue_.size() >= capacity()) {
            ++refused_;
            return false;
        }
        queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return true;
}

std::size_t WorkLane::in_flight() const {
    const std::lock_guard lock(mutex_);
    return running_ + queue_.size();
}

std::size_t WorkLane::refused() const {
    const std::lock_guard lock(mutex_);
    return refused_;
}

void WorkLane::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
            return;  // stopping, and everything accepted has run
        }
        auto task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        task();
        task = nullptr;  // its captures die outside the lock, before the count drops
        lock.lock();
        --running_;
    }
}

}  // namespace swarm::http
