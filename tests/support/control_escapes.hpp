// Model replies in JSON can carry control characters as escapes, which decode after the input
// sanitiser ran: the generated class of them, and the check that decoded text has none left.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::test {

/// "\\r", "\\r\\n", "\\n\\r", "\\u0000" .. "\\u001f" (tab and newline excepted) and "\\u007f", as
/// they appear inside a JSON string.
inline std::vector<std::string> json_control_escapes() {
    std::vector<std::string> escapes = {"\\r", "\\r\\n", "\\n\\r"};
    for (int c = 0; c < 0x20; ++c) {
        if (c != '\t' && c != '\n') {
            std::array<char, 8> buf{};
            std::snprintf(buf.data(), buf.size(), "\\u%04x", c);
            escapes.emplace_back(buf.data());
        }
    }
    escapes.emplace_back("\\u007f");
    return escapes;
}

/// `shape` with every '@' replaced by `escape`.
inline std::string with_escape(std::string shape, std::string_view escape) {
    for (auto at = shape.find('@'); at != std::string::npos; at = shape.find('@', at)) {
        shape.replace(at, 1, escape);
        at += escape.size();
    }
    return shape;
}

/// The first control byte in `text` other than '\n' and '\t' (as an int), or -1 when none.
inline int first_control_byte(std::string_view text) {
    for (const char ch : text) {
        const auto u = static_cast<unsigned char>(ch);
        if ((u < 0x20U && ch != '\n' && ch != '\t') || u == 0x7FU) {
            return u;
        }
    }
    return -1;
}

}  // namespace swarm::test
