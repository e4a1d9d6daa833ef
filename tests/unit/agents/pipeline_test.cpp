#include "core/agents/pipeline.hpp"

#include "core/validate/validator.hpp"
#include "support/fake_time_zones.hpp"
#include "support/fakes.hpp"
#include "unit/agents/agent_fixtures.hpp"
#include "unit/agents/designer_fakes.hpp"
#include "unit/agents/pipeline_events.hpp"

#include <algorithm>
#include <atomic>
#include <regex>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using namespace std::chrono_literals;

const auto kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 10h + 15min + 30s;

/// Counts calls, so a test can prove nothing touched the knowledge base.
class CountingKnowledgeBase final : public KnowledgeBase {
public:
    explicit CountingKnowledgeBase(std::vector<Passage> passages) : inner_(std::move(passages)) {}

    Result<std::vector<Passage>> search(std::string_view query, std::size_t limit) override {
        ++calls;
        return inner_.search(query, limit);
    }

    Result<std::vector<Passage>> all_passages() override {
        ++calls;
        return inner_.all_passages();
    }

    std::atomic<int> calls{0};

private:
    test::InMemoryKnowledgeBase inner_;
};

class FailingWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& /*input*/) override {
        return fail(ErrorCode::kUnavailable, "the model timed out");
    }
};

class EmptyWriter final : public Writer {
public:
    Result<ContentItem> write(const WriterInput& input) override {
        ContentItem item;
        item.platform = input.spec.platform;
        return item;
    }
};

struct Harness {
    explicit Harness(std::vector<Passage> passages) : kb(std::move(passages)) {}

    CountingKnowledgeBase kb;
    test::FixedTimeZones tz;
    test::FakeClock clock{std::chrono::system_clock::time_point{kNow + 123ms}};
    test::RecordingEventSink events;

    Renderer* renderer = nullptr;
    MediaStore* media = nullptr;

    Result<Job> run(const Brief& brief, WriterFactory factory = {}) {
        PipelineDeps deps{kb, tz, clock, events, std::move(factory)};
        deps.renderer = renderer;
        deps.media = media;
        return run_pipeline(brief, deps, PipelineOptions{"job1", std::nullopt});
    }
};

WriterFactory failing_for(Platform failing) {
    return [failing](Platform p) -> std::unique_ptr<Writer> {
        if (p == failing) {
            return std::make_unique<FailingWriter>();
        }
        return make_offline_writer(p);
    };
}

std::string describe_event(const JobEvent& e) {
    return fmt::format("{} {} {}", to_string(e.type), e.agent,
                       e.platform ? std::string(to_string(*e.platform)) : std::string("-"));
}

std::vector<std::string> sequence(const std::vector<JobEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        if (e.type != EventType::kAgentProgress) {
            out.push_back(describe_event(e));
        }
    }
    return out;
}

TEST(Pipeline, SampleBriefSucceedsWithOneCleanItemPerPlatform) {
    Harness h(test::sample_passages());
    const Brief brief = test::sample_brief();
    auto job = h.run(brief);
    ASSERT_TRUE(job.has_value()) << job.error().message;
    EXPECT_EQ(job->status, JobStatus::kSucceeded);
    EXPECT_EQ(job->id, "job1");
    EXPECT_TRUE(job->missing_platforms.empty());
    ASSERT_EQ(job->items.size(), 3U);
    const std::vector<std::string> ids{"job1-linkedin", "job1-twitter", "job1-pitch_deck"};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& item = job->items[i];
        EXPECT_EQ(item.id, ids[i]);
        EXPECT_EQ(item.platform, brief.platforms[i]);
        EXPECT_FALSE(item.sources.empty());
        EXPECT_TRUE(item.media.empty());
        ASSERT_TRUE(item.schedule.has_value()) << item.id;
        EXPECT_GE(item.schedule->at_utc, std::chrono::floor<std::chrono::seconds>(kNow));
        for (const auto& issue : item.quality.issues) {
            EXPECT_NE(issue.severity, Severity::kError)
                << item.id << ": " << issue.code << " " << issue.message;
            EXPECT_FALSE(issue.code.starts_with("linkedin.") || issue.code.starts_with("x.") ||
                         issue.code.starts_with("deck.") || issue.code.starts_with("grounding."))
                << item.id << ": " << issue.code << " " << issue.message;
        }
        EXPECT_TRUE(test::invented_numbers(item, test::sample_passages(), brief).empty());
    }
}

TEST(Pipeline, SchedulesFromTheRequestedStart) {
    Harness h(test::sample_passages());
    const auto from = std::chrono::sys_days{std::chrono::year{2027} / 3 / 1} + 0s;
    const PipelineDeps deps{h.kb, h.tz, h.clock, h.events};
    auto job = run_pipeline(test::sample_brief(), deps, PipelineOptions{"j", from});
    ASSERT_TRUE(job.has_value());
    for (const auto& item : job->items) {
        ASSERT_TRUE(item.schedule.has_value());
        EXPECT_GE(item.schedule->at_utc, from);
        EXPECT_EQ(item.schedule->timezone, "UTC");
    }
}

// Platforms run their lanes concurrently, so only the order the agent graph imposes is fixed:
// research first; per platform writer, editor, designer; the scheduler and the items last.
TEST(Pipeline, EventsFollowTheAgentGraph) {
    Harness h(test::sample_passages());
    auto job = h.run(test::sample_brief());
    ASSERT_TRUE(job.has_value());
    const std::vector<std::string> head{"job_started  -", "agent_started research -",
                                        "agent_finished research -"};
    const std::vector<std::string> tail{
        "agent_started scheduler -", "agent_finished scheduler -", "item_ready  linkedin",
        "item_ready  twitter",       "item_ready  pitch_deck",     "job_finished  -",
    };
    const auto events = h.events.events();
    const auto seq = sequence(events);
    constexpr std::size_t kLaneEvents = std::size_t{3} * 6;  // 3 platforms, 3 agent pairs each
    ASSERT_EQ(seq.size(), head.size() + kLaneEvents + tail.size()) << ::testing::PrintToString(seq);
    EXPECT_TRUE(std::equal(head.begin(), head.end(), seq.begin()));
    EXPECT_TRUE(std::equal(tail.begin(), tail.end(), seq.end() - static_cast<long>(tail.size())));
    for (const Platform p : test::sample_brief().platforms) {
        EXPECT_EQ(test::lane_sequence(events, p), test::expected_lane(true, true)) << to_string(p);
    }
    EXPECT_TRUE(test::contract_violations(events, *job).empty())
        << ::testing::PrintToString(test::contract_violations(events, *job));
    EXPECT_EQ(events.back().message, "succeeded");
    const auto progress = std::find_if(events.begin(), events.end(), [](const JobEvent& e) {
        return e.type == EventType::kAgentProgress && e.agent == "research";
    });
    ASSERT_NE(progress, events.end());
    EXPECT_TRUE(
        std::regex_match(progress->message, std::regex(R"(found \d+ facts in 6 documents)")))
        << progress->message;
    const auto designer = std::find_if(events.begin(), events.end(), [](const JobEvent& e) {
        return e.type == EventType::kAgentFinished && e.agent == "designer";
    });
    ASSERT_NE(designer, events.end());
    EXPECT_EQ(designer->message, "visuals are off (no renderer or media store)");
}

TEST(Pipeline, TheDesignerStoresAndLinksEveryItemsVisuals) {
    Harness h(test::sample_passages());
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    h.renderer = &renderer;
    h.media = &store;
    auto job = h.run(test::sample_brief());
    ASSERT_TRUE(job.has_value());
    ASSERT_EQ(job->status, JobStatus::kSucceeded);
    std::size_t linked = 0;
    int linked_events = 3;
    for (const auto& item : job->items) {
        ASSERT_FALSE(item.media.empty()) << to_string(item.platform);
        for (const auto& m : item.media) {
            ASSERT_EQ(m.url.rfind("/media/", 0), 0U);
            EXPECT_EQ(store.objects.count(m.url.substr(7)), 1U) << m.url;
            EXPECT_FALSE(m.alt.empty());
            ++linked;
        }
        if (item.platform == Platform::kPitchDeck) {
            EXPECT_EQ(item.media.size(), item.parts.size() + 2);
        } else {
            EXPECT_EQ(item.media.size(), 1U);
            EXPECT_EQ(item.media[0].height, item.platform == Platform::kLinkedIn ? 627 : 675);
        }
    }
    // Each platform's designer says what it stored for its own item.
    for (const auto& e : h.events.events()) {
        if (e.type == EventType::kAgentFinished && e.agent == "designer") {
            ASSERT_TRUE(e.platform.has_value());
            const auto item = std::find_if(job->items.begin(), job->items.end(),
                                           [&](const auto& i) { return i.platform == e.platform; });
            ASSERT_NE(item, job->items.end());
            EXPECT_TRUE(
                e.message.ends_with(", " + std::to_string(item->media.size()) + " file(s) stored"))
                << e.message;
            --linked_events;
        }
    }
    EXPECT_EQ(linked_events, 0);
    EXPECT_GE(linked, job->items.size());
}

TEST(Pipeline, RecordsTimingsPerAgentAndPlatform) {
    Harness h(test::sample_passages());
    auto job = h.run(test::sample_brief());
    ASSERT_TRUE(job.has_value());
    std::vector<std::string> names;
    for (const auto& t : job->timings) {
        names.push_back(t.agent + (t.platform ? "/" + std::string(to_string(*t.platform)) : ""));
        EXPECT_EQ(t.elapsed, 0ms);  // the fake clock does not move
    }
    // Stage by stage, platforms in requested order, whichever lane finished first.
    const std::vector<std::string> want{
        "research",         "writer/linkedin",     "writer/twitter",    "writer/pitch_deck",
        "editor/linkedin",  "editor/twitter",      "editor/pitch_deck", "designer/linkedin",
        "designer/twitter", "designer/pitch_deck", "scheduler"};
    EXPECT_EQ(names, want);
}

TEST(Pipeline, AFailingWriterLeavesAPartialJobWithANote) {
    Harness h(test::sample_passages());
    auto job = h.run(test::sample_brief(), failing_for(Platform::kTwitter));
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial);
    ASSERT_EQ(job->items.size(), 2U);
    EXPECT_EQ(job->items[0].platform, Platform::kLinkedIn);
    EXPECT_EQ(job->items[1].platform, Platform::kPitchDeck);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kTwitter});
    const bool noted = std::any_of(job->notes.begin(), job->notes.end(), [](const auto& n) {
        return n.starts_with("twitter: the writer failed") &&
               n.find("the model timed out") != std::string::npos;
    });
    EXPECT_TRUE(noted) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(h.events.events().back().message, "partial");
}

TEST(Pipeline, EmptyOutputCountsAsAFailedWriter) {
    Harness h(test::sample_passages());
    auto job = h.run(test::sample_brief(), [](Platform p) -> std::unique_ptr<Writer> {
        if (p == Platform::kPitchDeck) {
            return std::make_unique<EmptyWriter>();
        }
        return make_offline_writer(p);
    });
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kPartial);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kPitchDeck});
    EXPECT_TRUE(std::any_of(job->notes.begin(), job->notes.end(), [](const auto& n) {
        return n.find("produced no content") != std::string::npos;
    }));
}

TEST(Pipeline, NoItemsMeansFailed) {
    Harness h(test::sample_passages());
    auto job = h.run(test::sample_brief(), [](Platform) { return std::unique_ptr<Writer>{}; });
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->status, JobStatus::kFailed);
    EXPECT_TRUE(job->items.empty());
    EXPECT_EQ(job->missing_platforms.size(), 3U);
    EXPECT_EQ(job->notes.size(), 3U);
    EXPECT_EQ(h.events.events().back().message, "failed");
}

TEST(Pipeline, EmptyKnowledgeBaseIsAnError) {
    Harness h({});
    auto job = h.run(test::sample_brief());
    ASSERT_FALSE(job.has_value());
    EXPECT_EQ(job.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(job.error().field, "kb");
    EXPECT_EQ(job.error().message, "the knowledge base is empty; add Markdown or text files");
    EXPECT_TRUE(h.events.events().empty());
}

TEST(Pipeline, UnknownTimeZoneIsAnErrorBeforeAnyWork) {
    Harness h(test::sample_passages());
    Brief brief = test::sample_brief();
    brief.timezone = "Mars/Olympus_Mons";
    auto job = h.run(brief);
    ASSERT_FALSE(job.has_value());
    EXPECT_EQ(job.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(job.error().field, "timezone");
    EXPECT_EQ(h.kb.calls.load(), 0);
    EXPECT_TRUE(h.events.events().empty());
}

TEST(Pipeline, TinyKnowledgeBaseStillDeliversWithoutInventedNumbers) {
    Harness h(test::tiny_passages());
    const Brief brief = test::tiny_brief();
    auto job = h.run(brief);
    ASSERT_TRUE(job.has_value());
    // The posts are delivered; the deck is missing with the reason (never blank slides).
    EXPECT_EQ(job->status, JobStatus::kPartial) << ::testing::PrintToString(job->notes);
    EXPECT_EQ(job->missing_platforms, std::vector<Platform>{Platform::kPitchDeck});
    EXPECT_TRUE(std::any_of(job->notes.begin(), job->notes.end(), [](const auto& n) {
        return n.starts_with("pitch_deck: the writer failed: The documents support only");
    })) << ::testing::PrintToString(job->notes);
    for (const auto& item : job->items) {
        const auto invented = test::invented_numbers(item, test::tiny_passages(), brief);
        EXPECT_TRUE(invented.empty()) << item.id << ": " << ::testing::PrintToString(invented);
    }
    EXPECT_TRUE(std::any_of(job->notes.begin(), job->notes.end(),
                            [](const auto& n) { return n.starts_with("linkedin: "); }));
}

TEST(Pipeline, BannedPhrasesInTheKnowledgeBaseNeverReachTheItems) {
    auto passages = test::sample_passages();
    passages.push_back({"hype#0", "hype.md", "Fieldnote \u2014 Press",
                        "Fieldnote is a revolutionary game-changer for HVAC and plumbing "
                        "dispatchers handling emergency calls in real time.\n",
                        0.0});
    Harness h(passages);
    auto job = h.run(test::sample_brief());
    ASSERT_TRUE(job.has_value());
    for (const auto& item : job->items) {
        for (const auto& text : test::item_texts(item)) {
            EXPECT_EQ(text.find("game-changer"), std::string::npos) << text;
            EXPECT_EQ(text.find("revolutionary"), std::string::npos) << text;
        }
    }
}

TEST(Pipeline, TwoRunsGiveTheSameJobAndEvents) {
    // With visuals on: the designers of the three lanes draw and store concurrently.
    Harness a(test::sample_passages());
    Harness b(test::sample_passages());
    test::RecordingRenderer renderer_a;
    test::RecordingRenderer renderer_b;
    test::MemoryMediaStore store_a;
    test::MemoryMediaStore store_b;
    a.renderer = &renderer_a;
    a.media = &store_a;
    b.renderer = &renderer_b;
    b.media = &store_b;
    auto x = a.run(test::sample_brief());
    auto y = b.run(test::sample_brief());
    ASSERT_TRUE(x.has_value());
    ASSERT_TRUE(y.has_value());
    ASSERT_EQ(x->items.size(), y->items.size());
    for (std::size_t i = 0; i < x->items.size(); ++i) {
        const auto& p = x->items[i];
        const auto& q = y->items[i];
        EXPECT_EQ(p.body, q.body);
        EXPECT_EQ(p.hashtags, q.hashtags);
        EXPECT_EQ(p.parts.size(), q.parts.size());
        EXPECT_EQ(p.quality.score, q.quality.score);
        ASSERT_TRUE(p.schedule && q.schedule);
        EXPECT_EQ(p.schedule->suggested_at, q.schedule->suggested_at);
        ASSERT_EQ(p.media.size(), q.media.size());
        for (std::size_t m = 0; m < p.media.size(); ++m) {
            EXPECT_EQ(p.media[m].url, q.media[m].url);
        }
    }
    EXPECT_EQ(x->notes, y->notes);
    EXPECT_EQ(x->missing_platforms, y->missing_platforms);
    // The lanes interleave differently from run to run; each platform's own events do not.
    EXPECT_EQ(test::grouped_by_platform(a.events.events()),
              test::grouped_by_platform(b.events.events()));
}

}  // namespace
}  // namespace swarm::core
