// JSON of the content endpoints: stored items with their version, pages, version history, the
// list query (parameters checked and named) and the PATCH body (edits of an item).
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/content_store.hpp"
#include "core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

/// The edits a PATCH carries; unset members are left as they are.
struct ItemPatch {
    std::optional<std::string> body;
    std::optional<std::vector<core::Part>> parts;
    std::optional<std::vector<std::string>> hashtags;
    std::optional<std::string> status;
};

/// draft, approved or scheduled.
bool is_item_status(std::string_view status);

/// job_id, platform, status, limit (1..100), cursor; errors name the parameter.
core::Result<core::ContentQuery> decode_content_query(
    const std::map<std::string, std::string>& query);

/// limit (1..core::kMaxVersionPage, default 20) and cursor of GET .../versions.
core::Result<core::VersionQuery> decode_version_query(
    const std::map<std::string, std::string>& query);

/// Fields body, parts, hashtags, status (unknown fields rejected); parts follow the shape of
/// `platform` (posts or slides). Errors name the field.
core::Result<ItemPatch> decode_item_patch(std::string_view body, core::Platform platform);

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
