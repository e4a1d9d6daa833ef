// Structured output of the model-backed agents: the JSON schemas they request (strict subset:
// additionalProperties false, every property required) and tolerant decoders for the replies
// (a JSON document alone, in a ```json fence or after a line of prose).
#pragma once

#include "core/model/content_item.hpp"
#include "core/ports/llm_client.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::agents {

/// linkedin {body, hashtags[]}, twitter {posts[]}, pitch_deck {slides[{title, bullets[], notes}]}.
LlmStructuredOutput writer_schema(Platform platform);
/// {angle, summary, ranked_facts[]}.
LlmStructuredOutput research_schema();
/// {score, issues[]}.
LlmStructuredOutput critique_schema();

/// The item a writer's JSON reply describes: posts numbered "i/N " when a thread, a deck's body
/// rendered as Markdown, hashtags with their '#'. kInvalidArgument when the reply holds no JSON
/// object of the platform's shape (the caller then lets the tolerant parser read the text).
Result<ContentItem> decode_item(Platform platform, std::string_view reply);

struct Critique {
    double score = 0;  // clamped to 0..1
    std::vector<std::string> issues;
};

Result<Critique> decode_critique(std::string_view reply);

struct ResearchNotes {
    std::string angle;
    std::string summary;
    std::vector<std::size_t> ranked_facts;  // 0-based fact indices, as ranked, valid ones only
};

/// `fact_count` bounds the ids ("F3" is index 2) the reply may name.
Result<ResearchNotes> decode_research(std::string_view reply, std::size_t fact_count);

/// The item as plain text (the post, the numbered posts, or "Slide N: title" blocks): what a
/// rewrite or a critique shows the model.
std::string item_text(const ContentItem& item);

}  // namespace swarm::core::agents
