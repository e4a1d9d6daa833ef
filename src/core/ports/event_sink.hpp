// Port: where a running job reports its events (progress display in the CLI, the event store and
// SSE fan-out in the server). Implementations must be safe to call from several threads.
#pragma once

#include "core/model/job.hpp"

namespace swarm::core {

class EventSink {
public:
    virtual ~EventSink() = default;
    /// `event.seq` is assigned by the sink's owner; publishers leave it 0.
    virtual void publish(JobEvent event) = 0;
};

/// Discards everything; for callers that do not watch.
class NullEventSink final : public EventSink {
public:
    void publish(JobEvent /*event*/) override {}
};

}  // namespace swarm::core
