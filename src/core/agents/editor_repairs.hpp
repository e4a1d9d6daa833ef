// The editor's repairs, one function per output shape (post, thread, deck) plus the hashtag list.
// Each returns what it changed (empty when the item already complied) and never adds a fact.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"

#include <string>
#include <vector>

namespace swarm::core::agents {

struct RepairContext {
    const Brief& brief;
    const PlatformSpec& spec;
    const std::vector<Issue>& issues;  // the latest validator report
};

/// Required hashtags first, duplicates and banned words removed, at most spec.max_hashtags.
std::vector<std::string> repair_hashtags(ContentItem& item, const RepairContext& ctx);

/// One-body posts (LinkedIn): banned sentences, call to action, hook above the fold, word and
/// character limits, the hashtag line.
std::vector<std::string> repair_post(ContentItem& item, const RepairContext& ctx);

/// Posts of an X thread or a single post: banned sentences, CTA in the last post, hashtags,
/// re-splitting posts over the limit, numbering.
std::vector<std::string> repair_thread(ContentItem& item, const RepairContext& ctx);

/// Deck slides: banned bullets and notes, bullet length and count, slide count, Markdown body.
std::vector<std::string> repair_deck(ContentItem& item, const RepairContext& ctx);

/// Drops every sentence of a prose text that contains a banned phrase; counts the drops.
std::string drop_banned_sentences(std::string_view text, const BrandRules& brand,
                                  std::size_t& dropped);

}  // namespace swarm::core::agents
