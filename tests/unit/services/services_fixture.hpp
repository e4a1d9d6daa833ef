// Fixture for the job machinery's tests: real SQLite stores in a temporary file, the sample
// knowledge base in memory, a FixedTimeZones, the codec for briefs and items, and a writer gate.
#pragma once

#include "codec/brief_json.hpp"
#include "codec/result_json.hpp"
#include "core/ports/knowledge_bases.hpp"
#include "core/services/event_hub.hpp"
#include "core/services/job_metrics.hpp"
#include "core/services/job_runner.hpp"
#include "core/services/job_service.hpp"
#include "core/services/work_signal.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_event_store.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fake_time_zones.hpp"
#include "support/fakes.hpp"
#include "support/test_paths.hpp"
#include "unit/agents/agent_fixtures.hpp"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {

using namespace std::chrono_literals;

/// Holds every writer at its start until opened: a job stays "running" as long as a test needs.
class WriterGate {
public:
    void open() {
        {
            const std::lock_guard lock(mutex_);
            open_ = true;
        }
        cv_.notify_all();
    }

    /// Blocks until some writer is waiting at the gate (at most 30 s).
    bool wait_entered() {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, 30s, [this] { return entered_ > 0; });
    }

    core::WriterFactory factory() {
        return [this](core::Platform platform) {
            return std::make_unique<GatedWriter>(*this, core::make_offline_writer(platform));
        };
    }

private:
    class GatedWriter final : public core::Writer {
    public:
        GatedWriter(WriterGate& gate, std::unique_ptr<core::Writer> inner)
            : gate_(gate), inner_(std::move(inner)) {}

        core::Result<core::ContentItem> write(const core::WriterInput& input) override {
            std::unique_lock lock(gate_.mutex_);
            ++gate_.entered_;
            gate_.cv_.notify_all();
            gate_.cv_.wait(lock, [this] { return gate_.open_; });
            lock.unlock();
            return inner_->write(input);
        }

    private:
        WriterGate& gate_;
        std::unique_ptr<core::Writer> inner_;
    };

    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false;
    int entered_ = 0;
};

class ServicesTest : public ::testing::Test {
protected:
    ServicesTest() {
        auto db = storage::SqliteDatabase::open((dir_.path() / "swarm.db").string());
        if (!db) {
            throw std::runtime_error(core::describe(db.error()));
        }
        db_ = *db;
        jobs_ = std::make_unique<storage::SqliteJobStore>(db_, clock_);
        events_ = std::make_unique<storage::SqliteEventStore>(db_, clock_);
        content_ = std::make_unique<storage::SqliteContentStore>(db_, clock_);
        service_ = make_service(100);
    }

    ~ServicesTest() override { gate_.open(); }

    std::unique_ptr<core::JobService> make_service(std::int64_t capacity) {
        core::JobServiceDeps deps{*jobs_,   *events_,
                                  hub_,     signal_,
                                  clock_,   [this] { return "job-" + std::to_string(++next_id_); },
                                  &metrics_};
        return std::make_unique<core::JobService>(std::move(deps),
                                                  core::JobServiceOptions{capacity, 7s});
    }

    /// A runner owned by the fixture (joined at teardown, after the gate opened).
    core::JobRunner& make_runner(int workers, core::WriterFactory writers = {},
                                 const std::string& instance = "test",
                                 const core::RetryPolicy& retry = {}, bool shared_store = false) {
        core::JobRunnerDeps deps{
            *jobs_,    *events_,
            *content_, hub_,
            signal_,   core::PipelineResources{kbs_, time_zones_, clock_, std::move(writers)},
            &metrics_};
        core::JobRunnerOptions options;
        options.workers = workers;
        options.instance_id = instance;
        options.renew_every = 20ms;  // exercise the renewer on every job
        options.retry = retry;
        // A store shared with other runners: leases rescued, nothing requeued at start.
        options.requeue_all_running_at_start = !shared_store;
        options.rescue_expired_leases = shared_store;
        options.decode_brief = [](const std::string& json) {
            return codec::decode_brief(json);
        };
        options.encode_item = [](const core::ContentItem& item) {
            return codec::encode_item(item).dump();
        };
        runners_.push_back(std::make_unique<core::JobRunner>(std::move(deps), std::move(options)));
        return *runners_.back();
    }

    static std::string brief_json() { return read_file(shared_sample("brief-fieldnote.json")); }

    core::SubmitOutcome submit(const std::optional<std::string>& key = std::nullopt) {
        const auto json = brief_json();
        auto brief = codec::decode_brief(json);
        EXPECT_TRUE(brief.has_value());
        auto outcome = service_->submit(kTestWorkspace, *brief, json, key);
        if (!outcome) {
            throw std::runtime_error(core::describe(outcome.error()));
        }
        return *outcome;
    }

    /// Polls the store until the job is final and its job_finished event stored (the runner
    /// appends that event right after the final status; at most 60 s).
    core::JobRecord wait_final(const std::string& id) {
        for (int i = 0; i < 6000; ++i) {
            auto job = jobs_->get(kTestWorkspace, id);
            auto last = events_->last_seq(kTestWorkspace, id);
            if (job && core::is_final(job->status) && last && *last > 0) {
                auto tail = events_->list_after(kTestWorkspace, id, *last - 1, 1);
                if (tail && !tail->empty() && tail->back().type == core::EventType::kJobFinished) {
                    return *job;
                }
            }
            std::this_thread::sleep_for(10ms);
        }
        throw std::runtime_error("job " + id + " did not finish");
    }

    /// Polls the store until the job has `status` (at most 30 s).
    bool wait_status(const std::string& id, core::JobStatus status) {
        for (int i = 0; i < 3000; ++i) {
            auto job = jobs_->get(kTestWorkspace, id);
            if (job && job->status == status) {
                return true;
            }
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

    std::vector<core::JobEvent> events_of(const std::string& id) {
        auto list = events_->list_after(kTestWorkspace, id, 0, 1000);
        EXPECT_TRUE(list.has_value());
        return list ? *list : std::vector<core::JobEvent>{};
    }

    std::vector<core::ItemRecord> items_of(const std::string& id) {
        core::ContentQuery query;
        query.job_id = id;
        query.limit = 100;
        auto page = content_->list(kTestWorkspace, query);
        EXPECT_TRUE(page.has_value());
        return page ? page->items : std::vector<core::ItemRecord>{};
    }

    static int count_type(const std::vector<core::JobEvent>& events, core::EventType type) {
        int n = 0;
        for (const auto& e : events) {
            n += e.type == type ? 1 : 0;
        }
        return n;
    }

    TempDir dir_;
    FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 9h};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteEventStore> events_;
    std::unique_ptr<storage::SqliteContentStore> content_;
    core::EventHub hub_;
    core::WorkSignal signal_;
    core::JobMetrics metrics_;
    InMemoryKnowledgeBase kb_{sample_passages()};
    core::SharedKnowledgeBase kbs_{kb_, nullptr};  // every workspace grounds in kb_
    FixedTimeZones time_zones_;
    std::atomic<int> next_id_{0};
    std::unique_ptr<core::JobService> service_;
    WriterGate gate_;  // opened by the destructor's body, before the runners join
    std::vector<std::unique_ptr<core::JobRunner>> runners_;  // destroyed first
};

}  // namespace swarm::test
