#include "core/parse/section_builder.hpp"

#include "core/parse/cleanup.hpp"
#include "core/parse/deck_splitter.hpp"
#include "core/parse/hashtags.hpp"
#include "core/parse/instructions.hpp"
#include "core/parse/line_utils.hpp"
#include "core/parse/narration.hpp"
#include "core/parse/placeholders.hpp"
#include "core/parse/thread_splitter.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>

namespace swarm::core::parse {
namespace {

struct Stats {
    bool narration = false;
    bool placeholder_only = false;
    std::size_t placeholder_lines = 0;
    std::size_t instruction_lines = 0;  // echoed prompt: rules, WRONG/RIGHT examples, roles
    std::vector<std::string> label_hashtags;
};

std::vector<std::string> clean_text(std::string_view body, Platform platform, Stats& stats) {
    Cleaned cleaned = strip_scaffolding(split_lines(body), platform);
    merge_hashtags(stats.label_hashtags, cleaned.label_hashtags);
    const bool deck = platform == Platform::kPitchDeck;
    stats.narration = remove_narration(cleaned.lines, deck) || stats.narration;
    stats.instruction_lines += remove_instruction_lines(cleaned.lines);
    const std::string rest = join_paragraphs(cleaned.lines);
    if (is_placeholder_only(rest) || is_slot_only(rest)) {
        // Counted too, so that a post or slide dropped from an item that survives is reported.
        stats.placeholder_only = true;
        stats.placeholder_lines += static_cast<std::size_t>(
            std::count_if(cleaned.lines.begin(), cleaned.lines.end(),
                          [](const std::string& l) { return !is_blank(l); }));
        return {};
    }
    stats.placeholder_lines += remove_slot_lines(cleaned.lines);
    stats.placeholder_lines += remove_placeholder_lines(cleaned.lines);
    // What was under the removed lines may be narration now at an edge ("Now let me ...").
    stats.narration = remove_narration(cleaned.lines, deck) || stats.narration;
    return std::move(cleaned.lines);
}

std::vector<Part> clean_posts(const std::vector<Part>& given, Stats& stats) {
    std::vector<Part> posts;
    for (const Part& p : given) {
        const auto lines = clean_text(p.body, Platform::kTwitter, stats);
        for (auto& post : split_thread(lines, false)) {
            posts.push_back(Part{"", std::move(post), {}, ""});
        }
    }
    return posts;
}

std::string clean_field(const std::string& value, Stats& stats) {
    if (is_writer_instruction(value)) {
        stats.instruction_lines += 1;
        return {};
    }
    if (has_placeholder(value) || is_placeholder_only(value) || is_slot_only(value)) {
        stats.placeholder_lines += value.empty() ? std::size_t{0} : std::size_t{1};
        return {};
    }
    return std::string(text::trim(value));
}

std::vector<Part> clean_slides(const std::vector<Part>& given, Stats& stats) {
    std::vector<Part> slides;
    for (const Part& s : given) {
        Part slide;
        slide.title = clean_field(s.title, stats);
        slide.notes = clean_field(s.notes, stats);
        for (const auto& b : s.bullets) {
            std::string bullet = clean_field(b, stats);
            if (!bullet.empty()) {
                slide.bullets.push_back(std::move(bullet));
            }
        }
        if (!s.body.empty()) {
            // A slide given as one string: split it like a deck section of its own.
            auto inner = split_deck(clean_text(s.body, Platform::kPitchDeck, stats));
            for (auto& part : inner) {
                slides.push_back(std::move(part));
            }
        }
        if (!slide.title.empty() || !slide.bullets.empty() || !slide.notes.empty()) {
            slides.push_back(std::move(slide));
        }
    }
    return slides;
}

void fill_thread(ContentItem& item, const RawSection& raw, Stats& stats) {
    std::vector<Part> posts;
    if (!raw.parts.empty()) {
        if (!text::trim(raw.body).empty()) {
            posts = clean_posts({Part{"", raw.body, {}, ""}}, stats);
        }
        for (auto& p : clean_posts(raw.parts, stats)) {
            if (posts.empty() || posts.front().body != p.body) {
                posts.push_back(std::move(p));
            }
        }
    } else {
        const auto lines = clean_text(raw.body, Platform::kTwitter, stats);
        for (auto& post : split_thread(lines, raw.flags.thread)) {
            posts.push_back(Part{"", std::move(post), {}, ""});
        }
    }
    item.parts = std::move(posts);
    item.body = join_posts(item.parts);
}

void fill_deck(ContentItem& item, const RawSection& raw, Stats& stats) {
    std::vector<Part> slides = clean_slides(raw.parts, stats);
    if (slides.empty()) {
        slides = split_deck(clean_text(raw.body, Platform::kPitchDeck, stats));
    }
    item.parts = std::move(slides);
    item.body = item.parts.empty() ? std::string() : render_deck(item.parts);
}

SectionCandidate failure(const Stats& stats, std::string_view id) {
    SectionCandidate out;
    if (stats.instruction_lines > 0) {
        out.failure = "parse.instruction_only";
        out.failure_message = "the " + std::string(id) +
                              " section holds only instructions addressed to the writer (rules, "
                              "examples, templates); nothing to publish";
    } else if (stats.placeholder_only || stats.placeholder_lines > 0) {
        out.failure = "parse.placeholder";
        out.failure_message = "the " + std::string(id) +
                              " section holds only template placeholders; nothing to publish";
    } else if (stats.narration) {
        out.failure = "parse.reasoning_only";
        out.failure_message =
            "the " + std::string(id) + " section holds only the model's reasoning, no content";
    } else {
        out.failure = "parse.empty_section";
        out.failure_message = "the " + std::string(id) + " section is empty";
    }
    return out;
}

}  // namespace

std::string join_posts(const std::vector<Part>& posts) {
    std::string body;
    for (const auto& p : posts) {
        if (!body.empty()) {
            body += "\n\n";
        }
        body += p.body;
    }
    return body;
}

SectionCandidate build_section(const RawSection& raw) {
    if (raw.flags.example) {
        SectionCandidate out;
        out.failure = "parse.example_section";
        out.failure_message =
            "the " + std::string(to_string(raw.platform)) +
            " section is an example or template from the instructions, not content";
        return out;
    }
    Stats stats;
    ContentItem item;
    item.platform = raw.platform;
    switch (spec(raw.platform).shape) {
        case OutputShape::kThread:
            fill_thread(item, raw, stats);
            break;
        case OutputShape::kDeck:
            fill_deck(item, raw, stats);
            break;
        case OutputShape::kPost: {
            std::string body = raw.body;
            for (const auto& p : raw.parts) {
                body += "\n\n" + p.body;
            }
            item.body = join_paragraphs(clean_text(body, raw.platform, stats));
            break;
        }
    }
    const std::string_view id = to_string(raw.platform);
    if (text::trim(item.body).empty()) {
        return failure(stats, id);
    }
    item.hashtags = extract_hashtags(item.body);
    std::vector<std::string> unique;
    merge_hashtags(unique, item.hashtags);
    merge_hashtags(unique, stats.label_hashtags);
    merge_hashtags(unique, raw.hashtags);
    item.hashtags = std::move(unique);
    SectionCandidate out;
    if (stats.placeholder_lines > 0) {
        out.issues.push_back(Issue{"parse.placeholder", Severity::kWarning,
                                   std::to_string(stats.placeholder_lines) +
                                       " line(s) with template placeholders removed from the " +
                                       std::string(id) + " section",
                                   std::string(id)});
    }
    if (stats.instruction_lines > 0) {
        out.issues.push_back(Issue{"parse.instruction_leak", Severity::kWarning,
                                   std::to_string(stats.instruction_lines) +
                                       " line(s) addressed to the writer removed from the " +
                                       std::string(id) + " section",
                                   std::string(id)});
    }
    out.item = std::move(item);
    return out;
}

}  // namespace swarm::core::parse
