// to_icalendar: the schedule as an RFC 5545 calendar (a job's, or a workspace's feed). UTC times
// only (no VTIMEZONE needed), one VEVENT per scheduled item in item order, CRLF line endings,
// lines folded at 75 octets.
#include "core/agents/ical.hpp"

#include "core/agents/scheduler.hpp"
#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

namespace swarm::core {
namespace {

constexpr std::size_t kMaxLineOctets = 75;
constexpr std::size_t kMaxSummaryGraphemes = 60;
constexpr std::string_view kEventDuration = "PT15M";

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

/// 20261201T140000Z
std::string utc_basic(SysSeconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string first_line(std::string_view text) {
    const std::string_view trimmed = text::trim(text);
    const auto end = trimmed.find_first_of("\r\n");
    return std::string(text::trim(trimmed.substr(0, end)));
}

/// Cut at a grapheme boundary so an emoji or accented letter is never split.
std::string truncate(const std::string& line, std::size_t max_graphemes) {
    const auto clusters = text::graphemes(line);
    if (clusters.size() <= max_graphemes) {
        return line;
    }
    std::string out;
    for (std::size_t i = 0; i + 1 < max_graphemes; ++i) {
        for (const char32_t cp : clusters[i]) {
            text::append_utf8(out, cp);
        }
    }
    return std::string(text::trim(out)) + "\u2026";
}

/// The body; for an item without one (a deck, a thread kept in parts), its parts as text.
std::string description_of(const ContentItem& item) {
    if (!text::trim(item.body).empty() || item.parts.empty()) {
        return item.body;
    }
    std::string out;
    for (const Part& part : item.parts) {
        if (!out.empty()) {
            out += "\n\n";
        }
        out += part.title.empty() ? part.body : part.title;
        if (!part.title.empty() && !part.body.empty()) {
            out += "\n" + part.body;
        }
        for (const std::string& bullet : part.bullets) {
            out += "\n- " + bullet;
        }
    }
    return out;
}

std::string summary_of(const ContentItem& item) {
    const PlatformSpec& s = spec(item.platform);
    const std::string prefix = s.shape == OutputShape::kDeck
                                   ? fmt::format("Send {} to investors", s.display_name)
                                   : fmt::format("Post to {}", s.display_name);
    const std::string line = truncate(first_line(description_of(item)), kMaxSummaryGraphemes);
    return line.empty() ? prefix : prefix + ": " + line;
}

void add_line(std::string& out, std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out += ical_fold_line(line);
}

void add_event(std::string& out, const ContentItem& item, const std::string& uid,
               const CalendarOptions& options) {
    add_line(out, "BEGIN", "VEVENT");
    add_line(out, "UID", ical_escape_text(uid));
    add_line(out, "DTSTAMP", utc_basic(options.stamp));
    add_line(out, "DTSTART", utc_basic(item.schedule->at_utc));
    add_line(out, "DURATION", kEventDuration);
    add_line(out, "SUMMARY", ical_escape_text(summary_of(item)));
    add_line(out, "DESCRIPTION", ical_escape_text(description_of(item)));
    add_line(out, "CATEGORIES", ical_escape_text(to_string(item.platform)));
    add_line(out, "END", "VEVENT");
}

}  // namespace

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const std::vector<char32_t> cps = text::decode(text);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        if (cp == U'\r' || cp == U'\n') {
            out += "\\n";
            if (cp == U'\r' && i + 1 < cps.size() && cps[i + 1] == U'\n') {
                ++i;
            }
        } else if (cp == U'\\' || cp == U';' || cp == U',') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if ((cp < 0x20 && cp != U'\t') || cp == 0x7F) {
            continue;  // CONTROL characters are not allowed in TEXT
        } else {
            text::append_utf8(out, cp);
        }
    }
    return out;
}

std::string ical_fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 32 + 2);
    std::size_t limit = kMaxLineOctets;  // continuation lines lose one octet to the space
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && is_utf8_continuation(line[cut])) {
            --cut;
        }
        if (cut == 0) {
            cut = limit;  // not UTF-8 at all: a hard cut is the only way to stay within limits
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = kMaxLineOctets - 1;
    }
    out.append(line);
    out += "\r\n";
    return out;
}

std::string to_icalendar(std::span<const CalendarEvent> events, const CalendarOptions& options) {
    std::string out;
    add_line(out, "BEGIN", "VCALENDAR");
    add_line(out, "VERSION", "2.0");
    const std::string product =
        options.product_name.empty() ? "content-swarm" : options.product_name;
    add_line(out, "PRODID", ical_escape_text("-//content-swarm//" + product + "//EN"));
    add_line(out, "CALSCALE", "GREGORIAN");
    add_line(out, "METHOD", "PUBLISH");
    for (const CalendarEvent& event : events) {
        if (event.item != nullptr && event.item->schedule) {
            add_event(out, *event.item, event.uid, options);
        }
    }
    add_line(out, "END", "VCALENDAR");
    return out;
}

std::string to_icalendar(const std::vector<ContentItem>& items, const CalendarOptions& options) {
    const std::string job = options.job_id.empty() ? "job" : options.job_id;
    std::map<Platform, int> seen;  // a repeated platform gets "-2", "-3" so UIDs stay unique
    std::vector<CalendarEvent> events;
    for (const ContentItem& item : items) {
        if (!item.schedule) {
            continue;
        }
        const int n = ++seen[item.platform];
        std::string uid = job + "-" + std::string(to_string(item.platform));
        if (n > 1) {
            uid += "-" + std::to_string(n);
        }
        events.push_back({&item, uid + "@content-swarm"});
    }
    return to_icalendar(events, options);
}

}  // namespace swarm::core
