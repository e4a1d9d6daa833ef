#include "http/handlers/job_handlers.hpp"

#include "codec/brief_json.hpp"
#include "core/knowledge/document_scope.hpp"
#include "http/access.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/brand_json.hpp"
#include "http/dto/job_json.hpp"
#include "http/error_response.hpp"
#include "http/job_event_stream.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace swarm::http {
namespace {

constexpr std::size_t kMaxIdempotencyKey = 200;

Response bad_request(std::string message, std::string field) {
    return error_response(
        core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}});
}

Response not_configured() {
    return error_response(
        core::Error{core::ErrorCode::kUnavailable, "the jobs API is not configured", {}, {}});
}

bool parse_int(std::string_view text, std::int64_t& value) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

/// The Idempotency-Key header: absent, or 1..200 printable ASCII characters.
core::Result<std::optional<std::string>> idempotency_key(const Request& request) {
    const auto key = request.header("idempotency-key");
    if (!key) {
        return std::optional<std::string>{};
    }
    const bool printable = std::all_of(key->begin(), key->end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    if (key->empty() || key->size() > kMaxIdempotencyKey || !printable) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be 1..200 printable ASCII characters", "Idempotency-Key");
    }
    return std::optional<std::string>(std::string(*key));
}

/// The brief's documents must be in the workspace's knowledge base (a misspelt name would run the
/// job on nothing): a 400 naming the first unknown one, as it appears in `body`.
std::optional<Response> unknown_document(const ApiDeps& deps, const Request& request,
                                         const core::Brief& brief, const std::string& body) {
    if (brief.documents.empty() || deps.knowledge == nullptr) {
        return std::nullopt;
    }
    auto base = deps.knowledge->open(workspace_of(request));
    if (!base) {
        return error_response(base.error());
    }
    if (base->documents == nullptr) {
        return std::nullopt;
    }
    auto known = base->documents->list_documents();
    if (!known) {
        return error_response(known.error());
    }
    const auto missing = core::knowledge::first_unknown_document(brief.documents, *known);
    if (!missing) {
        return std::nullopt;
    }
    const auto& name = brief.documents[*missing];
    return bad_request("\"" + name +
                           "\" is not a document of this workspace's knowledge base; "
                           "GET /api/v1/kb/documents lists their names",
                       codec::document_field(body, name));
}

Response job_response(const ApiDeps& deps, int status, const core::JobRecord& job) {
    auto items = job_items(deps, job.workspace, job.id);
    if (!items) {
        return error_response(items.error());
    }
    return json_response(status, dto::encode_job(job, *items));
}

}  // namespace

core::Result<std::vector<core::ItemRecord>> job_items(const ApiDeps& deps,
                                                      const core::WorkspaceId& workspace,
                                                      const std::string& id) {
    std::vector<core::ItemRecord> items;
    if (deps.content == nullptr) {
        return items;
    }
    core::ContentQuery query;
    query.job_id = id;
    query.limit = 100;
    for (;;) {
        SWARM_TRY_ASSIGN(auto page, deps.content->list(workspace, query));
        items.insert(items.end(), page.items.begin(), page.items.end());
        if (page.next_cursor.empty()) {
            break;
        }
        query.cursor = page.next_cursor;
    }
    std::reverse(items.begin(), items.end());  // oldest first: the order they were delivered
    return items;
}

Response handle_submit_job(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr) {
        return not_configured();
    }
    if (auto refused = check_json_content_type(request)) {
        return *refused;
    }
    auto key = idempotency_key(request);
    if (!key) {
        return error_response(key.error());
    }
    auto brief = codec::decode_brief(request.body);
    if (!brief) {
        return error_response(brief.error());
    }
    if (!brief->kb.empty()) {
        // A folder on the client's disk means nothing here; silently ignoring it would let the
        // client believe its documents were used.
        return bad_request(
            "is not accepted by the server: jobs use the server's knowledge base (serve --kb; "
            "manage it with /api/v1/kb/documents); remove the field",
            "kb");
    }
    if (deps.time_zones != nullptr) {
        if (auto zone = deps.time_zones->check(brief->timezone); !zone) {
            return error_response(zone.error());  // field "timezone"
        }
    }
    std::string stored_body = request.body;
    if (!brief->brand_profile.empty()) {
        // The job keeps the profile as it is now: later edits to it do not change this job.
        auto resolved = dto::resolve_brand_profile(nlohmann::json::parse(request.body), deps.brands,
                                                   workspace_of(request));
        if (!resolved) {
            return error_response(resolved.error());
        }
        stored_body = resolved->dump();
        brief = codec::decode_brief(stored_body);
        if (!brief) {
            return error_response(brief.error());
        }
    }
    if (auto unknown = unknown_document(deps, request, *brief, stored_body)) {
        return *unknown;
    }
    if (deps.settings != nullptr) {
        if (auto admitted = deps.settings->admit_job(workspace_of(request)); !admitted) {
            return error_response(admitted.error());
        }
    }
    auto outcome = deps.jobs->submit(workspace_of(request), *brief, stored_body, *key);
    if (!outcome) {
        if (outcome.error().field == core::kIdempotencyKeyField &&
            outcome.error().code == core::ErrorCode::kFailedPrecondition) {
            // As the IETF idempotency-key draft says: the key was reused with another payload.
            return error_response(422, outcome.error(), "idempotency_key_reused");
        }
        return error_response(outcome.error());
    }
    if (outcome->created) {
        nlohmann::json platforms = nlohmann::json::array();
        for (const auto platform : outcome->job.requested_platforms) {
            platforms.push_back(std::string(core::to_string(platform)));
        }
        audit(deps, request, "job.submit", "job:" + outcome->job.id,
              {{"platforms", std::move(platforms)}});
    }
    auto res = json_response(outcome->created ? 202 : 200, dto::encode_job_summary(outcome->job));
    res.set_header("Location", "/api/v1/jobs/" + outcome->job.id);
    return res;
}

Response handle_get_job(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr) {
        return not_configured();
    }
    auto job = deps.jobs->get(workspace_of(request), request.path_params.at("id"));
    if (!job) {
        return error_response(job.error());
    }
    return job_response(deps, 200, *job);
}

Response handle_list_jobs(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr) {
        return not_configured();
    }
    auto query = dto::decode_job_query(request.query);
    if (!query) {
        return error_response(query.error());
    }
    auto page = deps.jobs->list(workspace_of(request), *query);
    if (!page) {
        return error_response(page.error());
    }
    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& job : page->jobs) {
        jobs.push_back(dto::encode_job_summary(job));
    }
    return json_response(
        200, {{"jobs", std::move(jobs)},
              {"next_cursor", page->next_cursor.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(page->next_cursor)}});
}

Response handle_cancel_job(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr) {
        return not_configured();
    }
    auto job = deps.jobs->cancel(workspace_of(request), request.path_params.at("id"));
    if (!job) {
        return error_response(job.error());
    }
    audit(deps, request, "job.cancel", "job:" + request.path_params.at("id"));
    return job_response(deps, 200, *job);
}

Response handle_job_events(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr || deps.events == nullptr || deps.hub == nullptr) {
        return not_configured();
    }
    const auto& id = request.path_params.at("id");
    std::int64_t after = 0;
    auto last = request.header("last-event-id");
    const auto query = request.query.find("last_event_id");
    if (!last && query != request.query.end()) {
        last = query->second;
    }
    if (last && (!parse_int(*last, after) || after < 0)) {
        return bad_request("must be a non-negative event sequence number", "Last-Event-ID");
    }
    if (auto job = deps.jobs->get(workspace_of(request), id); !job) {
        return error_response(job.error());
    }
    Response res;
    res.content_type = "text/event-stream";
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.stream = JobEventStream::create(
        workspace_of(request), id, after, *deps.events, *deps.hub, format_sse_event,
        deps.job_metrics != nullptr ? &deps.job_metrics->events_streamed : nullptr,
        deps.event_store_poll);
    return res;
}

Response handle_job_raw_outputs(const ApiDeps& deps, const Request& request) {
    if (deps.jobs == nullptr || deps.raw_outputs == nullptr) {
        return not_configured();
    }
    const auto& id = request.path_params.at("id");
    if (auto job = deps.jobs->get(workspace_of(request), id); !job) {
        return error_response(job.error());
    }
    auto records = deps.raw_outputs->list(workspace_of(request), id);
    if (!records) {
        return error_response(records.error());
    }
    return json_response(200, dto::encode_raw_outputs(*records));
}

}  // namespace swarm::http
