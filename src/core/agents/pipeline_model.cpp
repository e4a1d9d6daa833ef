// JobRun's model-backed steps: research ranking, the model writers (parallel, sequential or
// single-call) with the completeness loop and the offline fallback, the editor's critique, the
// final gate and the job's usage, budget and cancellation notes.
#include "core/agents/critique.hpp"
#include "core/agents/model_research.hpp"
#include "core/agents/pipeline_run.hpp"

#include <algorithm>

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

// Parallel: every lane on its own thread from its writer call on. Sequential: the lanes one after
// another on the job's thread. Single-call: one call drafts every platform, then the lanes
// complete and edit their drafts concurrently.
void JobRun::write_with_models(std::vector<Lane>& lanes, const FactSheet& sheet,
                               const std::vector<Passage>& passages) {
    const LlmAgents& llm = *deps_.llm;
    const ModelWriterContext ctx{brief_,
                                 sheet,
                                 passages,
                                 *session_,
                                 *llm.writer,
                                 llm.max_rewrites,
                                 llm.mode == LlmMode::kParallel};
    if (llm.mode != LlmMode::kSingleCall) {
        const WriteStep write = [&](Lane& lane) {
            publish(EventType::kAgentStarted, "writer", lane.platform, "writing");
            const auto start = deps_.clock.steady_now();
            auto result = write_platform(ctx, lane.platform);
            collect_model(lane, sheet, std::move(result), since(start));
        };
        run_lanes(lanes, write, llm.mode == LlmMode::kParallel, passages);
        return;
    }
    for (const auto& lane : lanes) {
        publish(EventType::kAgentStarted, "writer", lane.platform, "writing");
    }
    const auto start = deps_.clock.steady_now();
    auto drafts = write_single_call(ctx);
    const auto call_time = since(start);
    const WriteStep complete = [&](Lane& lane) {
        const auto lane_start = deps_.clock.steady_now();
        auto result = drafts
                          ? complete_platform(ctx, lane.platform, std::move((*drafts)[lane.index]))
                          : PlatformResult{lane.platform, std::nullopt, 0, drafts.error(),
                                           "model error: " + describe(drafts.error())};
        collect_model(lane, sheet, std::move(result), since(lane_start) + call_time);
    };
    run_lanes(lanes, complete, true, passages);
}

void JobRun::collect_model(Lane& lane, const FactSheet& sheet, PlatformResult result,
                           milliseconds elapsed) {
    const Platform p = result.platform;
    const std::string name(to_string(p));
    auto& timings = lane.timings[static_cast<std::size_t>(Stage::kWrite)];
    if (result.item) {
        ContentItem item = std::move(*result.item);
        item.id = options_.job_id + "-" + name;
        item.platform = p;
        if (result.rewrites > 0) {
            lane.note(Stage::kWrite,
                      fmt::format("{}: delivered after {} rewrite(s)", name, result.rewrites));
        }
        timings.push_back(AgentTiming{"writer", p, elapsed});
        publish(EventType::kAgentFinished, "writer", p,
                item_summary(item) + (result.rewrites > 0
                                          ? fmt::format(" after {} rewrite(s)", result.rewrites)
                                          : std::string()),
                elapsed);
        lane.item = std::move(item);
        return;
    }
    if (result.error && falls_back_offline(*result.error) && !stopped()) {
        const auto why =
            fmt::format("written offline after model error: {}", describe(*result.error));
        lane.note(Stage::kWrite, fmt::format("{}: {}", name, why));
        lane.offline_written = true;
        auto run = run_writer(sheet, p, std::move(lane.offline));
        run.elapsed += elapsed;
        // A succeeded job has no error field: the event is where a client learns why.
        collect(lane, std::move(run), ", " + why);
        return;
    }
    const std::string reason = missing_reason(result);
    lane.missing_at = Stage::kWrite;
    lane.note(Stage::kWrite, fmt::format("{}: {}", name, reason));
    timings.push_back(AgentTiming{"writer", p, elapsed});
    publish(EventType::kAgentFinished, "writer", p, "failed: " + reason, elapsed);
}

std::string JobRun::review_with_models(Lane& lane, const std::vector<Passage>& passages) {
    const LlmClient* editor = client(AgentRole::kEditor);
    if (editor == nullptr || sheet_ == nullptr || stopped()) {
        return {};
    }
    if (lane.offline_written) {
        return ", no critique (written offline)";
    }
    const LlmAgents& llm = *deps_.llm;
    const CritiqueContext ctx{brief_,
                              *sheet_,
                              passages,
                              kb_,
                              *session_,
                              *llm.editor,
                              llm.writer.get(),
                              llm.critique_threshold,
                              llm.max_revisions,
                              llm.max_rewrites};
    auto outcome = critique_and_revise(ctx, *lane.item);
    for (auto& note : outcome.notes) {
        lane.note(Stage::kEdit, std::move(note));
    }
    if (!outcome.score) {
        return ", no critique";
    }
    return fmt::format(", critique {:.2f} after {} revision(s)", *outcome.score, outcome.revisions);
}

// With models, an item is delivered only when it passes every hard rule after editing.
void JobRun::drop_if_failing(Lane& lane) {
    if (!session_ || !lane.item) {
        return;
    }
    const auto& issues = lane.item->quality.issues;
    if (std::any_of(issues.begin(), issues.end(),
                    [](const Issue& i) { return i.severity == Severity::kError; })) {
        lane.item.reset();
        lane.missing_at = Stage::kDrop;
        lane.note(Stage::kDrop, fmt::format("{}: not delivered: it breaks hard rules after editing",
                                            to_string(lane.platform)));
    }
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
