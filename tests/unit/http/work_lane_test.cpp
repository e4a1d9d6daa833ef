// WorkLane: bounded (refuses beyond threads + queue, never blocks the caller), runs every task it
// accepted while running, drops the queued ones on shutdown, and counts right under many posters.
#include "http/work_lane.hpp"

#include <atomic>
#include <future>
#include <latch>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::http {
namespace {

TEST(WorkLane, RefusesExactlyBeyondThreadsPlusQueueForEveryShape) {
    for (const int threads : {1, 2, 5}) {
        for (const std::size_t queue : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
            std::promise<void> release;
            const auto gate = release.get_future().share();
            std::atomic<int> ran{0};
            std::atomic<int> started{0};
            std::size_t accepted = 0;
            {
                WorkLane lane({"t", threads, queue});
                const std::size_t capacity = static_cast<std::size_t>(threads) + queue;
                for (std::size_t i = 0; i < capacity + 5; ++i) {
                    WorkLane::Task task = [gate, &ran, &started] {
                        started.fetch_add(1);
                        gate.wait();
                        ran.fetch_add(1);
                    };
                    if (lane.try_post(task)) {
                        ++accepted;
                    } else {
                        EXPECT_TRUE(task) << "a refused task is left to the caller";
                    }
                }
                EXPECT_EQ(accepted, capacity) << threads << " threads, queue " << queue;
                EXPECT_EQ(lane.refused(), 5U);
                EXPECT_EQ(lane.in_flight(), capacity);
                while (started.load() < threads) {
                    std::this_thread::yield();  // every thread holds a task
                }
                lane.shutdown();  // drops the queued tasks; the running ones finish
                WorkLane::Task late = [] {
                };
                EXPECT_FALSE(lane.try_post(late));
                release.set_value();
            }
            EXPECT_EQ(ran.load(), threads) << threads << " threads, queue " << queue;
        }
    }
}

TEST(WorkLane, ManyPostersEveryAcceptedTaskRunsOnce) {
    std::atomic<int> ran{0};
    std::atomic<int> accepted{0};
    {
        WorkLane lane({"t", 3, 64});
        std::vector<std::thread> posters;
        posters.reserve(4);
        for (int p = 0; p < 4; ++p) {
            posters.emplace_back([&] {
                for (int i = 0; i < 2000; ++i) {
                    WorkLane::Task task = [&ran] {
                        ran.fetch_add(1);
                    };
                    while (!lane.try_post(task)) {
                        std::this_thread::yield();  // full: the caller decides (here: retry)
                    }
                    accepted.fetch_add(1);
                }
            });
        }
        for (auto& t : posters) {
            t.join();
        }
        // A lane that shuts down drops what is still queued (by design): wait for the queue to
        // drain before it goes, or the last accepted tasks race the destructor.
        while (lane.in_flight() != 0) {
            std::this_thread::yield();
        }
    }
    EXPECT_EQ(accepted.load(), 8000);
    EXPECT_EQ(ran.load(), 8000);
}

TEST(WorkLane, TasksRunOffTheCallingThreadAndInParallel) {
    WorkLane lane({"t", 2, 0});
    std::latch both(2);
    std::promise<std::thread::id> first;
    std::promise<std::thread::id> second;
    WorkLane::Task a = [&] {
        both.arrive_and_wait();  // returns only when the other task runs at the same time
        first.set_value(std::this_thread::get_id());
    };
    WorkLane::Task b = [&] {
        both.arrive_and_wait();
        second.set_value(std::this_thread::get_id());
    };
    ASSERT_TRUE(lane.try_post(a));
    ASSERT_TRUE(lane.try_post(b));
    const auto ta = first.get_future().get();
    const auto tb = second.get_future().get();
    EXPECT_NE(ta, std::this_thread::get_id());
    EXPECT_NE(ta, tb);
}

}  // namespace
}  // namespace swarm::http
