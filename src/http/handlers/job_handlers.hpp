// The jobs API: submit (idempotency key, 415/400/429), get with items, list with filters and
// cursor, cancel, and the job's event stream (SSE with Last-Event-ID resume).
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

namespace swarm::http {

Response handle_submit_job(const ApiDeps& deps, const Request& request);
Response handle_get_job(const ApiDeps& deps, const Request& request);
Response handle_list_jobs(const ApiDeps& deps, const Request& request);
Response handle_cancel_job(const ApiDeps& deps, const Request& request);
Response handle_job_events(const ApiDeps& deps, const Request& request);

}  // namespace swarm::http
