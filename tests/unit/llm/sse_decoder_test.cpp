#include "llm/sse_decoder.hpp"

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

std::vector<SseEvent> decode_pieces(const std::vector<std::string>& pieces,
                                    std::size_t limit = std::size_t{1} << 20) {
    SseDecoder decoder(limit);
    std::vector<SseEvent> events;
    for (const auto& piece : pieces) {
        const auto fed = decoder.feed(piece, [&](const SseEvent& event) {
            events.push_back(event);
            return true;
        });
        EXPECT_TRUE(fed) << fed.error().message;
    }
    return events;
}

std::vector<SseEvent> decode(const std::string& text) {
    return decode_pieces({text});
}

TEST(SseDecoder, JoinsDataLinesAndDropsOneLeadingSpace) {
    const auto events = decode("data: one\ndata:two\ndata:  three\n\n");
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].data, "one\ntwo\n three");
    EXPECT_EQ(events[0].event, "");
}

TEST(SseDecoder, EventNamesIdRetryAndComments) {
    const auto events = decode(
        ": keep-alive\nevent: message_start\nid: 7\nretry: 1500\ndata: {}\n\n"
        "data: second\n\n");
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].event, "message_start");
    EXPECT_EQ(events[0].id, "7");
    EXPECT_EQ(events[0].retry, 1500);
    EXPECT_EQ(events[1].event, "");  // the name does not carry over
    EXPECT_EQ(events[1].id, "7");    // the last event id does
    EXPECT_FALSE(events[1].retry);
}

TEST(SseDecoder, AllThreeLineEndings) {
    const auto events = decode("data: a\r\n\r\ndata: b\r\rdata: c\n\n");
    ASSERT_EQ(events.size(), 3U);
    EXPECT_EQ(events[0].data, "a");
    EXPECT_EQ(events[1].data, "b");
    EXPECT_EQ(events[2].data, "c");
}

TEST(SseDecoder, CrLfSplitAcrossChunksIsOneLineEnd) {
    // Were "\r" and "\n" counted separately, the first event would end after "a".
    const auto events = decode_pieces({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseDecoder, EventWithoutDataIsNotDispatched) {
    const auto events = decode("event: ping\n\nevent: x\ndata\n\n");
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].event, "x");
    EXPECT_EQ(events[0].data, "");  // a bare "data" field is an empty data line
}

TEST(SseDecoder, UnfinishedEventIsHeldBack) {
    SseDecoder decoder;
    int count = 0;
    ASSERT_TRUE(decoder.feed("data: part", [&](const SseEvent&) { return ++count > 0; }));
    EXPECT_EQ(count, 0);
    EXPECT_TRUE(decoder.has_partial_event());
    ASSERT_TRUE(decoder.feed("ial\n\n", [&](const SseEvent& e) {
        EXPECT_EQ(e.data, "partial");
        return ++count > 0;
    }));
    EXPECT_EQ(count, 1);
    EXPECT_FALSE(decoder.has_partial_event());
}

TEST(SseDecoder, HandlerCanStopDecoding) {
    SseDecoder decoder;
    int count = 0;
    ASSERT_TRUE(decoder.feed("data: 1\n\ndata: 2\n\n", [&](const SseEvent&) {
        ++count;
        return false;
    }));
    EXPECT_EQ(count, 1);
}

TEST(SseDecoder, OversizedEventIsAnErrorAndStaysFailed) {
    SseDecoder decoder(64);
    const std::string big = "data: " + std::string(100, 'x') + "\n\n";
    const auto fed = decoder.feed(big, [](const SseEvent&) { return true; });
    ASSERT_FALSE(fed);
    EXPECT_EQ(fed.error().code, core::ErrorCode::kUpstream);
    EXPECT_FALSE(decoder.feed("data: ok\n\n", [](const SseEvent&) { return true; }));
}

TEST(SseDecoder, ManyDataLinesOverTheLimitAreAnError) {
    SseDecoder decoder(64);
    std::string text;
    for (int i = 0; i < 20; ++i) {
        text += "data: 0123456789\n";
    }
    EXPECT_FALSE(decoder.feed(text, [](const SseEvent&) { return true; }));
}

TEST(SseDecoder, EverySplitGivesTheSameEvents) {
    const std::string text =
        ": c\r\nevent: a\r\ndata: x\r\ndata:y\r\n\r\nid: 9\rdata: z\r\rdata: w\n\n";
    const auto whole = decode(text);
    ASSERT_EQ(whole.size(), 3U);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        const auto split = decode_pieces({text.substr(0, cut), text.substr(cut)});
        ASSERT_EQ(split.size(), whole.size()) << "cut at " << cut;
        for (std::size_t i = 0; i < whole.size(); ++i) {
            EXPECT_EQ(split[i].data, whole[i].data) << "cut at " << cut;
            EXPECT_EQ(split[i].event, whole[i].event) << "cut at " << cut;
            EXPECT_EQ(split[i].id, whole[i].id) << "cut at " << cut;
        }
    }
}

}  // namespace
}  // namespace swarm::llm
