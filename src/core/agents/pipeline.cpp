#include "core/agents/pipeline.hpp"

namespace swarm::core {

Result<Job> run_pipeline(const Brief& brief, const PipelineDeps& /*deps*/,
                         const PipelineOptions& options) {
    Job job;
    job.id = options.job_id;
    job.brief = brief;
    job.status = JobStatus::kFailed;
    job.missing_platforms = brief.platforms;
    return job;
}

}  // namespace swarm::core
