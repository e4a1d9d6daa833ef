// AWS event-stream framing: known vectors, round trips of every header type, byte-by-byte feeding,
// and rejection of each corruption (prelude crc, message crc, lengths, malformed headers).
#include "llm/event_stream.hpp"

#include <cstdint>
#include <string>
#include <vector>
#include <zlib.h>

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

// Independent of the code under test: a bitwise CRC32 (IEEE, reflected, polynomial 0xEDB88320)
// and hand-written big-endian bytes.
std::uint32_t zcrc(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFU;
    for (char c : bytes) {
        crc ^= static_cast<std::uint8_t>(c);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xEDB88320U : crc >> 1U;
        }
    }
    return ~crc;
}

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24U), static_cast<char>((v >> 16U) & 0xFFU),
            static_cast<char>((v >> 8U) & 0xFFU), static_cast<char>(v & 0xFFU)};
}

std::string bytes(std::initializer_list<unsigned> values) {
    std::string out;
    for (unsigned v : values) {
        out.push_back(static_cast<char>(v));
    }
    return out;
}

std::vector<EventHeader> every_type_headers() {
    EventUuid uuid;
    for (std::size_t i = 0; i < uuid.value.size(); ++i) {
        uuid.value[i] = static_cast<std::uint8_t>(0xA0 + i);
    }
    return {
        {"t", true},
        {"f", false},
        {"byte", std::int8_t{-7}},
        {"short", std::int16_t{-12345}},
        {"int", std::int32_t{-2'000'000'000}},
        {"long", std::int64_t{-9'000'000'000'000LL}},
        {"blob", EventBytes{std::string("\x00\xff\x10", 3)}},
        {":event-type", std::string("contentBlockDelta")},
        {"when", EventTimestamp{1'700'000'000'123LL}},
        {"id", uuid},
    };
}

core::Result<std::vector<EventStreamMessage>> decode_all(const std::string& wire) {
    EventStreamDecoder decoder;
    std::vector<EventStreamMessage> out;
    if (auto error = decoder.feed(wire, out)) {
        return tl::unexpected(*error);
    }
    return out;
}

TEST(EventStream, EmptyMessageMatchesKnownVector) {
    // The awslabs/aws-c-event-stream "empty message" vector.
    const std::string expected = bytes({0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x05, 0xc2,
                                        0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff});
    EXPECT_EQ(encode_event_stream_message({}, ""), expected);
    auto messages = decode_all(expected);
    ASSERT_TRUE(messages) << messages.error().message;
    ASSERT_EQ(messages->size(), 1U);
    EXPECT_TRUE((*messages)[0].headers.empty());
    EXPECT_TRUE((*messages)[0].payload.empty());
}

TEST(EventStream, PayloadOnlyMatchesKnownVector) {
    const std::string payload = "{'foo':'bar'}";
    const std::string expected =
        bytes({0x00, 0x00, 0x00, 0x1d, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x52, 0x8c, 0x5a}) + payload +
        bytes({0xc3, 0x65, 0x39, 0x36});
    EXPECT_EQ(encode_event_stream_message({}, payload), expected);
}

TEST(EventStream, HandBuiltMessageWithStringHeader) {
    // header: name length 11, ":event-type", type 7, u16 length 4, "ping"
    const std::string header = bytes({11}) + ":event-type" + bytes({7, 0, 4}) + "ping";
    const std::string payload = R"({"a":1})";
    const auto total = static_cast<std::uint32_t>(16 + header.size() + payload.size());
    std::string expected = be32(total) + be32(static_cast<std::uint32_t>(header.size()));
    expected += be32(zcrc(expected));
    expected += header + payload;
    expected += be32(zcrc(expected));

    EXPECT_EQ(encode_event_stream_message({{":event-type", std::string("ping")}}, payload),
              expected);
    auto messages = decode_all(expected);
    ASSERT_TRUE(messages) << messages.error().message;
    ASSERT_EQ(messages->size(), 1U);
    EXPECT_EQ((*messages)[0].string_header(":event-type"), "ping");
    EXPECT_EQ((*messages)[0].string_header(":missing"), std::nullopt);
    EXPECT_EQ((*messages)[0].payload, payload);
}

TEST(EventStream, EveryHeaderTypeEncodesAsSpecified) {
    const std::string wire = encode_event_stream_message(
        {{"s", std::int16_t{-2}}, {"u", EventTimestamp{258}}, {"b", EventBytes{"xy"}}}, "");
    const std::string expected_headers = bytes({1, 's', 3, 0xff, 0xfe}) +
                                         bytes({1, 'u', 8, 0, 0, 0, 0, 0, 0, 1, 2}) +
                                         bytes({1, 'b', 6, 0, 2, 'x', 'y'});
    EXPECT_EQ(wire.substr(12, expected_headers.size()), expected_headers);
    EXPECT_EQ(wire.substr(4, 4), be32(static_cast<std::uint32_t>(expected_headers.size())));
}

TEST(EventStream, RoundTripsEveryHeaderType) {
    const auto headers = every_type_headers();
    const std::string payload = std::string("binary\0payload", 14);
    auto messages = decode_all(encode_event_stream_message(headers, payload));
    ASSERT_TRUE(messages) << messages.error().message;
    ASSERT_EQ(messages->size(), 1U);
    EXPECT_EQ((*messages)[0].headers, headers);
    EXPECT_EQ((*messages)[0].payload, payload);
    EXPECT_EQ((*messages)[0].string_header(":event-type"), "contentBlockDelta");
    EXPECT_EQ((*messages)[0].string_header("int"), std::nullopt);  // not a string header
}

TEST(EventStream, FeedSplitAtEveryByteBoundary) {
    const std::string wire = encode_event_stream_message(every_type_headers(), "first") +
                             encode_event_stream_message({}, "") +
                             encode_event_stream_message({{"k", std::string("v")}}, "third");
    for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
        EventStreamDecoder decoder;
        std::vector<EventStreamMessage> all;
        ASSERT_FALSE(decoder.feed(std::string_view(wire).substr(0, cut), all)) << "cut " << cut;
        ASSERT_FALSE(decoder.feed(std::string_view(wire).substr(cut), all)) << "cut " << cut;
        ASSERT_EQ(all.size(), 3U) << "cut " << cut;
        EXPECT_EQ(all[0].payload, "first");
        EXPECT_EQ(all[2].payload, "third");
        EXPECT_TRUE(decoder.idle());
    }
    EventStreamDecoder one_by_one;
    std::vector<EventStreamMessage> all;
    for (char c : wire) {
        ASSERT_FALSE(one_by_one.feed(std::string_view(&c, 1), all));
    }
    EXPECT_EQ(all.size(), 3U);
}

void expect_corrupt(const std::string& wire, const std::string& why) {
    EventStreamDecoder decoder;
    std::vector<EventStreamMessage> out;
    const auto error = decoder.feed(wire, out);
    ASSERT_TRUE(error) << why;
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(error->code, core::ErrorCode::kUpstream);
    EXPECT_NE(error->message.find("corrupt event-stream frame"), std::string::npos);
    EXPECT_NE(error->message.find(why), std::string::npos) << error->message;
    // The decoder refuses further input, even a valid message.
    EXPECT_TRUE(decoder.feed(encode_event_stream_message({}, ""), out));
    EXPECT_TRUE(out.empty());
    EXPECT_TRUE(decoder.failed());
}

TEST(EventStream, MessagesBeforeACorruptFrameAreDelivered) {
    std::string bad = encode_event_stream_message({}, "second");
    bad.back() = static_cast<char>(bad.back() ^ 0x01);
    EventStreamDecoder decoder;
    std::vector<EventStreamMessage> out;
    const auto error = decoder.feed(encode_event_stream_message({}, "first") + bad, out);
    ASSERT_TRUE(error);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].payload, "first");
}

TEST(EventStream, RejectsEachCrcCorruption) {
    const std::string good = encode_event_stream_message({{"k", std::string("v")}}, "payload");
    for (std::size_t i = 0; i < 8; ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        expect_corrupt(bad, "prelude crc mismatch");
    }
    std::string bad_prelude_crc = good;
    bad_prelude_crc[9] = static_cast<char>(bad_prelude_crc[9] ^ 0x40);
    expect_corrupt(bad_prelude_crc, "prelude crc mismatch");

    std::string bad_payload = good;
    bad_payload[good.size() - 6] = 'X';
    expect_corrupt(bad_payload, "message crc mismatch");

    std::string bad_header = good;
    bad_header[13] = 'z';  // header name byte
    expect_corrupt(bad_header, "message crc mismatch");

    std::string bad_message_crc = good;
    bad_message_crc.back() = static_cast<char>(bad_message_crc.back() ^ 0x80);
    expect_corrupt(bad_message_crc, "message crc mismatch");
}

// A prelude with a valid crc and the given lengths, followed by `rest`.
std::string prelude(std::uint32_t total, std::uint32_t headers_length) {
    std::string p = be32(total) + be32(headers_length);
    return p + be32(zcrc(p));
}

TEST(EventStream, RejectsBadLengths) {
    expect_corrupt(prelude(15, 0), "below 16");
    expect_corrupt(prelude(20, 5), "beyond message");
    expect_corrupt(prelude(16 + 200 * 1024, 200 * 1024), "over 128 KiB");
    expect_corrupt(prelude(16 + 25 * 1024 * 1024, 0), "over 24 MiB");
}

// A complete message with valid crcs around a hand-made headers section.
std::string with_raw_headers(const std::string& headers) {
    std::string m = prelude(static_cast<std::uint32_t>(16 + headers.size()),
                            static_cast<std::uint32_t>(headers.size()));
    m += headers;
    return m + be32(zcrc(m));
}

TEST(EventStream, RejectsMalformedHeaders) {
    expect_corrupt(with_raw_headers(bytes({0, 0})), "empty header name");
    expect_corrupt(with_raw_headers(bytes({5}) + "ab"), "header name truncated");
    expect_corrupt(with_raw_headers(bytes({1, 'a', 10})), "unknown header type 10");
    expect_corrupt(with_raw_headers(bytes({1, 'a', 4, 0, 0})), "header value truncated");
    expect_corrupt(with_raw_headers(bytes({1, 'a', 7, 0, 9}) + "abc"), "header value truncated");
    expect_corrupt(with_raw_headers(bytes({1, 'a', 9, 1, 2, 3})), "header value truncated");
}

TEST(EventStream, PartialMessageIsNotIdle) {
    const std::string wire = encode_event_stream_message({}, "abc");
    EventStreamDecoder decoder;
    std::vector<EventStreamMessage> out;
    ASSERT_FALSE(decoder.feed(std::string_view(wire).substr(0, wire.size() - 1), out));
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(decoder.idle());
    EXPECT_EQ(decoder.buffered(), wire.size() - 1);
}

TEST(EventStream, EncoderRefusesInvalidHeaders) {
    EXPECT_THROW(encode_event_stream_message({{"", true}}, ""), std::invalid_argument);
    EXPECT_THROW(encode_event_stream_message({{std::string(256, 'n'), true}}, ""),
                 std::invalid_argument);
    EXPECT_THROW(encode_event_stream_message({{"s", std::string(70'000, 'x')}}, ""),
                 std::invalid_argument);
}

}  // namespace
}  // namespace swarm::llm
