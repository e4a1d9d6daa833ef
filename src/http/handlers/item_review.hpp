// The review steps of a content item (PATCH /api/v1/content/{id}): who may set which status, the
// review record a status change, a comment or a calendar move leaves in the item (each edit is a
// version, so the history lists every step), the DST-correct move, and the audit action.
#pragma once

#include "core/access/principal.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"
#include "http/dto/content_json.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::http {

/// Editors (and owners) may set any status, a comment and schedule_at; reviewers only the status
/// approved, changes_requested or draft, and a comment. Anything else is kPermissionDenied naming
/// "role". Whoever asks, "scheduled" is reached only from approved (or scheduled):
/// kFailedPrecondition naming "status" otherwise.
core::Result<void> check_review_step(core::access::Role role, std::string_view current_status,
                                     const dto::ItemPatch& patch);

/// Moves the item's schedule to the instant `at`: at_utc, suggested_at as the local time with its
/// offset in the schedule's time zone (else `fallback_zone`, the workspace's, else UTC) and the
/// reason "moved by <who>". Errors of the time zone database (an unknown zone) are returned.
core::Result<void> move_schedule(core::ContentItem& item, std::chrono::sys_seconds at,
                                 std::string_view fallback_zone, std::string_view who,
                                 const core::TimeZones& zones);

/// The review step an edit records, or nullopt when it records none: a status change (the new
/// status), a comment or a move (the status as it stays). A move without a comment says
/// "moved to <suggested_at>".
std::optional<core::Review> review_step(const dto::ItemPatch& patch, std::string_view status_before,
                                        const core::ContentItem& after, std::string_view who,
                                        std::chrono::sys_seconds now);

/// The audit action of an edit: item.submit (in_review), item.approve, item.request_changes,
/// item.schedule, item.reject (back to draft) for a status; else item.move (schedule_at),
/// item.comment (a comment alone) or item.edit.
std::string review_action(const dto::ItemPatch& patch);

/// Who a review step names: a person's email, else the credential ("key:csk_...").
std::string reviewer_name(const core::access::Principal& principal);

}  // namespace swarm::http
