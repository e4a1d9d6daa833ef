// The media endpoints: GET/HEAD /media/{id} serve stored objects by content hash (immutable,
// cached for a year, ETag = id), and an item's deck files as downloads.
#pragma once

#include "http/api_deps.hpp"
#include "http/message.hpp"

#include <atomic>
#include <cstdint>

namespace swarm::http {

/// Counters for /metrics; app exports them. Shared by every request thread.
struct MediaMetrics {
    std::atomic<std::int64_t> bytes_served{0};  // response bodies of 200 answers (GET only)
};

/// GET and HEAD /media/{id}: the bytes with their stored Content-Type, ETag "<id>",
/// Cache-Control immutable for a year; If-None-Match -> 304; unknown or invalid id -> 404.
/// HEAD asks the store for the info only (Content-Length set by the handler).
Response handle_get_media(const ApiDeps& api, const Request& request);

/// GET and HEAD /api/v1/content/{id}/deck.pdf: the current version's "deck_pdf" media entry as
/// an attachment "<item-id>.pdf"; 404 when the item has none (not a pitch_deck, not rendered).
Response handle_deck_pdf(const ApiDeps& api, const Request& request);

/// The same for "deck_pptx" and "<item-id>.pptx".
Response handle_deck_pptx(const ApiDeps& api, const Request& request);

}  // namespace swarm::http
