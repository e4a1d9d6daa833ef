#include "http/handlers/resource_support.hpp"

#include "codec/json_read.hpp"
#include "http/error_response.hpp"

#include <algorithm>
#include <cstdint>
#include <random>

#include <fmt/format.h>

namespace swarm::http {

tl::expected<nlohmann::json, Response> json_object_body(
    const Request& request, std::initializer_list<std::string_view> known, std::string_view what) {
    if (auto refused = check_json_content_type(request)) {
        return tl::unexpected(std::move(*refused));
    }
    auto root = codec::parse_json(request.body, "body");
    if (!root) {
        return tl::unexpected(error_response(root.error()));
    }
    if (!root->is_object()) {
        return tl::unexpected(error_response(
            core::Error{core::ErrorCode::kInvalidArgument, "must be a JSON object", "body", {}}));
    }
    std::string names;
    for (const auto name : known) {
        names += names.empty() ? std::string(name) : ", " + std::string(name);
    }
    for (const auto& [name, value] : root->items()) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return tl::unexpected(error_response(
                core::Error{core::ErrorCode::kInvalidArgument,
                            "is not a field of " + std::string(what) + "; known: " + names,
                            name,
                            {}}));
        }
    }
    return std::move(*root);
}

Response not_configured(std::string_view what) {
    return error_response(
        503,
        core::Error{core::ErrorCode::kUnavailable, "not configured: " + std::string(what), {}, {}});
}

std::string path_param(const Request& request, const std::string& name) {
    const auto it = request.path_params.find(name);
    return it == request.path_params.end() ? std::string() : it->second;
}

Response no_content() {
    Response res;
    res.status = 204;
    res.content_type.clear();
    return res;
}

bool none_match(const Request& request, std::string_view etag) {
    const auto header = request.header("if-none-match");
    if (!header) {
        return false;
    }
    std::string_view rest = *header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        auto tag = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) {
            tag.remove_prefix(1);
        }
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) {
            tag.remove_suffix(1);
        }
        if (tag.substr(0, 2) == "W/") {
            tag.remove_prefix(2);
        }
        if (tag == "*" || tag == etag) {
            return true;
        }
    }
    return false;
}

std::string random_id(std::string_view prefix) {
    std::random_device device;  // getrandom(2) on Linux
    const auto high = static_cast<std::uint64_t>(device());
    const auto low = static_cast<std::uint64_t>(device());
    return fmt::format("{}_{:016x}", prefix, (high << 32U) | (low & 0xffffffffU));
}

}  // namespace swarm::http
