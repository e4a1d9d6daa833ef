// JSON of the content endpoints: stored items with their version, pages, version history, the
// list query (parameters checked and named), the PATCH body (edits of an item) and the body of
// POST /api/v1/validate (a text to check without saving it).
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/content_store.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

/// The longest review comment, in characters (code points).
inline constexpr std::size_t kMaxCommentChars = 2000;

/// The edits a PATCH carries; unset members are left as they are.
struct ItemPatch {
    std::optional<std::string> body;
    std::optional<std::vector<core::Part>> parts;
    std::optional<std::vector<std::string>> hashtags;
    std::optional<std::string> status;
    std::optional<std::string> comment;                   // kept in the item's review
    std::optional<std::chrono::sys_seconds> schedule_at;  // moves the item's schedule

    /// Whether the edit changes the text (body, parts or hashtags).
    bool edits_text() const { return body || parts || hashtags; }
};

/// What POST /api/v1/validate checks: a platform's text, and the stored item it is an edit of.
struct ValidateRequest {
    core::Platform platform = core::Platform::kLinkedIn;
    ItemPatch text;  // body, parts and hashtags only
    std::optional<std::string> item_id;
};

/// draft, in_review, changes_requested, approved or scheduled.
bool is_item_status(std::string_view status);

/// job_id, platform, status, limit (1..100), cursor, and the RFC 3339 bounds created_from,
/// created_to, scheduled_from, scheduled_to; errors name the parameter.
core::Result<core::ContentQuery> decode_content_query(
    const std::map<std::string, std::string>& query);

/// limit (1..core::kMaxVersionPage, default 20) and cursor of GET .../versions.
core::Result<core::VersionQuery> decode_version_query(
    const std::map<std::string, std::string>& query);

/// Fields body, parts, hashtags, status, comment (at most kMaxCommentChars) and schedule_at
/// (RFC 3339); unknown fields rejected; parts follow the shape of `platform` (posts or slides).
/// Errors name the field.
core::Result<ItemPatch> decode_item_patch(std::string_view body, core::Platform platform);

/// Fields platform (required, a known platform), body, parts, hashtags (as in a PATCH) and
/// item_id; unknown fields rejected. Errors name the field.
core::Result<ValidateRequest> decode_validate_request(std::string_view body);

/// The stored item (an encode_item document) decoded, or kInternal when it is unreadable.
core::Result<core::ContentItem> decode_stored_item(const std::string& item_json);

/// The item as the store keeps it (encode_item).
std::string encode_item_for_store(const core::ContentItem& item);

/// The stored item document plus id, job_id, platform, status, score, version and times.
nlohmann::json encode_item_record(const core::ItemRecord& record);

/// {"items":[...],"next_cursor":string|null}.
nlohmann::json encode_item_page(const core::ItemPage& page);

/// {"id","versions":[{"version","status","score","created_at","item"}],"next_cursor"}, newest
/// first.
nlohmann::json encode_item_versions(const std::string& id, const core::VersionPage& page);

}  // namespace swarm::http::dto
