// Model-backed writers: one call per platform (a long deck: one per part of it; or one call for
// every platform in single-call mode), then targeted rewrites of each platform whose draft cannot
// be published, at most max_rewrites times, naming the exact issues. Never a silent drop: a
// platform ends with an item or with the reason it has none.
#pragma once

#include "core/agents/completeness.hpp"
#include "core/agents/fact_sheet.hpp"
#include "core/agents/llm_session.hpp"
#include "core/agents/prompt_builder.hpp"
#include "core/model/brief.hpp"
#include "core/ports/knowledge_base.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct ModelWriterContext {
    const Brief& brief;
    const FactSheet& sheet;
    std::span<const Passage> passages;  // the whole knowledge base, for grounding
    LlmSession& session;
    LlmClient& client;
    int max_rewrites = 2;
    /// A deck long enough to split is written in parts (deck_parts): at once when true (the
    /// parallel mode), one after another when false (the sequential mode's one call at a time).
    bool parallel_parts = false;
};

struct PlatformResult {
    Platform platform = Platform::kLinkedIn;
    std::optional<ContentItem> item;  // set: publishable after the editor's repairs
    int rewrites = 0;
    std::optional<Error> error;  // the last model call failed (provider, budget, cancelled)
    std::string reason;          // why there is no item
};

/// One writer call for the platform, then the completeness loop. A pitch deck of
/// kMinSlidesToSplit slides or more is written in parts, one call each (the model's time grows
/// with what it writes, and the deck is the longest answer of a job); the parts are joined
/// (merge_deck_parts) and the completeness loop then rewrites the whole deck if it must.
PlatformResult write_platform(const ModelWriterContext& ctx, Platform platform);

/// The completeness loop from a first draft: targeted rewrites until the draft passes.
PlatformResult complete_platform(const ModelWriterContext& ctx, Platform platform, Draft draft);

/// Single-call mode: one call writes every requested platform and the parser splits it. An error
/// when the call itself fails; platforms the parser cannot find come back as drafts without an
/// item (the caller runs complete_platform on each).
Result<std::vector<Draft>> write_single_call(const ModelWriterContext& ctx);

/// A revision of an item: the writer is asked to address the notes; the result is read like
/// any other reply. An error when the call fails.
Result<Draft> revise_item(const ModelWriterContext& ctx, const ContentItem& item,
                          const RevisionNotes& notes);

/// Max tokens of one writer answer for the platform.
int writer_max_tokens(Platform platform);

}  // namespace swarm::core::agents
