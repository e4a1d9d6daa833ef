#include "codec/item_json.hpp"

#include "codec/json_read.hpp"
#include "codec/time_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::codec {
namespace {

using core::ErrorCode;
using core::fail;
using detail::first_error;
using detail::read_string;
using detail::read_strings;
using nlohmann::json;

/// The array at `key` (absent or null: empty), or an error naming `field`.
core::Result<const json*> array_at(const json& object, const char* key, const std::string& field) {
    static const json kEmpty = json::array();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return &kEmpty;
    }
    if (!it->is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an array, got {}", it->type_name()), field);
    }
    return &*it;
}

core::Result<void> expect_object(const json& value, const std::string& field) {
    if (!value.is_object()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("must be an object, got {}", value.type_name()), field);
    }
    return {};
}

core::Result<void> read_int(const json& object, const char* key, const std::string& field,
                            int& out) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_number_integer()) {
        return fail(ErrorCode::kInvalidArgument, "must be an integer", field);
    }
    out = it->get<int>();
    return {};
}

core::Result<void> read_platform(const json& root, core::ContentItem& item) {
    std::string name;
    if (auto r = read_string(root, "platform", "platform", name); !r) {
        return r;
    }
    const auto platform = core::platform_from_name(name);
    if (!platform) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} platform; known: {}", name.empty() ? "missing" : "unknown",
                                core::known_platform_list()),
                    "platform");
    }
    item.platform = *platform;
    return {};
}

core::Result<void> read_parts(const json& root, core::ContentItem& item) {
    SWARM_TRY_ASSIGN(auto parts, array_at(root, "parts", "parts"));
    for (std::size_t i = 0; i < parts->size(); ++i) {
        const json& v = (*parts)[i];
        const auto field = fmt::format("parts[{}]", i);
        core::Part part;
        auto ok = first_error({
            [&] { return expect_object(v, field); },
            [&] { return read_string(v, "title", field + ".title", part.title); },
            [&] { return read_string(v, "body", field + ".body", part.body); },
            [&] { return read_strings(v, "bullets", field + ".bullets", part.bullets); },
            [&] { return read_string(v, "notes", field + ".notes", part.notes); },
        });
        if (!ok) {
            return ok;
        }
        item.parts.push_back(std::move(part));
    }
    return {};
}

core::Result<void> read_media(const json& root, core::ContentItem& item) {
    SWARM_TRY_ASSIGN(auto media, array_at(root, "media", "media"));
    for (std::size_t i = 0; i < media->size(); ++i) {
        const json& v = (*media)[i];
        const auto field = fmt::format("media[{}]", i);
        core::Media m;
        auto ok = first_error({
            [&] { return expect_object(v, field); },
            [&] { return read_string(v, "url", field + ".url", m.url); },
            [&] { return read_string(v, "kind", field + ".kind", m.kind); },
            [&] { return read_int(v, "width", field + ".width", m.width); },
            [&] { return read_int(v, "height", field + ".height", m.height); },
            [&] { return read_string(v, "alt", field + ".alt", m.alt); },
        });
        if (!ok) {
            return ok;
        }
        item.media.push_back(std::move(m));
    }
    return {};
}

core::Result<core::Severity> severity_from(const std::string& name, const std::string& field) {
    for (const auto s : {core::Severity::kInfo, core::Severity::kWarning, core::Severity::kError}) {
        if (core::to_string(s) == name) {
            return s;
        }
    }
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("unknown severity \"{}\"; known: info, warning, error", name), field);
}

core::Result<void> read_issue(const json& v, const std::string& field, core::Issue& issue) {
    std::string severity = "warning";
    auto ok = first_error({
        [&] { return expect_object(v, field); },
        [&] { return read_string(v, "code", field + ".code", issue.code); },
        [&] { return read_string(v, "severity", field + ".severity", severity); },
        [&] { return read_string(v, "message", field + ".message", issue.message); },
        [&] { return read_string(v, "location", field + ".location", issue.location); },
    });
    if (!ok) {
        return ok;
    }
    SWARM_TRY_ASSIGN(auto s, severity_from(severity, field + ".severity"));
    issue.severity = s;
    return {};
}

core::Result<void> read_quality(const json& root, core::ContentItem& item) {
    const auto it = root.find("quality");
    if (it == root.end() || it->is_null()) {
        return {};
    }
    if (auto ok = expect_object(*it, "quality"); !ok) {
        return ok;
    }
    if (const auto s = it->find("score"); s != it->end() && !s->is_null()) {
        if (!s->is_number()) {
            return fail(ErrorCode::kInvalidArgument, "must be a number", "quality.score");
        }
        item.quality.score = s->get<double>();
    }
    SWARM_TRY_ASSIGN(auto issues, array_at(*it, "issues", "quality.issues"));
    for (std::size_t i = 0; i < issues->size(); ++i) {
        core::Issue issue;
        if (auto ok = read_issue((*issues)[i], fmt::format("quality.issues[{}]", i), issue); !ok) {
            return ok;
        }
        item.quality.issues.push_back(std::move(issue));
    }
    return {};
}

core::Result<void> read_schedule(const json& root, core::ContentItem& item) {
    const auto it = root.find("schedule");
    if (it == root.end() || it->is_null()) {
        return {};
    }
    core::Schedule s;
    auto ok = first_error({
        [&] { return expect_object(*it, "schedule"); },
        [&] { return read_string(*it, "suggested_at", "schedule.suggested_at", s.suggested_at); },
        [&] { return read_string(*it, "timezone", "schedule.timezone", s.timezone); },
        [&] { return read_string(*it, "reason", "schedule.reason", s.reason); },
    });
    if (!ok) {
        return ok;
    }
    // "at" (UTC) since the calendar; older items carry only the local time with its offset.
    std::string at_text;
    if (auto read = read_string(*it, "at", "schedule.at", at_text); !read) {
        return read;
    }
    const auto instant = parse_rfc3339(at_text.empty() ? s.suggested_at : at_text);
    if (!instant && !(at_text.empty() && s.suggested_at.empty())) {
        return fail(ErrorCode::kInvalidArgument,
                    "must be an RFC 3339 date-time such as 2026-12-01T09:00:00-05:00",
                    at_text.empty() ? "schedule.suggested_at" : "schedule.at");
    }
    s.at_utc = instant.value_or(std::chrono::sys_seconds{});
    item.schedule = std::move(s);
    return {};
}

core::Result<void> read_review(const json& root, core::ContentItem& item) {
    const auto it = root.find("review");
    if (it == root.end() || it->is_null()) {
        return {};
    }
    core::Review r;
    SWARM_TRY(first_error({
        [&] { return expect_object(*it, "review"); },
        [&] { return read_string(*it, "status", "review.status", r.status); },
        [&] { return read_string(*it, "by", "review.by", r.by); },
        [&] { return read_string(*it, "comment", "review.comment", r.comment); },
        [&] { return read_string(*it, "at", "review.at", r.at); },
    }));
    item.review = std::move(r);
    return {};
}

core::Result<void> read_sources(const json& root, core::ContentItem& item) {
    SWARM_TRY_ASSIGN(auto sources, array_at(root, "sources", "sources"));
    for (std::size_t i = 0; i < sources->size(); ++i) {
        const json& v = (*sources)[i];
        const auto field = fmt::format("sources[{}]", i);
        core::Source s;
        auto ok = first_error({
            [&] { return expect_object(v, field); },
            [&] { return read_string(v, "document", field + ".document", s.document); },
            [&] { return read_string(v, "heading", field + ".heading", s.heading); },
            [&] { return read_string(v, "chunk_id", field + ".chunk_id", s.chunk_id); },
        });
        if (!ok) {
            return ok;
        }
        item.sources.push_back(std::move(s));
    }
    return {};
}

}  // namespace

core::Result<core::ContentItem> decode_item(const json& value) {
    if (auto ok = expect_object(value, "item"); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    core::ContentItem item;
    SWARM_TRY(first_error({
        [&] { return read_string(value, "id", "id", item.id); },
        [&] { return read_platform(value, item); },
        [&] { return read_string(value, "status", "status", item.status); },
        [&] { return read_string(value, "body", "body", item.body); },
        [&] { return read_parts(value, item); },
        [&] { return read_strings(value, "hashtags", "hashtags", item.hashtags); },
        [&] { return read_media(value, item); },
        [&] { return read_quality(value, item); },
        [&] { return read_schedule(value, item); },
        [&] { return read_sources(value, item); },
        [&] { return read_review(value, item); },
    }));
    return item;
}

}  // namespace swarm::codec
