// Incremental Server-Sent Events decoder (WHATWG framing) for the OpenAI-compatible and Anthropic
// streams: bytes arrive split anywhere; complete events come out on a blank line.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::llm {

struct SseEvent {
    std::string event;  // empty when the stream gave no `event:` field ("message" by default)
    std::string data;   // `data:` lines joined with '\n'
    std::string id;     // the last event id seen so far on this stream
    std::optional<long> retry;  // the `retry:` field of this event, in milliseconds
};

/// Not thread-safe; one per stream. Lines end in "\r\n", "\n" or "\r", also when a "\r\n" pair
/// is split across two chunks. Comments (":...") are skipped; one space after the colon is
/// dropped. An event (its lines and data together) larger than `max_event_bytes` is an error
/// (kUpstream) and the decoder stays failed.
class SseDecoder {
public:
    /// Returns false to stop decoding: the rest of the chunk is ignored and feed() returns.
    using EventHandler = std::function<bool(const SseEvent&)>;

    explicit SseDecoder(std::size_t max_event_bytes = std::size_t{1} << 20);

    core::Result<void> feed(std::string_view chunk, const EventHandler& on_event);

    /// True when bytes of an unfinished event are buffered (a stream that ended mid-event).
    bool has_partial_event() const;

private:
    bool process_line(std::string_view line, const EventHandler& on_event);
    bool dispatch(const EventHandler& on_event);

    std::size_t max_event_bytes_;
    std::string line_;
    std::string data_;
    std::string event_;
    std::string last_id_;
    std::optional<long> retry_;
    bool pending_cr_ = false;
    bool saw_field_ = false;
    bool failed_ = false;
};

}  // namespace swarm::llm
