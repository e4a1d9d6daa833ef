// error_response sends Retry-After exactly when the error carries retry_after, and the handlers
// that submit jobs (POST /api/v1/jobs, POST /api/generate-content) get it from a full queue.
#include "http/error_response.hpp"

#include "core/services/event_hub.hpp"
#include "core/services/job_service.hpp"
#include "core/services/work_signal.hpp"
#include "http/handlers/compat_handlers.hpp"
#include "http/handlers/job_handlers.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_event_store.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"
#include "support/route_call.hpp"
#include "support/test_paths.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace swarm::http {
namespace {

using core::ErrorCode;
using std::chrono::seconds;

core::Error error_with(ErrorCode code, std::optional<seconds> retry_after) {
    core::Error error{code, "message", {}, {}};
    error.retry_after = retry_after;
    return error;
}

TEST(ErrorResponse, RetryAfterHeaderExactlyWhenTheErrorCarriesIt) {
    EXPECT_EQ(
        error_response(error_with(ErrorCode::kResourceExhausted, seconds(7))).header("Retry-After"),
        "7");
    EXPECT_EQ(error_response(error_with(ErrorCode::kUnavailable, seconds(0))).header("Retry-After"),
              "0");
    EXPECT_EQ(error_response(503, error_with(ErrorCode::kUnavailable, seconds(30)), "draining")
                  .header("Retry-After"),
              "30");
    for (const auto code : {ErrorCode::kResourceExhausted, ErrorCode::kUnavailable,
                            ErrorCode::kInvalidArgument, ErrorCode::kInternal}) {
        SCOPED_TRACE(std::string(core::to_string(code)));
        EXPECT_FALSE(error_response(error_with(code, std::nullopt)).header("Retry-After"));
        EXPECT_FALSE(error_response(429, error_with(code, std::nullopt)).header("Retry-After"));
    }
}

/// The jobs API over real SQLite stores, with a queue of one job and a 7 s retry hint.
class SubmitRefusal : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open((dir_.path() / "swarm.db").string());
        ASSERT_TRUE(db.has_value());
        jobs_ = std::make_unique<storage::SqliteJobStore>(*db, clock_);
        events_ = std::make_unique<storage::SqliteEventStore>(*db, clock_);
        service_ = std::make_unique<core::JobService>(
            core::JobServiceDeps{.jobs = *jobs_,
                                 .events = *events_,
                                 .hub = hub_,
                                 .signal = signal_,
                                 .clock = clock_,
                                 .new_id =
                                     [this] {
                                         return "job-" + std::to_string(++ids_);
                                     }},
            core::JobServiceOptions{.queue_capacity = 1, .retry_after = seconds(7)});
        deps_.jobs = service_.get();
        deps_.events = events_.get();
        deps_.hub = &hub_;
    }

    static Request post(std::string target, std::string body) {
        Request q;
        q.principal = test::test_owner();
        q.method = "POST";
        q.target = q.path = std::move(target);
        q.headers["content-type"] = "application/json";
        q.body = std::move(body);
        return q;
    }

    static constexpr const char* kBrief = R"({"prompt":"Launch","platforms":["linkedin"]})";

    test::TempDir dir_;
    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::unique_ptr<storage::SqliteJobStore> jobs_;
    std::unique_ptr<storage::SqliteEventStore> events_;
    core::EventHub hub_;
    core::WorkSignal signal_;
    int ids_ = 0;
    std::unique_ptr<core::JobService> service_;
    ApiDeps deps_;
};

TEST_F(SubmitRefusal, AFullQueueAnswers429WithRetryAfterAndNothingElseDoes) {
    const auto accepted = handle_submit_job(deps_, post("/api/v1/jobs", kBrief));
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    EXPECT_FALSE(accepted.header("Retry-After"));
    const auto bad = handle_submit_job(deps_, post("/api/v1/jobs", "{"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_FALSE(bad.header("Retry-After"));

    const auto full = handle_submit_job(deps_, post("/api/v1/jobs", kBrief));
    EXPECT_EQ(full.status, 429) << full.body;
    EXPECT_EQ(full.header("Retry-After"), "7");

    const auto compat = handle_generate_content(
        deps_, post("/api/generate-content", R"({"user_id":"u","prompt":"Launch"})"));
    EXPECT_EQ(compat.status, 429) << compat.body;
    EXPECT_EQ(compat.header("Retry-After"), "7");
    const auto compat_bad = handle_generate_content(deps_, post("/api/generate-content", "{}"));
    EXPECT_EQ(compat_bad.status, 400);
    EXPECT_FALSE(compat_bad.header("Retry-After"));
}

}  // namespace
}  // namespace swarm::http
