#include "core/agents/pipeline.hpp"

#include "core/agents/brief_angle.hpp"
#include "core/agents/designer.hpp"
#include "core/agents/editor.hpp"
#include "core/agents/pipeline_run.hpp"
#include "core/agents/research.hpp"
#include "core/agents/scheduler.hpp"
#include "core/agents/text_tools.hpp"
#include "core/text/language.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include <fmt/format.h>

namespace swarm::core {
namespace agents {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kDesignerMessage = "visuals are off (no renderer or media store)";
constexpr std::size_t kLanguageSamplePassages = 8;

// What the job's language is read from when the brief does not name it: the brief's own words
// first, then the start of the knowledge base (the documents are the bulk of the text).
std::string language_sample(const Brief& brief, const std::vector<Passage>& passages) {
    std::string sample = brief.prompt + "\n" + brief.audience + "\n" + brief.goal;
    for (std::size_t i = 0; i < passages.size() && i < kLanguageSamplePassages; ++i) {
        sample += "\n" + passages[i].text;
    }
    return sample;
}

}  // namespace

std::string item_summary(const ContentItem& item) {
    switch (spec(item.platform).shape) {
        case OutputShape::kPost:
            return fmt::format("{} words", agents::count_words(item.body));
        case OutputShape::kThread:
            return item.parts.size() == 1 ? std::string("single post")
                                          : fmt::format("thread of {} posts", item.parts.size());
        case OutputShape::kDeck: {
            std::size_t empty = 0;
            for (const auto& p : item.parts) {
                empty += p.bullets.empty() ? 1U : 0U;
            }
            return fmt::format("{} slides, {} without supporting material", item.parts.size(),
                               empty);
        }
    }
    return {};
}

JobRun::JobRun(const Brief& brief, const PipelineDeps& deps, const PipelineOptions& options)
    : brief_(brief),
      deps_(deps),
      options_(options),
      scope_(brief.documents.empty() ? std::nullopt
                                     : std::optional<knowledge::DocumentScope>(
                                           std::in_place, deps.kb, brief.documents)),
      kb_(scope_ ? static_cast<KnowledgeBase&>(*scope_) : deps.kb) {
    job_.id = options.job_id;
    job_.brief = brief;
    job_.status = JobStatus::kRunning;
    if (deps.llm != nullptr && deps.llm->any()) {
        session_.emplace(LlmSessionDeps{deps.events, deps.clock, deps.raw_outputs, options.job_id,
                                        deps.stop, deps.llm->budget});
    }
}

Result<Job> JobRun::run() {
    SWARM_TRY(deps_.time_zones.check(brief_.timezone));
    SWARM_TRY_ASSIGN(auto passages, kb_.all_passages());
    if (passages.empty() && scope_) {
        // Checked at submit; the documents were deleted since.
        return fail(ErrorCode::kFailedPrecondition,
                    "none of the brief's documents is in the knowledge base any more", "documents");
    }
    if (passages.empty()) {
        return fail(ErrorCode::kFailedPrecondition,
                    "the knowledge base is empty; add Markdown or text files", "kb");
    }
    // Once per job, so every writer and the designer write their fixed strings in one language.
    brief_.language = text::resolve_language(brief_.language, language_sample(brief_, passages));
    publish(EventType::kJobStarted, "", std::nullopt,
            fmt::format("{} platform(s)", brief_.platforms.size()));
    auto sheet = research(passages);
    if (sheet) {
        run_stages(*sheet, passages);
    } else {
        job_.missing_platforms = brief_.platforms;
        job_.notes.push_back("research failed: " + describe(sheet.error()));
    }
    finish();
    return std::move(job_);
}

// After research every platform runs its lane (writer -> editor -> designer) on its own, so a
// platform's editor starts as soon as its own writer is done. The scheduler then places every
// item at once: it spreads the slots across platforms, is model-free and takes microseconds, so
// running it after the lanes keeps its result independent of which lane finished first.
void JobRun::run_stages(FactSheet& sheet, const std::vector<Passage>& passages) {
    sheet_ = &sheet;
    if (stopped()) {
        return;
    }
    std::vector<Lane> lanes(brief_.platforms.size());
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        lanes[i].platform = brief_.platforms[i];
        lanes[i].index = i;
        // On the job's thread, as the factory's contract says.
        lanes[i].offline = offline_writer(lanes[i].platform);
    }
    if (client(AgentRole::kWriter) != nullptr) {
        write_with_models(lanes, sheet, passages);
    } else {
        run_lanes(
            lanes, [&](Lane& lane) { write_offline(lane, sheet); }, true, passages);
    }
    merge(lanes);
    if (stopped()) {
        return;
    }
    schedule();
    for (const auto& item : job_.items) {
        publish(EventType::kItemReady, "", item.platform, item.id);
    }
}

void JobRun::run_lanes(std::vector<Lane>& lanes, const WriteStep& write, bool concurrent,
                       const std::vector<Passage>& passages) {
    if (!concurrent) {
        for (auto& lane : lanes) {
            run_lane(lane, write, passages);
        }
        return;
    }
    std::vector<std::jthread> threads;
    threads.reserve(lanes.size());
    for (auto& lane : lanes) {
        threads.emplace_back([this, &lane, &write, &passages] { run_lane(lane, write, passages); });
    }
}  // the threads join here

// Each stage starts only when the job has not been cancelled (deps.stop); offline, it never is.
// An exception escaping an agent loses the platform with a note instead of ending the process.
void JobRun::run_lane(Lane& lane, const WriteStep& write, const std::vector<Passage>& passages) {
    Stage stage = Stage::kWrite;
    try {
        if (stopped()) {
            return;
        }
        write(lane);
        if (stopped() || !lane.item) {
            return;
        }
        stage = Stage::kEdit;
        edit(lane, passages);
        drop_if_failing(lane);
        if (stopped() || !lane.item) {
            return;
        }
        stage = Stage::kDesign;
        design(lane);
    } catch (const std::exception& e) {
        lane.item.reset();
        lane.missing_at = stage;
        lane.note(stage, fmt::format("{}: internal error: {}", to_string(lane.platform), e.what()));
    }
}

void JobRun::publish(EventType type, std::string agent, std::optional<Platform> platform,
                     std::string message, milliseconds elapsed) {
    JobEvent e;
    e.type = type;
    e.agent = std::move(agent);
    e.platform = platform;
    e.message = std::move(message);
    e.at = deps_.clock.now();
    e.elapsed = elapsed;
    deps_.events.publish(std::move(e));
}

milliseconds JobRun::since(SteadyPoint start) const {
    return std::chrono::duration_cast<milliseconds>(deps_.clock.steady_now() - start);
}

void JobRun::finished(const std::string& agent, std::string message, SteadyPoint start) {
    const auto elapsed = since(start);
    job_.timings.push_back(AgentTiming{agent, std::nullopt, elapsed});
    publish(EventType::kAgentFinished, agent, std::nullopt, std::move(message), elapsed);
}

void JobRun::finished(Lane& lane, Stage stage, const std::string& agent, std::string message,
                      SteadyPoint start) {
    const auto elapsed = since(start);
    lane.timings[static_cast<std::size_t>(stage)].push_back(
        AgentTiming{agent, lane.platform, elapsed});
    publish(EventType::kAgentFinished, agent, lane.platform, std::move(message), elapsed);
}

Result<FactSheet> JobRun::research(const std::vector<Passage>& passages) {
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "research", std::nullopt, "searching the knowledge base");
    auto sheet = make_offline_researcher()->research(ResearchInput{brief_, kb_, passages});
    if (!sheet) {
        finished("research", "failed: " + describe(sheet.error()), start);
        return sheet;
    }
    publish(
        EventType::kAgentProgress, "research", std::nullopt,
        fmt::format("found {} facts in {} documents", sheet->facts.size(), sheet->document_count));
    const std::string ranked = refine_research(*sheet, passages);
    finished("research",
             fmt::format("{} facts, {} hashtag candidates{}", sheet->facts.size(),
                         sheet->hashtag_candidates.size(), ranked),
             start);
    return sheet;
}

WriterRun JobRun::run_writer(const FactSheet& sheet, Platform platform,
                             std::unique_ptr<Writer> writer) const {
    const auto start = deps_.clock.steady_now();
    WriterRun run;
    if (!writer) {
        run.item = fail(ErrorCode::kFailedPrecondition, "no writer is available");
    } else {
        try {
            run.item = writer->write(WriterInput{brief_, sheet, spec(platform)});
        } catch (const std::exception& e) {
            run.item = fail(ErrorCode::kInternal, std::string("the writer threw: ") + e.what());
        }
        if (run.item && run.item->body.empty() && run.item->parts.empty()) {
            run.item = fail(ErrorCode::kInternal, "the writer produced no content");
        }
    }
    run.elapsed = since(start);
    return run;
}

std::unique_ptr<Writer> JobRun::offline_writer(Platform platform) const {
    return deps_.writer_factory ? deps_.writer_factory(platform) : make_offline_writer(platform);
}

void JobRun::write_offline(Lane& lane, const FactSheet& sheet) {
    publish(EventType::kAgentStarted, "writer", lane.platform, "writing");
    collect(lane, run_writer(sheet, lane.platform, std::move(lane.offline)));
}

void JobRun::collect(Lane& lane, WriterRun run, const std::string& why) {
    const Platform platform = lane.platform;
    const std::string name(to_string(platform));
    lane.timings[static_cast<std::size_t>(Stage::kWrite)].push_back(
        AgentTiming{"writer", platform, run.elapsed});
    if (!run.item) {
        lane.missing_at = Stage::kWrite;
        lane.note(Stage::kWrite,
                  fmt::format("{}: the writer failed: {}", name, describe(run.item.error())));
        publish(EventType::kAgentFinished, "writer", platform,
                "failed: " + describe(run.item.error()), run.elapsed);
        return;
    }
    ContentItem item = std::move(*run.item);
    item.id = options_.job_id + "-" + name;
    item.platform = platform;
    for (const auto& issue : item.quality.issues) {
        if (issue.severity == Severity::kInfo) {
            lane.note(Stage::kWrite, fmt::format("{}: {}", name, issue.message));
        }
    }
    publish(EventType::kAgentFinished, "writer", platform, item_summary(item) + why, run.elapsed);
    lane.item = std::move(item);
}

void JobRun::edit(Lane& lane, const std::vector<Passage>& passages) {
    auto& item = *lane.item;
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "editor", item.platform, "validating");
    const auto outcome = edit_item(item, EditContext{brief_, passages});
    for (const auto& repair : outcome.repairs) {
        publish(EventType::kAgentProgress, "editor", item.platform, repair);
    }
    const std::string critique = review_with_models(lane, passages);
    std::size_t errors = 0;
    for (const auto& issue : item.quality.issues) {
        if (issue.severity == Severity::kError) {
            ++errors;
            lane.note(Stage::kEdit, fmt::format("{}: still failing after editing: {}",
                                                to_string(item.platform), issue.message));
        }
    }
    finished(
        lane, Stage::kEdit, "editor",
        fmt::format("score {:.2f} after {} round(s), {} repair(s), {} error(s) left{}",
                    item.quality.score, outcome.rounds, outcome.repairs.size(), errors, critique),
        start);
}

void JobRun::design(Lane& lane) {
    auto& item = *lane.item;
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "designer", item.platform, "preparing visuals");
    if (deps_.renderer == nullptr || deps_.media == nullptr) {
        finished(lane, Stage::kDesign, "designer", std::string(kDesignerMessage), start);
        return;
    }
    const DesignDeps design_deps{deps_.renderer, deps_.media, deps_.image_model, deps_.stop,
                                 brief_.language};
    auto outcome = design_item(item, sheet_, brief_.brand, design_deps);
    for (auto& note : outcome.notes) {
        lane.note(Stage::kDesign, std::move(note));
    }
    finished(lane, Stage::kDesign, "designer",
             fmt::format("{}, {} file(s) stored", outcome.summary, outcome.stored), start);
}

// Stage by stage, platforms in requested order: the job reads as if the stages had run one after
// another. A designer note two items share (a palette repair) is kept once.
void JobRun::merge(std::vector<Lane>& lanes) {
    for (std::size_t stage = 0; stage < kStages; ++stage) {
        for (auto& lane : lanes) {
            for (auto& timing : lane.timings[stage]) {
                job_.timings.push_back(std::move(timing));
            }
            for (auto& note : lane.notes[stage]) {
                const bool dedup = stage == static_cast<std::size_t>(Stage::kDesign);
                if (!dedup ||
                    std::find(job_.notes.begin(), job_.notes.end(), note) == job_.notes.end()) {
                    job_.notes.push_back(std::move(note));
                }
            }
            if (lane.missing_at && static_cast<std::size_t>(*lane.missing_at) == stage) {
                job_.missing_platforms.push_back(lane.platform);
            }
        }
    }
    for (auto& lane : lanes) {
        if (lane.item) {
            job_.items.push_back(std::move(*lane.item));
        }
    }
}

void JobRun::schedule() {
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "scheduler", std::nullopt, "choosing posting times");
    const auto not_before = options_.schedule_from.value_or(
        std::chrono::floor<std::chrono::seconds>(deps_.clock.now()));
    ScheduleRequest request{brief_.timezone, not_before, std::nullopt, {}};
    if (const auto date = agents::find_date(brief_.prompt)) {
        // A date without a year is the next one on or after today.
        const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(not_before)};
        const std::chrono::month_day md{std::chrono::month{static_cast<unsigned>(date->month)},
                                        std::chrono::day{static_cast<unsigned>(date->day)}};
        std::chrono::year_month_day day =
            date->year != 0 ? std::chrono::year{date->year} / md : today.year() / md;
        if (date->year == 0 && day.ok() &&
            std::chrono::sys_days{day} < std::chrono::sys_days{today}) {
            day = (today.year() + std::chrono::years{1}) / md;
        }
        request.event_day = day;
        request.event_text = date->text;
    }
    auto done = schedule_items(job_.items, request, deps_.time_zones);
    if (!done) {
        job_.notes.push_back("scheduler: " + describe(done.error()));
        finished("scheduler", "failed: " + describe(done.error()), start);
        return;
    }
    finished("scheduler",
             fmt::format("scheduled {} item(s) in {}", job_.items.size(), brief_.timezone), start);
}

void JobRun::finish() {
    finish_model();
    if (job_.status == JobStatus::kCancelled) {
        // finish_model decided: the job was stopped.
    } else if (job_.items.empty()) {
        job_.status = JobStatus::kFailed;
    } else if (job_.items.size() == brief_.platforms.size()) {
        job_.status = JobStatus::kSucceeded;
    } else {
        job_.status = JobStatus::kPartial;
    }
    publish(EventType::kJobFinished, "", std::nullopt, std::string(to_string(job_.status)));
}

}  // namespace agents

Result<Job> run_pipeline(const Brief& brief, const PipelineDeps& deps,
                         const PipelineOptions& options) {
    return agents::JobRun(brief, deps, options).run();
}

}  // namespace swarm::core
