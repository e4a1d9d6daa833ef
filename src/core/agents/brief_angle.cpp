#include "core/agents/brief_angle.hpp"

#include "core/agents/text_tools.hpp"
#include "core/knowledge/statement_words.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace swarm::core::agents {
namespace {

// Position of `word` in `lower` at a word start (a prefix match: "launch" finds "launching").
std::size_t find_word_start(std::string_view lower, std::string_view word) {
    for (auto pos = lower.find(word); pos != std::string_view::npos;
         pos = lower.find(word, pos + 1)) {
        if (pos == 0 || !knowledge::words::is_word_byte(lower[pos - 1])) {
            return pos;
        }
    }
    return std::string_view::npos;
}

template <std::size_t N>
bool mentions(std::string_view lower, const std::array<std::string_view, N>& words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
        return find_word_start(lower, w) != std::string_view::npos;
    });
}

// Verbs and nouns that make a brief an announcement, with how many bytes of the match to skip
// before the announced thing starts (the whole word).
constexpr auto kAnnounceWords = std::to_array<std::string_view>({
    "announce",    "announcing", "launch",     "launching",   "introduce",  "introducing",
    "unveil",      "unveiling",  "roll out",   "rolling out", "debut",      "now available",
    "promote",     "promoting",  "anuncia",    "anunciar",    "lanza",      "lanzar",
    "lanzamiento", "presenta",   "presentar",  "ankündigen",  "kündigt",    "stellt",
    "stelle",      "stellen",    "vorstellen", "startet",     "einführung", "annonce",
    "annoncer",    "lance",      "lancer",     "lancement",   "présente",   "présenter",
    "dévoile",
});

constexpr auto kSubjectStops = std::to_array<std::string_view>({
    " and that ",
    " y que ",
    " und dass ",
    " et que ",
    ",",
    ";",
    ".",
    ":",
    "!",
    "?",
    " and prepare",
    " and create",
    " and write",
    " and draft",
    " and build",
    " aimed at",
    " targeting",
    " targeted at",
    " for owners",
    " to owners",
    " to our",
    " with a ",
    " y prepara",
    " y crea",
    " dirigido",
    " dirigida",
    " und erstelle",
    " und bereite",
    " für inhaber",
    " et prépare",
    " et crée",
    " destiné",
    " \u2014",
    " - ",
});

// Words that join the verb to the thing announced ("the launch OF the PetPal collar"); the
// article and a possessive stay, so "Introducing the new PetPal collar" reads naturally.
constexpr auto kSubjectLeads = std::to_array<std::string_view>({
    "of ",
    "de ",
    "del ",
    "du ",
    "des ",
    "von ",
    "on ",
    "about ",
    "sobre ",
    "über ",
    "sur ",
});

std::string clean_subject(std::string subject) {
    const auto lower = [&] {
        return text::fold_case(subject);
    };
    bool changed = true;
    while (changed && !subject.empty()) {
        changed = false;
        const std::string l = lower();
        for (const auto lead : kSubjectLeads) {
            if (l.starts_with(lead)) {
                subject.erase(0, lead.size());
                changed = true;
                break;
            }
        }
    }
    // A date at the end belongs to the date, not to the thing announced.
    if (const auto date = find_date(subject); date) {
        if (const auto at = subject.find(date->text); at != std::string::npos && at > 0) {
            subject.resize(at);
            subject = std::string(text::trim(subject));
            for (const std::string_view tail : {" on", " el", " am", " le", " from", " in"}) {
                if (subject.ends_with(tail)) {
                    subject.resize(subject.size() - tail.size());
                }
            }
        }
    }
    return std::string(text::trim(subject));
}

int month_number(std::string_view lower) {
    constexpr auto kMonths = std::to_array<std::array<std::string_view, 4>>({
        {"jan", "ene", "jän", "janv"},
        {"feb", "feb", "feb", "févr"},
        {"mar", "mar", "mär", "mars"},
        {"apr", "abr", "apr", "avr"},
        {"may", "may", "mai", "mai"},
        {"jun", "jun", "jun", "juin"},
        {"jul", "jul", "jul", "juil"},
        {"aug", "ago", "aug", "août"},
        {"sep", "sep", "sep", "sept"},
        {"oct", "oct", "okt", "oct"},
        {"nov", "nov", "nov", "nov"},
        {"dec", "dic", "dez", "déc"},
    });
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        for (const auto prefix : kMonths[m]) {
            if (lower.starts_with(prefix)) {
                return static_cast<int>(m) + 1;
            }
        }
    }
    return 0;
}

constexpr std::string_view kMonthWord =
    "(january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|"
    "julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|januar|jänner|februar|märz|"
    "mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|"
    "octobre|novembre|décembre)";

}  // namespace

std::optional<BriefDate> find_date(std::string_view text) {
    const std::string lower = text::fold_case(text);
    const std::string month(kMonthWord);
    // 3 March 2027, 3rd of March, 3 de marzo de 2027, 3. März 2027, le 3 mars 2027
    static const std::regex day_first("(^|[^0-9])([0-3]?[0-9])(st|nd|rd|th|er)?\\.? (of |de )?" +
                                      month + "\\b\\.?(,? (de )?([0-9]{4}))?");
    // March 3, 2027; March 3rd
    static const std::regex month_first("\\b" + month +
                                        "\\.? ([0-3]?[0-9])(st|nd|rd|th)?\\b(,? ([0-9]{4}))?");
    static const std::regex iso("\\b([0-9]{4})-([01][0-9])-([0-3][0-9])\\b");
    std::smatch m;
    BriefDate date;
    std::size_t at = 0;
    std::size_t len = 0;
    if (std::regex_search(lower, m, iso)) {
        date.year = std::stoi(m[1]);
        date.month = std::stoi(m[2]);
        date.day = std::stoi(m[3]);
        at = static_cast<std::size_t>(m.position(0));
        len = static_cast<std::size_t>(m.length(0));
    } else if (std::regex_search(lower, m, day_first)) {
        date.day = std::stoi(m[2]);
        date.month = month_number(m[5].str());
        date.year = m[8].matched ? std::stoi(m[8]) : 0;
        at = static_cast<std::size_t>(m.position(2));
        len = static_cast<std::size_t>(m.position(0) + m.length(0)) - at;
    } else if (std::regex_search(lower, m, month_first)) {
        date.month = month_number(m[1].str());
        date.day = std::stoi(m[2]);
        date.year = m[5].matched ? std::stoi(m[5]) : 0;
        at = static_cast<std::size_t>(m.position(0));
        len = static_cast<std::size_t>(m.length(0));
    } else {
        return std::nullopt;
    }
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
        return std::nullopt;
    }
    // Offsets are into the folded text; they match the original unless folding changed lengths.
    const std::string_view source = lower.size() == text.size() ? text : std::string_view(lower);
    date.text = std::string(text::trim(source.substr(at, len)));
    while (!date.text.empty() && (date.text.back() == ',' || date.text.back() == '.')) {
        date.text.pop_back();
    }
    return date;
}

Style read_style(std::string_view tone, std::string_view voice) {
    const std::string lower = text::fold_case(std::string(tone) + " " + std::string(voice));
    Style style;
    constexpr auto kSober = std::to_array<std::string_view>(
        {"formal", "serious", "corporate", "sober", "no emoji", "no hype", "understated", "calm",
         "academic", "sin emoji", "sin exagera", "keine emoji", "seriös", "sachlich", "sans emoji",
         "sobre", "sérieux"});
    constexpr auto kPlayful = std::to_array<std::string_view>(
        {"playful",      "fun",      "casual",      "friendly",     "upbeat",        "energetic",
         "enthusiastic", "cheerful", "witty",       "lighthearted", "light-hearted", "emoji",
         "warm",         "divertid", "cercan",      "alegre",       "locker",        "verspielt",
         "fröhlich",     "ludique",  "décontracté", "chaleureu",    "enjoué"});
    constexpr auto kExcited =
        std::to_array<std::string_view>({"enthusiastic", "excited", "energetic", "upbeat", "bold",
                                         "entusiasta", "begeistert", "enthousiaste", "dynamique"});
    constexpr auto kNumbers = std::to_array<std::string_view>(
        {"numbers", "data", "metrics", "figures", "specific", "evidence", "cifras", "datos",
         "zahlen", "fakten", "chiffres", "données"});
    constexpr auto kStory = std::to_array<std::string_view>(
        {"story", "human", "empathetic", "empathy", "personal", "historia", "humano", "menschlich",
         "geschichte", "humain", "histoire"});
    constexpr auto kConcise = std::to_array<std::string_view>(
        {"concise", "punchy", "short", "crisp", "direct", "brief", "snappy", "terse", "conciso",
         "directo", "breve", "knapp", "prägnant", "concis", "percutant"});
    const bool sober = mentions(lower, kSober);
    style.emoji = !sober && mentions(lower, kPlayful);
    style.exclamation = !sober && mentions(lower, kExcited);
    style.numbers_first = mentions(lower, kNumbers);
    style.story_first = !style.numbers_first && mentions(lower, kStory);
    if (mentions(lower, kConcise)) {
        style.max_sentence_words = 20;
    }
    return style;
}

namespace {

// "tell X that the kettle ships on 3 March", "announce that our ferry starts ...": the clause
// after "that" is the news as a statement.
constexpr auto kThatWords = std::to_array<std::string_view>({"that ", "que ", "dass ", "qu'"});

// Clauses that state news without an announcing verb ("Quillstack 2.0 is out today").
constexpr auto kNewsClauses = std::to_array<std::string_view>({
    " is out",
    " is live",
    " is here",
    " now available",
    " goes live",
    " ships ",
    " launches ",
    " opens ",
    " starts ",
    " ya está disponible",
    " ya disponible",
    " está disponible",
    " ist da",
    " ist verfügbar",
    " startet ",
    " est disponible",
    " est là",
    " arrive ",
});

// Object pronouns only: articles that look the same ("la", "le", "los") name a thing.
constexpr auto kPronouns = std::to_array<std::string_view>(
    {"it", "them", "this", "that", "these", "those", "us", "lo", "es", "ça", "cela"});

// Verbs a brief opens with when it tells the writer what to do ("Recruit volunteers ...").
constexpr auto kBriefVerbs = std::to_array<std::string_view>({
    "recruit",   "invite",    "tell",     "explain",  "write",    "prepare",   "create",
    "make",      "share",     "promote",  "help",     "get",      "drive",     "ask",
    "show",      "give",      "draft",    "describe", "remind",   "celebrate", "thank",
    "encourage", "highlight", "post",     "build",    "design",   "turn",      "recluta",
    "invita",    "explica",   "escribe",  "prepara",  "crea",     "comparte",  "promociona",
    "lade",      "erkläre",   "schreibe", "erstelle", "bewirb",   "teile",     "invitez",
    "expliquez", "écrivez",   "préparez", "créez",    "partagez", "recrutez",
});

std::size_t first_stop(const std::string& lower, bool clause) {
    std::size_t stop = lower.size();
    for (const auto s : kSubjectStops) {
        // A clause keeps its commas ("our first electric ferry, the MV Curlew, starts ...").
        if (clause && (s == "," || s == " - " || s == " \u2014")) {
            continue;
        }
        if (const auto at = lower.find(s); at != std::string::npos && at < stop && at > 0) {
            stop = at;
        }
    }
    return stop;
}

// The first clause of the prompt that states news on its own, as written.
std::string news_clause(std::string_view prompt) {
    std::size_t start = 0;
    while (start < prompt.size()) {
        // A clause ends at ":", ";", "!", "?" or a period before a space ("Quillstack 2.0 is out").
        auto end = start;
        while (end < prompt.size() &&
               std::string_view(":;!?").find(prompt[end]) == std::string_view::npos &&
               !(prompt[end] == '.' && (end + 1 == prompt.size() || prompt[end + 1] == ' '))) {
            ++end;
        }
        std::string clause(text::trim(prompt.substr(start, end - start)));
        const std::string lower = " " + text::fold_case(clause) + " ";
        const bool news =
            std::any_of(kNewsClauses.begin(), kNewsClauses.end(),
                        [&](std::string_view w) { return lower.find(w) != std::string::npos; });
        const std::string first = text::fold_case(clause.substr(0, clause.find(' ')));
        const bool imperative =
            std::find(kBriefVerbs.begin(), kBriefVerbs.end(), first) != kBriefVerbs.end();
        if (news && !imperative && count_words(clause) >= 3 && count_words(clause) <= 20 &&
            std::isupper(static_cast<unsigned char>(clause.front())) != 0) {
            return clause;
        }
        start = end + 1;
    }
    return {};
}

// "Explain our new after-hours video consults (7pm to 7am) to ...": a thing the brief calls new
// is the news even without an announcing verb; the possessive before it is kept.
std::string new_thing(std::string_view prompt) {
    const std::string lower = text::fold_case(prompt);
    if (lower.size() != prompt.size()) {
        return {};
    }
    for (const std::string_view word :
         {"new ", "nuevo ", "nueva ", "neue ", "neuen ", "neues ", "nouveau ", "nouvelle "}) {
        auto at = find_word_start(lower, word);
        if (at == std::string::npos) {
            continue;
        }
        for (const std::string_view owner :
             {"our ", "my ", "the ", "nuestro ", "nuestra ", "la ", "el ", "unser ", "unsere ",
              "das ", "die ", "der ", "notre ", "le "}) {
            if (at >= owner.size() && lower.compare(at - owner.size(), owner.size(), owner) == 0) {
                at -= owner.size();
                break;
            }
        }
        std::string rest(prompt.substr(at));
        std::size_t stop = first_stop(text::fold_case(rest), false);
        stop = std::min({stop, rest.find(" ("), rest.find(" to "), rest.find(" for "),
                         rest.find(" para "), rest.find(" für "), rest.find(" pour ")});
        rest.resize(std::min(stop, rest.size()));
        rest = clean_subject(std::move(rest));  // "taproom on 14 May": the date is the date's
        if (count_words(rest) >= 2 && count_words(rest) <= 10) {
            return rest;
        }
    }
    return {};
}

/// Where the first announcing word ("launch", "anunciamos") starts in the folded prompt, and how
/// long it is with its ending; npos when none.
std::pair<std::size_t, std::size_t> first_announce_word(const std::string& lower) {
    std::size_t best = std::string::npos;
    std::size_t skip = 0;
    for (const auto word : kAnnounceWords) {
        const auto at = find_word_start(lower, word);
        if (at != std::string::npos && at < best) {
            auto end = at + word.size();
            while (end < lower.size() && knowledge::words::is_word_byte(lower[end])) {
                ++end;  // the rest of the word: "launches", "anunciamos"
            }
            constexpr auto kEndings = std::to_array<std::string_view>(
                {"", "s", "d", "ed", "es", "ing", "n", "mos", "r", "ndo", "t", "en", "ons", "z"});
            const std::string_view ending =
                std::string_view(lower).substr(at + word.size(), end - at - word.size());
            if (std::find(kEndings.begin(), kEndings.end(), ending) == kEndings.end()) {
                continue;  // "presentación" is not "presenta"
            }
            best = at;
            skip = end - at;
        }
    }
    return {best, skip};
}

/// "... that <clause>" near the announcing word (or anywhere without one): the clause is the
/// news ("Tell coffee lovers that ..."); empty when there is none of 3 to 25 words.
std::string that_clause(const std::string& prompt, const std::string& lower, std::size_t best,
                        std::size_t skip) {
    for (const auto that : kThatWords) {
        const auto at = find_word_start(lower, that);
        if (at == std::string::npos || (best != std::string::npos && at > best + skip + 40)) {
            continue;
        }
        std::string rest(text::trim(std::string_view(prompt).substr(at + that.size())));
        rest.resize(first_stop(text::fold_case(rest), true));
        rest = std::string(text::trim(rest));
        if (count_words(rest) >= 3 && count_words(rest) <= 25) {
            return rest;
        }
    }
    return {};
}

}  // namespace

BriefAngle read_angle(const Brief& brief) {
    BriefAngle angle;
    angle.style = read_style(brief.tone, brief.brand.voice);
    angle.date = find_date(brief.prompt);
    const std::string lower = text::fold_case(brief.prompt);
    const auto [best, skip] = first_announce_word(lower);
    if (lower.size() != brief.prompt.size()) {
        return angle;
    }
    if (auto rest = that_clause(brief.prompt, lower, best, skip); !rest.empty()) {
        angle.announcement = true;
        angle.statement = sentence_case(rest);
        angle.subject = clean_subject(rest);
        return angle;
    }
    if (best == std::string::npos) {
        if (auto thing = new_thing(brief.prompt); !thing.empty()) {
            angle.announcement = true;
            angle.subject = std::move(thing);
            return angle;
        }
        if (auto clause = news_clause(brief.prompt); !clause.empty()) {
            angle.announcement = true;
            angle.statement = clause;
            angle.subject = clause;
        }
        return angle;
    }
    angle.announcement = true;
    std::string rest(text::trim(std::string_view(brief.prompt).substr(best + skip)));
    rest.resize(first_stop(text::fold_case(rest), false));
    angle.subject = clean_subject(std::move(rest));
    for (const std::string_view tail : {" vor", " an"}) {  // "Stelle das neue Abo vor"
        if (angle.subject.ends_with(tail)) {
            angle.subject.resize(angle.subject.size() - tail.size());
        }
    }
    const std::string first = text::fold_case(angle.subject.substr(0, angle.subject.find(' ')));
    const bool pronoun = std::find(kPronouns.begin(), kPronouns.end(), first) != kPronouns.end();
    const auto subject_date = find_date(angle.subject);
    const bool only_date = subject_date && angle.subject.starts_with(subject_date->text);
    if (count_words(angle.subject) > 14 || count_words(angle.subject) == 0 || pronoun ||
        only_date) {
        // "introduce it to novelists", "launching 1 March": the thing is named elsewhere in the
        // brief, if at all ("our new after-hours consults", "Quillstack 2.0 is out today").
        angle.subject = new_thing(brief.prompt);
        if (!angle.subject.empty()) {
            return angle;
        }
        if (auto clause = news_clause(brief.prompt); !clause.empty()) {
            angle.statement = clause;
            angle.subject = clause;
        }
    }
    return angle;
}

}  // namespace swarm::core::agents
