// A content item: one platform's ready-to-publish output, with its parts (thread posts or deck
// slides), hashtags, media, quality report, suggested schedule and the sources it rests on.
#pragma once

#include "core/model/platform.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

/// A post of an X thread (body set) or a slide of a deck (title, bullets, notes set).
struct Part {
    std::string title;
    std::string body;
    std::vector<std::string> bullets;
    std::string notes;
};

struct Media {
    std::string url;
    std::string kind;  // "card", "slide", "image"
    int width = 0;
    int height = 0;
    std::string alt;
};

enum class Severity { kInfo, kWarning, kError };

/// One finding of a validator or of the parser.
struct Issue {
    std::string code;  // stable, e.g. "x.too_long", "brand.banned_phrase"
    Severity severity = Severity::kWarning;
    std::string message;   // human sentence
    std::string location;  // "body", "parts[2]", "parts[3].bullets[1]", "hashtags", or a platform
};

struct Quality {
    double score = 0.0;  // 0..1, derived from the issues
    std::vector<Issue> issues;
};

struct Schedule {
    std::chrono::sys_seconds at_utc{};  // the same instant in UTC (iCalendar, sorting)
    std::string suggested_at;  // ISO 8601 local time with offset: 2026-12-01T09:00:00-05:00
    std::string timezone;      // IANA name
    std::string reason;
};

/// The last review step of an item (submitted, approved, changes requested, moved on the
/// calendar): who and why. Each one is saved as a version, so the item's history lists them all.
struct Review {
    std::string status;   // the status the step set: in_review, approved, changes_requested, ...
    std::string by;       // "ana@example.com", "Sam Lee (share link)"
    std::string comment;  // may be empty
    std::string at;       // RFC 3339 UTC
};

struct Source {
    std::string document;  // file name inside the knowledge base
    std::string heading;   // section heading of the passage
    std::string chunk_id;
};

struct ContentItem {
    std::string id;
    Platform platform = Platform::kLinkedIn;
    std::string body;
    std::vector<Part> parts;
    std::vector<std::string> hashtags;  // with leading '#'
    std::vector<Media> media;
    Quality quality;
    std::optional<Schedule> schedule;
    std::vector<Source> sources;
    std::string status = "draft";  // draft | in_review | changes_requested | approved | scheduled
    std::optional<Review> review;
};

std::string_view to_string(Severity severity);

}  // namespace swarm::core
