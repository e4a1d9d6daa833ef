#include "curl/response_head.hpp"

#include "core/text/utf8.hpp"

#include <charconv>

namespace swarm::curl {
namespace {

std::string_view strip_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

/// "HTTP/1.1 200 OK" and "HTTP/2 404" → the status, or 0 when the line has none.
long parse_status(std::string_view line) {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
        return 0;
    }
    const auto digits = line.substr(space + 1, 3);
    long status = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
    return ec == std::errc() && end == digits.data() + digits.size() ? status : 0;
}

}  // namespace

std::optional<std::string> ResponseHead::header(std::string_view name) const {
    const auto wanted = core::text::ascii_lower(name);
    for (const auto& [key, value] : headers) {
        if (key == wanted) {
            return value;
        }
    }
    return std::nullopt;
}

void HeaderParser::feed(std::string_view line) {
    line = strip_line_end(line);
    if (line.starts_with("HTTP/")) {
        head_ = ResponseHead{parse_status(line), {}};
        return;
    }
    if (line.empty()) {
        return;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !head_.headers.empty()) {
        auto& value = head_.headers.back().second;
        const auto more = core::text::trim(line);
        if (!more.empty()) {
            value += value.empty() ? "" : " ";
            value += more;
        }
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return;
    }
    head_.headers.emplace_back(core::text::ascii_lower(core::text::trim(line.substr(0, colon))),
                               std::string(core::text::trim(line.substr(colon + 1))));
}

}  // namespace swarm::curl
