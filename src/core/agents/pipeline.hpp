// The agent graph of one job: research -> writers (one per platform, concurrently) -> editor ->
// designer (cards, slides, deck files) -> scheduler. Built-in (offline) agents compose from the
// knowledge base only; with LlmAgents, model-backed agents run the same graph through ports.
#pragma once

#include "core/agents/writer.hpp"
#include "core/model/brief.hpp"
#include "core/model/job.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_sink.hpp"
#include "core/ports/image_model.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/renderer.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace swarm::core {

struct PipelineDeps {
    KnowledgeBase& kb;
    TimeZones& time_zones;
    Clock& clock;
    EventSink& events;
    /// Writer per platform; empty: the built-in offline writers (make_offline_writer). Tests and
    /// model-backed writers inject theirs here. Called once per platform, from the job's thread.
    WriterFactory writer_factory{};
    /// Model clients per agent role, the writers' mode, the job budget and the rewrite and
    /// revision limits. Null, or no client set: the offline pipeline, exactly as without it. A
    /// role without a client runs built-in; writer_factory then still supplies the writers, and
    /// it is the fallback when a model writer fails with a provider error.
    const LlmAgents* llm = nullptr;
    /// Every model output is appended here before it is parsed (agent "writer:linkedin
    /// prompt=writer_system@1+writer_linkedin@1"); a storage failure becomes a job note.
    RawOutputStore* raw_outputs = nullptr;
    /// Cancellation: passed to every model call; when requested the job ends promptly with status
    /// cancelled, no items and a note.
    std::stop_token stop{};
    /// The designer's tools. Renderer and media store both set: every item gets its visuals
    /// (cards, deck slides, PDF, PPTX) stored and linked; either null: no visuals. The image
    /// model is optional (card backgrounds); its failures fall back to the plain card.
    Renderer* renderer = nullptr;
    MediaStore* media = nullptr;
    ImageModel* image_model = nullptr;
};

struct PipelineOptions {
    std::string job_id;                       // item ids derive from it: "<job_id>-<platform>"
    std::optional<SysSeconds> schedule_from;  // earliest slot; default: the clock's now
};

/// Runs every agent for the brief. The returned job is final: succeeded only with one item per
/// requested platform, partial or failed otherwise with missing_platforms and notes saying why
/// ("twitter: missing after 2 rewrite(s): x.too_long: ..."), cancelled when deps.stop fired.
/// job.usage sums the model calls' tokens and cost.
/// Errors (not job failures) are reserved for bad input: an unknown time zone, an empty
/// knowledge base (kFailedPrecondition).
Result<Job> run_pipeline(const Brief& brief, const PipelineDeps& deps,
                         const PipelineOptions& options);

}  // namespace swarm::core
