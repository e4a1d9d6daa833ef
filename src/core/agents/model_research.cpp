#include "core/agents/model_research.hpp"

#include "core/agents/prompt_builder.hpp"
#include "core/agents/structured_output.hpp"
#include "core/agents/text_tools.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

constexpr int kResearchMaxTokens = 1000;

/// Numbers of `text` that no passage, nor the brief, contains.
std::vector<std::string> unsupported_numbers(std::string_view text, const Brief& brief,
                                             std::span<const Passage> passages) {
    std::set<std::string> known;
    const auto add = [&](std::string_view source) {
        for (auto& n : extract_numbers(source)) {
            known.insert(std::move(n));
        }
    };
    add(brief.prompt);
    for (const auto& p : passages) {
        add(p.text);
    }
    std::vector<std::string> out;
    for (auto& n : extract_numbers(text)) {
        if (!known.contains(n)) {
            out.push_back(std::move(n));
        }
    }
    return out;
}

void rank_facts(FactSheet& sheet, const std::vector<std::size_t>& ranked) {
    std::vector<Fact> facts;
    std::vector<bool> taken(sheet.facts.size(), false);
    for (const auto i : ranked) {
        facts.push_back(sheet.facts[i]);
        taken[i] = true;
    }
    for (std::size_t i = 0; i < sheet.facts.size(); ++i) {
        if (!taken[i]) {
            facts.push_back(std::move(sheet.facts[i]));
        }
    }
    sheet.facts = std::move(facts);
}

}  // namespace

ResearchRefinement refine_fact_sheet(LlmSession& session, LlmClient& client, const Brief& brief,
                                     std::span<const Passage> passages, FactSheet& sheet) {
    ResearchRefinement out;
    const bool structured = client.supports_structured_output();
    auto prompt = research_prompt(PromptInputs{brief, sheet, structured});
    if (!prompt) {
        out.notes.push_back("research: " + describe(prompt.error()));
        return out;
    }
    LlmRequest request;
    request.messages.push_back(LlmMessage{LlmRole::kUser, prompt->user});
    request.max_tokens = kResearchMaxTokens;
    request.temperature = 0;
    request.agent = "research";
    if (structured) {
        request.structured = research_schema();
    }
    auto reply = session.call(client, std::move(request), {"research", std::nullopt, prompt->ids});
    if (!reply) {
        out.notes.push_back(
            fmt::format("research: model call failed, using the extractive fact "
                        "sheet: {}",
                        describe(reply.error())));
        return out;
    }
    const auto count = std::min(sheet.facts.size(), kMaxPromptFacts);
    auto notes = decode_research(reply->text, count);
    if (!notes) {
        out.notes.push_back("research: model reply unreadable, using the extractive fact sheet: " +
                            notes.error().message);
        return out;
    }
    rank_facts(sheet, notes->ranked_facts);
    out.applied = true;
    const auto keep = [&](std::string& target, const std::string& value, std::string_view what) {
        const auto bad = unsupported_numbers(value, brief, passages);
        if (bad.empty()) {
            target = value;
            return;
        }
        out.notes.push_back(
            fmt::format("research: dropped the model's {}: {} is not in the "
                        "knowledge base",
                        what, bad.front()));
    };
    std::string angle;
    keep(angle, notes->angle, "angle");
    if (!angle.empty()) {
        sheet.angles.insert(sheet.angles.begin(), std::move(angle));
    }
    keep(sheet.summary, notes->summary, "summary");
    return out;
}

}  // namespace swarm::core::agents
