// Contract: EventStore (seq 1, 2, 3 per job, continuing after a restart; exact resume).
#include "contract/storage_backends.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::EventType;

class EventStoreContract : public StorageContract {
protected:
    core::EventStore& events() { return backend().events(); }

    std::int64_t append(const std::string& job, const std::string& message) {
        core::JobEvent event;
        event.type = EventType::kAgentProgress;
        event.agent = "writer";
        event.message = message;
        auto stored = events().append(job, event);
        EXPECT_TRUE(stored) << (stored ? "" : stored.error().message);
        return stored ? stored->seq : -1;
    }

    std::vector<std::int64_t> seqs_after(const std::string& job, std::int64_t after, int limit) {
        std::vector<std::int64_t> seqs;
        const auto listed = events().list_after(kTestWorkspace, job, after, limit).value();
        for (const auto& e : listed) {
            seqs.push_back(e.seq);
        }
        return seqs;
    }
};

SWARM_CONTRACT_SUITE(EventStoreContract);

TEST_P(EventStoreContract, AppendNumbersEventsPerJobAndKeepsFields) {
    add_job("a");
    add_job("b");
    core::JobEvent event;
    event.type = EventType::kAgentFinished;
    event.agent = "writer";
    event.platform = core::Platform::kTwitter;
    event.message = "done";
    event.at = backend().clock().now() + std::chrono::seconds{2};
    event.elapsed = std::chrono::milliseconds{1234};
    event.seq = 99;  // ignored
    auto stored = events().append("a", event);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->seq, 1);
    EXPECT_EQ(append("a", "x"), 2);
    EXPECT_EQ(append("b", "y"), 1);
    const auto listed = events().list_after(kTestWorkspace, "a", 0, 10).value();
    ASSERT_EQ(listed.size(), 2U);
    EXPECT_EQ(listed[0].type, EventType::kAgentFinished);
    EXPECT_EQ(listed[0].agent, "writer");
    EXPECT_EQ(listed[0].platform, std::optional(core::Platform::kTwitter));
    EXPECT_EQ(listed[0].message, "done");
    EXPECT_EQ(listed[0].at, event.at);
    EXPECT_EQ(listed[0].elapsed, event.elapsed);
    EXPECT_FALSE(listed[1].platform.has_value());
    EXPECT_EQ(listed[1].at, backend().clock().now());  // stamped when left empty
}

TEST_P(EventStoreContract, UnknownJobAndEmptyLog) {
    EXPECT_EQ(events().append("absent", core::JobEvent{}).error().code, core::ErrorCode::kNotFound);
    add_job("a");
    EXPECT_EQ(events().last_seq(kTestWorkspace, "a").value(), 0);
    EXPECT_TRUE(events().list_after(kTestWorkspace, "a", 0, 10)->empty());
    EXPECT_EQ(events().list_after(kTestWorkspace, "a", 0, 0).error().code,
              core::ErrorCode::kInvalidArgument);
}

TEST_P(EventStoreContract, SeqContinuesAfterARestart) {
    add_job("a");
    append("a", "1");
    append("a", "2");
    append("a", "3");
    backend().reopen();
    EXPECT_EQ(events().last_seq(kTestWorkspace, "a").value(), 3);
    EXPECT_EQ(append("a", "4"), 4);
    EXPECT_EQ(seqs_after("a", 0, 100), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST_P(EventStoreContract, ResumeFromLastSeenHasNoGapAndNoRepeat) {
    add_job("a");
    for (int i = 0; i < 20; ++i) {
        append("a", std::to_string(i));
    }
    std::vector<std::int64_t> seen;
    std::int64_t last = 0;
    for (;;) {
        const auto chunk = seqs_after("a", last, 6);
        if (chunk.empty()) {
            break;
        }
        seen.insert(seen.end(), chunk.begin(), chunk.end());
        last = chunk.back();
    }
    std::vector<std::int64_t> expected(20);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        expected[i] = static_cast<std::int64_t>(i) + 1;
    }
    EXPECT_EQ(seen, expected);
    EXPECT_EQ(seqs_after("a", 17, 100), (std::vector<std::int64_t>{18, 19, 20}));
}

TEST_P(EventStoreContract, ConcurrentAppendsGetDistinctConsecutiveSeqs) {
    add_job("a");
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                append("a", "m");
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    std::vector<std::int64_t> expected(200);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        expected[i] = static_cast<std::int64_t>(i) + 1;
    }
    EXPECT_EQ(seqs_after("a", 0, 1000), expected);
}

}  // namespace
}  // namespace swarm::test
