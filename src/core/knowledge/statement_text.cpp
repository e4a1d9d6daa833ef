// The parts of statement handling that rewrite or split text: press datelines, FAQ answers, a
// passage's statements, dangling openers and what an instruction steers towards.
#include "core/knowledge/inline_markup.hpp"
#include "core/knowledge/statement_roles.hpp"
#include "core/knowledge/statement_words.hpp"
#include "core/knowledge/text_split.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace swarm::core::knowledge {
namespace {

using words::has_word;
using words::is_word_byte;

constexpr auto kMonths = std::to_array<std::string_view>({
    "jan",   "feb",   "mar",    "apr",  "may",  "jun",  "jul",   "aug",     "sep",   "oct",
    "nov",   "dec",   "ene",    "abr",  "ago",  "dic",  "mär",   "mai",     "okt",   "dez",
    "janv",  "févr",  "avr",    "juil", "sept", "déc",  "enero", "febrero", "marzo", "mayo",
    "junio", "julio", "januar", "juni", "juli", "mars", "mai",   "juin",
});

// Openers that point back at a sentence the reader has not seen, lower-case, in en/es/de/fr.
constexpr auto kDanglingWords = std::to_array<std::string_view>({
    "it",       "this",        "that",         "these",     "those",    "they",      "them",
    "he",       "she",         "its",          "their",     "his",      "her",       "both",
    "such",     "also",        "however",      "but",       "and",      "so",        "then",
    "moreover", "furthermore", "additionally", "meanwhile", "instead",  "otherwise", "likewise",
    "still",    "yet",         "it's",         "that's",    "they're",  "here's",    "thus",
    "hence",    "therefore",   "esto",         "este",      "esta",     "estos",     "estas",
    "ello",     "además",      "pero",         "también",   "entonces", "dies",      "diese",
    "dieser",   "dieses",      "außerdem",     "ausserdem", "seitdem",  "aber",      "deshalb",
    "daher",    "zudem",       "cela",         "ceci",      "ces",      "il",        "elle",
    "ils",      "elles",       "depuis",       "mais",      "donc",     "aussi",     "cependant",
});

constexpr auto kDanglingPhrases = std::to_array<std::string_view>({
    "since then", "as a result", "in addition",    "on top of that", "because of this",
    "after that", "the same",    "the former",     "the latter",     "as mentioned",
    "as noted",   "sin embargo", "desde entonces", "por eso",        "por lo tanto",
    "de plus",    "en outre",    "par conséquent", "darüber hinaus", "aus diesem grund",
});

std::string first_word_lower(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' || c == ',' || c == '.' || c == ':' || c == ';' || c == '!') {
            break;
        }
        out.push_back(c);
    }
    return text::fold_case(out);
}

}  // namespace

bool has_dangling_start(std::string_view text) {
    const std::string_view t = text::trim(text);
    const std::string lower = text::fold_case(t.substr(0, std::min<std::size_t>(t.size(), 40)));
    if (std::any_of(kDanglingPhrases.begin(), kDanglingPhrases.end(),
                    [&](std::string_view p) { return lower.starts_with(p); })) {
        return true;
    }
    const std::string first = first_word_lower(t);
    return std::find(kDanglingWords.begin(), kDanglingWords.end(), first) != kDanglingWords.end();
}

std::string strip_dateline(std::string_view text) {
    // "CITY, Month D, YYYY -- rest", "CITY (Agency) — rest", "Berlin, 3. März 2027 – rest".
    const std::string_view trimmed = text::trim(text);
    for (const std::string_view dash : {" -- ", " \u2014 ", " \u2013 ", " - ", "\u2014", " /"}) {
        const auto at = trimmed.find(dash);
        if (at > 90 || at < 6) {  // npos (no dash) is > 90 too
            continue;
        }
        const std::string head = text::fold_case(trimmed.substr(0, at));
        const bool year = std::any_of(head.begin(), head.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
        std::size_t run = 0;
        std::size_t longest_run = 0;
        for (const char c : head) {
            run = std::isdigit(static_cast<unsigned char>(c)) != 0 ? run + 1 : 0;
            longest_run = std::max(longest_run, run);
        }
        const bool four_digit_year = longest_run == 4;
        const bool month = std::any_of(kMonths.begin(), kMonths.end(), [&](std::string_view m) {
            return has_word(head, m) || has_word(head, std::string(m) + "*");
        });
        const std::string_view first = trimmed.substr(0, std::min(at, trimmed.find(',')));
        const bool city_caps =
            first.size() >= 3 && std::none_of(first.begin(), first.end(), [](char c) {
                return std::islower(static_cast<unsigned char>(c)) != 0;
            });
        const bool comma = head.find(',') != std::string::npos;
        if ((year && month && comma) || (four_digit_year && comma) ||
            (city_caps && (year || head.find('(') != std::string::npos))) {
            return std::string(text::trim(trimmed.substr(at + dash.size())));
        }
    }
    return std::string(trimmed);
}

bool reads_as_sentence(std::string_view text) {
    const std::string lower = " " + text::fold_case(text) + " ";
    // "Vomiting, diarrhoea, limping, ...": a list that answers "What can it handle?".
    const auto comma = lower.find(',');
    if (comma != std::string::npos &&
        std::count(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(comma), ' ') <= 2 &&
        std::count(lower.begin(), lower.end(), ',') >= 2) {
        return false;
    }
    constexpr auto kVerbs = std::to_array<std::string_view>({
        " is ",      " are ",    " was ",    " were ",     " has ",     " have ",     " had ",
        " can ",     " will ",   " does ",   " do ",       " did ",     " may ",      " must ",
        " should ",  " would ",  " could ",  " get ",      " gets ",    " takes ",    " costs ",
        " works ",   " runs ",   " offers ", " includes ", " gives ",   " means ",    " needs ",
        " lets ",    " helps ",  " pay ",    " pays ",     " need ",    " es ",       " son ",
        " está ",    " están ",  " tiene ",  " tienen ",   " puede ",   " pueden ",   " ist ",
        " sind ",    " hat ",    " haben ",  " kann ",     " können ",  " wird ",     " werden ",
        " est ",     " sont ",   " ont ",    " peut ",     " peuvent ", " sera ",     " fait ",
        " reaches ", " fits ",   " holds ",  " keeps ",    " stores ",  " supports ", " syncs ",
        " sends ",   " shows ",  " covers ", " handles ",  " uses ",    " stays ",    " comes ",
        " goes ",    " starts ", " ends ",   " opens ",    " closes ",  " arrives ",  " ships ",
        " lasts ",   " makes ",
    });
    if (std::any_of(kVerbs.begin(), kVerbs.end(),
                    [&](std::string_view v) { return lower.find(v) != std::string::npos; })) {
        return true;
    }
    // A pronoun subject ("we", "you", "wir", "nous") brings its verb along; so do Spanish and
    // French first-person plural endings ("enviamos", "livrons").
    constexpr auto kSubjects =
        std::to_array<std::string_view>({" we ", " you ", " they ", " it ", " wir ", " du ",
                                         " ihr ", " nous ", " vous ", " ils ", " elles ", " on "});
    if (std::any_of(kSubjects.begin(), kSubjects.end(),
                    [&](std::string_view v) { return lower.find(v) != std::string::npos; })) {
        return true;
    }
    // A past tense ("We launched in May") counts, a participle after an article ("a registered
    // vet") does not; plural nouns also end in -s, so present tenses count only from the list.
    std::string previous;
    std::size_t pos = 0;
    while (pos != std::string::npos && pos + 1 < lower.size()) {
        const auto end = lower.find(' ', pos + 1);
        const std::string word = lower.substr(pos + 1, end - pos - 1);
        const bool after_article = previous == "a" || previous == "an" || previous == "the" ||
                                   previous == "our" || previous == "your" || previous == "fully";
        const bool past = word.size() > 4 && word.ends_with("ed") && !after_article;
        const bool plural_first_person =
            word.size() > 5 && (word.ends_with("amos") || word.ends_with("emos") ||
                                word.ends_with("imos") || word.ends_with("ons"));
        if (past || plural_first_person) {
            return true;
        }
        previous = word;
        pos = end;
    }
    return false;
}

bool is_bare_answer(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ';
        words += !space && !in_word ? 1 : 0;
        in_word = !space;
    }
    return words <= 3 && standalone_answer(text).empty();
}

std::string standalone_answer(std::string_view text) {
    std::string_view rest = text::trim(text);
    for (const std::string_view label :
         {"A:", "A.", "Answer:", "R:", "Respuesta:", "Antwort:", "Réponse:"}) {
        if (rest.starts_with(label)) {
            rest = text::trim(rest.substr(label.size()));
        }
    }
    const std::string lower = text::fold_case(rest);
    constexpr auto kYesNo =
        std::to_array<std::string_view>({"yes", "no", "sí", "si", "ja", "nein", "oui", "non",
                                         "absolutely", "of course", "correct", "not yet", "sure"});
    for (const auto word : kYesNo) {
        if (lower.starts_with(word) &&
            (lower.size() == word.size() || !is_word_byte(lower[word.size()]))) {
            rest = text::trim(rest.substr(word.size()));
            while (!rest.empty() &&
                   (rest.front() == ',' || rest.front() == '.' || rest.front() == '!' ||
                    rest.front() == ';' || rest.front() == ':' || rest.front() == '-')) {
                rest = text::trim(rest.substr(1));
            }
            break;
        }
    }
    if (rest.empty() || std::islower(static_cast<unsigned char>(rest.front())) != 0) {
        return {};  // "through our Twilio integration." needs the question
    }
    if (!reads_as_sentence(rest)) {
        return {};  // "A registered vet with five years of experience." answers "Who?"
    }
    return std::string(rest);
}

bool is_heading_line(std::string_view line) {
    line = text::trim(line);
    if (line.empty()) {
        return false;
    }
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : line) {
        const bool space = c == ' ';
        words += !space && !in_word ? 1 : 0;
        in_word = !space;
        if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            return false;  // "Q3 2026: 340 customers" is data, not a heading
        }
    }
    const char last = line.back();
    const bool closed = last == '.' || last == '!' || last == '?' || last == ':' || last == ';' ||
                        last == ',' || last == ')' || last == '"';
    return words <= 6 && !closed && std::isupper(static_cast<unsigned char>(line.front())) != 0;
}

std::vector<Statement> statements_of(std::string_view markdown, std::string_view document,
                                     std::string_view heading) {
    std::vector<std::string> units;
    std::string paragraph;
    const auto flush = [&] {
        for (auto& s : split_sentences(strip_inline_markup(paragraph))) {
            units.push_back(std::move(s));
        }
        paragraph.clear();
    };
    std::size_t start = 0;
    while (start <= markdown.size()) {
        auto end = markdown.find('\n', start);
        end = end == std::string_view::npos ? markdown.size() : end;
        std::string_view line = text::trim(markdown.substr(start, end - start));
        start = end + 1;
        const bool item = line.starts_with("- ") || line.starts_with("* ") ||
                          line.starts_with("+ ") || line.starts_with("\u2022 ");
        if (line.empty() || line.front() == '#' || line.front() == '|' || item ||
            (paragraph.empty() && is_heading_line(line))) {
            flush();
            if (item) {
                units.push_back(strip_inline_markup(text::trim(line.substr(line.find(' ')))));
            }
            continue;
        }
        paragraph += paragraph.empty() ? "" : " ";
        paragraph += line;
    }
    flush();
    std::vector<Statement> out;
    bool after_question = heading.ends_with("?");
    for (auto& u : units) {
        if (u.ends_with("?")) {
            after_question = true;  // a question is not a statement; it marks the answer
            continue;
        }
        const StatementContext context{document, heading, after_question};
        after_question = context.after_question && is_bare_answer(u);
        auto role = classify_statement(u, context);
        out.push_back({std::move(u), role});
    }
    return out;
}

void read_steering(std::string_view instruction, Steering& steering) {
    std::string lower = text::fold_case(text::trim(instruction));
    while (!lower.empty() && !is_word_byte(lower.front())) {
        lower.erase(lower.begin());
    }
    const auto tail_after = [&](std::string_view opener) -> std::string {
        std::string rest = lower.substr(opener.size());
        while (!rest.empty() && (rest.back() == '.' || rest.back() == '!' || rest.back() == ' ')) {
            rest.pop_back();
        }
        for (const std::string_view cut :
             {", not ", " and not ", "; ", " - ", " because ", " since ", " rather than "}) {
            if (const auto at = rest.find(cut); at != std::string::npos) {
                rest.resize(at);
            }
        }
        return std::string(text::trim(rest));
    };
    constexpr auto kAvoid = std::to_array<std::string_view>({
        "don't mention ",
        "do not mention ",
        "never mention ",
        "avoid mentioning ",
        "avoid ",
        "don't talk about ",
        "do not talk about ",
        "no mention of ",
        "steer clear of ",
        "play down ",
        "downplay ",
        "no menciones ",
        "evita ",
        "nicht erwähnen: ",
        "vermeide ",
        "erwähne nicht ",
        "ne mentionnez pas ",
        "évitez ",
        "évite ",
        "don't say ",
        "never say ",
    });
    constexpr auto kLead = std::to_array<std::string_view>({
        "lead with ",
        "open with ",
        "start with ",
        "begin with ",
        "focus on ",
        "emphasize ",
        "emphasise ",
        "highlight ",
        "stress ",
        "play up ",
        "lean on ",
        "empieza con ",
        "destaca ",
        "beginne mit ",
        "betone ",
        "commencez par ",
        "mettez en avant ",
        "insistez sur ",
    });
    for (const auto opener : kAvoid) {
        if (lower.starts_with(opener)) {
            if (auto t = tail_after(opener); !t.empty()) {
                steering.avoid.push_back(std::move(t));
            }
            return;
        }
    }
    for (const auto opener : kLead) {
        if (lower.starts_with(opener)) {
            if (auto t = tail_after(opener); !t.empty()) {
                steering.lead.push_back(std::move(t));
            }
            return;
        }
    }
}

}  // namespace swarm::core::knowledge
