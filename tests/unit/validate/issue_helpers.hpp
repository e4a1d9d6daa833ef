// Small helpers for validator tests: look issues up by code and location, build items quickly.
// Kept header-only; every test file of validate_tests includes it.
#pragma once

#include "core/model/content_item.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::test {

inline int count_code(const std::vector<core::Issue>& issues, std::string_view code) {
    return static_cast<int>(std::count_if(issues.begin(), issues.end(),
                                          [&](const core::Issue& i) { return i.code == code; }));
}

inline bool has_code(const std::vector<core::Issue>& issues, std::string_view code) {
    return count_code(issues, code) > 0;
}

/// The first issue with the code, or a default Issue with an empty code.
inline core::Issue find_code(const std::vector<core::Issue>& issues, std::string_view code) {
    const auto it = std::find_if(issues.begin(), issues.end(),
                                 [&](const core::Issue& i) { return i.code == code; });
    return it == issues.end() ? core::Issue{} : *it;
}

inline bool has_issue_at(const std::vector<core::Issue>& issues, std::string_view code,
                         std::string_view location) {
    return std::any_of(issues.begin(), issues.end(), [&](const core::Issue& i) {
        return i.code == code && i.location == location;
    });
}

/// "code@location (severity): message" lines, for failure output.
inline std::string dump(const std::vector<core::Issue>& issues) {
    std::string out;
    for (const auto& i : issues) {
        out += i.code + "@" + i.location + " (" + std::string(core::to_string(i.severity)) +
               "): " + i.message + "\n";
    }
    return out;
}

inline core::ContentItem item_with_body(core::Platform platform, std::string body) {
    core::ContentItem item;
    item.platform = platform;
    item.body = std::move(body);
    return item;
}

inline std::string words(int n, std::string_view word = "word") {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += (i == 0 ? "" : " ");
        out += word;
    }
    return out;
}

}  // namespace swarm::test
