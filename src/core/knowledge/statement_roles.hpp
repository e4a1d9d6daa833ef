// What a sentence of the company's documents is for: a publishable fact, an internal note, an
// instruction to the writer, press boilerplate, or a Q&A answer that needs its question. Writers
// publish only facts; the validators use the same rules to catch the rest in delivered copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

enum class StatementRole {
    kFact,         // publishable as written
    kInternal,     // meeting notes, targets, opinions, to-dos, confidential remarks
    kInstruction,  // guidance addressed to whoever writes ("Lead with ...", "Don't mention ...")
    kBoilerplate,  // press-release furniture: release lines, contacts, legal, end marks
    kAnswer,       // an FAQ answer that only makes sense with its question ("Yes, through ...")
};

std::string_view to_string(StatementRole role);

/// Where a statement sits: its document name and heading path decide the context rules.
struct StatementContext {
    std::string_view document;    // "notes/standup-2026-03.md"
    std::string_view heading;     // "Weekly sync > Launch plan"
    bool after_question = false;  // the previous unit of the passage was a question
};

/// True when the document name or a heading marks internal material (meeting notes, minutes,
/// agenda, action items, internal, confidential, draft ...), in en/es/de/fr.
bool is_internal_context(const StatementContext& context);

/// True when the heading marks guidance for writers (messaging guidelines, tone of voice, do's
/// and don'ts, notes for the writer ...).
bool is_guidance_context(const StatementContext& context);

/// The role of one sentence or list item (markup already removed).
StatementRole classify_statement(std::string_view text, const StatementContext& context);

/// True when `text` is addressed to a writer: an imperative about what to say, lead with,
/// mention, avoid, emphasise, or about tone and wording, in en/es/de/fr.
bool is_instruction(std::string_view text);

/// True for press-release furniture (FOR IMMEDIATE RELEASE, media contacts, "###", legal lines,
/// lines that are only an e-mail address, phone number or URL).
bool is_boilerplate(std::string_view text);

/// True when the sentence carries internal-note markers (TODO, TBD, "X thinks", "we need to",
/// "@name", owners and deadlines, confidential ...).
bool has_internal_marker(std::string_view text);

/// The sentence without a leading press dateline ("BERLIN, March 3, 2027 -- Acme ..." gives
/// "Acme ..."); unchanged when it has none.
std::string strip_dateline(std::string_view text);

/// The sentence without a leading "A:", "Answer:", "Yes, " or "No, " when the rest stands alone;
/// empty when nothing that stands alone is left.
std::string standalone_answer(std::string_view text);

/// True when the text opens by pointing at something before it ("It", "This", "Since then",
/// "As a result", "Also", "However"), in en/es/de/fr: it cannot stand alone.
bool has_dangling_start(std::string_view text);

/// A short line without closing punctuation that opens a paragraph ("About Brewline",
/// "Pricing and plans"): the heading of a plain-text document, not prose.
bool is_heading_line(std::string_view line);

/// One sentence or list item of a passage with its role.
struct Statement {
    std::string text;
    StatementRole role = StatementRole::kFact;
};

/// The statements of a passage's Markdown text (list items whole, prose split into sentences,
/// headings and table rows skipped, questions marking the next statement as their answer).
std::vector<Statement> statements_of(std::string_view markdown, std::string_view document,
                                     std::string_view heading);

/// True when the text has a verb a reader can find (a list of nouns or a bare description is
/// not a sentence: "A registered vet with five years of experience.").
bool reads_as_sentence(std::string_view text);

/// True for an answer that is only "Yes." / "No, not yet." (the sentences after it answer the
/// same question).
bool is_bare_answer(std::string_view text);

/// What an instruction asks for: terms to lead with or emphasise, and terms never to mention.
struct Steering {
    std::vector<std::string> lead;   // "the savings", "emergency calls"
    std::vector<std::string> avoid;  // "the lawsuit", "pricing"
};

/// Adds what `instruction` asks for to `steering`.
void read_steering(std::string_view instruction, Steering& steering);

}  // namespace swarm::core::knowledge
