// The jobs API: submit (idempotency key, 415/400/429), get with items, list with filters and
// cursor, cancel, and the job's event stream (SSE with Last-Event-ID resume).
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <string>
#include <vector>

namespace swarm::http {

/// A job's items, oldest first (every page); empty when no content store is configured.
core::Result<std::vector<core::ItemRecord>> job_items(const ApiDeps& deps,
                                                      const core::WorkspaceId& workspace,
                                                      const std::string& id);

Response handle_submit_job(const ApiDeps& deps, const Request& request);
Response handle_get_job(const ApiDeps& deps, const Request& request);
Response handle_list_jobs(const ApiDeps& deps, const Request& request);
Response handle_cancel_job(const ApiDeps& deps, const Request& request);
Response handle_job_events(const ApiDeps& deps, const Request& request);
/// The model outputs of a job as received, before parsing: {"raw_outputs":[...]}.
Response handle_job_raw_outputs(const ApiDeps& deps, const Request& request);

}  // namespace swarm::http
