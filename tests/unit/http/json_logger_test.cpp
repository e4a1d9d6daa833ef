// JsonLogger's asynchronous mode: nothing lost (many threads; destruction writes the rest), every
// line valid JSON with the same fields as the synchronous mode, per-thread order kept, lines
// batched, a full queue drops (never blocks) and says how many it dropped.
#include "http/json_logger.hpp"

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::http {
namespace {

struct Collected {
    std::mutex mutex;
    std::vector<std::string> calls;

    JsonLogger::Sink sink() {
        return [this](std::string_view lines) {
            const std::lock_guard lock(mutex);
            calls.emplace_back(lines);
        };
    }

    std::vector<nlohmann::json> lines() {
        const std::lock_guard lock(mutex);
        std::vector<nlohmann::json> out;
        for (const auto& call : calls) {
            std::istringstream in(call);
            for (std::string line; std::getline(in, line);) {
                out.push_back(nlohmann::json::parse(line));
            }
        }
        return out;
    }
};

const nlohmann::json kBase{{"version", "9.9.9"}, {"instance_id", "i-1"}};

TEST(JsonLoggerAsync, EveryLineFromManyThreadsArrivesInOrderPerThread) {
    Collected out;
    constexpr int kThreads = 4;
    constexpr int kEach = 5000;
    {
        JsonLogger logger(kBase, out.sink(), JsonLogger::AsyncOptions{});
        std::vector<std::thread> threads;
        threads.reserve(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&logger, t] {
                for (int i = 0; i < kEach; ++i) {
                    if (i % 2 == 0) {
                        logger.access({"t" + std::to_string(t) + "-" + std::to_string(i), "GET",
                                       "/x/{id}", 200, 0.25, ""});
                    } else {
                        logger.info("note", {{"thread", t}, {"i", i}});
                    }
                }
            });
        }
        for (auto& th : threads) {
            th.join();
        }
    }  // destruction writes what is queued
    const auto lines = out.lines();
    ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEach));
    std::map<int, int> next;
    for (const auto& line : lines) {
        EXPECT_EQ(line["version"], "9.9.9");
        EXPECT_EQ(line["instance_id"], "i-1");
        EXPECT_TRUE(line.contains("time"));
        int thread = 0;
        int i = 0;
        if (line["msg"] == "request") {
            const auto id = line["request_id"].get<std::string>();
            thread = std::stoi(id.substr(1, id.find('-') - 1));
            i = std::stoi(id.substr(id.find('-') + 1));
            EXPECT_EQ(line["status"], 200);
            EXPECT_EQ(line["route"], "/x/{id}");
            EXPECT_EQ(line["level"], "info");
        } else {
            thread = line["thread"];
            i = line["i"];
        }
        EXPECT_EQ(i, next[thread]) << "thread " << thread << " out of order";
        next[thread] = i + 1;
    }
    EXPECT_LT(out.calls.size(), lines.size()) << "lines are written in batches";
}

TEST(JsonLoggerAsync, FlushReturnsOnlyWhenEarlierLinesAreWritten) {
    Collected out;
    JsonLogger logger(kBase, out.sink(), JsonLogger::AsyncOptions{});
    for (int round = 1; round <= 20; ++round) {
        logger.warn("round", {{"n", round}});
        logger.flush();
        const auto lines = out.lines();
        ASSERT_EQ(lines.size(), static_cast<std::size_t>(round));
        EXPECT_EQ(lines.back()["n"], round);
        EXPECT_EQ(lines.back()["level"], "warn");
    }
}

TEST(JsonLoggerAsync, AFullQueueDropsAndReportsTheCountWithoutBlocking) {
    Collected out;
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::atomic<bool> first{true};
    {
        JsonLogger logger(
            kBase,
            [&out, gate, &first](std::string_view lines) {
                if (first.exchange(false)) {
                    gate.wait();  // the writer is stuck: the queue fills up
                }
                out.sink()(lines);
            },
            JsonLogger::AsyncOptions{.max_queued = 10});
        logger.info("first");
        // Wait until the writer holds "first" (blocked in the sink), then overfill the queue.
        while (true) {
            logger.info("probe");
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (!first) {
                break;
            }
        }
        for (int i = 0; i < 100; ++i) {
            logger.info("flood", {{"i", i}});  // returns at once even though nothing is written
        }
        release.set_value();
    }
    const auto lines = out.lines();
    std::size_t dropped = 0;
    std::size_t floods = 0;
    for (const auto& line : lines) {
        if (line["msg"] == "log lines dropped") {
            dropped += line["dropped"].get<std::size_t>();
            EXPECT_EQ(line["level"], "warn");
        }
        floods += line["msg"] == "flood" ? 1U : 0U;
    }
    EXPECT_GE(dropped, 90U);
    EXPECT_LE(floods, 10U);
    EXPECT_GE(floods + dropped, 100U);
}

TEST(JsonLoggerAsync, AccessLinesEscapeAndCarryTheCauseOfA5xx) {
    Collected out;
    {
        JsonLogger logger(kBase, out.sink(), JsonLogger::AsyncOptions{});
        logger.access({"r\"1", "GET", "/a\\b", 500, 1.5, "disk full at /var/lib/x \xff"});
        logger.access({"r2", "GET", "/ok", 204, 0.0, ""});
        logger.access({"r3", "GET", "/media/{id}", 503, 0.1, "saturated"});
        logger.access({"r4", "GET", "/readyz", 503, 0.1, "media: timeout"});
    }
    const auto lines = out.lines();
    ASSERT_EQ(lines.size(), 4U);
    EXPECT_EQ(lines[2]["level"], "warn");
    EXPECT_EQ(lines[3]["level"], "info") << "every probe of a not-ready server is not an error";
    EXPECT_EQ(lines[0]["request_id"], "r\"1");
    EXPECT_EQ(lines[0]["route"], "/a\\b");
    EXPECT_EQ(lines[0]["level"], "error");
    EXPECT_NE(lines[0]["cause"].get<std::string>().find("disk full"), std::string::npos);
    EXPECT_EQ(lines[1]["level"], "info");
    EXPECT_FALSE(lines[1].contains("cause"));
}

}  // namespace
}  // namespace swarm::http
