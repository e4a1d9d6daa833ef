// The stores' input checks and refusals, worded once for every backend: empty ids, a job in the
// wrong state or under another claim, a stale item version, a taken brand profile name.
#pragma once

#include "core/ports/brand_profile_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::storage {

/// kInvalidArgument on field "id" when `id` is empty.
core::Result<void> check_id(const std::string& id);

/// kInvalidArgument on "status" unless `status` is final (succeeded, partial, failed, cancelled).
core::Result<void> check_final_status(core::JobStatus status);

/// kInvalidArgument on "id" or "name" when either is empty.
core::Result<void> check_profile(const core::NewBrandProfile& profile);

/// kNotFound on field "id": "<what> <id> not found".
tl::unexpected<core::Error> not_found(std::string_view what, const std::string& id);

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

/// kAlreadyExists on "name": the profile's id or name is taken.
core::Error profile_taken(const core::NewBrandProfile& profile);

}  // namespace swarm::storage
