#include "codec/json_read.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::codec::detail {

using core::ErrorCode;
using core::fail;
using nlohmann::json;

core::Result<void> first_error(std::initializer_list<Step> steps) {
    for (const auto& step : steps) {
        if (auto r = step(); !r) {
            return r;
        }
    }
    return {};
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (const auto n : names) {
        if (n.front() == '$') {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += n;
    }
    return out;
}

core::Result<void> check_fields(const json& object, std::span<const std::string_view> allowed,
                                const std::string& prefix) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("unknown field; allowed: {}", join(allowed)), prefix + key);
        }
    }
    return {};
}

core::Result<void> read_string(const json& object, const char* key, const std::string& field,
                               std::string& out) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_string()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be a string, got {}", it->type_name()), field);
    }
    out = it->get<std::string>();
    return {};
}

core::Result<void> read_strings(const json& object, const char* key, const std::string& field,
                                std::vector<std::string>& out) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an array of strings, got {}", it->type_name()), field);
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        if (!v.is_string()) {
            return fail(ErrorCode::kInvalidArgument,
                        fmt::format("must be a string, got {}", v.type_name()),
                        fmt::format("{}[{}]", field, i));
        }
        out.push_back(v.get<std::string>());
    }
    return {};
}

}  // namespace swarm::codec::detail
