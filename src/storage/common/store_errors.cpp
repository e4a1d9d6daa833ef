#include "storage/common/store_errors.hpp"

#include "core/access/api_key.hpp"
#include "core/ports/media_store.hpp"
#include "storage/common/row_codec.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

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

core::Result<void> check_item_size(const std::string& item_json,
                                   const core::ContentLimits& limits) {
    if (item_json.size() > limits.max_item_bytes) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "the content item is " + std::to_string(item_json.size()) +
                              " bytes; at most " + std::to_string(limits.max_item_bytes) +
                              " are allowed",
                          "item_json");
    }
    return {};
}

core::Result<VersionStart> version_start(const core::VersionQuery& query) {
    SWARM_TRY(check_limit(query.limit, core::kMaxVersionPage));
    VersionStart start{std::nullopt, query.limit + 1};
    if (query.cursor.empty()) {
        return start;
    }
    // The cursor is "v" and the last version of the previous page; opaque to clients.
    std::int64_t before = 0;
    const auto* first = query.cursor.data() + 1;
    const auto* last = query.cursor.data() + query.cursor.size();
    const auto [ptr, ec] = std::from_chars(first, last, before);
    if (query.cursor.front() != 'v' || ec != std::errc() || ptr != last || before < 1) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be a next_cursor returned by the previous page", "cursor");
    }
    start.before = before;
    return start;
}

std::string take_version_page(std::vector<core::ItemVersion>& rows, int limit) {
    if (rows.size() <= static_cast<std::size_t>(limit)) {
        return {};
    }
    rows.resize(static_cast<std::size_t>(limit));
    return "v" + std::to_string(rows.back().version);
}

std::int64_t prune_below(std::int64_t version, const core::ContentLimits& limits) {
    return limits.versions_kept <= 0 ? 0 : version - limits.versions_kept + 1;
}

core::Error profile_taken(const core::NewBrandProfile& profile) {
    return core::fail(core::ErrorCode::kAlreadyExists,
                      "a brand profile with id '" + profile.id + "' or name '" + profile.name +
                          "' already exists",
                      "name")
        .value();
}

core::Result<void> check_media_reference(const std::string& media_id) {
    if (!core::is_valid_media_id(media_id)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a media id is 64 lower-case hex digits", "id");
    }
    return {};
}

std::string media_reference(const std::string& media_id) {
    return core::media_url(media_id);
}

tl::unexpected<core::Error> not_found_field(std::string_view what, const std::string& id,
                                            std::string field) {
    auto error = not_found(what, id).value();
    error.field = std::move(field);
    return tl::unexpected(std::move(error));
}

core::Result<void> check_workspace(const core::WorkspaceId& id, const std::string& name) {
    if (!core::access::is_workspace_id(id.str())) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a workspace id is \"ws_\" and 16 lower-case hex digits", "id");
    }
    return core::access::check_workspace_name(name, "name");
}

tl::unexpected<core::Error> workspace_taken(const std::string& name) {
    return core::fail(core::ErrorCode::kAlreadyExists,
                      "a workspace named \"" + name + "\" already exists", "name");
}

core::Result<void> check_new_key(const core::NewApiKey& key) {
    if (!core::access::is_api_key_id(key.id)) {
        return core::fail(core::ErrorCode::kInvalidArgument, "an API key id is 12 hex digits",
                          "id");
    }
    if (key.name.empty() || key.name.size() > 100) {
        return core::fail(core::ErrorCode::kInvalidArgument, "a key name is 1 to 100 bytes",
                          "name");
    }
    if (key.digest.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "a key needs its digest", "digest");
    }
    return {};
}

core::Result<void> check_limits(const core::WorkspaceLimits& limits) {
    const auto check = [](const std::optional<std::int64_t>& value,
                          const char* field) -> core::Result<void> {
        if (value && *value < 1) {
            return core::fail(core::ErrorCode::kInvalidArgument, "must be at least 1 when set",
                              field);
        }
        return {};
    };
    SWARM_TRY(check(limits.max_queued_jobs, "max_queued_jobs"));
    SWARM_TRY(check(limits.monthly_token_cap, "monthly_token_cap"));
    return check(limits.requests_per_minute, "requests_per_minute");
}

core::Result<void> check_secret(const std::string& name, const std::string& sealed) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    };
    if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z' ||
        !std::all_of(name.begin(), name.end(), allowed)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a secret name is 1 to 64 lower-case letters, digits or '_', starting "
                          "with a letter",
                          "name");
    }
    if (sealed.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "sealed");
    }
    return {};
}

core::Result<void> check_preference(const std::string& name, const std::string& value) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    };
    if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), allowed)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a preference name is 1 to 64 lower-case letters, digits or '_'", "name");
    }
    if (value.size() > core::kMaxPreferenceBytes) {
        return core::fail(
            core::ErrorCode::kInvalidArgument,
            "a preference value is at most " + std::to_string(core::kMaxPreferenceBytes) + " bytes",
            "value");
    }
    return {};
}

tl::unexpected<core::Error> unknown_workspace(const core::WorkspaceId& workspace) {
    return not_found_field("workspace", workspace.str(), "workspace");
}

core::Result<void> check_audit_entry(const core::NewAuditEntry& entry) {
    if (entry.actor.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "actor");
    }
    if (entry.action.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "action");
    }
    // Parsed only to refuse what is not a JSON object; the text is stored as given.
    const auto detail = nlohmann::json::parse(entry.detail, nullptr, false);
    if (detail.is_discarded() || !detail.is_object()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be a JSON object", "detail");
    }
    return {};
}

core::Result<void> check_audit_query(const core::AuditQuery& query) {
    constexpr std::size_t kMaxAuditPage = 1000;
    if (query.limit < 1 || query.limit > kMaxAuditPage) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be between 1 and " + std::to_string(kMaxAuditPage), "limit");
    }
    return {};
}

}  // namespace swarm::storage
