#include "storage/common/records.hpp"

#include <utility>

namespace swarm::storage {

core::WorkspaceRecord decode_workspace(const Columns& row) {
    return {core::WorkspaceId(row.text(0)), row.text(1), row.flag(2), from_millis(row.integer(3))};
}

core::Result<core::ApiKeyRecord> decode_api_key(const Columns& row) {
    core::ApiKeyRecord key;
    key.id = row.text(0);
    key.workspace = core::WorkspaceId(row.text(1));
    key.workspace_name = row.text(2);
    key.name = row.text(3);
    SWARM_TRY_ASSIGN(key.role, core::access::parse_role(row.text(4), "role"));
    key.digest = row.text(5);
    key.created_at = from_millis(row.integer(6));
    key.expires_at = optional_time(row, 7);
    key.last_used_at = optional_time(row, 8);
    key.revoked_at = optional_time(row, 9);
    return key;
}

core::AuditEntry decode_audit_entry(const Columns& row) {
    return {row.integer(0),
            core::WorkspaceId(row.text(1)),
            from_millis(row.integer(2)),
            row.text(3),
            row.text(4),
            row.text(5),
            row.text(6),
            row.text(7)};
}

AuditActionFilter audit_action_filter(const core::AuditQuery& query) {
    if (!query.action) {
        return {};
    }
    if (query.action->ends_with('.')) {
        return {std::nullopt, *query.action};
    }
    return {*query.action, std::nullopt};
}

namespace {

std::optional<std::int64_t> optional_limit(const Columns& row, int column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return row.integer(column);
}

}  // namespace

core::WorkspaceLimits decode_limits(const Columns& row) {
    return {optional_limit(row, 0), optional_limit(row, 1), optional_limit(row, 2)};
}

core::SecretRecord decode_secret(const Columns& row) {
    return {row.text(0), row.text(1), row.text(2), from_millis(row.integer(3))};
}

core::Result<core::JobRecord> decode_job(const Columns& row) {
    core::JobRecord job;
    job.id = row.text(0);
    SWARM_TRY_ASSIGN(job.status, decode_job_status(row.text(1)));
    job.brief_json = row.text(2);
    SWARM_TRY_ASSIGN(job.requested_platforms, decode_platforms(row.text(3)));
    if (!row.is_null(4)) {
        job.idempotency_key = row.text(4);
    }
    job.attempts = row.integer(5);
    job.cancel_requested = row.flag(6);
    job.error = row.text(7);
    SWARM_TRY_ASSIGN(job.missing_platforms, decode_platforms(row.text(8)));
    job.lease_owner = row.text(9);
    job.lease_expires_at = optional_time(row, 10);
    job.created_at = from_millis(row.integer(11));
    job.updated_at = from_millis(row.integer(12));
    job.started_at = optional_time(row, 13);
    job.finished_at = optional_time(row, 14);
    job.usage.input_tokens = row.integer(15);
    job.usage.output_tokens = row.integer(16);
    job.usage.cost_usd = row.real(17);
    job.usage.model_calls = static_cast<int>(row.integer(18));
    job.notes = decode_notes(row.text(19));
    job.claims = row.integer(20);
    job.not_before = optional_time(row, 21);
    set_history(job, row.text(23), optional_time(row, 22));
    job.workspace = core::WorkspaceId(row.text(24));
    return job;
}

core::Result<core::RequeuedJob> decode_requeued(const Columns& row) {
    SWARM_TRY_ASSIGN(const auto status, decode_job_status(row.text(1)));
    return core::RequeuedJob{row.text(0), status, row.integer(2), optional_time(row, 3),
                             row.text(4)};
}

core::Result<core::ItemRecord> decode_item(const Columns& row) {
    SWARM_TRY_ASSIGN(const auto platform, decode_platform(row.text(2)));
    return core::ItemRecord{row.text(0),
                            row.text(1),
                            platform,
                            row.text(3),
                            row.text(4),
                            row.real(5),
                            row.integer(6),
                            from_millis(row.integer(7)),
                            from_millis(row.integer(8)),
                            optional_seconds(row, 9)};
}

core::ItemVersion decode_item_version(const Columns& row) {
    return {row.integer(0), row.text(1), row.text(2), row.real(3), from_millis(row.integer(4))};
}

core::Result<core::JobEvent> decode_event(const Columns& row) {
    core::JobEvent event;
    event.seq = row.integer(0);
    SWARM_TRY_ASSIGN(event.type, decode_event_type(row.text(1)));
    event.agent = row.text(2);
    SWARM_TRY_ASSIGN(event.platform, optional_platform(row, 3));
    event.message = row.text(4);
    event.at = from_millis(row.integer(5));
    event.elapsed = std::chrono::milliseconds{row.integer(6)};
    return event;
}

core::BrandProfileRecord decode_profile(const Columns& row) {
    return {row.text(0), row.text(1), row.text(2), from_millis(row.integer(3)),
            from_millis(row.integer(4))};
}

core::Result<core::RawOutputRecord> decode_raw_output(const Columns& row,
                                                      const std::string& job_id) {
    SWARM_TRY_ASSIGN(auto platform, optional_platform(row, 2));
    return core::RawOutputRecord{row.integer(0), job_id,      row.text(1),
                                 platform,       row.text(3), from_millis(row.integer(4))};
}

}  // namespace swarm::storage
