#include "http/job_event_stream.hpp"

#include "http/dto/job_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

constexpr int kReplayPage = 200;

}  // namespace

std::string format_sse_event(const core::JobEvent& event) {
    // dump() escapes control characters, so the data line never contains a raw newline.
    return "id: " + std::to_string(event.seq) +
           "\nevent: " + std::string(core::to_string(event.type)) +
           "\ndata: " + dto::encode_event(event).dump() + "\n\n";
}

std::shared_ptr<JobEventStream> JobEventStream::create(core::WorkspaceId workspace,
                                                       std::string job_id, std::int64_t after_seq,
                                                       core::EventStore& store, core::EventHub& hub,
                                                       Formatter format,
                                                       std::atomic<std::int64_t>* streamed,
                                                       std::chrono::milliseconds store_poll) {
    std::shared_ptr<JobEventStream> stream(new JobEventStream(
        std::move(workspace), std::move(job_id), after_seq, store, std::move(format), streamed));
    stream->store_poll_ = store_poll;
    stream->subscription_ =
        hub.subscribe(stream->job_id_, [shared = stream->shared_](const core::JobEvent& event) {
            const std::lock_guard lock(shared->mutex);
            shared->live.push_back(event);
            if (shared->wake) {
                shared->wake();
            }
        });
    return stream;
}

void JobEventStream::set_waker(std::function<void()> wake) {
    const std::lock_guard lock(shared_->mutex);
    shared_->wake = std::move(wake);
}

void JobEventStream::append(std::string& out, const core::JobEvent& event) {
    if (finished_ || event.seq <= sent_seq_) {
        return;  // already written (replayed and queued live both)
    }
    const auto text = format_(event);
    if (!text.empty() && streamed_ != nullptr) {
        streamed_->fetch_add(1, std::memory_order_relaxed);
    }
    out += text;
    sent_seq_ = event.seq;
    finished_ = event.type == core::EventType::kJobFinished;
}

BodyStream::Chunk JobEventStream::replay_page() {
    auto page = store_.list_after(workspace_, job_id_, sent_seq_, kReplayPage);
    if (!page) {
        return {": event store unavailable\n\n", true};
    }
    Chunk chunk;
    for (const auto& event : *page) {
        append(chunk.data, event);
    }
    replaying_ = static_cast<int>(page->size()) == kReplayPage && !finished_;
    chunk.done = finished_;
    return chunk;
}

bool JobEventStream::may_block() const {
    if (replaying_) {
        return true;
    }
    if (store_poll_.count() > 0 && !finished_ &&
        std::chrono::steady_clock::now() - last_store_read_ >= store_poll_) {
        return true;
    }
    if (finished_) {
        return false;
    }
    // A gap among the live events is read from the store (poll() does that).
    const std::lock_guard lock(shared_->mutex);
    auto expected = sent_seq_ + 1;
    for (const auto& event : shared_->live) {
        if (event.seq > expected) {
            return true;
        }
        expected = std::max(expected, event.seq + 1);
    }
    return false;
}

BodyStream::Chunk JobEventStream::poll() {
    if (replaying_) {
        return replay_page();
    }
    std::deque<core::JobEvent> live;
    {
        const std::lock_guard lock(shared_->mutex);
        live.swap(shared_->live);
    }
    const auto now = std::chrono::steady_clock::now();
    if (live.empty() && store_poll_.count() > 0 && !finished_ &&
        now - last_store_read_ >= store_poll_) {
        last_store_read_ = now;
        return replay_page();  // anything another process stored meanwhile
    }
    Chunk chunk;
    for (const auto& event : live) {
        if (event.seq > sent_seq_ + 1 && !finished_) {
            // A gap (an event stored without reaching us live): read it from the store.
            replaying_ = true;
            auto more = replay_page();
            chunk.data += more.data;
            if (more.done || replaying_) {
                break;  // the rest of `live` is in the store: later pages read it
            }
        }
        append(chunk.data, event);
    }
    chunk.done = finished_;
    return chunk;
}

}  // namespace swarm::http
