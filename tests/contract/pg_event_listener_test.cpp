// PostgreSQL-specific: LISTEN/NOTIFY wake-ups (a NOTIFY from another connection reaches the
// callback as job_id and seq), malformed payloads, stop, and reconnecting after a drop.
#include "storage/postgres/pg_event_listener.hpp"

#include "contract/storage_backends_pg.hpp"
#include "storage/postgres/pg_event_store.hpp"
#include "storage/postgres/pg_job_store.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using Wakeup = std::pair<std::string, std::int64_t>;

/// Collects the wake-ups of jobs whose id starts with `prefix` (test processes running in
/// parallel share the channel); `wait_for` blocks until `count` arrived or `limit` passed.
class Wakeups {
public:
    explicit Wakeups(std::string prefix) : prefix_(std::move(prefix)) {}

    storage::PgEventListener::Callback callback() {
        return [this](const core::WorkspaceId& /*workspace*/, const std::string& job_id,
                      std::int64_t seq) {
            if (!job_id.starts_with(prefix_)) {
                return;
            }
            {
                const std::lock_guard lock(mutex_);
                seen_.emplace_back(job_id, seq);
            }
            arrived_.notify_all();
        };
    }

    std::vector<Wakeup> wait_for(std::size_t count,
                                 std::chrono::milliseconds limit = std::chrono::seconds{10}) {
        std::unique_lock lock(mutex_);
        arrived_.wait_for(lock, limit, [&] { return seen_.size() >= count; });
        return seen_;
    }

private:
    std::string prefix_;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<Wakeup> seen_;
};

class PgEventListenerTest : public PgTest {
protected:
    std::unique_ptr<storage::PgEventListener> listen(
        Wakeups& wakeups, const std::string& name = "listener",
        std::function<void(const core::Error&)> on_error = {}) {
        storage::PgListenerOptions options;
        options.wait = std::chrono::milliseconds{50};
        options.reconnect_delay = std::chrono::milliseconds{50};
        options.connection.application_name = id(name);
        options.on_error = std::move(on_error);
        auto listener = storage::PgEventListener::start(url(), wakeups.callback(), options);
        EXPECT_TRUE(listener) << (listener ? "" : listener.error().message);
        return listener ? std::move(*listener) : nullptr;
    }

    /// A name only this test uses (tests in parallel processes share the channel).
    std::string id(const std::string& name) const { return schema() + "_" + name; }

    /// Sends "<test workspace>/<payload>", as an event append does.
    void notify(const std::string& payload) {
        pg_query(url(), "SELECT pg_notify('swarm_events', '" + kTestWorkspace.str() + "/" +
                            payload + "')");
    }
};

TEST_F(PgEventListenerTest, AnAppendOnAnotherConnectionWakesTheListener) {
    const auto job = id("job");
    Wakeups wakeups(job);
    auto listener = listen(wakeups);
    ASSERT_TRUE(listener);
    auto db = open_replica(2);
    ASSERT_TRUE(db);
    FakeClock clock{kContractEpoch};
    storage::PgJobStore jobs(db, clock);
    storage::PgEventStore events(db, clock);
    ASSERT_TRUE(jobs.create(kTestWorkspace, {job, "{}", {}, std::nullopt}));
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(events.append(job, core::JobEvent{}));
    }
    EXPECT_EQ(wakeups.wait_for(3), (std::vector<Wakeup>{{job, 1}, {job, 2}, {job, 3}}));
}

TEST_F(PgEventListenerTest, MalformedPayloadsAreIgnoredAndIdsMayHoldColons) {
    const auto job = id("tenant") + ":job";
    Wakeups wakeups(id(""));
    auto listener = listen(wakeups);
    ASSERT_TRUE(listener);
    for (const auto* bad : {"", ":", ":x", ":0", ":5x", ":-2"}) {
        notify(id("bad") + bad);
    }
    notify(":4");
    notify(job + ":7");
    EXPECT_EQ(wakeups.wait_for(1), (std::vector<Wakeup>{{job, 7}}));
}

TEST_F(PgEventListenerTest, AfterStopNothingIsDelivered) {
    const auto job = id("a");
    Wakeups wakeups(job);
    auto listener = listen(wakeups);
    ASSERT_TRUE(listener);
    notify(job + ":1");
    ASSERT_EQ(wakeups.wait_for(1).size(), 1U);
    listener->stop();
    listener->stop();  // idempotent
    notify(job + ":2");
    Wakeups later(job);
    auto witness = listen(later, "witness");  // a second listener proves the NOTIFY was sent
    ASSERT_TRUE(witness);
    notify(job + ":3");
    EXPECT_EQ(later.wait_for(1), (std::vector<Wakeup>{{job, 3}}));
    EXPECT_EQ(wakeups.wait_for(1), (std::vector<Wakeup>{{job, 1}}));
}

TEST_F(PgEventListenerTest, ItReconnectsAfterTheServerDroppedItsConnection) {
    const auto job = id("again");
    Wakeups wakeups(job);
    std::mutex mutex;
    std::vector<core::Error> errors;
    auto listener = listen(wakeups, "listener", [&](const core::Error& error) {
        const std::lock_guard lock(mutex);
        errors.push_back(error);
    });
    ASSERT_TRUE(listener);
    EXPECT_EQ(pg_query(url(),
                       "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE application_name = '" +
                           id("listener") + "'"),
              "1");
    // Until it is back, NOTIFYs are lost (readers poll); keep sending until one arrives.
    std::vector<Wakeup> seen;
    for (int i = 1; i <= 100 && seen.empty(); ++i) {
        notify(job + ":" + std::to_string(i));
        seen = wakeups.wait_for(1, std::chrono::milliseconds{200});
    }
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.front().first, job);
    EXPECT_GE(listener->reconnects(), 1);
    listener->stop();
    // The drop was reported before the reconnect, without the URL (it may hold a password).
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors.front().code, core::ErrorCode::kUnavailable);
    EXPECT_TRUE(errors.front().message.starts_with("storage postgres: "));
    EXPECT_EQ(errors.front().message.find(url()), std::string::npos);
}

TEST(PgEventListenerPayload, ParsesWorkspaceJobIdAndSeq) {
    std::string workspace;
    std::string job;
    std::int64_t seq = 0;
    EXPECT_TRUE(
        storage::PgEventListener::parse_payload("ws_00000000000000a1/j-1:42", workspace, job, seq));
    EXPECT_EQ(workspace, "ws_00000000000000a1");
    EXPECT_EQ(job, "j-1");
    EXPECT_EQ(seq, 42);
    EXPECT_TRUE(storage::PgEventListener::parse_payload("w/a:b:7", workspace, job, seq));
    EXPECT_EQ(job, "a:b");
    // The payload of versions before workspaces names no workspace: ignored (streams poll).
    EXPECT_FALSE(storage::PgEventListener::parse_payload("j-1:42", workspace, job, seq));
    for (const char* bad :
         {"w/j-1", "w/j-1:-3", "w/j-1:99999999999999999999", "/j:1", "w/:1", "w/j:", ""}) {
        EXPECT_FALSE(storage::PgEventListener::parse_payload(bad, workspace, job, seq)) << bad;
    }
}

}  // namespace
}  // namespace swarm::test
