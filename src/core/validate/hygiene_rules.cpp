// Hygiene on every platform: the model's own reasoning or narration left in the text ("Let me
// create...", "Word count: 212"), instructions addressed to the writer ("Keep it under 280
// characters", "WRONG:"), template slots in any words ("[Hook about the pain]") and unfilled
// placeholders ("[Insert quote]", "{{name}}", "TBD", "XX%").
#include "core/parse/instructions.hpp"
#include "core/parse/narration.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/rules.hpp"
#include "core/validate/text_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

namespace swarm::core::validate {
namespace {

// Line openers that only a model talking about its work would write (folded). Openers a person
// might use in a post ("I need to", "Let me start with a story") are deliberately absent.
constexpr std::array<std::u32string_view, 26> kReasoningOpeners{
    U"i'll now",       U"i will now",    U"i'll create",     U"i will create", U"i'll write",
    U"i will write",   U"i'll draft",    U"i will draft",    U"i'll generate", U"i will generate",
    U"i'll craft",     U"i'll start by", U"i will start by", U"first, i'll",   U"first, i will",
    U"first, let me",  U"now i'll",      U"now i will",      U"now let me",    U"now let's",
    U"next, i'll",     U"next, i will",  U"next, let me",    U"sure, here",    U"sure! here",
    U"certainly! here"};

// "Let me <verb>" is reasoning for these verbs ("Let me show you", "Let me know" are fine).
constexpr std::array<std::u32string_view, 29> kLetMeVerbs{
    U"create",  U"write",    U"draft",     U"craft",        U"generate",    U"check",
    U"verify",  U"validate", U"count",     U"analyze",      U"analyse",     U"research",
    U"compose", U"prepare",  U"now",       U"revise",       U"rewrite",     U"fix",
    U"adjust",  U"format",   U"make sure", U"ensure",       U"outline",     U"structure",
    U"refine",  U"finalize", U"finalise",  U"put together", U"double-check"};

// "Here is the ...:" introduces the model's own output only when it names that output.
constexpr std::array<std::u32string_view, 9> kHereIs{
    U"here is the ",  U"here's the ",  U"here are the ",  U"here is a ",   U"here's a ",
    U"here is your ", U"here's your ", U"here are your ", U"below is the "};

constexpr std::array<std::u32string_view, 16> kOutputNouns{
    U"post",    U"thread", U"tweet",   U"deck",     U"slide",   U"content",  U"draft",  U"version",
    U"caption", U"copy",   U"outline", U"linkedin", U"twitter", U"response", U"output", U"revised"};

// Anywhere in a line.
constexpr std::array<std::u32string_view, 9> kReasoningAnywhere{
    U"as an ai",   U"as a language model", U"word count:", U"character count:", U"char count:",
    U"<thinking>", U"</thinking>",         U"<reasoning>", U"</reasoning>"};

constexpr std::array<std::u32string_view, 14> kBracketPlaceholders{
    U"insert", U"your ", U"add ", U"placeholder", U"link",  U"url", U"company name",
    U"name",   U"date",  U"tbd",  U"todo",        U"enter", U"x",   U"xx"};

bool starts_with(std::u32string_view s, std::u32string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

/// The line folded, without leading markdown, bullets, quotes or a thread number ("4/6").
std::u32string line_key(std::string_view line) {
    std::u32string key = fold_key(line);
    constexpr std::u32string_view kLead = U" *->#_\"'`([\u2022";
    auto first = key.find_first_not_of(kLead);
    const auto digits_end = key.find_first_not_of(U"0123456789", first);
    if (first != std::u32string::npos && digits_end != first && digits_end < key.size() &&
        key[digits_end] == U'/') {
        first = key.find_first_not_of(kLead, key.find(U' ', digits_end));
    }
    return first == std::u32string::npos ? std::u32string{} : key.substr(first);
}

bool is_leaked_reasoning(std::string_view line) {
    const std::u32string key = line_key(line);
    if (key.empty()) {
        return false;
    }
    const auto opener = [&](std::u32string_view p) {
        return starts_with(key, p);
    };
    if (std::any_of(kReasoningOpeners.begin(), kReasoningOpeners.end(), opener)) {
        return true;
    }
    if (starts_with(key, U"let me ")) {
        const std::u32string_view rest = std::u32string_view(key).substr(7);
        if (std::any_of(kLetMeVerbs.begin(), kLetMeVerbs.end(), [&](std::u32string_view v) {
                return starts_with(rest, v) &&
                       (rest.size() == v.size() || !is_word_char(rest[v.size()]));
            })) {
            return true;
        }
    }
    if (key.back() == U':' && std::any_of(kHereIs.begin(), kHereIs.end(), opener) &&
        std::any_of(kOutputNouns.begin(), kOutputNouns.end(), [&](std::u32string_view noun) {
            return key.find(noun) != std::u32string::npos;
        })) {
        return true;
    }
    return std::any_of(kReasoningAnywhere.begin(), kReasoningAnywhere.end(),
                       [&](std::u32string_view p) { return key.find(p) != std::u32string::npos; });
}

bool is_x_placeholder(std::string_view token) {
    while (!token.empty() &&
           std::string_view("(\"'[").find(token.front()) != std::string_view::npos) {
        token.remove_prefix(1);
    }
    while (!token.empty() &&
           std::string_view(")\"'.,;:!?]").find(token.back()) != std::string_view::npos) {
        token.remove_suffix(1);
    }
    const bool dollar = !token.empty() && token.front() == '$';
    token.remove_prefix(dollar ? 1 : 0);
    const bool percent = !token.empty() && token.back() == '%';
    token.remove_suffix(percent ? 1 : 0);
    if (dollar && token.size() > 1 &&
        std::string_view("KMBkmb").find(token.back()) != std::string_view::npos) {
        token.remove_suffix(1);
    }
    const bool only_x = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
        return c == 'X' || c == 'x' || c == '.' || c == ',';
    });
    const bool has_x = token.find_first_of("Xx") != std::string_view::npos;
    if (!only_x || !has_x) {
        return false;
    }
    const bool separated = token.find_first_of(".,") != std::string_view::npos &&
                           token.size() >= 3 && token.find('x') == std::string_view::npos;
    return dollar || percent || separated;
}

/// Placeholders of the shapes "[Insert ...]", "{{...}}", "<your ...>".
std::vector<std::string> bracket_placeholders(std::string_view text) {
    std::vector<std::string> found;
    for (std::size_t open = text.find_first_of("[{<"); open != std::string_view::npos;
         open = text.find_first_of("[{<", open + 1)) {
        const char closer = text[open] == '[' ? ']' : text[open] == '{' ? '}' : '>';
        const auto close = text.find(closer, open + 1);
        if (close == std::string_view::npos || close - open > 80) {
            continue;
        }
        const auto inside = text.substr(open + 1, close - open - 1);
        const bool mustache = text[open] == '{' && !inside.empty() && inside.front() == '{';
        const auto key = fold_key(inside);
        const bool named = std::any_of(
            kBracketPlaceholders.begin(), kBracketPlaceholders.end(), [&](std::u32string_view p) {
                return starts_with(key, p) &&
                       (p.back() == U' ' || key.size() == p.size() || !is_word_char(key[p.size()]));
            });
        if (mustache || (named && text[open] != '{')) {
            found.emplace_back(text.substr(open, close - open + 1 + (mustache ? 1 : 0)));
            open = close;
        }
    }
    return found;
}

/// "TBD", "TODO", "TBA", "FIXME" as upper-case words, "lorem ipsum", and X-number tokens.
std::vector<std::string> word_placeholders(std::string_view text) {
    std::vector<std::string> found;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto start = text.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) {
            break;
        }
        auto end = text.find_first_of(" \t\r\n", start);
        end = end == std::string_view::npos ? text.size() : end;
        const auto token = text.substr(start, end - start);
        auto word = token;
        while (!word.empty() && std::isalnum(static_cast<unsigned char>(word.back())) == 0) {
            word.remove_suffix(1);
        }
        while (!word.empty() && std::isalnum(static_cast<unsigned char>(word.front())) == 0) {
            word.remove_prefix(1);
        }
        if (word == "TBD" || word == "TODO" || word == "TBA" || word == "FIXME" ||
            is_x_placeholder(token)) {
            found.emplace_back(token);
        }
        pos = end;
    }
    if (fold_key(text).find(U"lorem ipsum") != std::u32string::npos) {
        found.emplace_back("Lorem ipsum");
    }
    return found;
}

bool deck_field(FieldKind kind) {
    return kind == FieldKind::kTitle || kind == FieldKind::kSlideBody ||
           kind == FieldKind::kBullet || kind == FieldKind::kNotes;
}

// One line of copy: reasoning or narration, instructions to the writer, template slots. Returns
// the slots already reported so that the keyword scan below does not report them twice.
void check_line(const Field& field, std::string_view line, std::vector<std::string>& reported,
                std::vector<Issue>& out) {
    const bool deck = deck_field(field.kind);
    const bool reasoning = is_leaked_reasoning(line);
    if (!reasoning && field.kind != FieldKind::kNotes && parse::is_writer_instruction(line)) {
        out.push_back(make_issue(
            "content.instruction_leak", Severity::kError, field.location,
            fmt::format("An instruction to the writer was published: \"{}\".", excerpt(line))));
        return;
    }
    // A slot-only line whose slots the keyword scan already names ("[Insert metric]") stays a
    // content.placeholder; slots in any other words ("[Hook about the pain]") are slot_only.
    if (!reasoning && parse::is_slot_only(line)) {
        if (bracket_placeholders(line).empty()) {
            out.push_back(make_issue("content.slot_only", Severity::kError, field.location,
                                     fmt::format("A template slot stands where copy should be: "
                                                 "\"{}\".",
                                                 excerpt(line))));
            const auto slots = parse::slots_in(line);
            reported.insert(reported.end(), slots.begin(), slots.end());
        }
        return;
    }
    if (reasoning || parse::is_narration_line(line, parse::LinePosition::kMiddle, deck)) {
        out.push_back(make_issue(
            "content.leaked_reasoning", Severity::kError, field.location,
            fmt::format("The model's own reasoning was left in: \"{}\".", excerpt(line))));
        return;
    }
    if (parse::has_slot(line)) {
        for (auto& slot : parse::slots_in(line)) {
            out.push_back(make_issue("content.placeholder", Severity::kError, field.location,
                                     fmt::format("Unfilled placeholder \"{}\".", excerpt(slot))));
            reported.push_back(std::move(slot));
        }
    }
}

void check_field(const Field& field, std::vector<Issue>& out) {
    std::vector<std::string> reported;
    std::size_t start = 0;
    while (start <= field.text.size()) {
        auto end = field.text.find('\n', start);
        end = end == std::string_view::npos ? field.text.size() : end;
        const auto line = field.text.substr(start, end - start);
        if (!text::trim(line).empty()) {
            check_line(field, line, reported, out);
        }
        start = end + 1;
    }
    auto placeholders = bracket_placeholders(field.text);
    for (auto& p : word_placeholders(field.text)) {
        placeholders.push_back(std::move(p));
    }
    for (const auto& p : placeholders) {
        if (std::find(reported.begin(), reported.end(), p) != reported.end()) {
            continue;
        }
        out.push_back(make_issue("content.placeholder", Severity::kError, field.location,
                                 fmt::format("Unfilled placeholder \"{}\".", excerpt(p))));
    }
}

}  // namespace

void check_hygiene(std::span<const Field> fields, std::vector<Issue>& out) {
    for (const auto& field : fields) {
        if (field.kind != FieldKind::kHashtags) {
            check_field(field, out);
        }
    }
}

}  // namespace swarm::core::validate
