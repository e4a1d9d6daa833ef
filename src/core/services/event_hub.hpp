// In-process fan-out of stored job events to live subscribers (the SSE streams): subscribe per
// job with an RAII handle, publish after the event store assigned the event's seq.
#pragma once

#include "core/model/job.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace swarm::core {

/// Thread-safe. Contract for callbacks: they run on the publisher's thread and must be cheap and
/// non-blocking (copy the event into the subscriber's own queue and wake its writer), so a slow
/// client never holds up a job. A callback may drop its own Subscription; it must not publish.
/// After `Subscription::reset()` (or its destruction) returns, its callback is never called
/// again, so the callback may capture state owned by the subscriber.
class EventHub {
public:
    using Callback = std::function<void(const JobEvent&)>;

    struct Entry;  // one subscriber: its callback and the lock that makes unsubscribe safe

    class Subscription {
    public:
        Subscription() = default;
        Subscription(Subscription&& other) noexcept;
        Subscription& operator=(Subscription&& other) noexcept;
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;

        ~Subscription() { reset(); }

        /// Unsubscribes (idempotent). Waits for a callback running on another thread to return.
        void reset();

        bool active() const { return hub_ != nullptr; }

    private:
        friend class EventHub;

        Subscription(EventHub* hub, std::string job_id, std::shared_ptr<Entry> entry)
            : hub_(hub), job_id_(std::move(job_id)), entry_(std::move(entry)) {}

        EventHub* hub_ = nullptr;  // must outlive the subscription
        std::string job_id_;
        std::shared_ptr<Entry> entry_;
    };

    Subscription subscribe(const std::string& job_id, Callback callback);

    /// Calls every subscriber of `job_id`, outside the hub's lock, in subscription order.
    void publish(const std::string& job_id, const JobEvent& event);

    /// Subscribers of one job (for metrics and tests).
    std::size_t subscriber_count(const std::string& job_id) const;

private:
    void remove(const std::string& job_id, const std::shared_ptr<Entry>& entry);

    mutable std::mutex mutex_;
    std::map<std::string, std::map<std::uint64_t, std::shared_ptr<Entry>>> subscribers_;
    std::uint64_t next_id_ = 1;  // guarded by mutex_
};

}  // namespace swarm::core
