#include "http/handlers/content_handlers.hpp"

#include "codec/brief_json.hpp"
#include "core/agents/designer.hpp"
#include "core/validate/validator.hpp"
#include "http/dto/content_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace swarm::http {
namespace {

constexpr std::string_view kStore = "content store";

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

/// Validates and scores the edited item; grounding uses the knowledge base when there is one.
core::Result<void> rescore(const ApiDeps& api, core::ContentItem& item) {
    std::vector<core::Passage> passages;
    if (api.knowledge != nullptr) {
        SWARM_TRY_ASSIGN(passages, api.knowledge->all_passages());
    }
    item.quality = core::validate_item(item, core::ValidationContext{nullptr, passages});
    return {};
}

/// After an edit of the text: the card or the slides are drawn again with the brand of the job
/// that wrote the item (its brief as submitted). The new version links the new media; older
/// versions keep theirs (media are content-addressed and never deleted). A model picture already
/// on the card is reused, never requested again for an edit.
void redraw(const ApiDeps& api, const std::string& job_id, core::ContentItem& item) {
    if (api.renderer == nullptr || api.media == nullptr) {
        return;
    }
    core::BrandRules brand;
    if (api.jobs != nullptr) {
        if (auto job = api.jobs->get(job_id)) {
            if (auto brief = codec::decode_brief(job->brief_json)) {
                brand = std::move(brief->brand);
            }
        }
    }
    core::agents::design_item(item, nullptr, brand,
                              core::agents::DesignDeps{api.renderer, api.media, nullptr, {}});
}

Response item_response(int status, const core::ItemRecord& record) {
    auto res = json_response(status, dto::encode_item_record(record));
    res.set_header("ETag", "\"" + std::to_string(record.version) + "\"");
    return res;
}

}  // namespace

Response handle_list_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kStore);
    }
    auto query = dto::decode_content_query(request.query);
    if (!query) {
        return error_response(query.error());
    }
    auto page = api.content->list(*query);
    return page ? json_response(200, dto::encode_item_page(*page)) : error_response(page.error());
}

Response handle_get_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kStore);
    }
    auto record = api.content->get(path_param(request, "id"));
    return record ? item_response(200, *record) : error_response(record.error());
}

Response handle_patch_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kStore);
    }
    if (auto bad = check_json_content_type(request)) {
        return *bad;
    }
    const auto expected = if_match_version(request);
    if (!expected) {
        return error_response(expected.error());
    }
    auto record = api.content->get(path_param(request, "id"));
    if (!record) {
        return error_response(record.error());
    }
    if (*expected && **expected != record->version) {
        return precondition_failed(record->version, **expected);
    }
    auto patch = dto::decode_item_patch(request.body, record->platform);
    auto item = patch ? dto::decode_stored_item(record->item_json)
                      : tl::unexpected(std::move(patch.error()));
    if (!item) {
        return error_response(item.error());
    }
    item->status = record->status;
    apply_patch(*patch, *item);
    if (auto ok = rescore(api, *item); !ok) {
        return error_response(ok.error());
    }
    if (patch->body || patch->parts) {
        redraw(api, record->job_id, *item);
    }
    const core::ItemUpdate update{dto::encode_item_for_store(*item), item->status,
                                  item->quality.score, record->version};
    auto saved = api.content->update(record->id, update);
    if (!saved && saved.error().code == core::ErrorCode::kFailedPrecondition && *expected) {
        return precondition_failed(record->version + 1, **expected);  // edited meanwhile
    }
    return saved ? item_response(200, *saved) : error_response(saved.error());
}

Response handle_content_versions(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kStore);
    }
    const auto id = path_param(request, "id");
    auto versions = api.content->versions(id);
    return versions ? json_response(200, dto::encode_item_versions(id, *versions))
                    : error_response(versions.error());
}

Response handle_delete_content(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured(kStore);
    }
    auto removed = api.content->remove(path_param(request, "id"));
    return removed ? no_content() : error_response(removed.error());
}

}  // namespace swarm::http
