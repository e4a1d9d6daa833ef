#include "http/handlers/media_handlers.hpp"

#include "core/ports/media_store.hpp"
#include "http/dto/content_json.hpp"
#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace swarm::http {
namespace {

constexpr std::string_view kMediaStore = "media store";
constexpr std::string_view kMediaPrefix = "/media/";
// Content-addressed: the bytes behind an id never change.
// Private: a shared cache must not hand one workspace's media to another's requests.
constexpr std::string_view kImmutable = "private, max-age=31536000, immutable";
// A deck URL names the item, whose deck changes when it is re-rendered: revalidate by ETag.
constexpr std::string_view kRevalidate = "no-cache";

std::string entity_tag(std::string_view id) {
    return "\"" + std::string(id) + "\"";
}

/// True when If-None-Match lists this entity tag (strong or weak) or is "*".
bool etag_matches(const Request& request, std::string_view id) {
    return none_match(request, entity_tag(id));
}

Response not_found(std::string message) {
    return error_response(core::Error{core::ErrorCode::kNotFound, std::move(message), "id", {}});
}

/// What a media answer carries besides the bytes.
struct Serving {
    std::string_view cache_control;
    std::string disposition;  // empty: none
};

void set_media_headers(Response& res, const core::MediaInfo& info, const Serving& serving) {
    res.set_header("ETag", entity_tag(info.id));
    res.set_header("Cache-Control", std::string(serving.cache_control));
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!serving.disposition.empty()) {
        res.set_header("Content-Disposition", serving.disposition);
    }
}

/// 200 with the bytes (GET), 200 with the length only (HEAD) or 304; 404 when the store has no
/// such object; the store's error otherwise. `missing` is the 404 message.
Response serve(const ApiDeps& api, const Request& request, std::string_view id,
               const Serving& serving, const std::string& missing) {
    const bool head = request.method == "HEAD";
    core::MediaInfo info;
    std::string bytes;
    if (head || etag_matches(request, id)) {
        auto found = api.media->stat(id);
        if (!found) {
            return error_response(found.error());
        }
        if (!*found) {
            return not_found(missing);
        }
        info = std::move(**found);
    } else {
        auto found = api.media->get(id);
        if (!found) {
            return error_response(found.error());
        }
        if (!*found) {
            return not_found(missing);
        }
        info = std::move((*found)->info);
        bytes = std::move((*found)->bytes);
    }
    Response res;
    set_media_headers(res, info, serving);
    if (etag_matches(request, id)) {
        res.status = 304;
        res.content_type.clear();
        return res;
    }
    res.status = 200;
    res.content_type = info.content_type;
    if (head) {
        // The session keeps a handler's Content-Length on HEAD: the bytes were never read.
        res.set_header("Content-Length", std::to_string(info.size));
        return res;
    }
    if (api.media_metrics != nullptr) {
        api.media_metrics->bytes_served.fetch_add(static_cast<std::int64_t>(bytes.size()),
                                                  std::memory_order_relaxed);
    }
    res.body = std::move(bytes);
    return res;
}

/// The item id as a safe file name: letters, digits, '.', '-' and '_' kept, others '_'.
std::string file_stem(std::string_view id) {
    std::string out;
    for (const char c : id.substr(0, 100)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        out += ok ? c : '_';
    }
    return out.empty() ? "deck" : out;
}

Response handle_deck(const ApiDeps& api, const Request& request, std::string_view kind,
                     std::string_view extension, std::string_view label) {
    if (api.content == nullptr) {
        return not_configured("content store");
    }
    if (api.media == nullptr) {
        return not_configured(kMediaStore);
    }
    const auto item_id = path_param(request, "id");
    auto record = api.content->get(workspace_of(request), item_id);
    if (!record) {
        return error_response(record.error());
    }
    auto item = dto::decode_stored_item(record->item_json);
    if (!item) {
        return error_response(item.error());
    }
    // The current version's entry; the last one wins if a re-render appended another.
    const core::Media* entry = nullptr;
    for (const auto& m : item->media) {
        if (m.kind == kind) {
            entry = &m;
        }
    }
    const std::string none = "content item " + item_id + " has no " + std::string(label) +
                             " (platform " + std::string(core::to_string(record->platform)) +
                             "); decks are rendered for pitch_deck items";
    if (entry == nullptr || entry->url.rfind(kMediaPrefix, 0) != 0) {
        return not_found(none);
    }
    const std::string_view media_id = std::string_view(entry->url).substr(kMediaPrefix.size());
    if (!core::is_valid_media_id(media_id)) {
        return not_found(none);
    }
    const Serving serving{kRevalidate, "attachment; filename=\"" + file_stem(item_id) + "." +
                                           std::string(extension) + "\""};
    return serve(api, request, media_id, serving,
                 "the " + std::string(label) + " of content item " + item_id +
                     " is missing from the media store");
}

}  // namespace

Response handle_get_media(const ApiDeps& api, const Request& request) {
    if (api.media == nullptr) {
        return not_configured(kMediaStore);
    }
    const auto id = path_param(request, "id");
    if (!core::is_valid_media_id(id)) {
        return not_found("no media \"" + id.substr(0, 80) +
                         "\": a media id is 64 lower-case hex characters (SHA-256)");
    }
    // A workspace reads only what its items link: another workspace's media id answers as an
    // unknown one does.
    if (api.content == nullptr) {
        return not_configured("content store");
    }
    auto linked = api.content->links_media(workspace_of(request), id);
    if (!linked) {
        return error_response(linked.error());
    }
    if (!*linked) {
        return not_found("no media with id " + id);
    }
    return serve(api, request, id, Serving{kImmutable, {}}, "no media with id " + id);
}

Response handle_deck_pdf(const ApiDeps& api, const Request& request) {
    return handle_deck(api, request, "deck_pdf", "pdf", "deck PDF");
}

Response handle_deck_pptx(const ApiDeps& api, const Request& request) {
    return handle_deck(api, request, "deck_pptx", "pptx", "deck PPTX");
}

}  // namespace swarm::http
