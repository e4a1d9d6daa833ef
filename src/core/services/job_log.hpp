// What the job runner tells the operator: one line when a run starts and one when a job ends
// (delivered and missing platforms), as plain fields; the app turns them into JSON log lines.
#pragma once

#include "core/model/job.hpp"
#include "core/model/platform.hpp"

#include <functional>
#include <string>
#include <vector>

namespace swarm::core {

struct JobLogLine {
    std::string msg;  // "job started", "job finished", "job requeued"
    std::string job_id;
    std::string worker_id;
    std::int64_t attempt = 0;
    std::vector<Platform> requested_platforms;
    std::vector<Platform> delivered_platforms;  // set on "job finished"
    std::vector<Platform> missing_platforms;    // set on "job finished"
    std::string status;                         // final status on "job finished"
    std::string error;                          // why platforms are missing or the job failed
    JobUsage usage;                             // this run's model use, on "job finished"
};

/// Receives log lines from worker threads; must be thread-safe. No prompts or secrets reach it.
using JobLogger = std::function<void(const JobLogLine&)>;

}  // namespace swarm::core
