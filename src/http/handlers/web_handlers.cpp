#include "http/handlers/web_handlers.hpp"

#include "http/error_response.hpp"
#include "http/handlers/resource_support.hpp"

#include <algorithm>
#include <array>

namespace swarm::http {
namespace {

constexpr std::string_view kWebIndex = "index.html";

/// The first path segments the server answers itself; everything else is a page of the app.
constexpr std::array<std::string_view, 9> kWebServerSegments{
    "api", "media", "ws", "ical", "assets", "livez", "readyz", "version", "metrics"};

bool web_is_html(const WebAsset& asset) {
    return asset.content_type.starts_with("text/html");
}

/// The asset's answer: its bytes (or 304 when the client has them), revalidated on every use
/// (no-cache: the URLs do not change with the content) and never sniffed as another type.
Response web_asset_response(const WebAsset& asset, const Request& request) {
    Response res;
    res.content_type = std::string(asset.content_type);
    if (none_match(request, asset.etag)) {
        res.status = 304;
    } else {
        res.body = std::string(asset.bytes);
    }
    res.set_header("ETag", std::string(asset.etag));
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (web_is_html(asset)) {
        res.set_header("Content-Security-Policy", std::string(kWebContentSecurityPolicy));
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }
    return res;
}

Response web_not_found(std::string message, std::string field) {
    return error_response(
        core::Error{core::ErrorCode::kNotFound, std::move(message), std::move(field), {}});
}

}  // namespace

const WebAsset* find_web_asset(std::span<const WebAsset> assets, std::string_view path) {
    const auto it = std::lower_bound(
        assets.begin(), assets.end(), path,
        [](const WebAsset& asset, std::string_view wanted) { return asset.path < wanted; });
    return it != assets.end() && it->path == path ? &*it : nullptr;
}

bool is_app_path(std::string_view path) {
    if (!path.starts_with('/')) {
        return false;
    }
    const auto first = path.substr(1, path.find('/', 1) - 1);
    return std::find(kWebServerSegments.begin(), kWebServerSegments.end(), first) ==
           kWebServerSegments.end();
}

Response handle_web_asset(std::span<const WebAsset> assets, const Request& request) {
    const auto path = path_param(request, "path");
    const auto* asset = find_web_asset(assets, path);
    if (asset == nullptr) {
        return web_not_found("no such file in the web app: " + path, "path");
    }
    return web_asset_response(*asset, request);
}

Response handle_web_page(std::span<const WebAsset> assets, const Request& request) {
    const auto* index = find_web_asset(assets, kWebIndex);
    if (index == nullptr) {
        return web_not_found("this binary was built without the web app (web/app/index.html)",
                             "path");
    }
    return web_asset_response(*index, request);
}

}  // namespace swarm::http
