// Recognises text that is not content whatever words it uses: template slots ("[Hook about the
// pain point]", "<insert quote>", "{benefit 1}") and lines addressed to the writer ("Keep it under
// 280 characters", "WRONG:"). Public: the parser, the validators and the knowledge base use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// True when the whole text (every non-blank line) is template slots plus punctuation, list
/// markers, emoji, connectives ("and", "or", "-") or a short label ("Hook: [question]"): what is
/// left once the slots are gone has no real words. Links "[text](url)", counters "[1/5]",
/// checkboxes "[x]", URLs "<https://...>" and HTML-ish tags "<b>" are not slots.
bool is_slot_only(std::string_view text);

/// True when the line holds a slot that reads as a template description inside otherwise real
/// text: any slot in <..>, {..}, {{..}}, ⟨..⟩ or 【..】, or a [..] slot of two or more words.
/// A one-word "[sic]" or "[Update]" aside is not reported.
bool has_slot(std::string_view line);

/// The slots of a line, brackets included, in order (for messages).
std::vector<std::string> slots_in(std::string_view line);

/// True when the line is addressed to the writer or the model rather than to the reader: an
/// imperative about the post, its format, length, hashtags, tone or audience ("Write a LinkedIn
/// post that...", "Do not use hashtags", "Keep it under 280 characters", "Make sure the hook..."),
/// a role ("You are a ..."), a rule label ("Rules:", "Format:", "WRONG:", "✅ Good:",
/// "Example:", "Output format"), or a statement of what the post must do ("The post should ...").
/// Reader-facing calls to action ("Book a demo", "Remember to vote") are not instructions.
bool is_writer_instruction(std::string_view line);

/// True when every non-blank line of the text is a writer instruction or a slot-only line and
/// at least one is an instruction: an echoed prompt, not content.
bool is_instruction_only(std::string_view text);

/// Clears (in place) writer-instruction lines and the example block a rule label opens ("WRONG:"
/// and the rest of its paragraph, or the next paragraph when the label stands alone); returns how
/// many non-blank lines went.
std::size_t remove_instruction_lines(std::vector<std::string>& lines);

/// Clears (in place) every slot-only line; returns how many went.
std::size_t remove_slot_lines(std::vector<std::string>& lines);

}  // namespace swarm::core::parse
