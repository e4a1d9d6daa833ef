// The share link store's rows, the same on every backend: the column list, the decoder, the
// input checks and the refusals.
#pragma once

#include "core/ports/share_link_store.hpp"
#include "core/result.hpp"
#include "storage/common/row_codec.hpp"

#include <string>

namespace swarm::storage {

/// share_links, in decode_share_link's order.
inline constexpr const char* kShareLinkColumns =
    "id, workspace_id, job_id, digest, created_by, created_at, expires_at, revoked_at";

core::ShareLinkRecord decode_share_link(const Columns& row);

/// kInvalidArgument on "id" (not a share link id), "job_id", "digest" or "created_by" (empty),
/// or "expires_at" (not after `now`).
core::Result<void> check_new_share_link(const core::NewShareLink& link, core::Timestamp now);

/// kNotFound on "job_id": the workspace has no such job.
tl::unexpected<core::Error> unknown_share_job(const std::string& job_id);

/// kNotFound on "id": no share link with this id in the workspace.
tl::unexpected<core::Error> unknown_share_link(const std::string& id);

}  // namespace swarm::storage
