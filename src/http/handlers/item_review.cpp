#include "http/handlers/item_review.hpp"

#include "codec/time_text.hpp"
#include "core/agents/scheduler.hpp"

#include <array>

namespace swarm::http {
namespace {

/// What a reviewer may set: approve, send back with changes requested, or back to draft.
constexpr std::array<std::string_view, 3> kReviewerStatuses{"approved", "changes_requested",
                                                            "draft"};

bool reviewer_may_set(std::string_view status) {
    for (const auto allowed : kReviewerStatuses) {
        if (allowed == status) {
            return true;
        }
    }
    return false;
}

}  // namespace

core::Result<void> check_review_step(core::access::Role role, std::string_view current_status,
                                     const dto::ItemPatch& patch) {
    if (!core::access::includes(role, core::access::Role::kEditor) &&
        (patch.edits_text() || patch.schedule_at ||
         (patch.status && !reviewer_may_set(*patch.status)))) {
        return core::fail(core::ErrorCode::kPermissionDenied,
                          "a reviewer may approve an item (status \"approved\"), request changes "
                          "(\"changes_requested\") or send it back (\"draft\"), with a comment; "
                          "editing and moving it need the editor role",
                          "role");
    }
    if (patch.status && *patch.status == "scheduled" && current_status != "approved" &&
        current_status != "scheduled") {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "the item is " + std::string(current_status) +
                              "; only an approved item can be scheduled: approve it first",
                          "status");
    }
    return {};
}

core::Result<void> move_schedule(core::ContentItem& item, std::chrono::sys_seconds at,
                                 std::string_view fallback_zone, std::string_view who,
                                 const core::TimeZones& zones) {
    std::string zone = item.schedule && !item.schedule->timezone.empty()
                           ? item.schedule->timezone
                           : std::string(fallback_zone.empty() ? "UTC" : fallback_zone);
    SWARM_TRY_ASSIGN(const auto wall, zones.to_local(zone, at));
    core::Schedule moved;
    moved.at_utc = at;
    moved.suggested_at = core::iso_local(wall, at);
    moved.timezone = std::move(zone);
    moved.reason = "moved by " + std::string(who);
    item.schedule = std::move(moved);
    return {};
}

std::optional<core::Review> review_step(const dto::ItemPatch& patch, std::string_view status_before,
                                        const core::ContentItem& after, std::string_view who,
                                        std::chrono::sys_seconds now) {
    const bool status_changed = patch.status && *patch.status != status_before;
    const bool moved = patch.schedule_at.has_value() && after.schedule.has_value();
    if (!status_changed && !patch.comment && !moved) {
        return std::nullopt;
    }
    core::Review review;
    review.status = after.status;
    review.by = std::string(who);
    if (patch.comment) {
        review.comment = *patch.comment;
    } else if (moved) {
        review.comment = "moved to " + after.schedule->suggested_at;
    }
    review.at = codec::utc_text(now);
    return review;
}

std::string review_action(const dto::ItemPatch& patch) {
    if (patch.status) {
        const std::string& s = *patch.status;
        return s == "in_review"           ? "item.submit"
               : s == "approved"          ? "item.approve"
               : s == "changes_requested" ? "item.request_changes"
               : s == "scheduled"         ? "item.schedule"
                                          : "item.reject";
    }
    if (patch.edits_text()) {
        return "item.edit";
    }
    if (patch.schedule_at) {
        return "item.move";
    }
    return patch.comment ? "item.comment" : "item.edit";
}

std::string reviewer_name(const core::access::Principal& principal) {
    return principal.email.empty() ? principal.actor : principal.email;
}

}  // namespace swarm::http
