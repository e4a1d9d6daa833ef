// A bounded pool of threads for the work a request handler blocks on (database, media store,
// outbound calls), so the network threads only read, route and write. One lane per dependency
// (a bulkhead): a stalled media store fills the media lane and the storage lane still serves.
// A full lane refuses at once (the server answers 503 with Retry-After) instead of queueing
// without bound. No Asio here: the session adapts a lane to co_await (http_session.cpp).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace swarm::http {

struct WorkLaneOptions {
    std::string name;         // "storage", "media": in logs, metrics and 503 messages
    int threads = 4;          // at least 1
    std::size_t queue = 256;  // tasks waiting beyond the running ones; 0: none wait
};

class WorkLane {
public:
    using Task = std::function<void()>;

    explicit WorkLane(WorkLaneOptions options);
    ~WorkLane();  // shutdown(), then waits for the running tasks and joins the threads
    WorkLane(const WorkLane&) = delete;
    WorkLane& operator=(const WorkLane&) = delete;

    /// Queues `task`; false (and `task` untouched) when every thread is busy and the queue is
    /// full, or the lane is stopping. A task must not throw (the session's tasks catch).
    bool try_post(Task& task);

    /// Stops taking tasks and drops the queued ones that have not started (their callers are
    /// gone: the server has stopped its network threads); running tasks finish.
    void shutdown();

    const std::string& name() const { return options_.name; }

    int threads() const { return options_.threads; }

    std::size_t capacity() const {
        return static_cast<std::size_t>(options_.threads) + options_.queue;
    }

    /// Tasks accepted and not yet finished (running or queued).
    std::size_t in_flight() const;
    /// Tasks refused because the lane was full, since start.
    std::size_t refused() const;

private:
    void work();

    WorkLaneOptions options_;
    mutable std::mutex mutex_;  // guards the members below
    std::condition_variable ready_;
    std::deque<Task> queue_;
    std::size_t running_ = 0;
    std::size_t refused_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;  // last: started once the rest exists
};

}  // namespace swarm::http
