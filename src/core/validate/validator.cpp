// validate_item: collects the item's texts, runs hygiene, the platform's rules, brand rules and
// grounding, and scores the result. The rule families live in the sibling files.
#include "core/validate/validator.hpp"

#include "core/model/platform.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace swarm::core {
namespace validate {
namespace {

void add_field(std::vector<Field>& fields, FieldKind kind, std::string location,
               std::string_view text, std::size_t part) {
    if (!text::trim(text).empty()) {
        fields.push_back({kind, std::move(location), text, part});
    }
}

void add_slide(std::vector<Field>& fields, const Part& slide, std::size_t i) {
    const std::string where = part_location(i);
    add_field(fields, FieldKind::kTitle, where + ".title", slide.title, i);
    add_field(fields, FieldKind::kSlideBody, where + ".body", slide.body, i);
    for (std::size_t j = 0; j < slide.bullets.size(); ++j) {
        add_field(fields, FieldKind::kBullet, fmt::format("{}.bullets[{}]", where, j),
                  slide.bullets[j], i);
    }
    add_field(fields, FieldKind::kNotes, where + ".notes", slide.notes, i);
}

}  // namespace

std::string part_location(std::size_t part) {
    return fmt::format("parts[{}]", part);
}

Issue make_issue(std::string code, Severity severity, std::string location, std::string message) {
    return Issue{std::move(code), severity, std::move(message), std::move(location)};
}

std::vector<Field> content_fields(const ContentItem& item) {
    std::vector<Field> fields;
    const OutputShape shape = spec(item.platform).shape;
    if (shape == OutputShape::kPost || item.parts.empty()) {
        add_field(fields, FieldKind::kBody, "body", item.body, 0);
    } else if (shape == OutputShape::kThread) {
        for (std::size_t i = 0; i < item.parts.size(); ++i) {
            add_field(fields, FieldKind::kPost, part_location(i), item.parts[i].body, i);
        }
    } else {
        for (std::size_t i = 0; i < item.parts.size(); ++i) {
            add_slide(fields, item.parts[i], i);
        }
    }
    for (const auto& tag : item.hashtags) {
        add_field(fields, FieldKind::kHashtags, "hashtags", tag, 0);
    }
    return fields;
}

}  // namespace validate

Quality validate_item(const ContentItem& item, const ValidationContext& context) {
    using validate::FieldKind;
    std::vector<Issue> issues;
    const auto fields = validate::content_fields(item);
    const bool empty = std::none_of(fields.begin(), fields.end(), [](const validate::Field& f) {
        return f.kind != FieldKind::kHashtags;
    });
    if (empty) {
        issues.push_back(validate::make_issue(
            "content.empty", Severity::kError, item.parts.empty() ? "body" : "parts",
            fmt::format("The {} item has no text.", spec(item.platform).display_name)));
        return Quality{score_issues(issues), std::move(issues)};
    }
    validate::check_hygiene(fields, issues);
    switch (item.platform) {
        case Platform::kTwitter:
            validate::check_twitter(item, issues);
            break;
        case Platform::kLinkedIn:
            validate::check_linkedin(item, context.brand, issues);
            break;
        case Platform::kPitchDeck:
            validate::check_deck(item, issues);
            break;
    }
    if (context.brand != nullptr) {
        validate::check_brand(item, fields, *context.brand, issues);
    }
    validate::check_copy(item, fields, context.grounding_passages, context.hook_subject, issues);
    validate::check_grounding(fields, context.grounding_passages, context.brand, issues);
    const double score = score_issues(issues);
    return Quality{score, std::move(issues)};
}

}  // namespace swarm::core
