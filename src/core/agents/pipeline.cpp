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
    : brief_(brief), deps_(deps), options_(options) {
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
    SWARM_TRY_ASSIGN(auto passages, deps_.kb.all_passages());
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

// Each stage starts only when the job has not been cancelled (deps.stop); offline, it never is.
void JobRun::run_stages(FactSheet& sheet, const std::vector<Passage>& passages) {
    sheet_ = &sheet;
    if (stopped()) {
        return;
    }
    if (client(AgentRole::kWriter) != nullptr) {
        write_with_models(sheet, passages);
    } else {
        write_all(sheet);
    }
    if (stopped()) {
        return;
    }
    edit_all(passages);
    if (stopped()) {
        return;
    }
    design();
    schedule();
    for (const auto& item : job_.items) {
        publish(EventType::kItemReady, "", item.platform, item.id);
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

void JobRun::finished(const std::string& agent, std::optional<Platform> platform,
                      std::string message, SteadyPoint start) {
    const auto elapsed = since(start);
    job_.timings.push_back(AgentTiming{agent, platform, elapsed});
    publish(EventType::kAgentFinished, agent, platform, std::move(message), elapsed);
}

Result<FactSheet> JobRun::research(const std::vector<Passage>& passages) {
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "research", std::nullopt, "searching the knowledge base");
    auto sheet = make_offline_researcher()->research(ResearchInput{brief_, deps_.kb, passages});
    if (!sheet) {
        finished("research", std::nullopt, "failed: " + describe(sheet.error()), start);
        return sheet;
    }
    publish(
        EventType::kAgentProgress, "research", std::nullopt,
        fmt::format("found {} facts in {} documents", sheet->facts.size(), sheet->document_count));
    const std::string ranked = refine_research(*sheet, passages);
    finished("research", std::nullopt,
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

// Writers run concurrently; events are published in requested order before and after, so
// the event sequence never depends on thread timing.
void JobRun::write_all(const FactSheet& sheet) {
    const auto& platforms = brief_.platforms;
    std::vector<std::unique_ptr<Writer>> writers;
    for (const Platform p : platforms) {
        writers.push_back(offline_writer(p));
        publish(EventType::kAgentStarted, "writer", p, "writing");
    }
    std::vector<WriterRun> runs(platforms.size());
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            threads.emplace_back([this, &sheet, &runs, &writers, &platforms, i] {
                runs[i] = run_writer(sheet, platforms[i], std::move(writers[i]));
            });
        }
    }
    for (std::size_t i = 0; i < platforms.size(); ++i) {
        collect(platforms[i], std::move(runs[i]));
    }
}

void JobRun::collect(Platform platform, WriterRun run, const std::string& why) {
    const std::string name(to_string(platform));
    job_.timings.push_back(AgentTiming{"writer", platform, run.elapsed});
    if (!run.item) {
        job_.missing_platforms.push_back(platform);
        job_.notes.push_back(
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
            job_.notes.push_back(fmt::format("{}: {}", name, issue.message));
        }
    }
    publish(EventType::kAgentFinished, "writer", platform, item_summary(item) + why, run.elapsed);
    job_.items.push_back(std::move(item));
}

void JobRun::edit_all(const std::vector<Passage>& passages) {
    for (auto& item : job_.items) {
        const auto start = deps_.clock.steady_now();
        publish(EventType::kAgentStarted, "editor", item.platform, "validating");
        const auto outcome = edit_item(item, EditContext{brief_, passages});
        for (const auto& repair : outcome.repairs) {
            publish(EventType::kAgentProgress, "editor", item.platform, repair);
        }
        const std::string critique = review_with_models(item, passages);
        std::size_t errors = 0;
        for (const auto& issue : item.quality.issues) {
            if (issue.severity == Severity::kError) {
                ++errors;
                job_.notes.push_back(fmt::format("{}: still failing after editing: {}",
                                                 to_string(item.platform), issue.message));
            }
        }
        finished("editor", item.platform,
                 fmt::format("score {:.2f} after {} round(s), {} repair(s), {} error(s) left{}",
                             item.quality.score, outcome.rounds, outcome.repairs.size(), errors,
                             critique),
                 start);
    }
    drop_failing_items();
}

void JobRun::design() {
    const auto start = deps_.clock.steady_now();
    publish(EventType::kAgentStarted, "designer", std::nullopt, "preparing visuals");
    if (deps_.renderer == nullptr || deps_.media == nullptr) {
        finished("designer", std::nullopt, std::string(kDesignerMessage), start);
        return;
    }
    const DesignDeps design_deps{deps_.renderer, deps_.media, deps_.image_model, deps_.stop,
                                 brief_.language};
    std::size_t stored = 0;
    for (auto& item : job_.items) {
        if (stopped()) {
            return;
        }
        const auto item_start = deps_.clock.steady_now();
        auto outcome = design_item(item, sheet_, brief_.brand, design_deps);
        for (auto& note : outcome.notes) {
            if (std::find(job_.notes.begin(), job_.notes.end(), note) == job_.notes.end()) {
                job_.notes.push_back(std::move(note));
            }
        }
        stored += outcome.stored;
        publish(EventType::kAgentProgress, "designer", item.platform, outcome.summary,
                since(item_start));
    }
    finished("designer", std::nullopt,
             fmt::format("{} file(s) stored for {} item(s)", stored, job_.items.size()), start);
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
        finished("scheduler", std::nullopt, "failed: " + describe(done.error()), start);
        return;
    }
    finished("scheduler", std::nullopt,
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
