// A job's events as a Server-Sent Events body: stored events after Last-Event-ID first (read in
// pages), then live ones from the EventHub, de-duplicated by seq; ends after job_finished.
#pragma once

#include "core/ports/event_store.hpp"
#include "core/services/event_hub.hpp"
#include "http/message.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace swarm::http {

/// One SSE "id/event/data" block for a stored event.
std::string format_sse_event(const core::JobEvent& event);

/// Subscribes in create() BEFORE the first store read, so an event appended meanwhile is either
/// read from the store or queued live (or both, and dropped as a repeat): no gap, no repeat.
/// Thread-safety: poll() and set_waker() from the session; the hub callback from any thread.
class JobEventStream final : public BodyStream {
public:
    /// Turns one event into body text (SSE by default; the old-system adapters use others).
    using Formatter = std::function<std::string(const core::JobEvent&)>;

    /// `streamed` (optional) counts the events written to the client (/metrics). A non-zero
    /// `store_poll` also reads the store that often while no live event arrives: events another
    /// process appends (a worker sharing the database) never reach this process's hub.
    static std::shared_ptr<JobEventStream> create(
        core::WorkspaceId workspace, std::string job_id, std::int64_t after_seq,
        core::EventStore& store, core::EventHub& hub, Formatter format = format_sse_event,
        std::atomic<std::int64_t>* streamed = nullptr,
        std::chrono::milliseconds store_poll = std::chrono::milliseconds(0));

    void set_waker(std::function<void()> wake) override;
    Chunk poll() override;
    bool may_block() const override;

private:
    struct Shared {
        std::mutex mutex;
        std::deque<core::JobEvent> live;  // guarded by mutex
        std::function<void()> wake;       // guarded by mutex
    };

    JobEventStream(core::WorkspaceId workspace, std::string job_id, std::int64_t after_seq,
                   core::EventStore& store, Formatter format, std::atomic<std::int64_t>* streamed)
        : workspace_(std::move(workspace)),
          job_id_(std::move(job_id)),
          sent_seq_(after_seq),
          store_(store),
          format_(std::move(format)),
          streamed_(streamed) {}

    Chunk replay_page();
    void append(std::string& out, const core::JobEvent& event);

    core::WorkspaceId workspace_;  // store reads see only this workspace's job
    std::string job_id_;
    std::int64_t sent_seq_;  // the last seq written (or the client's Last-Event-ID)
    core::EventStore& store_;
    Formatter format_;
    std::atomic<std::int64_t>* streamed_;
    std::chrono::milliseconds store_poll_{0};
    std::chrono::steady_clock::time_point last_store_read_ = std::chrono::steady_clock::now();
    bool replaying_ = true;
    bool finished_ = false;  // job_finished written
    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    core::EventHub::Subscription subscription_;  // last: unsubscribes before the rest goes
};

}  // namespace swarm::http
