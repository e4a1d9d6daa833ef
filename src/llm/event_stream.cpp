#include "llm/event_stream.hpp"

#include <limits>
#include <stdexcept>
#include <type_traits>
#include <zlib.h>

namespace swarm::llm {
namespace {

using core::ErrorCode;

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at])) << 24U) |
           (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 1])) << 16U) |
           (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 2])) << 8U) |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 3]));
}

std::uint64_t read_be(std::string_view bytes, std::size_t at, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        value = (value << 8U) | static_cast<std::uint8_t>(bytes[at + i]);
    }
    return value;
}

void append_be(std::string& out, std::uint64_t value, std::size_t width) {
    for (std::size_t i = width; i > 0; --i) {
        out.push_back(static_cast<char>((value >> (8U * (i - 1))) & 0xFFU));
    }
}

tl::unexpected<core::Error> corrupt(const std::string& why) {
    return core::fail(ErrorCode::kUpstream, "corrupt event-stream frame (" + why + ")");
}

void append_value(std::string& out, const EventHeaderValue& value) {
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                out.push_back(static_cast<char>(v ? EventHeaderType::kBoolTrue
                                                  : EventHeaderType::kBoolFalse));
            } else if constexpr (std::is_same_v<T, std::int8_t>) {
                out.push_back(static_cast<char>(EventHeaderType::kByte));
                out.push_back(static_cast<char>(v));
            } else if constexpr (std::is_same_v<T, std::int16_t>) {
                out.push_back(static_cast<char>(EventHeaderType::kInt16));
                append_be(out, static_cast<std::uint16_t>(v), 2);
            } else if constexpr (std::is_same_v<T, std::int32_t>) {
                out.push_back(static_cast<char>(EventHeaderType::kInt32));
                append_be(out, static_cast<std::uint32_t>(v), 4);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out.push_back(static_cast<char>(EventHeaderType::kInt64));
                append_be(out, static_cast<std::uint64_t>(v), 8);
            } else if constexpr (std::is_same_v<T, EventTimestamp>) {
                out.push_back(static_cast<char>(EventHeaderType::kTimestamp));
                append_be(out, static_cast<std::uint64_t>(v.millis_since_epoch), 8);
            } else if constexpr (std::is_same_v<T, EventUuid>) {
                out.push_back(static_cast<char>(EventHeaderType::kUuid));
                out.append(reinterpret_cast<const char*>(v.value.data()), v.value.size());
            } else {
                const std::string& text = [&v]() -> const std::string& {
                    if constexpr (std::is_same_v<T, EventBytes>) {
                        return v.value;
                    } else {
                        return v;
                    }
                }();
                if (text.size() > std::numeric_limits<std::uint16_t>::max()) {
                    throw std::invalid_argument("event-stream header value longer than 65535");
                }
                out.push_back(static_cast<char>(std::is_same_v<T, EventBytes>
                                                    ? EventHeaderType::kBytes
                                                    : EventHeaderType::kString));
                append_be(out, text.size(), 2);
                out.append(text);
            }
        },
        value);
}

/// Reads one typed value at `at` (just after the type byte); advances `at`.
core::Result<EventHeaderValue> read_value(std::string_view bytes, std::size_t& at,
                                          std::uint8_t type) {
    auto need = [&](std::size_t n) {
        return bytes.size() - at >= n;
    };
    auto fixed = [&](std::size_t n) -> core::Result<std::uint64_t> {
        if (!need(n)) {
            return corrupt("header value truncated");
        }
        std::uint64_t v = read_be(bytes, at, n);
        at += n;
        return v;
    };
    switch (static_cast<EventHeaderType>(type)) {
        case EventHeaderType::kBoolTrue:
            return EventHeaderValue{true};
        case EventHeaderType::kBoolFalse:
            return EventHeaderValue{false};
        case EventHeaderType::kByte:
            return fixed(1).map(
                [](auto v) { return EventHeaderValue{static_cast<std::int8_t>(v)}; });
        case EventHeaderType::kInt16:
            return fixed(2).map(
                [](auto v) { return EventHeaderValue{static_cast<std::int16_t>(v)}; });
        case EventHeaderType::kInt32:
            return fixed(4).map(
                [](auto v) { return EventHeaderValue{static_cast<std::int32_t>(v)}; });
        case EventHeaderType::kInt64:
            return fixed(8).map(
                [](auto v) { return EventHeaderValue{static_cast<std::int64_t>(v)}; });
        case EventHeaderType::kTimestamp:
            return fixed(8).map([](auto v) {
                return EventHeaderValue{EventTimestamp{static_cast<std::int64_t>(v)}};
            });
        case EventHeaderType::kUuid: {
            if (!need(16)) {
                return corrupt("header value truncated");
            }
            EventUuid uuid;
            for (auto& b : uuid.value) {
                b = static_cast<std::uint8_t>(bytes[at++]);
            }
            return EventHeaderValue{uuid};
        }
        case EventHeaderType::kBytes:
        case EventHeaderType::kString: {
            auto length = fixed(2);
            if (!length || !need(*length)) {
                return corrupt("header value truncated");
            }
            std::string text(bytes.substr(at, *length));
            at += *length;
            if (type == static_cast<std::uint8_t>(EventHeaderType::kBytes)) {
                return EventHeaderValue{EventBytes{std::move(text)}};
            }
            return EventHeaderValue{std::move(text)};
        }
    }
    return corrupt("unknown header type " + std::to_string(type));
}

}  // namespace

std::uint32_t event_stream_crc32(std::string_view bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths; messages are far below 4 GiB but feed in chunks regardless.
    while (!bytes.empty()) {
        const auto chunk = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1U << 30U));
        crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), chunk);
        bytes.remove_prefix(chunk);
    }
    return static_cast<std::uint32_t>(crc);
}

const EventHeaderValue* EventStreamMessage::header(std::string_view name) const {
    for (const auto& h : headers) {
        if (h.name == name) {
            return &h.value;
        }
    }
    return nullptr;
}

std::optional<std::string_view> EventStreamMessage::string_header(std::string_view name) const {
    const EventHeaderValue* value = header(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (const auto* text = std::get_if<std::string>(value)) {
        return std::string_view(*text);
    }
    return std::nullopt;
}

std::string encode_event_stream_message(const std::vector<EventHeader>& headers,
                                        std::string_view payload) {
    std::string encoded_headers;
    for (const auto& h : headers) {
        if (h.name.empty() || h.name.size() > 255) {
            throw std::invalid_argument("event-stream header name must be 1..255 bytes");
        }
        encoded_headers.push_back(static_cast<char>(h.name.size()));
        encoded_headers.append(h.name);
        append_value(encoded_headers, h.value);
    }
    if (encoded_headers.size() > kEventStreamMaxHeaders ||
        payload.size() > kEventStreamMaxPayload) {
        throw std::invalid_argument("event-stream message exceeds the size limits");
    }
    const std::size_t total = kEventStreamMinMessage + encoded_headers.size() + payload.size();
    std::string out;
    out.reserve(total);
    append_be(out, total, 4);
    append_be(out, encoded_headers.size(), 4);
    append_be(out, event_stream_crc32(out), 4);
    out.append(encoded_headers);
    out.append(payload);
    append_be(out, event_stream_crc32(out), 4);
    return out;
}

core::Result<std::vector<EventHeader>> decode_event_stream_headers(std::string_view bytes) {
    std::vector<EventHeader> headers;
    std::size_t at = 0;
    while (at < bytes.size()) {
        const auto name_length = static_cast<std::uint8_t>(bytes[at++]);
        if (name_length == 0) {
            return corrupt("empty header name");
        }
        if (bytes.size() - at < static_cast<std::size_t>(name_length) + 1) {
            return corrupt("header name truncated");
        }
        std::string name(bytes.substr(at, name_length));
        at += name_length;
        const auto type = static_cast<std::uint8_t>(bytes[at++]);
        SWARM_TRY_ASSIGN(auto value, read_value(bytes, at, type));
        headers.push_back(EventHeader{std::move(name), std::move(value)});
    }
    return headers;
}

core::Result<std::optional<EventStreamMessage>> EventStreamDecoder::next() {
    if (buffer_.size() < kEventStreamPreludeSize) {
        return std::nullopt;
    }
    const std::string_view view(buffer_);
    const std::uint32_t total = read_u32(view, 0);
    const std::uint32_t headers_length = read_u32(view, 4);
    if (event_stream_crc32(view.substr(0, 8)) != read_u32(view, 8)) {
        return corrupt("prelude crc mismatch");
    }
    if (total < kEventStreamMinMessage) {
        return corrupt("total length " + std::to_string(total) + " below 16");
    }
    if (headers_length > total - kEventStreamMinMessage) {
        return corrupt("headers length " + std::to_string(headers_length) + " beyond message");
    }
    if (headers_length > kEventStreamMaxHeaders) {
        return corrupt("headers length " + std::to_string(headers_length) + " over 128 KiB");
    }
    const std::size_t payload_length = total - kEventStreamMinMessage - headers_length;
    if (payload_length > kEventStreamMaxPayload) {
        return corrupt("payload length " + std::to_string(payload_length) + " over 24 MiB");
    }
    if (buffer_.size() < total) {
        return std::nullopt;
    }
    if (event_stream_crc32(view.substr(0, total - 4)) != read_u32(view, total - 4)) {
        return corrupt("message crc mismatch");
    }
    SWARM_TRY_ASSIGN(auto headers, decode_event_stream_headers(
                                       view.substr(kEventStreamPreludeSize, headers_length)));
    EventStreamMessage message{
        std::move(headers),
        std::string(view.substr(kEventStreamPreludeSize + headers_length, payload_length))};
    buffer_.erase(0, total);
    return message;
}

std::optional<core::Error> EventStreamDecoder::feed(std::string_view bytes,
                                                    std::vector<EventStreamMessage>& out) {
    if (failed_) {
        return failed_;
    }
    buffer_.append(bytes);
    for (;;) {
        auto message = next();
        if (!message) {
            failed_ = message.error();
            buffer_.clear();
            return failed_;
        }
        if (!*message) {
            return std::nullopt;
        }
        out.push_back(std::move(**message));
    }
}

}  // namespace swarm::llm
