// JSON of the share link endpoints: the link as its makers see it (the token once), the body of
// a new link, a reviewer's answer through a link (name and decision checked, errors naming the
// field) and an item as a link shows it (nothing of the workspace beyond the item).
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/share_link_store.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace swarm::http::dto {

inline constexpr std::int64_t kDefaultShareHours = 168;  // a week
inline constexpr std::int64_t kMaxShareHours = 720;      // 30 days
inline constexpr std::size_t kMaxReviewerNameChars = 100;

/// What a reviewer answers through a link.
struct ShareReview {
    std::string name;      // trimmed, 1..kMaxReviewerNameChars characters, no control characters
    std::string decision;  // "approve" or "request_changes"
    std::string comment;   // may be empty
};

/// The lifetime POST .../share-links asks for: {"expires_in_hours"?: 1..720} (the body may be
/// empty). Errors name the field.
core::Result<std::chrono::hours> decode_share_lifetime(std::string_view body);

/// Fields name, decision and comment of an already parsed object (unknown fields are refused by
/// the caller). Errors name the field.
core::Result<ShareReview> decode_share_review(const nlohmann::json& body);

/// kInvalidArgument on "name" unless `name`, trimmed, is 1..100 characters of valid UTF-8
/// without control, line-separator or bidirectional-override characters. The trimmed name.
core::Result<std::string> check_reviewer_name(std::string_view name);

/// The status a decision sets: "approved" or "changes_requested".
std::string_view status_of_decision(std::string_view decision);

/// {id, expires_at, created_by, created_at, revoked, revoked_at, expired}: a link as its
/// workspace's editors list it (never its digest).
nlohmann::json encode_share_link(const core::ShareLinkRecord& link, core::Timestamp now);

/// The answer to a new link: {id, token, url "/share/<token>", expires_at, created_by,
/// created_at}.
nlohmann::json encode_new_share_link(const core::ShareLinkRecord& link, const std::string& token);

/// An item as a link shows it: {id, platform, status, body, parts, hashtags, media, review,
/// version, quality}, media URLs "/media/<id>" rewritten to "/api/v1/shared/<token>/media/<id>".
nlohmann::json encode_shared_item(const core::ItemRecord& record, const core::ContentItem& item,
                                  const std::string& token);

}  // namespace swarm::http::dto
