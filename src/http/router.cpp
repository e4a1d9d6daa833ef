#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace swarm::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    if (path.empty() || path.front() != '/') {
        return parts;
    }
    path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return parts;
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

constexpr std::string_view kRest = "...}";

/// "{name...}": the rest of the path.
bool is_rest_param(const std::string& segment) {
    return is_param(segment) && segment.size() > kRest.size() + 1 && segment.ends_with(kRest);
}

/// The last pattern segment "{name...}" matches the remaining segments (all non-empty), joined.
bool match_rest(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
                std::map<std::string, std::string>* params) {
    const auto first = want.size() - 1;
    std::string rest;
    for (std::size_t i = first; i < have.size(); ++i) {
        if (have[i].empty()) {
            return false;
        }
        rest += (i == first ? "" : "/") + std::string(have[i]);
    }
    if (params != nullptr) {
        params->emplace(want.back().substr(1, want.back().size() - 1 - kRest.size()),
                        std::move(rest));
    }
    return true;
}

bool match_pattern(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
                   std::map<std::string, std::string>* params) {
    const bool rest = !want.empty() && is_rest_param(want.back());
    if (have.empty() || (rest ? have.size() < want.size() : want.size() != have.size())) {
        return false;
    }
    for (std::size_t i = 0; i < want.size() - (rest ? 1 : 0); ++i) {
        if (is_param(want[i])) {
            if (have[i].empty()) {
                return false;
            }
            if (params != nullptr) {
                params->emplace(want[i].substr(1, want[i].size() - 2), std::string(have[i]));
            }
        } else if (std::string_view(want[i]) != have[i]) {
            return false;
        }
    }
    return !rest || match_rest(want, have, params);
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler,
                 Lane lane) {
    add(std::move(method), std::move(pattern), access, std::move(handler), lane, nullptr);
}

void Router::add(std::string method, std::string pattern, Access access, Handler handler, Lane lane,
                 MemoryHandler from_memory) {
    if (pattern.empty() || pattern.front() != '/' || method.empty() || !handler) {
        throw std::invalid_argument("bad route: " + method + " " + pattern);
    }
    for (const auto& r : routes_) {
        if (r.method == method && r.pattern == pattern) {
            throw std::invalid_argument("duplicate route: " + method + " " + pattern);
        }
    }
    std::vector<std::string> segments;
    for (const auto part : split_path(pattern)) {
        segments.emplace_back(part);
    }
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        if (is_rest_param(segments[i])) {
            throw std::invalid_argument("a {name...} segment must be the last: " + pattern);
        }
    }
    segments_.push_back(std::move(segments));
    routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler), lane,
                            std::move(from_memory)});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    const auto have = split_path(path);
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& r = routes_[i];
        if (!match_pattern(segments_[i], have, nullptr)) {
            continue;
        }
        if (result.pattern.empty()) {
            result.pattern = r.pattern;
        }
        if (r.method == method && result.route == nullptr) {
            result.route = &r;
            match_pattern(segments_[i], have, &result.params);
        }
        if (std::find(result.allow.begin(), result.allow.end(), r.method) == result.allow.end()) {
            result.allow.push_back(r.method);
        }
    }
    // HEAD is answered wherever GET is (the session sends the headers only).
    if (std::find(result.allow.begin(), result.allow.end(), "GET") != result.allow.end()) {
        result.allow.emplace_back("HEAD");
        if (method == "HEAD" && result.route == nullptr) {
            for (std::size_t i = 0; i < routes_.size(); ++i) {
                if (routes_[i].method == "GET" &&
                    match_pattern(segments_[i], have, &result.params)) {
                    result.route = &routes_[i];
                    break;
                }
            }
        }
    }
    std::sort(result.allow.begin(), result.allow.end());
    if (result.route != nullptr) {
        result.kind = RouteMatch::Kind::kFound;
    } else if (!result.allow.empty()) {
        result.kind = RouteMatch::Kind::kMethodNotAllowed;
    } else if (fallback_ && (method == "GET" || method == "HEAD") && fallback_accepts_(path)) {
        result.kind = RouteMatch::Kind::kFound;
        result.route = &*fallback_;
        result.pattern = fallback_->pattern;
        result.allow = {"GET", "HEAD"};
    }
    return result;
}

void Router::set_fallback(std::string label, Access access, Handler handler, Lane lane,
                          std::function<bool(std::string_view path)> accepts) {
    if (!handler || !accepts) {
        throw std::invalid_argument("bad fallback: " + label);
    }
    fallback_ = Route{"GET", std::move(label), access, std::move(handler), lane, nullptr};
    fallback_accepts_ = std::move(accepts);
}

std::string join_methods(const std::vector<std::string>& methods) {
    std::string out;
    for (const auto& m : methods) {
        if (!out.empty()) {
            out += ", ";
        }
        out += m;
    }
    return out;
}

}  // namespace swarm::http
