#include "core/services/stored_event_sink.hpp"

namespace swarm::core {

void StoredEventSink::publish(JobEvent event) {
    (void)append(event);
}

Result<JobEvent> StoredEventSink::append(const JobEvent& event) {
    const std::lock_guard lock(mutex_);
    if (abandoned_.load()) {
        return fail(ErrorCode::kCancelled, "the job was handed back to the queue");
    }
    auto stored = store_.append(job_id_, event);
    if (!stored) {
        if (!first_error_) {
            first_error_ = stored.error();
        }
        return stored;
    }
    hub_.publish(job_id_, *stored);
    return stored;
}

std::optional<Error> StoredEventSink::first_error() const {
    const std::lock_guard lock(mutex_);
    return first_error_;
}

}  // namespace swarm::core
