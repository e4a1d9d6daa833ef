// AWS event-stream framing (application/vnd.amazon.eventstream): an incremental decoder fed bytes
// in arbitrary pieces, and an encoder used by tests and the fake model server to build streams.
#pragma once

#include "core/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace swarm::llm {

/// Header value types, numbered as on the wire.
enum class EventHeaderType : std::uint8_t {
    kBoolTrue = 0,
    kBoolFalse = 1,
    kByte = 2,
    kInt16 = 3,
    kInt32 = 4,
    kInt64 = 5,
    kBytes = 6,
    kString = 7,
    kTimestamp = 8,
    kUuid = 9,
};

/// Wrappers keep types that share a C++ representation distinct on the wire.
struct EventBytes {
    std::string value;
    bool operator==(const EventBytes&) const = default;
};

struct EventTimestamp {
    std::int64_t millis_since_epoch = 0;
    bool operator==(const EventTimestamp&) const = default;
};

struct EventUuid {
    std::array<std::uint8_t, 16> value{};
    bool operator==(const EventUuid&) const = default;
};

/// bool, byte (int8), int16, int32, int64, bytes, string, timestamp, uuid.
using EventHeaderValue = std::variant<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                                      EventBytes, std::string, EventTimestamp, EventUuid>;

struct EventHeader {
    std::string name;  // 1..255 bytes
    EventHeaderValue value;
    bool operator==(const EventHeader&) const = default;
};

struct EventStreamMessage {
    std::vector<EventHeader> headers;  // in wire order
    std::string payload;

    /// The value of a string header (e.g. ":event-type"), if present and of type string.
    std::optional<std::string_view> string_header(std::string_view name) const;
    const EventHeaderValue* header(std::string_view name) const;
};

inline constexpr std::size_t kEventStreamPreludeSize = 12;  // total, headers length, prelude crc
inline constexpr std::size_t kEventStreamMinMessage = 16;   // prelude + message crc
inline constexpr std::size_t kEventStreamMaxPayload = std::size_t{24} * 1024 * 1024;
inline constexpr std::size_t kEventStreamMaxHeaders = std::size_t{128} * 1024;

/// The CRC32 (IEEE, as gzip) used by both checksums.
std::uint32_t event_stream_crc32(std::string_view bytes);

/// One complete wire message. Throws std::invalid_argument when a header name is empty or longer
/// than 255 bytes, a string/bytes value exceeds 65535 bytes, or the limits above are exceeded.
std::string encode_event_stream_message(const std::vector<EventHeader>& headers,
                                        std::string_view payload);

/// Incremental decoder, fed bytes in arbitrary pieces. The first framing error (bad CRC, bad
/// lengths, malformed header) is kUpstream "corrupt event-stream frame (...)"; after it the decoder
/// refuses all input with the same error.
class EventStreamDecoder {
public:
    /// Appends to `out` every message the bytes complete, including those before a corrupt frame,
    /// and returns the framing error if there is one.
    std::optional<core::Error> feed(std::string_view bytes, std::vector<EventStreamMessage>& out);

    /// True when no partial message is buffered (a clean place for the stream to end).
    bool idle() const { return buffer_.empty() && !failed_; }

    bool failed() const { return failed_.has_value(); }

    std::size_t buffered() const { return buffer_.size(); }

private:
    /// Decodes one message from the front of buffer_ when it is complete; nullopt: need more.
    core::Result<std::optional<EventStreamMessage>> next();

    std::string buffer_;
    std::optional<core::Error> failed_;
};

/// Parses the headers section of a message (exposed for tests and fuzzing).
core::Result<std::vector<EventHeader>> decode_event_stream_headers(std::string_view bytes);

}  // namespace swarm::llm
