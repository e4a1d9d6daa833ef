#include "http/handlers/content_handlers.hpp"

#include "codec/time_text.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/content_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/calendar_handlers.hpp"
#include "http/handlers/item_review.hpp"
#include "http/handlers/resource_support.hpp"
#include "http/handlers/validate_handlers.hpp"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace swarm::http {
namespace {

constexpr std::string_view kContentStore = "content store";

/// The version an If-Match header asks for ("3", "\"3\"" or W/"3"); nullopt without one or "*".
core::Result<std::optional<std::int64_t>> if_match_version(const Request& request) {
    const auto header = request.header("if-match");
    if (!header || *header == "*") {
        return std::optional<std::int64_t>();
    }
    std::string_view text = *header;
    if (text.substr(0, 2) == "W/") {
        text.remove_prefix(2);
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    std::int64_t version = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be an item version as returned by GET", "If-Match");
    }
    return std::optional<std::int64_t>(version);
}

Response precondition_failed(std::int64_t current, std::int64_t asked) {
    return error_response(412,
                          core::Error{core::ErrorCode::kFailedPrecondition,
                                      "the item is at version " + std::to_string(current) +
                                          "; If-Match asked for " + std::to_string(asked),
                                      "If-Match",
                                      {}},
                          "precondition_failed");
}

/// The item cache's key: the workspace is part of it, so an entry is only ever found by a
/// request of the item's own workspace.
std::string cache_key(const core::WorkspaceId& workspace, const std::string& id) {
    return workspace.str() + "/" + id;
}

std::string etag_of(std::int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

/// 200 with an item document and its version as the ETag.
Response item_body_response(std::string body, std::int64_t version) {
    Response res;
    res.body = std::move(body);
    res.set_header("ETag", etag_of(version));
    return res;
}

/// The item's JSON, from the cache when this version was served before. `epoch`: the store's
/// change epoch read before the record was.
Response item_response(const ApiDeps& api, const core::WorkspaceId& workspace,
                       const core::ItemRecord& record,
                       std::optional<std::uint64_t> epoch = std::nullopt) {
    const auto key = cache_key(workspace, record.id);
    if (auto cached =
            api.item_cache ? api.item_cache->find(key, record.version, epoch) : std::nullopt) {
        return item_body_response(std::move(*cached), record.version);
    }
    auto body = dto::encode_item_record(record).dump();
    if (api.item_cache) {
        api.item_cache->put(key, record.version, body, epoch);
    }
    return item_body_response(std::move(body), record.version);
}

Response not_modified(std::int64_t version) {
    Response res;
    res.status = 304;
    res.content_type.clear();
    res.set_header("ETag", etag_of(version));
    return res;
}

/// The first field of the PATCH that can make an item large (what a 413 names).
std::string large_field(const dto::ItemPatch& patch) {
    return patch.body ? "body" : patch.parts ? "parts" : patch.hashtags ? "hashtags" : "body";
}

}  // namespace

Response handle_list_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kContentStore);
    }
    auto query = dto::decode_content_query(request.query);
    if (!query) {
        return error_response(query.error());
    }
    auto page = api.content->list(workspace_of(request), *query);
    return page ? json_response(200, dto::encode_item_page(*page)) : error_response(page.error());
}

Response handle_get_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kContentStore);
    }
    // The current version is read (another replica may have edited the item), but only the
    // version: a 304 or a cached body needs nothing else. The epoch is read first: what this
    // read confirms is current as of it (see get_content_from_memory).
    const auto epoch = api.content->change_epoch();
    const auto& workspace = workspace_of(request);
    const auto id = path_param(request, "id");
    const auto key = cache_key(workspace, id);
    auto version = api.content->current_version(workspace, id);
    if (!version) {
        return error_response(version.error());
    }
    if (none_match(request, etag_of(*version))) {
        if (api.item_cache) {
            api.item_cache->confirm(key, *version, epoch);
        }
        return not_modified(*version);
    }
    if (auto cached = api.item_cache ? api.item_cache->find(key, *version, epoch) : std::nullopt) {
        return item_body_response(std::move(*cached), *version);
    }
    auto record = api.content->get(workspace, id);
    return record ? item_response(api, workspace, *record, epoch) : error_response(record.error());
}

std::optional<Response> get_content_from_memory(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr || !api.item_cache) {
        return std::nullopt;
    }
    const auto epoch = api.content->change_epoch();
    if (!epoch) {
        return std::nullopt;
    }
    auto current = api.item_cache->find_current(
        cache_key(workspace_of(request), path_param(request, "id")), *epoch);
    if (!current) {
        return std::nullopt;
    }
    if (none_match(request, etag_of(current->version))) {
        return not_modified(current->version);
    }
    return item_body_response(std::move(current->body), current->version);
}

namespace {

/// What an edit did besides the text, for the audit entry (the merge may run several times; the
/// last run is the one written).
struct EditOutcome {
    std::string status_before;
    std::optional<core::Schedule> schedule;
};

/// The workspace's time zone, read only when a move needs it (an item without a schedule zone).
core::Result<std::string> fallback_zone(const ApiDeps& api, const core::WorkspaceId& workspace,
                                        const core::ContentItem& item) {
    if (item.schedule && !item.schedule->timezone.empty()) {
        return item.schedule->timezone;
    }
    return workspace_time_zone(api, workspace);
}

/// The edit applied to the current item: text, status, schedule and the review step it records.
core::Result<void> apply_edit(const ApiDeps& api, const Request& request,
                              const dto::ItemPatch& patch, core::ContentItem& item) {
    const auto& workspace = workspace_of(request);
    const auto who = reviewer_name(*request.principal);
    const std::string before = item.status;
    apply_text_edit(patch, item);
    if (patch.status) {
        item.status = *patch.status;
    }
    if (patch.schedule_at) {
        if (api.time_zones == nullptr) {
            return core::fail(core::ErrorCode::kUnavailable, "not configured: time zone database");
        }
        SWARM_TRY_ASSIGN(const auto zone, fallback_zone(api, workspace, item));
        SWARM_TRY(move_schedule(item, *patch.schedule_at, zone, who, *api.time_zones));
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (auto step = review_step(patch, before, item, who, now)) {
        item.review = std::move(step);
    }
    return {};
}

}  // namespace

Response handle_patch_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kContentStore);
    }
    if (auto bad = check_json_content_type(request)) {
        return *bad;
    }
    const auto expected = if_match_version(request);
    if (!expected) {
        return error_response(expected.error());
    }
    const auto& workspace = workspace_of(request);
    const auto passages = workspace_passages(api, workspace);
    if (!passages) {
        return error_response(passages.error());
    }
    // The edit is merged onto whatever version is current when it is written (update_merged
    // reads again if another edit won), so concurrent edits of different fields all stay.
    std::optional<std::int64_t> stale;  // set: If-Match named another version than this one
    dto::ItemPatch patch;
    EditOutcome outcome;
    auto merge = [&](const core::ItemRecord& current) -> core::Result<core::ItemUpdate> {
        if (*expected && **expected != current.version) {
            stale = current.version;
            return core::fail(core::ErrorCode::kFailedPrecondition, "stale", "If-Match");
        }
        SWARM_TRY_ASSIGN(patch, dto::decode_item_patch(request.body, current.platform));
        SWARM_TRY(check_review_step(request.principal->role, current.status, patch));
        SWARM_TRY_ASSIGN(auto item, dto::decode_stored_item(current.item_json));
        item.status = current.status;
        SWARM_TRY(apply_edit(api, request, patch, item));
        // The text is scored and, when it changed, drawn again with its job's brand; the new
        // version links the new media, a model picture on the card is reused.
        const auto rules = job_rules(api, workspace, current.job_id);
        assess_edit(item, patch, grounding_of(*passages, rules), rules.brand, api.renderer,
                    api.media);
        outcome = EditOutcome{current.status, item.schedule};
        return core::ItemUpdate{dto::encode_item_for_store(item), item.status, item.quality.score,
                                std::nullopt, core::scheduled_instant(item)};
    };
    auto saved = api.content->update_merged(workspace, path_param(request, "id"), merge);
    if (saved) {
        nlohmann::json detail{{"version", saved->version},
                              {"status", saved->status},
                              {"from", outcome.status_before}};
        if (patch.schedule_at && outcome.schedule) {
            detail["at"] = codec::utc_text(outcome.schedule->at_utc);
            detail["suggested_at"] = outcome.schedule->suggested_at;
        }
        audit(api, request, review_action(patch), "item:" + saved->id, detail);
        return item_response(api, workspace, *saved);
    }
    if (stale) {
        return precondition_failed(*stale, **expected);
    }
    if (saved.error().code == core::ErrorCode::kInvalidArgument &&
        saved.error().field == "item_json") {
        auto error = saved.error();
        error.field = large_field(patch);
        return error_response(413, error, "payload_too_large");
    }
    return error_response(saved.error());
}

Response handle_content_versions(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kContentStore);
    }
    const auto id = path_param(request, "id");
    auto query = dto::decode_version_query(request.query);
    if (!query) {
        return error_response(query.error());
    }
    auto page = api.content->versions(workspace_of(request), id, *query);
    return page ? json_response(200, dto::encode_item_versions(id, *page))
                : error_response(page.error());
}

Response handle_delete_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kContentStore);
    }
    const auto id = path_param(request, "id");
    auto removed = api.content->remove(workspace_of(request), id);
    if (api.item_cache) {
        api.item_cache->erase(cache_key(workspace_of(request), id));
    }
    if (!removed) {
        return error_response(removed.error());
    }
    audit(api, request, "item.delete", "item:" + id);
    return no_content();
}

}  // namespace swarm::http
