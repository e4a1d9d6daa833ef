#include "http/dto/content_json.hpp"

#include "codec/item_json.hpp"
#include "codec/result_json.hpp"
#include "codec/time_text.hpp"
#include "core/text/utf8.hpp"
#include "http/dto/body_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace swarm::http::dto {
namespace {

using core::ErrorCode;
using core::fail;
using nlohmann::json;

constexpr std::array<std::string_view, 5> kStatuses{"draft", "in_review", "changes_requested",
                                                    "approved", "scheduled"};
constexpr std::array<std::string_view, 6> kPatchFields{"body",   "parts",   "hashtags",
                                                       "status", "comment", "schedule_at"};
constexpr std::array<std::string_view, 5> kValidateFields{"platform", "body", "parts", "hashtags",
                                                          "item_id"};

core::Result<int> parse_limit(const std::string& text, int max = 100) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 1 || value > max) {
        return fail(ErrorCode::kInvalidArgument,
                    "must be an integer from 1 to " + std::to_string(max), "limit");
    }
    return value;
}

core::Result<void> bad_status(std::string_view given) {
    return fail(ErrorCode::kInvalidArgument,
                "unknown status \"" + std::string(given) +
                    "\"; allowed: draft, in_review, changes_requested, approved, scheduled",
                "status");
}

/// An RFC 3339 instant; errors name `field`.
core::Result<std::chrono::sys_seconds> instant_of(std::string_view text, const std::string& field) {
    if (auto parsed = codec::parse_rfc3339(text)) {
        return *parsed;
    }
    return fail(ErrorCode::kInvalidArgument,
                "must be an RFC 3339 date-time such as 2026-12-01T14:00:00Z or "
                "2026-12-01T09:00:00-05:00",
                field);
}

core::Result<void> read_review_field(const json& v, std::string_view key, ItemPatch& patch) {
    if (!v.is_string()) {
        return fail(ErrorCode::kInvalidArgument,
                    key == "comment" ? "must be a string" : "must be an RFC 3339 date-time string",
                    std::string(key));
    }
    const auto& text = v.get_ref<const std::string&>();
    if (key == "schedule_at") {
        SWARM_TRY_ASSIGN(patch.schedule_at, instant_of(text, "schedule_at"));
        return {};
    }
    if (core::text::length(text) > kMaxCommentChars) {
        return fail(ErrorCode::kInvalidArgument,
                    "must be at most " + std::to_string(kMaxCommentChars) + " characters",
                    "comment");
    }
    patch.comment = text;
    return {};
}

core::Result<void> read_patch_field(const json& doc, std::string_view key, core::Platform platform,
                                    ItemPatch& patch) {
    const json& v = doc.at(std::string(key));
    if (key == "comment" || key == "schedule_at") {
        return read_review_field(v, key, patch);
    }
    if (key == "body" || key == "status") {
        if (!v.is_string()) {
            return fail(ErrorCode::kInvalidArgument, "must be a string", std::string(key));
        }
        (key == "body" ? patch.body : patch.status) = v.get<std::string>();
        return key == "status" && !is_item_status(*patch.status) ? bad_status(*patch.status)
                                                                 : core::Result<void>{};
    }
    // parts and hashtags: read by the item decoder so the errors name "parts[1].body".
    SWARM_TRY_ASSIGN(auto item,
                     codec::decode_item(json{{"platform", core::to_string(platform)},
                                             {std::string(key), v.is_null() ? json() : v}}));
    if (key == "parts") {
        patch.parts = std::move(item.parts);
    } else {
        patch.hashtags = std::move(item.hashtags);
    }
    return {};
}

}  // namespace

bool is_item_status(std::string_view status) {
    return std::find(kStatuses.begin(), kStatuses.end(), status) != kStatuses.end();
}

core::Result<core::ContentQuery> decode_content_query(
    const std::map<std::string, std::string>& query) {
    core::ContentQuery out;
    for (const auto& [key, value] : query) {
        if (key == "job_id") {
            out.job_id = value;
        } else if (key == "platform") {
            const auto platform = core::platform_from_name(value);
            if (!platform) {
                return fail(
                    ErrorCode::kInvalidArgument,
                    "unknown platform \"" + value + "\"; known: " + core::known_platform_list(),
                    "platform");
            }
            out.platform = platform;
        } else if (key == "status") {
            if (!is_item_status(value)) {
                return tl::unexpected(bad_status(value).error());
            }
            out.status = value;
        } else if (key == "created_from" || key == "created_to" || key == "scheduled_from" ||
                   key == "scheduled_to") {
            SWARM_TRY_ASSIGN(const auto at, instant_of(value, key));
            (key == "created_from"     ? out.created_from
             : key == "created_to"     ? out.created_to
             : key == "scheduled_from" ? out.scheduled_from
                                       : out.scheduled_to) = at;
        } else if (key == "limit") {
            SWARM_TRY_ASSIGN(auto limit, parse_limit(value));
            out.limit = limit;
        } else if (key == "cursor") {
            out.cursor = value;
        }
    }
    return out;
}

core::Result<core::VersionQuery> decode_version_query(
    const std::map<std::string, std::string>& query) {
    core::VersionQuery out;
    if (const auto it = query.find("limit"); it != query.end()) {
        SWARM_TRY_ASSIGN(out.limit, parse_limit(it->second, core::kMaxVersionPage));
    }
    if (const auto it = query.find("cursor"); it != query.end()) {
        out.cursor = it->second;
    }
    return out;
}

core::Result<ItemPatch> decode_item_patch(std::string_view body, core::Platform platform) {
    SWARM_TRY_ASSIGN(auto doc, parse_json_object(body));
    ItemPatch patch;
    for (const auto& [key, value] : doc.items()) {
        if (std::find(kPatchFields.begin(), kPatchFields.end(), key) == kPatchFields.end()) {
            return fail(ErrorCode::kInvalidArgument,
                        "unknown field; allowed: body, parts, hashtags, status, comment, "
                        "schedule_at",
                        key);
        }
        SWARM_TRY(read_patch_field(doc, key, platform, patch));
    }
    return patch;
}

core::Result<ValidateRequest> decode_validate_request(std::string_view body) {
    SWARM_TRY_ASSIGN(auto doc, parse_json_object(body));
    for (const auto& [key, value] : doc.items()) {
        if (std::find(kValidateFields.begin(), kValidateFields.end(), key) ==
            kValidateFields.end()) {
            return fail(ErrorCode::kInvalidArgument,
                        "unknown field; allowed: platform, body, parts, hashtags, item_id", key);
        }
    }
    ValidateRequest out;
    const auto platform = doc.find("platform");
    if (platform == doc.end() || !platform->is_string()) {
        return fail(ErrorCode::kInvalidArgument,
                    "is required: one of " + core::known_platform_list(), "platform");
    }
    const auto known = core::platform_from_name(platform->get<std::string>());
    if (!known) {
        return fail(ErrorCode::kInvalidArgument,
                    "unknown platform \"" + platform->get<std::string>() +
                        "\"; known: " + core::known_platform_list(),
                    "platform");
    }
    out.platform = *known;
    for (const std::string_view key : {"body", "parts", "hashtags"}) {
        if (doc.contains(std::string(key))) {
            SWARM_TRY(read_patch_field(doc, key, out.platform, out.text));
        }
    }
    if (const auto id = doc.find("item_id"); id != doc.end() && !id->is_null()) {
        if (!id->is_string() || id->get<std::string>().empty()) {
            return fail(ErrorCode::kInvalidArgument, "must be a content item id (a string)",
                        "item_id");
        }
        out.item_id = id->get<std::string>();
    }
    return out;
}

core::Result<core::ContentItem> decode_stored_item(const std::string& item_json) {
    auto doc = json::parse(item_json, nullptr, /*allow_exceptions=*/false);
    auto item = doc.is_discarded() ? fail(ErrorCode::kInternal, "stored item is not JSON")
                                   : codec::decode_item(doc);
    if (!item) {
        return fail(ErrorCode::kInternal,
                    "the stored item cannot be read: " + item.error().message);
    }
    return item;
}

std::string encode_item_for_store(const core::ContentItem& item) {
    return codec::encode_item(item).dump();
}

json encode_item_record(const core::ItemRecord& record) {
    auto doc = json::parse(record.item_json, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
        doc = json::object();
    }
    doc["id"] = record.id;
    doc["job_id"] = record.job_id;
    doc["platform"] = core::to_string(record.platform);
    doc["status"] = record.status;
    doc["score"] = record.score;
    doc["version"] = record.version;
    doc["created_at"] = format_time(record.created_at);
    doc["updated_at"] = format_time(record.updated_at);
    return doc;
}

json encode_item_page(const core::ItemPage& page) {
    json items = json::array();
    for (const auto& record : page.items) {
        items.push_back(encode_item_record(record));
    }
    return json{{"items", items},
                {"next_cursor", page.next_cursor.empty() ? json() : json(page.next_cursor)}};
}

json encode_item_versions(const std::string& id, const core::VersionPage& page) {
    json out = json::array();
    for (const auto& v : page.versions) {
        auto item = json::parse(v.item_json, nullptr, /*allow_exceptions=*/false);
        out.push_back({{"version", v.version},
                       {"status", v.status},
                       {"score", v.score},
                       {"created_at", format_time(v.created_at)},
                       {"item", item.is_discarded() ? json() : item}});
    }
    return json{{"id", id},
                {"versions", out},
                {"next_cursor", page.next_cursor.empty() ? json() : json(page.next_cursor)}};
}

}  // namespace swarm::http::dto
