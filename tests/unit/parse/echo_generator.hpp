// Generated variants of what is never content (template slots in any words and bracket style,
// lines addressed to the writer, the model's narration) and of real copy that uses brackets,
// links and counters legitimately: shared by the parser and validator property tests.
#pragma once

#include <random>
#include <string>
#include <vector>

namespace swarm::test {

/// One slot: 1-5 random words (several scripts) in [..], <..>, {..}, {{..}}, ⟨..⟩ or 【..】.
std::string random_slot(std::mt19937& rng);

/// A line of 1-3 slots with filler punctuation, emoji, connectives, a list marker or a short
/// label ("Hook: [..]"): no real words outside the slots.
std::string random_slot_line(std::mt19937& rng);

/// A line addressed to the writer: an imperative rule in many forms, a rule label, a role, a
/// "the post should" statement.
std::string random_instruction_line(std::mt19937& rng);

/// First-person narration about writing the next piece, a sign-off or a meta remark.
std::string random_narration_line(std::mt19937& rng);

/// A real sentence of copy (no brackets).
std::string random_copy_sentence(std::mt19937& rng);

/// A real sentence that carries a legitimate bracket form: a Markdown link, a [1] footnote, an
/// [Update] prefix, a parenthetical, comparisons with < and >, an <https://...> URL.
std::string random_bracketed_copy(std::mt19937& rng);

/// A uniformly chosen element.
const std::string& pick(std::mt19937& rng, const std::vector<std::string>& from);

}  // namespace swarm::test
