// Internal entry points of the validators (one per rule family) and the fields of an item they
// read. validator.cpp wires them together; tests call them directly for focused cases.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::validate {

/// What a piece of text is inside an item; some rules look only at some kinds.
enum class FieldKind { kBody, kPost, kTitle, kSlideBody, kBullet, kNotes, kHashtags };

/// One checkable text of an item with the location issues report for it.
struct Field {
    FieldKind kind;
    std::string location;  // "body", "parts[2]", "parts[3].bullets[1]", "hashtags"
    std::string_view text;
    std::size_t part = 0;  // index of the part (posts, slides); 0 for body and hashtags
};

/// The texts of an item. A thread's posts and a deck's slides live in `parts`; when parts are
/// present the item body is treated as a rendering of them and is not checked again.
std::vector<Field> content_fields(const ContentItem& item);

/// "parts[3]", "parts[3].bullets[1]" and friends.
std::string part_location(std::size_t part);

Issue make_issue(std::string code, Severity severity, std::string location, std::string message);

void check_hygiene(std::span<const Field> fields, std::vector<Issue>& out);
void check_twitter(const ContentItem& item, std::vector<Issue>& out);
void check_linkedin(const ContentItem& item, const BrandRules* brand, std::vector<Issue>& out);
void check_deck(const ContentItem& item, std::vector<Issue>& out);
void check_brand(const ContentItem& item, std::span<const Field> fields, const BrandRules& brand,
                 std::vector<Issue>& out);
/// Internal text from the documents, repeats, fragments, dangling openers and an off-topic hook
/// (`hook_subject`: what the brief announces; empty skips that check).
void check_copy(const ContentItem& item, std::span<const Field> fields,
                std::span<const Passage> passages, std::string_view hook_subject,
                std::vector<Issue>& out);
void check_grounding(std::span<const Field> fields, std::span<const Passage> passages,
                     const BrandRules* brand, std::vector<Issue>& out);

}  // namespace swarm::core::validate
