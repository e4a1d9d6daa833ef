// Per-platform pipelining: a platform's editor and designer start as soon as its own writer is
// done. Proved by construction, without timing: a writer that waits for another platform's editor
// (or designer) to start completes only if the lanes do not wait for each other (behind a barrier
// it would wait forever; a safety timeout turns that into a failure). Then the event contract and
// the results over generated platform subsets, each platform failing in turn, offline and in
// every model mode.
#include "core/agents/pipeline.hpp"
#include "support/fake_time_zones.hpp"
#include "support/fakes.hpp"
#include "unit/agents/agent_fixtures.hpp"
#include "unit/agents/designer_fakes.hpp"
#include "unit/agents/llm_test_fixtures.hpp"
#include "unit/agents/pipeline_events.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using namespace std::chrono_literals;
using test::reply;

// Far beyond any run of these jobs; reached only when a lane waits for another (the old barrier).
constexpr auto kSafety = 30s;

const std::vector<Platform> kAll{Platform::kLinkedIn, Platform::kTwitter, Platform::kPitchDeck};

/// Forwards every event and opens once it has seen `agent_started <agent> <platform>`.
class LatchSink final : public EventSink {
public:
    LatchSink(EventSink& inner, std::string agent, Platform platform)
        : inner_(inner), agent_(std::move(agent)), platform_(platform) {}

    void publish(JobEvent event) override {
        const bool opens = event.type == EventType::kAgentStarted && event.agent == agent_ &&
                           event.platform == platform_;
        inner_.publish(std::move(event));
        if (opens) {
            {
                const std::lock_guard lock(mutex_);
                open_ = true;
            }
            cv_.notify_all();
        }
    }

    /// False when the latch did not open within kSafety.
    bool wait() {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, kSafety, [this] { return open_; });
    }

private:
    EventSink& inner_;
    std::string agent_;
    Platform platform_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false;  // guarded by mutex_
};

/// The built-in writer, once the latch is open; a failure (never a hang) when it does not open.
class LatchedWriter final : public Writer {
public:
    LatchedWriter(LatchSink& latch, std::unique_ptr<Writer> inner)
        : latch_(latch), inner_(std::move(inner)) {}

    Result<ContentItem> write(const WriterInput& input) override {
        if (!latch_.wait()) {
            return fail(ErrorCode::kUnavailable, "the other platform's lane never got there");
        }
        return inner_->write(input);
    }

private:
    LatchSink& latch_;
    std::unique_ptr<Writer> inner_;
};

/// The offline pipeline's ports over the sample knowledge base.
struct OfflineRig {
    test::InMemoryKnowledgeBase kb{test::sample_passages()};
    test::FixedTimeZones tz;
    test::FakeClock clock{std::chrono::system_clock::time_point{
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}}};
    test::RecordingEventSink events;
};

struct LatchCase {
    Platform waiting;   // its writer blocks ...
    std::string agent;  // ... until this agent ...
    Platform awaited;   // ... of this platform has started
};

std::vector<LatchCase> latch_cases() {
    std::vector<LatchCase> out;
    for (const Platform waiting : kAll) {
        for (const Platform awaited : kAll) {
            for (const char* agent : {"editor", "designer"}) {
                if (waiting != awaited) {
                    out.push_back(LatchCase{waiting, agent, awaited});
                }
            }
        }
    }
    return out;
}

std::string case_name(const LatchCase& c) {
    return fmt::format("{} waits for {} of {}", to_string(c.waiting), c.agent,
                       to_string(c.awaited));
}

TEST(PipelineLanes, AWriterWaitingForAnotherPlatformsLaterAgentStillCompletes) {
    for (const auto& c : latch_cases()) {
        SCOPED_TRACE(case_name(c));
        OfflineRig rig;
        LatchSink latch(rig.events, c.agent, c.awaited);
        const WriterFactory factory = [&](Platform p) -> std::unique_ptr<Writer> {
            if (p == c.waiting) {
                return std::make_unique<LatchedWriter>(latch, make_offline_writer(p));
            }
            return make_offline_writer(p);
        };
        const PipelineDeps deps{rig.kb, rig.tz, rig.clock, latch, factory};
        auto job = run_pipeline(test::sample_brief(), deps, PipelineOptions{"job1", std::nullopt});
        ASSERT_TRUE(job.has_value());
        EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
        const auto violations = test::contract_violations(rig.events.events(), *job);
        EXPECT_TRUE(violations.empty()) << ::testing::PrintToString(violations);
    }
}

// The same with model writers in parallel mode: the LinkedIn writer's model call waits until the
// X editor has started, so the X lane must have gone on without waiting for LinkedIn.
TEST(PipelineLanes, AModelWriterWaitingForAnotherPlatformsEditorStillCompletes) {
    test::ModelHarness h;
    h.script_good_writers();
    LatchSink latch(h.events, "editor", Platform::kTwitter);
    std::atomic<bool> opened{false};
    auto first = reply(test::json_reply(Platform::kLinkedIn));
    first.on_call = [&] {
        opened = latch.wait();
    };
    h.writer->script("writer:linkedin", {first});
    const PipelineDeps deps{h.kb, h.tz, h.clock, latch, {}, &h.llm, &h.raw, h.stop.get_token()};
    auto job = run_pipeline(test::sample_brief(), deps, PipelineOptions{"job1", std::nullopt});
    ASSERT_TRUE(job.has_value());
    EXPECT_TRUE(opened.load()) << "the X editor did not start while the LinkedIn writer ran";
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    const auto violations = test::contract_violations(h.events.events(), *job);
    EXPECT_TRUE(violations.empty()) << ::testing::PrintToString(violations);
}

// Sequential mode keeps one lane at a time: the X writer starts only after LinkedIn's designer.
TEST(PipelineLanes, SequentialModeRunsOneLaneAfterAnother) {
    test::ModelHarness h;
    h.llm.mode = LlmMode::kSequential;
    h.script_good_writers();
    auto job = h.run();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kSucceeded) << ::testing::PrintToString(job->notes);
    std::vector<std::string> lanes;
    for (const auto& e : h.events.events()) {
        if (e.platform && e.type == EventType::kAgentStarted) {
            lanes.push_back(e.agent + " " + std::string(to_string(*e.platform)));
        }
    }
    const std::vector<std::string> want{
        "writer linkedin",   "editor linkedin",   "designer linkedin",
        "writer twitter",    "editor twitter",    "designer twitter",
        "writer pitch_deck", "editor pitch_deck", "designer pitch_deck"};
    EXPECT_EQ(lanes, want);
}

// ---- Generated variants: every subset of platforms (and one reordering), each failing in turn.

struct Variant {
    std::vector<Platform> platforms;
    std::optional<Platform> failing;
};

std::vector<Variant> variants() {
    std::vector<std::vector<Platform>> subsets;
    for (unsigned mask = 1; mask < (1U << kAll.size()); ++mask) {
        std::vector<Platform> subset;
        for (std::size_t i = 0; i < kAll.size(); ++i) {
            if ((mask & (1U << i)) != 0) {
                subset.push_back(kAll[i]);
            }
        }
        subsets.push_back(subset);
    }
    subsets.push_back({Platform::kPitchDeck, Platform::kTwitter, Platform::kLinkedIn});
    std::vector<Variant> out;
    for (const auto& subset : subsets) {
        out.push_back(Variant{subset, std::nullopt});
        for (const Platform p : subset) {
            out.push_back(Variant{subset, p});
        }
    }
    return out;
}

std::string variant_name(const Variant& v) {
    std::vector<std::string> names;
    for (const Platform p : v.platforms) {
        names.emplace_back(to_string(p));
    }
    return fmt::format("[{}] failing {}", fmt::join(names, ","),
                       v.failing ? std::string(to_string(*v.failing)) : std::string("none"));
}

/// What every variant must show, whichever lane finished first.
void expect_outcome(const Variant& v, const Job& job, const std::vector<JobEvent>& events,
                    std::string_view failure_note) {
    std::vector<Platform> delivered;
    for (const Platform p : v.platforms) {
        if (p != v.failing) {
            delivered.push_back(p);
        }
    }
    const JobStatus want = !v.failing                ? JobStatus::kSucceeded
                           : v.platforms.size() == 1 ? JobStatus::kFailed
                                                     : JobStatus::kPartial;
    EXPECT_EQ(job.status, want) << ::testing::PrintToString(job.notes);
    std::vector<Platform> got;
    for (const auto& item : job.items) {
        got.push_back(item.platform);
        EXPECT_EQ(item.id, "job1-" + std::string(to_string(item.platform)));
        EXPECT_TRUE(item.schedule.has_value()) << item.id;
    }
    EXPECT_EQ(got, delivered);
    EXPECT_EQ(job.missing_platforms,
              v.failing ? std::vector<Platform>{*v.failing} : std::vector<Platform>{});
    if (v.failing) {
        EXPECT_TRUE(test::has_note(
            job, std::string(to_string(*v.failing)) + ": " + std::string(failure_note)))
            << ::testing::PrintToString(job.notes);
    }
    const auto violations = test::contract_violations(events, job);
    EXPECT_TRUE(violations.empty()) << ::testing::PrintToString(violations);
    EXPECT_EQ(events.back().message, std::string(to_string(want)));
}

class FailingWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& /*input*/) override {
        return fail(ErrorCode::kUnavailable, "the writer is down");
    }
};

TEST(PipelineLanes, OfflineVariantsKeepTheContractAndDeliverTheRest) {
    for (const auto& v : variants()) {
        SCOPED_TRACE(variant_name(v));
        OfflineRig rig;
        test::RecordingRenderer renderer;
        test::MemoryMediaStore store;
        PipelineDeps deps{rig.kb, rig.tz, rig.clock, rig.events,
                          [&v](Platform p) -> std::unique_ptr<Writer> {
                              if (p == v.failing) {
                                  return std::make_unique<FailingWriter>();
                              }
                              return make_offline_writer(p);
                          }};
        deps.renderer = &renderer;
        deps.media = &store;
        Brief brief = test::sample_brief();
        brief.platforms = v.platforms;
        auto job = run_pipeline(brief, deps, PipelineOptions{"job1", std::nullopt});
        ASSERT_TRUE(job.has_value());
        expect_outcome(v, *job, rig.events.events(), "the writer failed");
        for (const auto& item : job->items) {
            EXPECT_FALSE(item.media.empty()) << item.id;
        }
    }
}

TEST(PipelineLanes, ModelVariantsKeepTheContractInEveryMode) {
    const std::string reasoning = "Let me create an engaging post for this platform now.";
    for (const LlmMode mode : {LlmMode::kParallel, LlmMode::kSequential, LlmMode::kSingleCall}) {
        for (const auto& v : variants()) {
            SCOPED_TRACE(fmt::format("mode {} {}", static_cast<int>(mode), variant_name(v)));
            test::ModelHarness h;
            h.llm.mode = mode;
            std::vector<Platform> good;
            for (const Platform p : v.platforms) {
                const std::string agent = "writer:" + std::string(to_string(p));
                if (p == v.failing) {
                    h.writer->script(agent, {reply(reasoning)});
                } else {
                    good.push_back(p);
                    h.writer->script(agent, {reply(test::json_reply(p))});
                }
            }
            h.writer->script("writer", {reply(test::single_call_reply(good))});
            Brief brief = test::sample_brief();
            brief.platforms = v.platforms;
            auto job = h.run(brief);
            ASSERT_TRUE(job.has_value());
            expect_outcome(v, *job, h.events.events(), "missing after");
        }
    }
}

}  // namespace
}  // namespace swarm::core
