#include "http/handlers/share_handlers.hpp"

#include "codec/brief_json.hpp"
#include "core/ports/media_store.hpp"
#include "http/audit_trail.hpp"
#include "http/dto/body_json.hpp"
#include "http/dto/content_json.hpp"
#include "http/dto/share_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/item_review.hpp"
#include "http/handlers/media_handlers.hpp"
#include "http/handlers/resource_support.hpp"
#include "http/handlers/validate_handlers.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace swarm::http {
namespace {

using nlohmann::json;

constexpr std::string_view kShareLinks = "share links";
// A job has an item per platform; the pages are a bound, not a limit anyone reaches.
constexpr int kMaxSharedItemPages = 10;

/// What every answer of a public route carries, errors included: never cached (the token is in
/// the URL and the content changes), no Referer to other sites (it would carry the token), not
/// indexed.
Response shared_answer(Response res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Robots-Tag", "noindex, nofollow");
    return res;
}

/// The one answer for a token that opens nothing, whatever the reason.
Response no_such_link() {
    return error_response(core::Error{core::ErrorCode::kNotFound,
                                      "this share link does not exist, has expired or was revoked",
                                      "token",
                                      {}});
}

Response not_on_link(const std::string& what, std::string field) {
    return error_response(core::Error{core::ErrorCode::kNotFound,
                                      "no such " + what + " on this share link",
                                      std::move(field),
                                      {}});
}

/// The link the request's token opens, or the answer refusing it.
tl::expected<core::ShareLinkRecord, Response> open_link(const ApiDeps& api,
                                                        const Request& request) {
    if (api.share_links == nullptr) {
        return tl::unexpected(not_configured(kShareLinks));
    }
    auto opened = api.share_links->open(path_param(request, "token"));
    if (!opened) {
        return tl::unexpected(error_response(opened.error()));
    }
    if (!*opened) {
        return tl::unexpected(no_such_link());
    }
    return std::move(**opened);
}

/// The job's current items, in the order the run wrote them.
core::Result<std::vector<core::ItemRecord>> items_of(const ApiDeps& api,
                                                     const core::ShareLinkRecord& link) {
    std::vector<core::ItemRecord> out;
    core::ContentQuery query;
    query.job_id = link.job_id;
    query.limit = 100;
    for (int page = 0; page < kMaxSharedItemPages; ++page) {
        SWARM_TRY_ASSIGN(auto got, api.content->list(link.workspace, query));
        std::move(got.items.begin(), got.items.end(), std::back_inserter(out));
        if (got.next_cursor.empty()) {
            break;
        }
        query.cursor = got.next_cursor;
    }
    std::reverse(out.begin(), out.end());  // the store lists newest first
    return out;
}

/// Whether a current item of the link's job shows the media object.
core::Result<bool> job_shows(const std::vector<core::ItemRecord>& items,
                             const std::string& media_id) {
    const auto url = core::media_url(media_id);
    for (const auto& record : items) {
        SWARM_TRY_ASSIGN(const auto item, dto::decode_stored_item(record.item_json));
        for (const auto& m : item.media) {
            if (m.url == url) {
                return true;
            }
        }
    }
    return false;
}

Response get_shared(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr || api.jobs == nullptr) {
        return not_configured("content store");
    }
    auto link = open_link(api, request);
    if (!link) {
        return std::move(link.error());
    }
    auto job = api.jobs->get(link->workspace, link->job_id);
    if (!job) {
        // The job is gone: so is what the link showed.
        return job.error().code == core::ErrorCode::kNotFound ? no_such_link()
                                                              : error_response(job.error());
    }
    std::string prompt;
    if (auto brief = codec::decode_brief(job->brief_json)) {
        prompt = std::move(brief->prompt);
    }
    auto records = items_of(api, *link);
    if (!records) {
        return error_response(records.error());
    }
    const auto token = path_param(request, "token");
    json items = json::array();
    for (const auto& record : *records) {
        auto item = dto::decode_stored_item(record.item_json);
        if (!item) {
            return error_response(item.error());
        }
        auto shared = dto::encode_shared_item(record, *item, token);
        shared["lengths"] = encode_lengths(measured_lengths(*item));  // the preview's counts
        items.push_back(std::move(shared));
    }
    return json_response(200, {{"prompt", std::move(prompt)},
                               {"expires_at", dto::format_time(link->expires_at)},
                               {"items", std::move(items)}});
}

Response get_shared_media(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr || api.media == nullptr) {
        return not_configured("media store");
    }
    auto link = open_link(api, request);
    if (!link) {
        return std::move(link.error());
    }
    const auto media_id = path_param(request, "media_id");
    if (!core::is_valid_media_id(media_id)) {
        return not_on_link("media", "media_id");
    }
    auto records = items_of(api, *link);
    if (!records) {
        return error_response(records.error());
    }
    auto shown = job_shows(*records, media_id);
    if (!shown) {
        return error_response(shown.error());
    }
    if (!*shown) {
        return not_on_link("media", "media_id");
    }
    auto found = api.media->get(media_id);
    if (!found) {
        return error_response(found.error());
    }
    if (!*found) {
        return not_on_link("media", "media_id");
    }
    Response res;
    res.content_type = (*found)->info.content_type;
    res.set_header("X-Content-Type-Options", "nosniff");
    if (api.media_metrics != nullptr && request.method != "HEAD") {
        api.media_metrics->bytes_served.fetch_add(static_cast<std::int64_t>((*found)->bytes.size()),
                                                  std::memory_order_relaxed);
    }
    res.body = std::move((*found)->bytes);
    return res;
}

Response review_shared(const ApiDeps& api, const Request& request) {
    if (api.content == nullptr) {
        return not_configured("content store");
    }
    auto link = open_link(api, request);
    if (!link) {
        return std::move(link.error());
    }
    const auto item_id = path_param(request, "item_id");
    // Only the link's job's items: any other id (of this workspace or another) is unknown here.
    auto current = api.content->get(link->workspace, item_id);
    if (!current && current.error().code != core::ErrorCode::kNotFound) {
        return error_response(current.error());
    }
    if (!current || current->job_id != link->job_id) {
        return not_on_link("item", "item_id");
    }
    auto body = json_object_body(request, {"name", "decision", "comment"}, "a review");
    if (!body) {
        return std::move(body.error());
    }
    auto review = dto::decode_share_review(*body);
    if (!review) {
        return error_response(review.error());
    }
    // The same review step and audit action as a reviewer's PATCH with a status and a comment.
    dto::ItemPatch step;
    step.status = std::string(dto::status_of_decision(review->decision));
    step.comment = review->comment;
    const auto now = std::chrono::floor<std::chrono::seconds>(api.share_links->now());
    const auto who = review->name + " (share link)";
    auto merge = [&](const core::ItemRecord& current_record) -> core::Result<core::ItemUpdate> {
        SWARM_TRY_ASSIGN(auto item, dto::decode_stored_item(current_record.item_json));
        item.status = *step.status;
        item.review = review_step(step, current_record.status, item, who, now);
        return core::ItemUpdate{dto::encode_item_for_store(item), item.status, current_record.score,
                                std::nullopt, core::scheduled_instant(item)};
    };
    auto saved = api.content->update_merged(link->workspace, item_id, merge);
    if (!saved) {
        return error_response(saved.error());
    }
    audit_in(api, link->workspace, "share:" + link->id, request.client_address, review_action(step),
             "item:" + saved->id,
             {{"version", saved->version}, {"status", saved->status}, {"name", review->name}});
    auto item = dto::decode_stored_item(saved->item_json);
    if (!item) {
        return error_response(item.error());
    }
    auto shared = dto::encode_shared_item(*saved, *item, path_param(request, "token"));
    shared["lengths"] = encode_lengths(measured_lengths(*item));
    return json_response(200, shared);
}

}  // namespace

Response handle_create_share_link(const ApiDeps& api, const Request& request) {
    if (api.share_links == nullptr || api.jobs == nullptr) {
        return not_configured(kShareLinks);
    }
    if (!request.body.empty()) {
        if (auto refused = check_json_content_type(request)) {
            return *refused;
        }
    }
    const auto lifetime = dto::decode_share_lifetime(request.body);
    if (!lifetime) {
        return error_response(lifetime.error());
    }
    const auto& workspace = workspace_of(request);
    const auto job_id = path_param(request, "id");
    if (auto job = api.jobs->get(workspace, job_id); !job) {
        return error_response(job.error());
    }
    auto issued = api.share_links->issue({workspace, job_id, request.principal->actor, *lifetime});
    if (!issued) {
        return error_response(issued.error());
    }
    const auto& [token, link] = *issued;
    audit(api, request, "share_link.create", "share_link:" + link.id,
          {{"job_id", job_id}, {"expires_at", dto::format_time(link.expires_at)}});
    auto res = json_response(201, dto::encode_new_share_link(link, token));
    res.set_header("Cache-Control", "no-store");  // the token is shown this once
    return res;
}

Response handle_list_share_links(const ApiDeps& api, const Request& request) {
    if (api.share_links == nullptr || api.jobs == nullptr) {
        return not_configured(kShareLinks);
    }
    const auto& workspace = workspace_of(request);
    const auto job_id = path_param(request, "id");
    if (auto job = api.jobs->get(workspace, job_id); !job) {
        return error_response(job.error());
    }
    auto links = api.share_links->store().list(workspace, job_id);
    if (!links) {
        return error_response(links.error());
    }
    const auto now = api.share_links->now();
    json out = json::array();
    for (const auto& link : *links) {
        out.push_back(dto::encode_share_link(link, now));
    }
    return json_response(200, {{"share_links", std::move(out)}});
}

Response handle_revoke_share_link(const ApiDeps& api, const Request& request) {
    if (api.share_links == nullptr) {
        return not_configured(kShareLinks);
    }
    const auto id = path_param(request, "id");
    auto revoked = api.share_links->store().revoke(workspace_of(request), id);
    if (!revoked) {
        return error_response(revoked.error());
    }
    audit(api, request, "share_link.revoke", "share_link:" + id, {{"job_id", revoked->job_id}});
    return no_content();
}

Response handle_get_shared(const ApiDeps& api, const Request& request) {
    return shared_answer(get_shared(api, request));
}

Response handle_get_shared_media(const ApiDeps& api, const Request& request) {
    return shared_answer(get_shared_media(api, request));
}

Response handle_review_shared(const ApiDeps& api, const Request& request) {
    return shared_answer(review_shared(api, request));
}

}  // namespace swarm::http
