#include "core/agents/completeness.hpp"

#include "core/agents/structured_output.hpp"
#include "core/agents/text_tools.hpp"
#include "core/agents/writer_support.hpp"

#include <iterator>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

bool editor_repairs(const Issue& issue) {
    return issue.code.starts_with("brand.");
}

std::vector<Issue> warnings_for(Platform platform, const ParseResult& parsed) {
    std::vector<Issue> out;
    const auto id = to_string(platform);
    for (const auto& w : parsed.warnings) {
        if (w.location == id || (w.location == "input" && w.severity != Severity::kInfo)) {
            out.push_back(w);
        }
    }
    return out;
}

std::optional<ContentItem> parsed_item(Platform platform, const ParseResult& parsed) {
    for (const auto& item : parsed.items) {
        if (item.platform == platform) {
            return item;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<Issue> publish_blockers(const ContentItem& item, const ValidationContext& context) {
    std::vector<Issue> out;
    for (auto& issue : validate_item(item, context).issues) {
        if (issue.severity == Severity::kError && !editor_repairs(issue)) {
            out.push_back(std::move(issue));
        }
    }
    return out;
}

Draft assess(Platform platform, std::optional<ContentItem> item, std::vector<Issue> warnings,
             std::string text, const ValidationContext& context, const FactSheet& sheet) {
    Draft draft;
    draft.text = std::move(text);
    if (!item) {
        draft.problems = std::move(warnings);
        if (draft.problems.empty()) {
            draft.problems.push_back(Issue{
                "parse.missing_section", Severity::kError,
                fmt::format("no {} content was found in the reply", spec(platform).display_name),
                std::string(to_string(platform))});
        }
        return draft;
    }
    item->platform = platform;
    if (item->sources.empty()) {
        item->sources = sheet.sources;
    }
    draft.problems = publish_blockers(*item, context);
    draft.item = std::move(item);
    return draft;
}

Draft read_reply(Platform platform, std::string text, bool structured,
                 const ValidationContext& context, const FactSheet& sheet) {
    std::vector<Issue> notes;
    if (structured) {
        auto decoded = decode_item(platform, text);
        if (decoded) {
            return assess(platform, std::move(*decoded), {}, std::move(text), context, sheet);
        }
        notes.push_back(Issue{"structured.invalid_json", Severity::kError,
                              decoded.error().message + "; answer with the JSON object only",
                              std::string(to_string(platform))});
    }
    const auto parsed = parse_model_output(text, ParseOptions{{platform}});
    auto warnings = warnings_for(platform, parsed);
    notes.insert(notes.end(), warnings.begin(), warnings.end());
    auto item = parsed_item(platform, parsed);
    const bool found = item.has_value();
    auto draft = assess(platform, std::move(item), found ? std::vector<Issue>{} : notes,
                        std::move(text), context, sheet);
    if (found && structured && !draft.problems.empty()) {
        // The parser's reading is not publishable either: the rewrite must hear about the JSON.
        draft.problems.insert(draft.problems.begin(), notes.front());
    }
    return draft;
}

Draft merge_deck_parts(std::vector<Draft> parts, int slides, const ValidationContext& context,
                       const FactSheet& sheet) {
    for (auto& part : parts) {
        if (part.item && part.problems.empty() && std::ssize(part.item->parts) == slides) {
            return std::move(part);
        }
    }
    std::vector<std::string> texts;
    std::vector<Issue> missing;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        texts.push_back(parts[i].text);
        if (!parts[i].item || parts[i].item->parts.empty()) {
            for (auto issue : parts[i].problems) {
                issue.message =
                    fmt::format("part {} of {}: {}", i + 1, parts.size(), issue.message);
                missing.push_back(std::move(issue));
            }
        }
    }
    auto text = join(texts, "\n\n");
    if (parts.empty() || !missing.empty()) {
        return assess(Platform::kPitchDeck, std::nullopt, std::move(missing), std::move(text),
                      context, sheet);
    }
    auto deck = std::move(*parts.front().item);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        auto& more = parts[i].item->parts;
        deck.parts.insert(deck.parts.end(), std::make_move_iterator(more.begin()),
                          std::make_move_iterator(more.end()));
    }
    deck.body = render_deck_markdown(deck.parts);
    // Parts written at once can cover one topic twice: the validator's deck.repeated_slide
    // (an error) then sends the deck to the rewrite.
    auto draft = assess(Platform::kPitchDeck, std::move(deck), {}, std::move(text), context, sheet);
    if (!draft.problems.empty()) {
        // As read_reply does: a rewrite must also hear that a part's JSON was invalid.
        for (const auto& part : parts) {
            for (const auto& issue : part.problems) {
                if (issue.code.starts_with("structured.")) {
                    draft.problems.insert(draft.problems.begin(), issue);
                }
            }
        }
    }
    return draft;
}

std::vector<Draft> read_multi_platform_reply(const std::vector<Platform>& platforms,
                                             const std::string& text,
                                             const ValidationContext& context,
                                             const FactSheet& sheet) {
    const auto parsed = parse_model_output(text, ParseOptions{platforms});
    std::vector<Draft> out;
    for (const Platform p : platforms) {
        auto item = parsed_item(p, parsed);
        // A rewrite sees only this platform's section (or the whole reply when it is missing).
        std::string shown = item ? item_text(*item) : text;
        out.push_back(
            assess(p, std::move(item), warnings_for(p, parsed), std::move(shown), context, sheet));
    }
    return out;
}

std::string describe_problems(const std::vector<Issue>& problems) {
    std::vector<std::string> parts;
    parts.reserve(problems.size());
    for (const auto& p : problems) {
        parts.push_back(fmt::format("{}: {}", p.code, p.message));
    }
    return join(parts, "; ");
}

}  // namespace swarm::core::agents
