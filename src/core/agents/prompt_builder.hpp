// Builds every model prompt from the versioned files in prompts/: fills the placeholders from the
// brief, the fact sheet and the platform registry (limits, hashtags, slide order, thread rules,
// brand rules), so the platform list and the platform's rules are always in the text.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"

#include <span>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct PromptInputs {
    const Brief& brief;
    const FactSheet& sheet;
    bool structured = false;  // the provider returns JSON for a schema: ask for the JSON shape
};

/// A system prompt, one user message and the ids of the prompt files used
/// ("writer_system@1+writer_linkedin@1"), recorded with the raw output.
struct BuiltPrompt {
    std::string system;
    std::string user;
    std::string ids;
};

/// What a revision is asked to fix: the editor's critique and the grounding issues, with the
/// knowledge-base passages that are relevant to them.
struct RevisionNotes {
    double score = 0;
    double threshold = 0;
    std::vector<std::string> critique;
    std::vector<Issue> grounding;
    std::vector<Passage> passages;
};

/// One part of a pitch deck written by several writers at once: slides first..last (1-based)
/// of the deck's deck_slides.
struct DeckPart {
    int number = 1;  // 1-based
    int count = 1;
    int first = 1;
    int last = 1;
};

/// The parts a deck of `slides` is written in: two halves (the first one the larger) from
/// kMinSlidesToSplit slides on, else the whole deck as one part.
inline constexpr int kMinSlidesToSplit = 6;
std::vector<DeckPart> deck_parts(int slides);

Result<BuiltPrompt> writer_prompt(const PromptInputs& in, Platform platform);
/// The writer prompt for one part of the pitch deck (prompts/writer_pitch_deck_part.md).
Result<BuiltPrompt> deck_part_prompt(const PromptInputs& in, const DeckPart& part);
Result<BuiltPrompt> single_call_prompt(const PromptInputs& in);
Result<BuiltPrompt> rewrite_prompt(const PromptInputs& in, Platform platform,
                                   std::span<const Issue> issues, std::string_view previous);
Result<BuiltPrompt> revise_prompt(const PromptInputs& in, Platform platform,
                                  const RevisionNotes& notes, std::string_view previous);
Result<BuiltPrompt> research_prompt(const PromptInputs& in);
Result<BuiltPrompt> critique_prompt(const PromptInputs& in, const ContentItem& item,
                                    double threshold);

/// The rules of one platform as prompt lines: registry house rules, the brief's options and the
/// brand's banned phrases, required hashtags and call to action.
Result<std::string> platform_rules_text(const Brief& brief, Platform platform);

/// "LinkedIn (linkedin), X (Twitter) (twitter)": the requested platforms.
std::string platform_list_text(const Brief& brief);

/// The header line that opens a platform's section in a single-call answer ("## LinkedIn").
std::string section_header(Platform platform);

/// Facts as "F1 [traction] text (source: doc > heading)" lines, at most kMaxPromptFacts.
std::string facts_text(const FactSheet& sheet);

inline constexpr std::size_t kMaxPromptFacts = 60;

}  // namespace swarm::core::agents
