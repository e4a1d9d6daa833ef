// JobRun's model-backed steps: research ranking, the model writers (parallel, sequential or
// single-call) with the completeness loop and the offline fallback, the editor's critique, the
// final gate and the job's usage, budget and cancellation notes.
#include "core/agents/critique.hpp"
#include "core/agents/model_research.hpp"
#include "core/agents/pipeline_run.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

using std::chrono::milliseconds;

/// A provider error (not the job's budget, not a cancellation) lets the built-in writer step in:
/// the user asked for the platform, so something grounded is delivered.
bool falls_back_offline(const Error& error) {
    return error.code != ErrorCode::kCancelled && !is_budget_error(error);
}

std::string missing_reason(const PlatformResult& result) {
    if (result.error && is_budget_error(*result.error)) {
        return "not written: " + result.error->message;
    }
    return result.reason;
}

}  // namespace

const LlmClient* JobRun::client(AgentRole role) const {
    return session_ ? deps_.llm->client(role).get() : nullptr;
}

std::string JobRun::refine_research(FactSheet& sheet, const std::vector<Passage>& passages) {
    if (client(AgentRole::kResearch) == nullptr || stopped()) {
        return {};
    }
    auto refined = refine_fact_sheet(*session_, *deps_.llm->research, brief_, passages, sheet);
    job_.notes.insert(job_.notes.end(), refined.notes.begin(), refined.notes.end());
    return refined.applied ? ", ranked by the model" : "";
}

void JobRun::write_with_models(const FactSheet& sheet, const std::vector<Passage>& passages) {
    const auto& platforms = brief_.platforms;
    const LlmAgents& llm = *deps_.llm;
    for (const Platform p : platforms) {
        publish(EventType::kAgentStarted, "writer", p, "writing");
    }
    const ModelWriterContext ctx{brief_, sheet, passages, *session_, *llm.writer, llm.max_rewrites};
    std::vector<PlatformResult> results(platforms.size());
    std::vector<milliseconds> elapsed(platforms.size());
    const auto timed = [&](std::size_t i, auto&& write) {
        const auto start = deps_.clock.steady_now();
        results[i] = write();
        elapsed[i] = since(start);
    };
    if (llm.mode == LlmMode::kParallel) {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            threads.emplace_back(
                [&, i] { timed(i, [&] { return write_platform(ctx, platforms[i]); }); });
        }
    } else if (llm.mode == LlmMode::kSequential) {
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            timed(i, [&] { return write_platform(ctx, platforms[i]); });
        }
    } else {
        const auto start = deps_.clock.steady_now();
        auto drafts = write_single_call(ctx);
        const auto call_time = since(start);
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            timed(i, [&] {
                if (!drafts) {
                    return PlatformResult{platforms[i], std::nullopt, 0, drafts.error(),
                                          "model error: " + describe(drafts.error())};
                }
                return complete_platform(ctx, platforms[i], std::move((*drafts)[i]));
            });
            elapsed[i] += call_time;
        }
    }
    for (std::size_t i = 0; i < platforms.size(); ++i) {
        collect_model(sheet, std::move(results[i]), elapsed[i]);
    }
}

void JobRun::collect_model(const FactSheet& sheet, PlatformResult result, milliseconds elapsed) {
    const Platform p = result.platform;
    const std::string name(to_string(p));
    if (result.item) {
        ContentItem item = std::move(*result.item);
        item.id = options_.job_id + "-" + name;
        item.platform = p;
        if (result.rewrites > 0) {
            job_.notes.push_back(
                fmt::format("{}: delivered after {} rewrite(s)", name, result.rewrites));
        }
        job_.timings.push_back(AgentTiming{"writer", p, elapsed});
        publish(EventType::kAgentFinished, "writer", p,
                item_summary(item) + (result.rewrites > 0
                                          ? fmt::format(" after {} rewrite(s)", result.rewrites)
                                          : std::string()),
                elapsed);
        job_.items.push_back(std::move(item));
        return;
    }
    if (result.error && falls_back_offline(*result.error) && !stopped()) {
        const auto why =
            fmt::format("written offline after model error: {}", describe(*result.error));
        job_.notes.push_back(fmt::format("{}: {}", name, why));
        offline_written_.insert(p);
        auto run = run_writer(sheet, p, offline_writer(p));
        run.elapsed += elapsed;
        // A succeeded job has no error field: the event is where a client learns why.
        collect(p, std::move(run), ", " + why);
        return;
    }
    const std::string reason = missing_reason(result);
    job_.missing_platforms.push_back(p);
    job_.notes.push_back(fmt::format("{}: {}", name, reason));
    job_.timings.push_back(AgentTiming{"writer", p, elapsed});
    publish(EventType::kAgentFinished, "writer", p, "failed: " + reason, elapsed);
}

std::string JobRun::review_with_models(ContentItem& item, const std::vector<Passage>& passages) {
    const LlmClient* editor = client(AgentRole::kEditor);
    if (editor == nullptr || sheet_ == nullptr || stopped()) {
        return {};
    }
    if (offline_written_.contains(item.platform)) {
        return ", no critique (written offline)";
    }
    const LlmAgents& llm = *deps_.llm;
    const CritiqueContext ctx{brief_,
                              *sheet_,
                              passages,
                              deps_.kb,
                              *session_,
                              *llm.editor,
                              llm.writer.get(),
                              llm.critique_threshold,
                              llm.max_revisions,
                              llm.max_rewrites};
    auto outcome = critique_and_revise(ctx, item);
    job_.notes.insert(job_.notes.end(), outcome.notes.begin(), outcome.notes.end());
    if (!outcome.score) {
        return ", no critique";
    }
    return fmt::format(", critique {:.2f} after {} revision(s)", *outcome.score, outcome.revisions);
}

// With models, an item is delivered only when it passes every hard rule after editing.
void JobRun::drop_failing_items() {
    if (!session_) {
        return;
    }
    std::vector<ContentItem> kept;
    for (auto& item : job_.items) {
        const bool failing =
            std::any_of(item.quality.issues.begin(), item.quality.issues.end(),
                        [](const Issue& i) { return i.severity == Severity::kError; });
        if (failing) {
            job_.missing_platforms.push_back(item.platform);
            job_.notes.push_back(fmt::format(
                "{}: not delivered: it breaks hard rules after editing", to_string(item.platform)));
        } else {
            kept.push_back(std::move(item));
        }
    }
    job_.items = std::move(kept);
}

void JobRun::finish_model() {
    if (stopped()) {
        job_.status = JobStatus::kCancelled;
        job_.items.clear();
        job_.missing_platforms = brief_.platforms;
        job_.notes.emplace_back(
            "cancelled: the job was stopped before every platform was delivered");
    }
    if (!session_) {
        return;
    }
    job_.usage = session_->usage();
    for (auto& note : session_->take_notes()) {
        job_.notes.push_back(std::move(note));
    }
    std::vector<Platform> ordered;
    for (const Platform p : brief_.platforms) {
        if (std::find(job_.missing_platforms.begin(), job_.missing_platforms.end(), p) !=
            job_.missing_platforms.end()) {
            ordered.push_back(p);
        }
    }
    job_.missing_platforms = std::move(ordered);
}

}  // namespace swarm::core::agents
