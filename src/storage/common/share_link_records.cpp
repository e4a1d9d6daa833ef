#include "storage/common/share_link_records.hpp"

namespace swarm::storage {

namespace {

tl::unexpected<core::Error> share_invalid(std::string message, std::string field) {
    return tl::unexpected(
        core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}});
}

}  // namespace

core::ShareLinkRecord decode_share_link(const Columns& row) {
    core::ShareLinkRecord link;
    link.id = row.text(0);
    link.workspace = core::WorkspaceId(row.text(1));
    link.job_id = row.text(2);
    link.digest = row.text(3);
    link.created_by = row.text(4);
    link.created_at = from_millis(row.integer(5));
    link.expires_at = from_millis(row.integer(6));
    link.revoked_at = optional_time(row, 7);
    return link;
}

core::Result<void> check_new_share_link(const core::NewShareLink& link, core::Timestamp now) {
    if (!core::is_share_link_id(link.id)) {
        return share_invalid("a share link id is \"shr_\" and 16 lower-case hex digits", "id");
    }
    if (link.job_id.empty()) {
        return share_invalid("must name the job the link shares", "job_id");
    }
    if (link.digest.empty()) {
        return share_invalid("must not be empty", "digest");
    }
    if (link.created_by.empty()) {
        return share_invalid("must name who made the link", "created_by");
    }
    if (to_millis(link.expires_at) <= to_millis(now)) {
        return share_invalid("must be after the link is made", "expires_at");
    }
    return {};
}

tl::unexpected<core::Error> unknown_share_job(const std::string& job_id) {
    return tl::unexpected(
        core::Error{core::ErrorCode::kNotFound, "job " + job_id + " not found", "job_id", {}});
}

tl::unexpected<core::Error> unknown_share_link(const std::string& id) {
    return tl::unexpected(
        core::Error{core::ErrorCode::kNotFound, "share link " + id + " not found", "id", {}});
}

}  // namespace swarm::storage
