#include "http/handlers/content_handlers.hpp"

#include "codec/brief_json.hpp"
#include "core/agents/designer.hpp"
#include "core/validate/validator.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/content_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <charconv>
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

void apply_patch(const dto::ItemPatch& patch, core::ContentItem& item) {
    if (patch.parts) {
        item.parts = *patch.parts;
        // A thread's body is its posts; keep it in step unless the edit sets it too.
        if (!patch.body && item.platform == core::Platform::kTwitter) {
            item.body.clear();
            for (const auto& p : item.parts) {
                item.body += (item.body.empty() ? "" : "\n\n") + p.body;
            }
        }
    }
    if (patch.body) {
        item.body = *patch.body;
    }
    if (patch.hashtags) {
        item.hashtags = *patch.hashtags;
    }
    if (patch.status) {
        item.status = *patch.status;
    }
}

/// Every passage of the workspace's knowledge base (grounding of the re-score), read once per
/// edit.
core::Result<std::vector<core::Passage>> grounding(const ApiDeps& api,
                                                   const core::WorkspaceId& workspace) {
    if (api.knowledge == nullptr) {
        return std::vector<core::Passage>{};
    }
    SWARM_TRY_ASSIGN(const auto base, api.knowledge->open(workspace));
    return base.kb->all_passages();
}

/// The item cache's key: the workspace is part of it, so an entry is only ever found by a
/// request of the item's own workspace.
std::string cache_key(const core::WorkspaceId& workspace, const std::string& id) {
    return workspace.str() + "/" + id;
}

std::string etag_of(std::int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

/// After an edit of the text: the card or the slides are drawn again with the brand of the job
/// that wrote the item (its brief as submitted). The new version links the new media; older
/// versions keep theirs (media are content-addressed and never deleted). A model picture already
/// on the card is reused, never requested again for an edit.
void redraw(const ApiDeps& api, const core::WorkspaceId& workspace, const std::string& job_id,
            core::ContentItem& item) {
    if (api.renderer == nullptr || api.media == nullptr) {
        return;
    }
    core::BrandRules brand;
    if (api.jobs != nullptr) {
        if (auto job = api.jobs->get(workspace, job_id)) {
            if (auto brief = codec::decode_brief(job->brief_json)) {
                brand = std::move(brief->brand);
            }
        }
    }
    core::agents::design_item(item, nullptr, brand,
                              core::agents::DesignDeps{api.renderer, api.media, nullptr, {}});
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

/// A reviewer may approve an item or send it back to draft, nothing else; editors may edit.
core::Result<void> check_review_rights(const Request& request, const dto::ItemPatch& patch) {
    if (core::access::includes(request.principal->role, core::access::Role::kEditor)) {
        return {};
    }
    if (patch.body || patch.parts || patch.hashtags ||
        (patch.status && *patch.status != "approved" && *patch.status != "draft")) {
        return core::fail(core::ErrorCode::kPermissionDenied,
                          "a reviewer may only approve an item (status \"approved\") or send it "
                          "back (status \"draft\"); editing needs the editor role",
                          "role");
    }
    return {};
}

/// item.approve, item.reject (back to draft) or item.edit.
std::string patch_action(const dto::ItemPatch& patch) {
    if (!patch.body && !patch.parts && !patch.hashtags && patch.status) {
        if (*patch.status == "approved") {
            return "item.approve";
        }
        if (*patch.status == "draft") {
            return "item.reject";
        }
    }
    return "item.edit";
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
    const auto passages = grounding(api, workspace);
    if (!passages) {
        return error_response(passages.error());
    }
    // The edit is merged onto whatever version is current when it is written (update_merged
    // reads again if another edit won), so concurrent edits of different fields all stay.
    std::optional<std::int64_t> stale;  // set: If-Match named another version than this one
    dto::ItemPatch patch;
    auto merge = [&](const core::ItemRecord& current) -> core::Result<core::ItemUpdate> {
        if (*expected && **expected != current.version) {
            stale = current.version;
            return core::fail(core::ErrorCode::kFailedPrecondition, "stale", "If-Match");
        }
        SWARM_TRY_ASSIGN(patch, dto::decode_item_patch(request.body, current.platform));
        SWARM_TRY(check_review_rights(request, patch));
        SWARM_TRY_ASSIGN(auto item, dto::decode_stored_item(current.item_json));
        item.status = current.status;
        apply_patch(patch, item);
        item.quality = core::validate_item(item, core::ValidationContext{nullptr, *passages});
        if (patch.body || patch.parts) {
            redraw(api, workspace, current.job_id, item);
        }
        return core::ItemUpdate{dto::encode_item_for_store(item), item.status, item.quality.score,
                                std::nullopt};
    };
    auto saved = api.content->update_merged(workspace, path_param(request, "id"), merge);
    if (saved) {
        audit(api, request, patch_action(patch), "item:" + saved->id,
              {{"version", saved->version}, {"status", saved->status}});
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
