#include "llm/sse_decoder.hpp"

#include <charconv>
#include <utility>

namespace swarm::llm {

namespace {

core::Result<void> too_large(std::size_t limit) {
    return core::fail(core::ErrorCode::kUpstream,
                      "stream event larger than " + std::to_string(limit) + " bytes");
}

}  // namespace

SseDecoder::SseDecoder(std::size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

bool SseDecoder::has_partial_event() const {
    return !line_.empty() || saw_field_;
}

core::Result<void> SseDecoder::feed(std::string_view chunk, const EventHandler& on_event) {
    if (failed_) {
        return too_large(max_event_bytes_);
    }
    while (!chunk.empty()) {
        if (pending_cr_) {
            // "\r\n" split across chunks (or within one) is a single line end.
            pending_cr_ = false;
            if (chunk.front() == '\n') {
                chunk.remove_prefix(1);
                continue;
            }
        }
        const auto end = chunk.find_first_of("\r\n");
        const auto piece = chunk.substr(0, end);
        if (line_.size() + piece.size() + data_.size() > max_event_bytes_) {
            failed_ = true;
            return too_large(max_event_bytes_);
        }
        if (end == std::string_view::npos) {
            line_.append(piece);
            break;
        }
        pending_cr_ = chunk[end] == '\r';
        chunk.remove_prefix(end + 1);
        bool keep_going = true;
        if (line_.empty()) {
            keep_going = process_line(piece, on_event);
        } else {
            line_.append(piece);
            const std::string line = std::exchange(line_, {});
            keep_going = process_line(line, on_event);
        }
        if (data_.size() > max_event_bytes_) {
            failed_ = true;
            return too_large(max_event_bytes_);
        }
        if (!keep_going) {
            break;
        }
    }
    return {};
}

bool SseDecoder::process_line(std::string_view line, const EventHandler& on_event) {
    if (line.empty()) {
        return dispatch(on_event);
    }
    if (line.front() == ':') {
        return true;  // comment
    }
    saw_field_ = true;
    const auto colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
    }
    if (field == "data") {
        data_.append(value);
        data_.push_back('\n');
    } else if (field == "event") {
        event_.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) {
            last_id_.assign(value);
        }
    } else if (field == "retry") {
        long ms = 0;
        const auto* end = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), end, ms);
        if (!value.empty() && ec == std::errc{} && ptr == end && ms >= 0) {
            retry_ = ms;
        }
    }
    return true;
}

bool SseDecoder::dispatch(const EventHandler& on_event) {
    saw_field_ = false;
    if (data_.empty()) {
        // WHATWG: an event without data is not dispatched; its type is reset.
        event_.clear();
        retry_.reset();
        return true;
    }
    data_.pop_back();  // the '\n' after the last data line
    SseEvent event{std::exchange(event_, {}), std::exchange(data_, {}), last_id_,
                   std::exchange(retry_, std::nullopt)};
    return on_event(event);
}

}  // namespace swarm::llm
