// The stores' input checks and refusals, worded once for every backend: empty ids, a job in the
// wrong state or under another claim, a stale item version, a taken brand profile name.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/brand_profile_store.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::storage {

/// kInvalidArgument on field "id" when `id` is empty.
core::Result<void> check_id(const std::string& id);

/// kInvalidArgument on "status" unless `status` is final (succeeded, partial, failed, cancelled).
core::Result<void> check_final_status(core::JobStatus status);

/// kInvalidArgument on "id" or "name" when either is empty.
core::Result<void> check_profile(const core::NewBrandProfile& profile);

/// kNotFound on field "id": "<what> <id> not found".
tl::unexpected<core::Error> not_found(std::string_view what, const std::string& id);

/// The same, naming `field`.
tl::unexpected<core::Error> not_found_field(std::string_view what, const std::string& id,
                                            std::string field);

/// kInvalidArgument on "id" (not "ws_" + 16 hex digits) or "name" (see check_workspace_name).
core::Result<void> check_workspace(const core::WorkspaceId& id, const std::string& name);

/// kAlreadyExists on "name": another workspace has the name.
tl::unexpected<core::Error> workspace_taken(const std::string& name);

/// kInvalidArgument on "id" (not a key id) or "name" (empty or over 100 bytes) or "digest".
core::Result<void> check_new_key(const core::NewApiKey& key);

/// kInvalidArgument naming the limit ("max_queued_jobs", ...) that is set and below 1.
core::Result<void> check_limits(const core::WorkspaceLimits& limits);

/// kInvalidArgument on "name" (not 1..64 of a-z, 0-9 and '_', starting with a letter) or
/// "sealed" (empty).
core::Result<void> check_secret(const std::string& name, const std::string& sealed);

/// kInvalidArgument on "name" (not 1..64 of a-z, 0-9 and '_') or "value" (over
/// core::kMaxPreferenceBytes).
core::Result<void> check_preference(const std::string& name, const std::string& value);

/// kNotFound on "workspace": "workspace <id> not found".
tl::unexpected<core::Error> unknown_workspace(const core::WorkspaceId& workspace);

/// kInvalidArgument on "actor" or "action" (empty) or "detail" (not a JSON object's text).
core::Result<void> check_audit_entry(const core::NewAuditEntry& entry);

/// kInvalidArgument on "limit" unless 1 <= query.limit <= 1000.
core::Result<void> check_audit_query(const core::AuditQuery& query);

/// kFailedPrecondition: "job <id> is <status>; <wanted>".
tl::unexpected<core::Error> wrong_state(const core::JobRecord& job, std::string_view wanted);

/// Why a fenced write under `claim` changed nothing: the job is not running under that claim.
tl::unexpected<core::Error> not_held(const core::JobRecord& job, const core::JobClaim& claim);

/// A finish that changed nothing: ok when this claim already finished the job with `status` (a
/// retry after an unknown outcome), else why the finish is refused.
core::Result<void> check_repeat_finish(const core::JobRecord& job, const core::JobClaim& claim,
                                       core::JobStatus status);

/// kFailedPrecondition on "expected_version" when `expected` is set and is not `current`.
core::Result<void> check_version(const std::string& item_id, std::int64_t current,
                                 std::optional<std::int64_t> expected);

/// kInvalidArgument on "id" unless `media_id` is a media id (64 lower-case hex digits).
core::Result<void> check_media_reference(const std::string& media_id);

/// What an item's JSON holds where it links the media object: its URL path, "/media/<id>".
std::string media_reference(const std::string& media_id);

/// kInvalidArgument on "item_json" when the item is larger than limits.max_item_bytes.
core::Result<void> check_item_size(const std::string& item_json, const core::ContentLimits& limits);

/// Where a page of versions starts: below `before` (nullopt on the first page), `fetch` rows
/// (one more than the limit, which tells whether another page follows).
struct VersionStart {
    std::optional<std::int64_t> before;
    std::int64_t fetch = 0;
};

/// Checks the limit (1..kMaxVersionPage, field "limit") and the cursor (field "cursor").
core::Result<VersionStart> version_start(const core::VersionQuery& query);

/// Drops the extra row and returns the next page's cursor ("" on the last page).
std::string take_version_page(std::vector<core::ItemVersion>& rows, int limit);

/// The oldest version an edit to `version` keeps unconditionally (older ones are pruned unless
/// first or approved); 0 when retention is off (versions_kept <= 0 keeps everything).
std::int64_t prune_below(std::int64_t version, const core::ContentLimits& limits);

/// kAlreadyExists on "name": the profile's id or name is taken.
core::Error profile_taken(const core::NewBrandProfile& profile);

}  // namespace swarm::storage
