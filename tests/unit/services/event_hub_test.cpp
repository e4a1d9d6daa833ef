#include "core/services/event_hub.hpp"

#include "core/services/stored_event_sink.hpp"
#include "services_fixture.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

core::JobEvent progress(const std::string& message) {
    core::JobEvent e;
    e.type = core::EventType::kAgentProgress;
    e.agent = "research";
    e.message = message;
    return e;
}

TEST(EventHub, DeliversOnlyToSubscribersOfTheJob) {
    core::EventHub hub;
    std::vector<std::string> a;
    std::vector<std::string> b;
    auto sub_a = hub.subscribe("a", [&](const core::JobEvent& e) { a.push_back(e.message); });
    auto sub_b = hub.subscribe("b", [&](const core::JobEvent& e) { b.push_back(e.message); });
    hub.publish("a", progress("one"));
    hub.publish("b", progress("two"));
    hub.publish("c", progress("nobody"));
    EXPECT_EQ(a, (std::vector<std::string>{"one"}));
    EXPECT_EQ(b, (std::vector<std::string>{"two"}));
}

TEST(EventHub, SubscriptionUnsubscribesWhenDestroyedOrReset) {
    core::EventHub hub;
    int calls = 0;
    {
        auto sub = hub.subscribe("a", [&](const core::JobEvent&) { ++calls; });
        EXPECT_EQ(hub.subscriber_count("a"), 1U);
        hub.publish("a", progress("x"));
    }
    EXPECT_EQ(hub.subscriber_count("a"), 0U);
    hub.publish("a", progress("y"));
    auto sub = hub.subscribe("a", [&](const core::JobEvent&) { ++calls; });
    auto moved = std::move(sub);
    EXPECT_FALSE(sub.active());  // NOLINT(bugprone-use-after-move): moved-from is inactive
    moved.reset();
    hub.publish("a", progress("z"));
    EXPECT_EQ(calls, 1);
}

TEST(EventHub, CallbackMayDropItsOwnSubscription) {
    core::EventHub hub;
    int calls = 0;
    core::EventHub::Subscription sub;
    sub = hub.subscribe("a", [&](const core::JobEvent&) {
        ++calls;
        sub.reset();
    });
    hub.publish("a", progress("x"));
    hub.publish("a", progress("y"));
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(hub.subscriber_count("a"), 0U);
}

TEST(EventHub, ConcurrentPublishersAndSubscribersDeliverEveryEvent) {
    core::EventHub hub;
    std::atomic<int> received{0};
    auto sub = hub.subscribe("a", [&](const core::JobEvent&) { ++received; });
    {
        std::vector<std::jthread> threads;
        threads.reserve(4);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&hub] {
                for (int i = 0; i < 250; ++i) {
                    hub.publish("a", progress("e"));
                    auto extra = hub.subscribe("a", [](const core::JobEvent&) {});
                }
            });
        }
    }
    EXPECT_EQ(received.load(), 1000);
    EXPECT_EQ(hub.subscriber_count("a"), 1U);
}

using StoredEventSinkTest = ServicesTest;

TEST_F(StoredEventSinkTest, StoresBeforePublishingWithTheStoredSeq) {
    const auto job = submit().job;
    std::vector<std::int64_t> seen;
    std::vector<std::int64_t> stored_when_seen;
    auto sub = hub_.subscribe(job.id, [&](const core::JobEvent& e) {
        seen.push_back(e.seq);
        stored_when_seen.push_back(*events_->last_seq(kTestWorkspace, job.id));
    });
    core::StoredEventSink sink(job.id, *events_, hub_);
    sink.publish(progress("one"));
    sink.publish(progress("two"));
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(stored_when_seen, (std::vector<std::int64_t>{1, 2}));
    EXPECT_FALSE(sink.first_error().has_value());
}

TEST_F(StoredEventSinkTest, RemembersTheFirstStoreErrorAndPublishesNothing) {
    int published = 0;
    auto sub = hub_.subscribe("missing", [&](const core::JobEvent&) { ++published; });
    core::StoredEventSink sink("missing", *events_, hub_);
    sink.publish(progress("one"));
    sink.publish(progress("two"));
    ASSERT_TRUE(sink.first_error().has_value());
    EXPECT_EQ(sink.first_error()->code, core::ErrorCode::kNotFound);
    EXPECT_EQ(published, 0);
}

TEST_F(StoredEventSinkTest, DropsEventsOnceAbandoned) {
    const auto job = submit().job;
    core::StoredEventSink sink(job.id, *events_, hub_);
    sink.publish(progress("kept"));
    sink.abandon();
    sink.publish(progress("dropped"));
    EXPECT_EQ(events_of(job.id).size(), 1U);
    EXPECT_FALSE(sink.first_error().has_value());
}

}  // namespace
}  // namespace swarm::test
