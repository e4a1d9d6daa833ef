// The server's EventSink for one job: stores each event (the EventStore assigns seq) and only
// then publishes the stored event to the EventHub, so a client resuming with Last-Event-ID never
// misses an event it was shown live.
#pragma once

#include "core/ports/event_sink.hpp"
#include "core/ports/event_store.hpp"
#include "core/result.hpp"
#include "core/services/event_hub.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

namespace swarm::core {

/// Thread-safe: append and publish happen under one lock, so live subscribers see events in seq
/// order. A failed append is not published; the first failure is kept for the runner, which fails
/// the job (core has no logger). Events after `abandon()` are dropped: the job was handed back to
/// the queue and another run owns its log now.
class StoredEventSink final : public EventSink {
public:
    StoredEventSink(std::string job_id, EventStore& store, EventHub& hub)
        : job_id_(std::move(job_id)), store_(store), hub_(hub) {}

    void publish(JobEvent event) override;

    /// Like publish, but returns the stored event or the store's error.
    Result<JobEvent> append(const JobEvent& event);

    /// The first append error since construction, if any.
    std::optional<Error> first_error() const;

    void abandon() { abandoned_.store(true); }

    bool abandoned() const { return abandoned_.load(); }

private:
    std::string job_id_;
    EventStore& store_;
    EventHub& hub_;
    mutable std::mutex mutex_;
    std::optional<Error> first_error_;  // guarded by mutex_
    std::atomic<bool> abandoned_{false};
};

}  // namespace swarm::core
