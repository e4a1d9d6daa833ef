// The web app from the binary: /assets/{path...} serves the embedded files of web/app, and GET of
// any page path (/, /jobs/job_1, /share/<token>, ...) answers index.html so deep links and
// reloads work. Every HTML answer carries the strict Content-Security-Policy and its companions.
#pragma once

#include "http/message.hpp"
#include "http/web_assets.hpp"

#include <span>
#include <string_view>

namespace swarm::http {

/// The Content-Security-Policy of every HTML answer: scripts, styles and connections from this
/// origin only, no inline script, no framing.
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

/// The asset at `path` in `assets` (sorted by path), or nullptr.
const WebAsset* find_web_asset(std::span<const WebAsset> assets, std::string_view path);

/// Whether GET of `path` is a page of the web app: any path whose first segment is not one of the
/// server's own (api, media, ws, ical, assets, livez, readyz, version, metrics).
bool is_app_path(std::string_view path);

/// GET/HEAD /assets/{path...}: the file with its content type, ETag and Cache-Control: no-cache
/// (304 on a matching If-None-Match); 404 for a path that is not embedded.
Response handle_web_asset(std::span<const WebAsset> assets, const Request& request);

/// GET/HEAD of a page path: index.html (200, or 304 on a matching If-None-Match); 404 when the
/// binary was built without the web app.
Response handle_web_page(std::span<const WebAsset> assets, const Request& request);

}  // namespace swarm::http
