// The web app's files (web/app/), embedded into the binary at build time by
// cmake/EmbedWebAssets.cmake: nothing is read from disk or fetched at run time.
#pragma once

#include <span>
#include <string_view>

namespace swarm::http {

struct WebAsset {
    std::string_view path;          // relative to web/app: "index.html", "pages/compose.js"
    std::string_view content_type;  // by extension: "text/javascript; charset=utf-8", ...
    std::string_view etag;          // quoted: a digest of the bytes, computed at build time
    std::string_view bytes;
};

/// Every embedded file, sorted by path (generated: build/src/http/web_assets.cpp).
std::span<const WebAsset> web_assets();

}  // namespace swarm::http
