#include "core/agents/prompt_builder.hpp"

#include "core/agents/prompts.hpp"
#include "core/agents/structured_output.hpp"
#include "core/agents/text_tools.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

/// Loads the fragments file and renders one of its blocks.
Result<std::string> fragment(std::string_view name, const PromptVars& vars = {}) {
    SWARM_TRY_ASSIGN(auto file, find_prompt("fragments"));
    auto block = prompt_block(file, name);
    if (!block) {
        return block;
    }
    return render_prompt(*block, vars);
}

/// Renders the named prompt file; `ids` collects "name@version".
Result<std::string> render_file(std::string_view name, const PromptVars& vars, std::string& ids) {
    SWARM_TRY_ASSIGN(auto file, find_prompt(name));
    ids += (ids.empty() ? "" : "+") + file.id();
    return render_prompt(file.body, vars);
}

std::string brief_text(const Brief& b) {
    std::vector<std::string> lines{"Request: " + b.prompt};
    const auto add = [&](std::string_view label, const std::string& value) {
        if (!value.empty()) {
            lines.push_back(fmt::format("{}: {}", label, value));
        }
    };
    add("Company", b.brand.name);
    add("Audience", b.audience);
    add("Goal", b.goal);
    add("Tone", b.tone);
    add("Language", b.language);
    return join(lines, "\n");
}

Result<std::string> brand_rules_text(const BrandRules& brand) {
    std::vector<std::string> lines;
    const auto add = [&](std::string_view block, std::string_view key, const std::string& value) {
        auto line = fragment(block, {{std::string(key), value}});
        if (line) {
            lines.push_back(std::move(*line));
        }
        return line.has_value();
    };
    bool ok = true;
    if (!brand.banned_phrases.empty()) {
        ok = add("brand_banned", "phrases", join(brand.banned_phrases, ", ")) && ok;
    }
    if (!brand.required_hashtags.empty()) {
        ok = add("brand_hashtags", "hashtags", join(brand.required_hashtags, " ")) && ok;
    }
    if (!brand.call_to_action.empty()) {
        ok = add("brand_cta", "cta", brand.call_to_action) && ok;
    }
    if (lines.empty()) {
        auto none = fragment("brand_none");
        if (!none) {
            return none;
        }
        lines.push_back(std::move(*none));
    }
    if (!ok) {
        return fail(ErrorCode::kInternal, "prompts/fragments.md lacks a brand rule block");
    }
    return join(lines, "\n");
}

std::string format_block_name(Platform platform, bool structured) {
    return fmt::format("{}_{}", to_string(platform), structured ? "json" : "text");
}

Result<std::string> thread_guidance(const Brief& brief) {
    const auto& thread = brief.options.twitter_thread;
    return fragment(!thread ? "thread_either" : (*thread ? "thread_many" : "thread_single"));
}

/// The placeholders every prompt may use.
Result<PromptVars> common_vars(const PromptInputs& in) {
    SWARM_TRY_ASSIGN(auto brand, brand_rules_text(in.brief.brand));
    SWARM_TRY_ASSIGN(auto facts, in.sheet.facts.empty()
                                     ? fragment("no_facts")
                                     : Result<std::string>(facts_text(in.sheet)));
    PromptVars vars;
    vars["company"] = in.brief.brand.name.empty() ? in.sheet.company_name : in.brief.brand.name;
    vars["brief"] = brief_text(in.brief);
    vars["facts"] = std::move(facts);
    vars["brand_rules"] = std::move(brand);
    vars["platform_list"] = platform_list_text(in.brief);
    vars["platform_count"] = std::to_string(in.brief.platforms.size());
    vars["language"] = in.brief.language;
    vars["voice"] = in.brief.brand.voice.empty() ? in.brief.tone : in.brief.brand.voice;
    vars["tone"] = in.brief.tone.empty() ? std::string("clear and specific") : in.brief.tone;
    return vars;
}

/// common_vars plus the platform's own: name, id, rules, output format, thread and deck options.
Result<PromptVars> platform_vars(const PromptInputs& in, Platform platform) {
    auto vars = common_vars(in);
    auto rules = platform_rules_text(in.brief, platform);
    auto format = fragment(format_block_name(platform, in.structured));
    auto thread = thread_guidance(in.brief);
    for (const auto* r : {&rules, &format, &thread}) {
        if (!*r) {
            return tl::unexpected(r->error());
        }
    }
    if (!vars) {
        return vars;
    }
    (*vars)["platform_name"] = std::string(spec(platform).display_name);
    (*vars)["platform_id"] = std::string(to_string(platform));
    (*vars)["platform_rules"] = std::move(*rules);
    (*vars)["output_format"] = std::move(*format);
    (*vars)["thread_guidance"] = std::move(*thread);
    (*vars)["deck_slides"] = std::to_string(in.brief.options.deck_slides);
    return vars;
}

Result<BuiltPrompt> assemble(const PromptVars& vars, std::string_view user_file) {
    BuiltPrompt out;
    SWARM_TRY_ASSIGN(out.system, render_file("writer_system", vars, out.ids));
    SWARM_TRY_ASSIGN(out.user, render_file(user_file, vars, out.ids));
    return out;
}

std::string issue_lines(std::span<const Issue> issues) {
    std::vector<std::string> lines;
    for (const auto& issue : issues) {
        lines.push_back(fmt::format("- {}: {}{}", issue.code, issue.message,
                                    issue.location.empty() ? "" : " (at " + issue.location + ")"));
    }
    return join(lines, "\n");
}

}  // namespace

std::string platform_list_text(const Brief& brief) {
    std::vector<std::string> names;
    for (const Platform p : brief.platforms) {
        names.push_back(fmt::format("{} ({})", spec(p).display_name, to_string(p)));
    }
    return join(names, ", ");
}

std::string section_header(Platform platform) {
    return fmt::format("## {}", spec(platform).display_name);
}

std::string facts_text(const FactSheet& sheet) {
    std::vector<std::string> lines;
    if (!sheet.summary.empty()) {
        lines.push_back("Summary: " + sheet.summary);
    }
    for (const auto& angle : sheet.angles) {
        lines.push_back("Angle: " + angle);
    }
    for (std::size_t i = 0; i < sheet.facts.size() && i < kMaxPromptFacts; ++i) {
        const Fact& f = sheet.facts[i];
        lines.push_back(fmt::format("F{} [{}] {} (source: {} > {})", i + 1, to_string(f.topic),
                                    f.text, f.document, f.heading));
    }
    return join(lines, "\n");
}

Result<std::string> platform_rules_text(const Brief& brief, Platform platform) {
    const PlatformSpec& sp = spec(platform);
    std::vector<std::string> lines{fmt::format("### {} ({})", sp.display_name, sp.id)};
    for (const auto& rule : sp.house_rules) {
        lines.push_back(fmt::format("- {}", rule));
    }
    if (sp.shape == OutputShape::kDeck) {
        auto slides =
            fragment("deck_slides", {{"count", std::to_string(brief.options.deck_slides)}});
        if (!slides) {
            return slides;
        }
        lines.push_back(std::move(*slides));
    }
    auto brand = brand_rules_text(brief.brand);
    if (!brand) {
        return brand;
    }
    lines.push_back(std::move(*brand));
    return join(lines, "\n");
}

Result<BuiltPrompt> writer_prompt(const PromptInputs& in, Platform platform) {
    SWARM_TRY_ASSIGN(auto vars, platform_vars(in, platform));
    return assemble(vars, fmt::format("writer_{}", to_string(platform)));
}

std::vector<DeckPart> deck_parts(int slides) {
    if (slides < kMinSlidesToSplit) {
        return {DeckPart{1, 1, 1, std::max(slides, 1)}};
    }
    const int first_half = (slides + 1) / 2;
    return {DeckPart{1, 2, 1, first_half}, DeckPart{2, 2, first_half + 1, slides}};
}

Result<BuiltPrompt> deck_part_prompt(const PromptInputs& in, const DeckPart& part) {
    SWARM_TRY_ASSIGN(auto vars, platform_vars(in, Platform::kPitchDeck));
    std::vector<std::string> others;
    for (const auto& other : deck_parts(in.brief.options.deck_slides)) {
        if (other.number != part.number) {
            others.push_back(fmt::format("slides {} to {}", other.first, other.last));
        }
    }
    vars["part_number"] = std::to_string(part.number);
    vars["part_count"] = std::to_string(part.count);
    vars["first_slide"] = std::to_string(part.first);
    vars["last_slide"] = std::to_string(part.last);
    vars["part_slides"] = std::to_string(part.last - part.first + 1);
    vars["other_parts"] = others.empty() ? std::string()
                                         : fmt::format("Another writer writes {} at the same time.",
                                                       join(others, ", "));
    return assemble(vars, "writer_pitch_deck_part");
}

Result<BuiltPrompt> single_call_prompt(const PromptInputs& in) {
    SWARM_TRY_ASSIGN(auto vars, common_vars(in));
    std::vector<std::string> headers;
    std::vector<std::string> rules;
    std::vector<std::string> formats;
    for (const Platform p : in.brief.platforms) {
        auto r = platform_rules_text(in.brief, p);
        auto f = fragment(format_block_name(p, false));
        if (!r || !f) {
            return tl::unexpected(!r ? r.error() : f.error());
        }
        headers.push_back(section_header(p));
        rules.push_back(std::move(*r));
        formats.push_back(section_header(p) + "\n" + *f);
    }
    SWARM_TRY_ASSIGN(auto thread, thread_guidance(in.brief));
    formats.push_back(std::move(thread));
    vars["section_headers"] = join(headers, "\n");
    vars["all_platform_rules"] = join(rules, "\n\n");
    vars["section_formats"] = join(formats, "\n\n");
    return assemble(vars, "single_call");
}

Result<BuiltPrompt> rewrite_prompt(const PromptInputs& in, Platform platform,
                                   std::span<const Issue> issues, std::string_view previous) {
    SWARM_TRY_ASSIGN(auto vars, platform_vars(in, platform));
    vars["issues"] = issue_lines(issues);
    vars["previous"] = previous.empty() ? std::string("(nothing usable)") : std::string(previous);
    return assemble(vars, "rewrite");
}

Result<BuiltPrompt> revise_prompt(const PromptInputs& in, Platform platform,
                                  const RevisionNotes& notes, std::string_view previous) {
    auto vars = platform_vars(in, platform);
    auto none = fragment("no_issues");
    auto no_passages = fragment("no_passages");
    if (!vars || !none || !no_passages) {
        return tl::unexpected(!vars ? vars.error() : (!none ? none.error() : no_passages.error()));
    }
    std::vector<std::string> critique;
    for (const auto& c : notes.critique) {
        critique.push_back("- " + c);
    }
    std::vector<std::string> passages;
    for (const auto& p : notes.passages) {
        passages.push_back(fmt::format("[{} > {}]\n{}", p.document, p.heading, p.text));
    }
    (*vars)["score"] = fmt::format("{:.2f}", notes.score);
    (*vars)["threshold"] = fmt::format("{:.2f}", notes.threshold);
    (*vars)["critique"] = critique.empty() ? *none : join(critique, "\n");
    (*vars)["grounding"] = notes.grounding.empty() ? *none : issue_lines(notes.grounding);
    (*vars)["passages"] = passages.empty() ? *no_passages : join(passages, "\n\n");
    (*vars)["previous"] = std::string(previous);
    return assemble(*vars, "revise");
}

Result<BuiltPrompt> research_prompt(const PromptInputs& in) {
    auto vars = common_vars(in);
    auto format = fragment("research_json");
    if (!vars || !format) {
        return tl::unexpected(!vars ? vars.error() : format.error());
    }
    (*vars)["output_format"] = std::move(*format);
    BuiltPrompt out;
    SWARM_TRY_ASSIGN(auto user, render_file("research", *vars, out.ids));
    out.user = std::move(user);
    return out;
}

Result<BuiltPrompt> critique_prompt(const PromptInputs& in, const ContentItem& item,
                                    double threshold) {
    auto vars = platform_vars(in, item.platform);
    auto format = fragment("critique_json");
    if (!vars || !format) {
        return tl::unexpected(!vars ? vars.error() : format.error());
    }
    (*vars)["output_format"] = std::move(*format);
    (*vars)["content"] = item_text(item);
    (*vars)["threshold"] = fmt::format("{:.2f}", threshold);
    BuiltPrompt out;
    SWARM_TRY_ASSIGN(auto user, render_file("critique", *vars, out.ids));
    out.user = std::move(user);
    return out;
}

}  // namespace swarm::core::agents
