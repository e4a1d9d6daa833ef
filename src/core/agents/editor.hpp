// The editor agent: validates an item against the platform and brand rules and repairs what it can
// without adding facts (trims, moves the hook, fixes hashtags, drops banned phrases, adds the CTA).
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace swarm::core {

struct EditContext {
    const Brief& brief;
    std::span<const Passage> passages;  // the whole knowledge base, for grounding checks
};

struct EditOutcome {
    int rounds = 0;                    // validate-and-repair rounds run (at most kMaxEditRounds)
    std::vector<std::string> repairs;  // what was changed, in order ("dropped 2 banned ...")
};

inline constexpr int kMaxEditRounds = 3;

/// Port for the editing step, so a model-backed critic can replace the built-in one.
class Editor {
public:
    virtual ~Editor() = default;
    /// Edits the item in place; item.quality is the final validator report (plus the writer's
    /// kInfo notes).
    virtual EditOutcome edit(ContentItem& item, const EditContext& context) = 0;
};

/// The built-in editor: deterministic repairs, re-validated, at most kMaxEditRounds rounds.
std::unique_ptr<Editor> make_offline_editor();

/// The same, as a function.
EditOutcome edit_item(ContentItem& item, const EditContext& context);

}  // namespace swarm::core
