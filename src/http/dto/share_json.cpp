#include "http/dto/share_json.hpp"

#include "codec/result_json.hpp"
#include "core/text/utf8.hpp"
#include "http/dto/body_json.hpp"
#include "http/dto/content_json.hpp"

namespace swarm::http::dto {
namespace {

using nlohmann::json;

constexpr std::string_view kStoredMediaPrefix = "/media/";

tl::unexpected<core::Error> share_field_error(std::string message, std::string field) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

/// Characters a name shown to others must not hold: C0 and C1 controls, DEL, line and paragraph
/// separators, and the bidirectional embeddings, overrides and isolates (which can make a name
/// read as another).
bool is_forbidden_in_name(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
           cp == 0x200f || cp == 0xfeff;
}

}  // namespace

core::Result<std::chrono::hours> decode_share_lifetime(std::string_view body) {
    if (core::text::trim(body).empty()) {
        return std::chrono::hours(kDefaultShareHours);
    }
    SWARM_TRY_ASSIGN(const auto root, parse_json_object(body));
    for (const auto& [name, value] : root.items()) {
        if (name != "expires_in_hours") {
            return share_field_error("is not a field of a share link; known: expires_in_hours",
                                     name);
        }
    }
    const auto it = root.find("expires_in_hours");
    if (it == root.end() || it->is_null()) {
        return std::chrono::hours(kDefaultShareHours);
    }
    const bool whole = it->is_number_integer();
    const auto hours = whole ? it->get<std::int64_t>() : 0;
    if (!whole || it->is_boolean() || hours < 1 || hours > kMaxShareHours) {
        return share_field_error("must be a whole number of hours from 1 to 720",
                                 "expires_in_hours");
    }
    return std::chrono::hours(hours);
}

core::Result<std::string> check_reviewer_name(std::string_view name) {
    const auto trimmed = core::text::trim(name);
    const auto cps = core::text::decode(trimmed);
    // decode turns invalid bytes into U+FFFD; a name that holds one is checked byte for byte.
    if (core::text::encode(cps) != trimmed) {
        return share_field_error("must be valid UTF-8", "name");
    }
    if (cps.empty() || cps.size() > kMaxReviewerNameChars) {
        return share_field_error("must be your name: 1 to 100 characters", "name");
    }
    for (const auto cp : cps) {
        if (is_forbidden_in_name(cp)) {
            return share_field_error("must not contain control or direction characters", "name");
        }
    }
    return std::string(trimmed);
}

core::Result<ShareReview> decode_share_review(const json& body) {
    ShareReview review;
    const auto name = body.find("name");
    if (name == body.end() || !name->is_string()) {
        return share_field_error("must be your name: 1 to 100 characters", "name");
    }
    SWARM_TRY_ASSIGN(review.name, check_reviewer_name(name->get<std::string>()));
    const auto decision = body.find("decision");
    if (decision == body.end() || !decision->is_string() ||
        (*decision != "approve" && *decision != "request_changes")) {
        return share_field_error("must be \"approve\" or \"request_changes\"", "decision");
    }
    review.decision = decision->get<std::string>();
    if (const auto comment = body.find("comment"); comment != body.end() && !comment->is_null()) {
        if (!comment->is_string() ||
            core::text::length(comment->get<std::string>()) > kMaxCommentChars) {
            return share_field_error("must be a text of at most 2000 characters", "comment");
        }
        review.comment = comment->get<std::string>();
    }
    return review;
}

std::string_view status_of_decision(std::string_view decision) {
    return decision == "approve" ? "approved" : "changes_requested";
}

json encode_share_link(const core::ShareLinkRecord& link, core::Timestamp now) {
    return json{{"id", link.id},
                {"expires_at", format_time(link.expires_at)},
                {"created_by", link.created_by},
                {"created_at", format_time(link.created_at)},
                {"revoked", link.revoked_at.has_value()},
                {"revoked_at", link.revoked_at ? json(format_time(*link.revoked_at)) : json()},
                {"expired", now >= link.expires_at}};
}

json encode_new_share_link(const core::ShareLinkRecord& link, const std::string& token) {
    return json{{"id", link.id},
                {"token", token},
                {"url", "/share/" + token},
                {"expires_at", format_time(link.expires_at)},
                {"created_by", link.created_by},
                {"created_at", format_time(link.created_at)}};
}

json encode_shared_item(const core::ItemRecord& record, const core::ContentItem& item,
                        const std::string& token) {
    auto doc = codec::encode_item(item);
    json media = json::array();
    for (auto entry : doc["media"]) {
        const auto url = entry.value("url", std::string());
        if (url.rfind(kStoredMediaPrefix, 0) == 0) {
            entry["url"] =
                "/api/v1/shared/" + token + "/media/" + url.substr(kStoredMediaPrefix.size());
        }
        media.push_back(std::move(entry));
    }
    return json{{"id", record.id},           {"platform", core::to_string(record.platform)},
                {"status", record.status},   {"body", doc["body"]},
                {"parts", doc["parts"]},     {"hashtags", doc["hashtags"]},
                {"media", std::move(media)}, {"review", doc["review"]},
                {"version", record.version}, {"quality", doc["quality"]}};
}

}  // namespace swarm::http::dto
