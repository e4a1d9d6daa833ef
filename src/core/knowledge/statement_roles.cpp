#include "core/knowledge/statement_roles.hpp"

#include "core/knowledge/statement_words.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace swarm::core::knowledge {
namespace {

using words::has_any;
using words::has_word;
using words::is_word_byte;
using words::starts_any;

constexpr auto kInternalContext = std::to_array<std::string_view>({
    "meeting*", "minutes",      "agenda",       "action item*",   "next steps",    "open question*",
    "todo*",    "to-do*",       "internal",     "confidential",   "draft",         "scratch",
    "standup",  "stand-up",     "retro",        "brainstorm*",    "weekly sync",   "team sync",
    "1:1",      "call notes",   "notes from",   "raw notes",      "working notes", "notas internas",
    "reunión",  "reunion",      "acta",         "besprechung",    "protokoll",     "intern",
    "réunion",  "compte rendu", "compte-rendu", "notes internes", "vertraulich",   "confidencial",
});

constexpr auto kGuidanceContext = std::to_array<std::string_view>({
    "marketing brief",   "marketing-brief",    "creative brief",
    "creative-brief",    "copy brief",         "copy-brief",
    "brief for",         "launch copy",        "copy notes",
    "notes for the",     "guideline*",         "messaging",
    "tone of voice",     "brand voice",        "voice and tone",
    "style guide",       "do's and don'ts",    "dos and don'ts",
    "dos and donts",     "do and don't",       "notes for",
    "instructions",      "how to talk about",  "for writers",
    "for the writer",    "writing guide",      "copy guidance",
    "guidance",          "talking points",     "pautas",
    "guía de estilo",    "indicaciones",       "leitfaden",
    "richtlinien",       "hinweise",           "consignes",
    "charte éditoriale", "lignes directrices",
});

// Sentence markers of notes: opinions, to-dos, owners, deadlines, questions, confidentiality.
constexpr auto kInternalMarkers = std::to_array<std::string_view>({
    "todo",
    "tbd",
    "tbc",
    "fixme",
    "fyi",
    "action item*",
    "owner:",
    "thinks",
    "feels",
    "worried",
    "not sure",
    "unsure",
    "we should",
    "we need to",
    "need to confirm",
    "needs to confirm",
    "to be confirmed",
    "let's",
    "lets discuss",
    "follow up",
    "follow-up",
    "check with",
    "ping ",
    "eta",
    "internal only",
    "internal:",
    "confidential",
    "do not share",
    "don't share",
    "not for publication",
    "off the record",
    "under nda",
    "draft",
    "tentative",
    "pending approval",
    "ambitious",
    "stretch goal",
    "sandbagging",
    "agreed to",
    "decided to",
    "discussed",
    "nb:",
    "n.b.",
    "hmm",
    "?!",
    "pendiente",
    "por confirmar",
    "hay que",
    "tenemos que",
    "creo que",
    "cree que",
    "vertraulich",
    "müssen noch",
    "zu klären",
    "noch offen",
    "à confirmer",
    "il faut",
    "on doit",
    "pense que",
    "à valider",
});

// Imperatives about what to write, at the start of a sentence (lower-cased).
constexpr auto kInstructionOpeners = std::to_array<std::string_view>({
    // Infinitives used as instructions in Spanish, French and German notes.
    "empezar por",
    "empezar con",
    "comenzar por",
    "comenzar con",
    "abrir con",
    "terminar con",
    "mencionar",
    "evitar",
    "destacar",
    "resaltar",
    "insistir en",
    "hablar de",
    "usar",
    "commencer par",
    "ouvrir par",
    "terminer par",
    "finir par",
    "mentionner",
    "éviter",
    "mettre en avant",
    "insister sur",
    "parler de",
    "utiliser",
    "ne pas",
    "nicht erwähnen",
    "vermeiden",
    "hervorheben",
    "betonen",
    "zuerst",
    "am ende",
    "bitte",
    "por favor",
    "merci de",
    "veuillez",
    "lead with",
    "open with",
    "start with",
    "begin with",
    "close with",
    "end with",
    "focus on",
    "emphasize",
    "emphasise",
    "highlight",
    "stress",
    "mention",
    "don't mention",
    "do not mention",
    "never mention",
    "avoid",
    "don't",
    "do not",
    "never say",
    "never use",
    "always mention",
    "always use",
    "always include",
    "always say",
    "play up",
    "play down",
    "downplay",
    "lean on",
    "position us",
    "position it",
    "position the",
    "frame it",
    "frame the",
    "talk about",
    "refer to",
    "call it",
    "call us",
    "say ",
    "use the term",
    "use the phrase",
    "use a ",
    "use an ",
    "keep it",
    "keep the tone",
    "make sure",
    "be sure",
    "remember to",
    "please ",
    "write ",
    "include ",
    "exclude ",
    "skip ",
    "steer clear",
    "no mention",
    "tone:",
    "voice:",
    "note to writer",
    "note for writer",
    "writers:",
    "copywriters:",
    "target audience:",
    "empieza con",
    "empezar con",
    "comienza con",
    "destaca",
    "destacar",
    "menciona",
    "no menciones",
    "no mencionar",
    "evita",
    "evitar",
    "usa ",
    "utiliza",
    "habla de",
    "beginne mit",
    "beginnen sie mit",
    "betone",
    "betonen sie",
    "erwähne",
    "erwähnen sie",
    "nicht erwähnen",
    "vermeide",
    "vermeiden sie",
    "verwende",
    "nutze",
    "commencez par",
    "commence par",
    "mettez en avant",
    "mets en avant",
    "mentionnez",
    "ne mentionnez pas",
    "ne pas mentionner",
    "évitez",
    "évite",
    "utilisez",
    "insistez sur",
    "insiste sur",
});

constexpr auto kBoilerplate = std::to_array<std::string_view>({
    "for immediate release",
    "immediate release",
    "embargoed",
    "media contact*",
    "press contact*",
    "press inquiries",
    "media inquiries",
    "investor relations contact",
    "forward-looking statement*",
    "safe harbor",
    "all rights reserved",
    "registered trademark*",
    "trademarks of",
    "para publicación inmediata",
    "contacto de prensa",
    "pressekontakt",
    "zur sofortigen",
    "contact presse",
    "pour publication immédiate",
    "###",
    "-ends-",
    "- ends -",
});

bool looks_like_contact_line(std::string_view lower) {
    // A line that is only an e-mail, a phone number or a URL with a label.
    std::size_t letters = 0;
    std::size_t digits = 0;
    for (const char c : lower) {
        letters += std::isalpha(static_cast<unsigned char>(c)) != 0 ? 1 : 0;
        digits += std::isdigit(static_cast<unsigned char>(c)) != 0 ? 1 : 0;
    }
    const bool email = lower.find('@') != std::string_view::npos &&
                       lower.find('.', lower.find('@')) != std::string_view::npos;
    const bool phone =
        digits >= 7 && digits * 2 >= lower.size() / 2 &&
        (lower.find('+') != std::string_view::npos || lower.find('(') != std::string_view::npos ||
         std::count(lower.begin(), lower.end(), '-') >= 2 ||
         std::count(lower.begin(), lower.end(), ' ') >= 2);
    const std::size_t words =
        static_cast<std::size_t>(std::count(lower.begin(), lower.end(), ' ')) + 1;
    return (email && words <= 6) || (phone && letters < 20) || lower.starts_with("contact:") ||
           lower.starts_with("press:") || lower.starts_with("media:");
}

// Guidance anywhere in the sentence ("Note for whoever drafts the deck: don't mention ...").
constexpr auto kGuidanceAnywhere = std::to_array<std::string_view>({
    "please write",        "please don't",          "please do not",     "the copy should",
    "launch copy",         "notes for the copy",    "copy notes",        "don't mention",
    "do not mention",      "never mention",         "whoever drafts",    "whoever writes",
    "note for the writer", "note to the writer",    "note for whoever",  "note to self",
    "for the copywriter",  "no mencionar",          "no menciones",      "nicht erwähnen",
    "erwähne nicht",       "ne mentionnez pas",     "ne pas mentionner", "quien redacte",
    "quien escriba",       "wer den text schreibt", "celui qui rédige",  "la personne qui rédige",
});

// Openers that are only ever guidance, whatever follows.
constexpr auto kAlwaysGuidance = std::to_array<std::string_view>({
    "empezar por",
    "empezar con",
    "comenzar por",
    "comenzar con",
    "commencer par",
    "mettre en avant",
    "insister sur",
    "ne pas",
    "nicht erwähnen",
    "hervorheben",
    "lead with",
    "open with",
    "don't mention",
    "do not mention",
    "never mention",
    "play up",
    "play down",
    "downplay",
    "note to writer",
    "note for writer",
    "writers:",
    "copywriters:",
    "tone:",
    "voice:",
    "no mention",
    "no menciones",
    "no mencionar",
    "nicht erwähnen",
    "ne mentionnez pas",
    "ne pas mentionner",
    "steer clear",
    "target audience:",
    "position us",
    "position it",
    "keep the tone",
    "emphasize",
    "emphasise",
    "mention",
    "mettez en avant",
    "mets en avant",
    "erwähne",
    "erwähnen sie",
    "menciona",
    "mentionnez",
    "betone",
    "betonen sie",
    "destaca",
    "insistez sur",
});

// Words about the writing that make another opener guidance.
constexpr auto kAboutWriting = std::to_array<std::string_view>({
    "im text",
    "en el texto",
    "dans le texte",
    "auf der folie",
    "en la diapositiva",
    "post*",
    "copy",
    "message*",
    "tone",
    "voice",
    "hashtag*",
    "emoji*",
    "headline*",
    "hook",
    "tweet*",
    "thread*",
    "slide*",
    "deck",
    "mention*",
    "wording",
    "phrase*",
    "jargon",
    "buzzword*",
    "exclamation",
    "the launch",
    "our story",
    "angle",
    "audience",
    "readers",
    "word*",
    "sentence*",
    "paragraph*",
    "cta",
    "call to action",
    "competitor*",
    "claim*",
    "superlative*",
    "formal",
    "casual",
    "friendly",
    "hype",
    "lawsuit",
    "rumor*",
    "texto",
    "mensaje",
    "tono",
    "publicación",
    "beitrag",
    "ton",
    "botschaft",
    "texte",
    "message",
    "publication",
});

// The text lower-cased, without list marks, a "Note:"-style label and curly apostrophes.
std::string instruction_text(std::string_view text) {
    std::string lower = text::fold_case(text::trim(text));
    while (!lower.empty() && (lower.front() == '-' || lower.front() == '*' ||
                              lower.front() == ' ' || lower.front() == '>')) {
        lower.erase(lower.begin());
    }
    for (const std::string_view label : {"note:", "guidance:", "instruction:", "writer note:"}) {
        if (lower.starts_with(label)) {
            lower = std::string(text::trim(std::string_view(lower).substr(label.size())));
        }
    }
    for (auto at = lower.find("’"); at != std::string::npos; at = lower.find("’")) {
        lower.replace(at, std::string_view("’").size(), "'");
    }
    return lower;
}

}  // namespace

std::string_view to_string(StatementRole role) {
    switch (role) {
        case StatementRole::kFact:
            return "fact";
        case StatementRole::kInternal:
            return "internal";
        case StatementRole::kInstruction:
            return "instruction";
        case StatementRole::kBoilerplate:
            return "boilerplate";
        case StatementRole::kAnswer:
            return "answer";
    }
    return "fact";
}

bool is_internal_context(const StatementContext& context) {
    const std::string lower =
        text::fold_case(std::string(context.document) + " > " + std::string(context.heading));
    return has_any(lower, kInternalContext) ||
           (has_word(lower, "notes") && !has_word(lower, "release notes") &&
            !has_word(lower, "speaker notes") && !has_word(lower, "case notes"));
}

bool is_guidance_context(const StatementContext& context) {
    const std::string lower =
        text::fold_case(std::string(context.heading) + " > " + std::string(context.document));
    return has_any(lower, kGuidanceContext);
}

bool is_instruction(std::string_view text) {
    const std::string lower = instruction_text(text);
    // Guidance anywhere in the sentence ("Note for whoever drafts the deck: don't mention ...").
    if (std::any_of(kGuidanceAnywhere.begin(), kGuidanceAnywhere.end(),
                    [&](std::string_view g) { return lower.find(g) != std::string::npos; })) {
        return true;
    }
    if (!starts_any(lower, kInstructionOpeners)) {
        return false;
    }
    // "Start with a free trial today" is a call to action, not guidance: guidance talks about
    // the copy or the message. "Avoid downtime ..." is a claim. Require a word about the writing
    // unless the opener itself is only ever guidance.
    if (starts_any(lower, kAlwaysGuidance)) {
        return true;
    }
    return has_any(lower, kAboutWriting);
}

bool is_boilerplate(std::string_view text) {
    const std::string lower = text::fold_case(text::trim(text));
    if (lower.empty()) {
        return false;
    }
    if (has_any(lower, kBoilerplate) || looks_like_contact_line(lower)) {
        return true;
    }
    return lower.starts_with("©") || lower.starts_with("(c) ") || lower.starts_with("copyright ");
}

bool has_internal_marker(std::string_view text) {
    const std::string lower = text::fold_case(text);
    if (has_any(lower, kInternalMarkers)) {
        return true;
    }
    // "@sam", owner assignments ("Sam to send", "(owner: Li)"), "Target 300 by Q2".
    for (std::size_t at = lower.find('@'); at != std::string::npos; at = lower.find('@', at + 1)) {
        const bool mention = (at == 0 || !is_word_byte(lower[at - 1])) && at + 1 < lower.size() &&
                             std::isalpha(static_cast<unsigned char>(lower[at + 1])) != 0;
        if (mention) {
            return true;
        }
    }
    if ((has_word(lower, "target") || has_word(lower, "goal") || has_word(lower, "objetivo") ||
         has_word(lower, "ziel") || has_word(lower, "objectif")) &&
        (has_word(lower, "by q*") || has_word(lower, "by end of") ||
         has_word(lower, "this quarter") || has_word(lower, "next quarter"))) {
        return true;
    }
    return text.ends_with("?") || text.find("??") != std::string_view::npos;
}

StatementRole classify_statement(std::string_view text, const StatementContext& context) {
    if (is_boilerplate(text)) {
        return StatementRole::kBoilerplate;
    }
    if (is_instruction(text)) {
        return StatementRole::kInstruction;
    }
    if (is_guidance_context(context)) {
        return StatementRole::kInstruction;  // everything under "Messaging guidelines" steers
    }
    if (has_internal_marker(text)) {
        return StatementRole::kInternal;
    }
    if (is_internal_context(context)) {
        // Notes may still hold a clean fact ("The beta runs in 40 clinics."), but only a full
        // sentence without shorthand ("Target 300 by Q2 - Sam ...") is taken from them.
        const std::string_view t = text::trim(text);
        const bool sentence = !t.empty() &&
                              std::isupper(static_cast<unsigned char>(t.front())) != 0 &&
                              (t.ends_with(".") || t.ends_with("!"));
        const bool shorthand =
            t.find(" - ") != std::string_view::npos || t.find(" -> ") != std::string_view::npos ||
            t.find(" / ") != std::string_view::npos || t.find(" + ") != std::string_view::npos;
        const auto space = t.find(' ');
        // "Ana to send the deck" (npos, no space at all, is never <= 12).
        const bool assignment = space <= 12 && t.substr(space).starts_with(" to ");
        if (!sentence || shorthand || assignment) {
            return StatementRole::kInternal;
        }
    }
    if (context.after_question && standalone_answer(text).empty()) {
        return StatementRole::kAnswer;
    }
    return StatementRole::kFact;
}

}  // namespace swarm::core::knowledge
