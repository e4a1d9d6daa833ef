// The agent graph of one job: research -> writers (one per platform, concurrently) -> editor ->
// designer (no-op until visuals land) -> scheduler. Built-in (offline) agents compose from the
// knowledge base only; model-backed agents plug into the same graph later.
#pragma once

#include "core/agents/writer.hpp"
#include "core/model/brief.hpp"
#include "core/model/job.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_sink.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"

#include <optional>
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
};

struct PipelineOptions {
    std::string job_id;                       // item ids derive from it: "<job_id>-<platform>"
    std::optional<SysSeconds> schedule_from;  // earliest slot; default: the clock's now
};

/// Runs every agent for the brief. The returned job is final: succeeded only with one item per
/// requested platform, partial or failed otherwise with missing_platforms and notes saying why.
/// Errors (not job failures) are reserved for bad input: an unknown time zone, an empty
/// knowledge base (kFailedPrecondition).
Result<Job> run_pipeline(const Brief& brief, const PipelineDeps& deps,
                         const PipelineOptions& options);

}  // namespace swarm::core
