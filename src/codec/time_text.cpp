#include "codec/time_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

#include <fmt/format.h>

namespace swarm::codec {
namespace {

/// The `n` digits at text[pos..] as a number, or -1.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool at(std::string_view text, std::size_t pos, char c) {
    return pos < text.size() && text[pos] == c;
}

}  // namespace

std::string utc_text(std::chrono::sys_seconds at_time) {
    const auto day = std::chrono::floor<std::chrono::days>(at_time);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss<std::chrono::seconds> hms{at_time - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text) {
    const int y = digits(text, 0, 4);
    const int mo = digits(text, 5, 2);
    const int d = digits(text, 8, 2);
    const int h = digits(text, 11, 2);
    const int mi = digits(text, 14, 2);
    const int s = digits(text, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || !at(text, 4, '-') ||
        !at(text, 7, '-') || !(at(text, 10, 'T') || at(text, 10, 't')) || !at(text, 13, ':') ||
        !at(text, 16, ':') || h > 23 || mi > 59 || s > 60) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (at(text, pos, '.')) {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
            ++pos;
        }
        if (pos == start) {
            return std::nullopt;
        }
    }
    std::chrono::seconds offset{0};
    if (at(text, pos, 'Z') || at(text, pos, 'z')) {
        ++pos;
    } else if (at(text, pos, '+') || at(text, pos, '-')) {
        const int oh = digits(text, pos + 1, 2);
        const int om = digits(text, pos + 4, 2);
        if (oh < 0 || om < 0 || !at(text, pos + 3, ':') || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = std::chrono::hours{oh} + std::chrono::minutes{om};
        if (text[pos] == '-') {
            offset = -offset;
        }
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const auto local = std::chrono::sys_days{ymd} + std::chrono::hours{h} +
                       std::chrono::minutes{mi} + std::chrono::seconds{std::min(s, 59)};
    return std::chrono::sys_seconds{local - offset};
}

}  // namespace swarm::codec
