#include "storage/common/store_errors.hpp"

namespace swarm::storage {

namespace {

std::string claim_text(const core::JobClaim& claim) {
    return "its lease is not held by " + claim.worker_id + " (claim " +
           std::to_string(claim.claim) + ")";
}

}  // namespace

core::Result<void> check_id(const std::string& id) {
    if (id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    return {};
}

core::Result<void> check_final_status(core::JobStatus status) {
    if (!core::is_final(status)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be succeeded, partial, failed or cancelled", "status");
    }
    return {};
}

core::Result<void> check_profile(const core::NewBrandProfile& profile) {
    SWARM_TRY(check_id(profile.id));
    if (profile.name.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "name");
    }
    return {};
}

tl::unexpected<core::Error> not_found(std::string_view what, const std::string& id) {
    return core::fail(core::ErrorCode::kNotFound, std::string(what) + " " + id + " not found",
                      "id");
}

tl::unexpected<core::Error> wrong_state(const core::JobRecord& job, std::string_view wanted) {
    return core::fail(core::ErrorCode::kFailedPrecondition,
                      "job " + job.id + " is " + std::string(core::to_string(job.status)) + "; " +
                          std::string(wanted));
}

tl::unexpected<core::Error> not_held(const core::JobRecord& job, const core::JobClaim& claim) {
    return wrong_state(job, claim_text(claim));
}

core::Result<void> check_repeat_finish(const core::JobRecord& job, const core::JobClaim& claim,
                                       core::JobStatus status) {
    const auto& runs = job.history;
    if (job.status == status && !runs.empty() && runs.back().claim == claim.claim &&
        runs.back().worker_id == claim.worker_id) {
        return {};
    }
    return wrong_state(
        job, "only a running job can finish, under its own claim (" + claim_text(claim) + ")");
}

core::Result<void> check_version(const std::string& item_id, std::int64_t current,
                                 std::optional<std::int64_t> expected) {
    if (expected && *expected != current) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "content item " + item_id + " is at version " + std::to_string(current) +
                              ", not " + std::to_string(*expected),
                          "expected_version");
    }
    return {};
}

core::Error profile_taken(const core::NewBrandProfile& profile) {
    return core::fail(core::ErrorCode::kAlreadyExists,
                      "a brand profile with id '" + profile.id + "' or name '" + profile.name +
                          "' already exists",
                      "name")
        .value();
}

}  // namespace swarm::storage
