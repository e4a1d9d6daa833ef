// A job whose final status cannot be written (the store fails: full disk, lost connection) is
// retried, then its lease lapses and the runner takes it up again: never left running forever.
#include "services_fixture.hpp"

#include <atomic>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::JobStatus;

/// A clock tests move while workers read it (FakeClock is for single-threaded moves).
class SharedClock final : public core::Clock {
public:
    explicit SharedClock(std::chrono::system_clock::time_point start)
        : start_(start), start_steady_(start.time_since_epoch()) {}

    std::chrono::system_clock::time_point now() const override { return start_ + offset(); }

    std::chrono::steady_clock::time_point steady_now() const override {
        return start_steady_ + offset();
    }

    void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

private:
    std::chrono::milliseconds offset() const {
        return std::chrono::milliseconds{offset_ms_.load()};
    }

    std::chrono::system_clock::time_point start_;
    std::chrono::steady_clock::time_point start_steady_;
    std::atomic<std::int64_t> offset_ms_{0};
};

/// Forwards to a real store; finish() fails with a storage fault while `failures_left` > 0.
class FaultyJobStore final : public core::JobStore {
public:
    explicit FaultyJobStore(core::JobStore& inner) : inner_(inner) {}

    std::atomic<int> failures_left{0};
    std::atomic<int> failed_finishes{0};

    core::Result<core::CreatedJob> create(const core::WorkspaceId& workspace,
                                          const core::NewJob& job) override {
        return inner_.create(workspace, job);
    }

    core::Result<core::JobRecord> get(const core::WorkspaceId& workspace,
                                      const std::string& id) override {
        return inner_.get(workspace, id);
    }

    core::Result<core::JobRecord> get_for_worker(const std::string& id) override {
        return inner_.get_for_worker(id);
    }

    core::Result<core::JobPage> list(const core::WorkspaceId& workspace,
                                     const core::JobQuery& query) override {
        return inner_.list(workspace, query);
    }

    core::Result<std::optional<core::JobRecord>> claim_next(
        const std::string& worker_id, std::chrono::milliseconds lease) override {
        return inner_.claim_next(worker_id, lease);
    }

    core::Result<core::JobRecord> renew_lease(const std::string& id, const core::JobClaim& claim,
                                              std::chrono::milliseconds lease) override {
        return inner_.renew_lease(id, claim, lease);
    }

    core::Result<core::JobRecord> finish(const std::string& id, const core::JobClaim& claim,
                                         JobStatus status, const std::string& error,
                                         const std::vector<core::Platform>& missing) override {
        if (failures_left.fetch_sub(1) > 0) {
            ++failed_finishes;
            return core::fail(core::ErrorCode::kIo, "storage: database or disk is full");
        }
        return inner_.finish(id, claim, status, error, missing);
    }

    core::Result<core::JobRecord> set_notes(const std::string& id, const core::JobClaim& claim,
                                            const std::vector<std::string>& notes) override {
        return inner_.set_notes(id, claim, notes);
    }

    core::Result<core::JobRecord> add_usage(const std::string& id, const core::JobClaim& claim,
                                            const core::JobUsage& usage) override {
        return inner_.add_usage(id, claim, usage);
    }

    core::Result<core::JobRecord> request_cancel(const core::WorkspaceId& workspace,
                                                 const std::string& id) override {
        return inner_.request_cancel(workspace, id);
    }

    core::Result<std::vector<core::RequeuedJob>> hand_back(const std::string& worker_id) override {
        return inner_.hand_back(worker_id);
    }

    core::Result<std::vector<core::RequeuedJob>> requeue_interrupted(
        const core::RetryPolicy& policy) override {
        return inner_.requeue_interrupted(policy);
    }

    core::Result<std::vector<core::RequeuedJob>> requeue_expired_leases(
        core::Timestamp now, const core::RetryPolicy& policy) override {
        return inner_.requeue_expired_leases(now, policy);
    }

    core::Result<std::map<JobStatus, std::int64_t>> count_by_status() override {
        return inner_.count_by_status();
    }

    core::Result<core::WorkspaceLoad> workspace_load(const core::WorkspaceId& workspace,
                                                     core::Timestamp since) override {
        return inner_.workspace_load(workspace, since);
    }

private:
    core::JobStore& inner_;
};

class JobStoreFaultTest : public ServicesTest {
protected:
    SharedClock shared_clock_{clock_.now()};
    storage::SqliteJobStore shared_jobs_{db_, shared_clock_};
    storage::SqliteEventStore shared_events_{db_, shared_clock_};
    storage::SqliteContentStore shared_content_{db_, shared_clock_};
    FaultyJobStore faulty_{shared_jobs_};
    std::unique_ptr<core::JobRunner> runner_;

    void start_runner(int finish_retries) {
        core::JobRunnerDeps deps{
            faulty_,  shared_events_, shared_content_,
            hub_,     signal_,        core::PipelineResources{kbs_, time_zones_, shared_clock_},
            &metrics_};
        core::JobRunnerOptions options;
        options.workers = 1;
        options.lease = 1min;
        options.renew_every = 20ms;
        options.poll_interval = 5ms;
        options.retry = core::RetryPolicy{5, 0ms, 0ms};
        options.finish_retries = finish_retries;
        options.finish_retry_backoff = 1ms;
        options.decode_brief = [](const std::string& json) {
            return codec::decode_brief(json);
        };
        options.encode_item = [](const core::ContentItem& item) {
            return codec::encode_item(item).dump();
        };
        runner_ = std::make_unique<core::JobRunner>(std::move(deps), std::move(options));
        ASSERT_TRUE(runner_->start());
    }

    ~JobStoreFaultTest() override {
        if (runner_) {
            runner_->stop();
        }
    }
};

TEST_F(JobStoreFaultTest, AFinishThatFailsFewerTimesThanTheRetriesEndsInOneRun) {
    faulty_.failures_left = 3;
    start_runner(3);
    const auto id = submit().job.id;
    const auto job = wait_final(id);
    EXPECT_TRUE(job.status == JobStatus::kSucceeded || job.status == JobStatus::kPartial);
    EXPECT_EQ(job.attempts, 1);
    EXPECT_EQ(faulty_.failed_finishes.load(), 3);
}

TEST_F(JobStoreFaultTest, AFinishThatKeepsFailingLetsTheLeaseLapseAndTheJobIsTakenUpAgain) {
    for (const int retries : {0, 2}) {
        faulty_.failures_left = retries + 1;  // one more than the runner tries
        faulty_.failed_finishes = 0;
        start_runner(retries);
        const auto id = submit().job.id;
        for (int i = 0; i < 30000 && faulty_.failed_finishes.load() < retries + 1; ++i) {
            std::this_thread::sleep_for(1ms);
        }
        ASSERT_EQ(faulty_.failed_finishes.load(), retries + 1) << "retries " << retries;
        for (int i = 0; i < 3000 && metrics_.running.load() != 0; ++i) {
            std::this_thread::sleep_for(1ms);
        }
        EXPECT_EQ(jobs_->get(kTestWorkspace, id)->status,
                  JobStatus::kRunning);  // what the store still says
        shared_clock_.advance(2min);     // the lease nobody renews lapses
        const auto job = wait_final(id);
        EXPECT_TRUE(job.status == JobStatus::kSucceeded || job.status == JobStatus::kPartial)
            << job.error;
        EXPECT_EQ(job.attempts, 2);
        bool rescued = false;
        for (const auto& event : events_of(id)) {
            rescued = rescued || event.message.find("lease expired") != std::string::npos;
        }
        EXPECT_TRUE(rescued) << "a queue event says why the job ran again";
        runner_->stop();
        runner_.reset();
    }
}

}  // namespace
}  // namespace swarm::test
