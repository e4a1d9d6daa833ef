// The stores' rows, the same on every backend: the column list each query selects and the
// decoder that turns one row (read through Columns) into the port's record.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "core/result.hpp"
#include "storage/common/row_codec.hpp"

namespace swarm::storage {

/// jobs, in decode_job's order.
inline constexpr const char* kJobColumns =
    "id, status, brief_json, requested_platforms, request_key, attempts, cancel_requested, "
    "error, missing_platforms, lease_owner, lease_expires_at, created_at, updated_at, "
    "started_at, finished_at, usage_input_tokens, usage_output_tokens, usage_cost_usd, "
    "usage_model_calls, notes, claims, not_before, claimed_at, history, workspace_id";

/// What a requeue or hand-back returns, in decode_requeued's order.
inline constexpr const char* kRequeuedColumns = "id, status, attempts, not_before, error";

/// content_items, in decode_item's order.
inline constexpr const char* kItemColumns =
    "id, job_id, platform, status, item_json, score, version, created_at, updated_at, "
    "scheduled_at";

/// content_item_versions, in decode_item_version's order.
inline constexpr const char* kItemVersionColumns = "version, item_json, status, score, created_at";

/// job_events, in decode_event's order.
inline constexpr const char* kEventColumns = "seq, type, agent, platform, message, at, elapsed_ms";

/// brand_profiles, in decode_profile's order.
inline constexpr const char* kProfileColumns = "id, name, brand_json, created_at, updated_at";

/// raw_outputs (without job_id, which the caller knows), in decode_raw_output's order.
inline constexpr const char* kRawOutputColumns = "id, agent, platform, text, created_at";

/// workspaces, in decode_workspace's order.
inline constexpr const char* kWorkspaceColumns = "id, name, legacy, created_at";

/// workspace_limits, in decode_limits' order.
inline constexpr const char* kLimitsColumns =
    "max_queued_jobs, monthly_token_cap, requests_per_minute";

/// workspace_secrets, in decode_secret's order.
inline constexpr const char* kSecretColumns = "name, sealed, last4, updated_at";

/// api_keys joined with workspaces (k: api_keys, w: workspaces), in decode_api_key's order.
inline constexpr const char* kApiKeyColumns =
    "k.id, k.workspace_id, w.name, k.name, k.role, k.digest, k.created_at, k.expires_at, "
    "k.last_used_at, k.revoked_at";

/// audit_log, in decode_audit_entry's order.
inline constexpr const char* kAuditColumns =
    "seq, workspace_id, at, actor, action, object, address, detail";

/// An audit query's action filter as two query parameters: `exact` (an action) or `prefix` (a
/// filter ending in '.', compared as a prefix, never as a LIKE pattern); both nullopt: no filter.
struct AuditActionFilter {
    std::optional<std::string> exact;
    std::optional<std::string> prefix;
};

AuditActionFilter audit_action_filter(const core::AuditQuery& query);

core::WorkspaceRecord decode_workspace(const Columns& row);
core::Result<core::ApiKeyRecord> decode_api_key(const Columns& row);
/// All unset when the row has NULLs (as a LEFT JOIN gives a workspace that set no limit).
core::WorkspaceLimits decode_limits(const Columns& row);
core::SecretRecord decode_secret(const Columns& row);
core::AuditEntry decode_audit_entry(const Columns& row);
core::Result<core::JobRecord> decode_job(const Columns& row);
core::Result<core::RequeuedJob> decode_requeued(const Columns& row);
core::Result<core::ItemRecord> decode_item(const Columns& row);
core::ItemVersion decode_item_version(const Columns& row);
core::Result<core::JobEvent> decode_event(const Columns& row);
core::BrandProfileRecord decode_profile(const Columns& row);
core::Result<core::RawOutputRecord> decode_raw_output(const Columns& row,
                                                      const std::string& job_id);

}  // namespace swarm::storage
