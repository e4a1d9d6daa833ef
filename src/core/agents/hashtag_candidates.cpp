// Hashtag candidates for the fact sheet: terms the prompt and the knowledge base share, scored so
// the industry words of the brief come first and generic words never appear.
#include "core/agents/research.hpp"
#include "core/agents/text_tools.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace swarm::core::agents {
namespace {

// Stems too generic to be a useful hashtag on their own.
constexpr auto kGeneric = std::to_array<std::string_view>(
    {"company", "customer", "client", "user", "people", "team", "employee", "staff", "worker",
     "technician", "owner", "manager", "business", "product", "service", "software", "feature",
     "solution", "platform", "market", "job", "day", "week", "month", "year", "time", "call",
     "plan", "result", "pilot", "account", "data", "work", "way", "thing", "series", "seed",
     "round", "fund", "investor", "deck", "launch", "real", "percent", "average", "small", "large",
     "mid", "sized", "first", "next", "last", "every", "free", "trial", "sign", "support", "drive",
     // Dates and verbs a brief uses to say what to post, never what the post is about.
     "january", "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "today", "tomorrow", "tell", "ship", "launch", "get", "invite", "announce",
     "include", "start", "open", "join", "make", "help", "show", "bring", "introduc", "post",
     "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre", "januar", "februar", "märz", "juni", "juli", "oktober",
     "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre", "nuevo", "nueva", "neue", "nouveau", "nouvelle"});

// Words that carry grammar, not a topic, in the four languages the product writes (the keyword
// stop list is English): "#Cada", "#Und", "#Across" are not hashtags.
constexpr auto kFunctionWords = std::to_array<std::string_view>({
    "across",  "goes",    "going",    "second", "first",  "third",   "now",      "also",
    "just",    "more",    "most",     "very",   "really", "every",   "each",     "other",
    "another", "some",    "many",     "much",   "still",  "cada",    "para",     "con",
    "los",     "las",     "una",      "uno",    "del",    "que",     "por",      "como",
    "más",     "muy",     "todo",     "toda",   "todos",  "nuestro", "nuestra",  "sus",
    "und",     "der",     "die",      "das",    "den",    "dem",     "mit",      "für",
    "von",     "ein",     "eine",     "einen",  "auf",    "aus",     "bei",      "nach",
    "wie",     "auch",    "noch",     "unser",  "unsere", "ihr",     "ihre",     "pour",
    "avec",    "les",     "des",      "une",    "aux",    "dans",    "sur",      "par",
    "nos",     "notre",   "vos",      "votre",  "tout",   "tous",    "plus",     "euro",
    "euros",   "eur",     "usd",      "gbp",    "dollar", "dollars", "live",     "vor",
    "monat",   "mes",     "mois",     "jahr",   "año",    "année",   "woche",    "semana",
    "semaine", "tag",     "día",      "jour",   "smart",  "already", "even",     "ever",
    "never",   "only",    "again",    "today",  "week",   "two",     "three",    "four",
    "five",    "dos",     "tres",     "cuatro", "cinco",  "zwei",    "drei",     "vier",
    "fünf",    "deux",    "trois",    "quatre", "cinq",   "empieza", "empiezan", "comienza",
    "beginnt", "startet", "commence", "starts",
});

bool function_word(std::string_view lower) {
    return std::find(kFunctionWords.begin(), kFunctionWords.end(), lower) != kFunctionWords.end();
}

struct Term {
    std::string display;
    double score = 0;
};

bool generic(const std::string& stem_word) {
    return std::any_of(kGeneric.begin(), kGeneric.end(),
                       [&](std::string_view g) { return g == stem_word || stem(g) == stem_word; });
}

std::string capitalised(std::string_view word) {
    if (word.size() >= 2 && std::none_of(word.begin(), word.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c)) != 0;
        })) {
        return std::string(word);  // an acronym such as HVAC stays as written
    }
    std::string w = text::ascii_lower(word);
    if (!w.empty()) {
        w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    }
    return w;
}

// Raw word tokens (letters, digits, inner hyphens and apostrophes), possessive "'s" removed.
std::vector<std::string> raw_tokens(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    const auto flush = [&] {
        while (!cur.empty() && (cur.back() == '-' || cur.back() == '\'')) {
            cur.pop_back();
        }
        if (cur.ends_with("'s")) {
            cur.resize(cur.size() - 2);
        }
        if (!cur.empty()) {
            out.push_back(cur);
        }
        cur.clear();
    };
    for (const char c : s) {
        // Bytes of multi-byte UTF-8 letters belong to the word ("Café", "Süßwaren").
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
            static_cast<unsigned char>(c) >= 0x80 || ((c == '-' || c == '\'') && !cur.empty())) {
            cur.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::size_t occurrences(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) {
        ++n;
    }
    return n;
}

class Scorer {
public:
    Scorer(const std::vector<Fact>& facts, std::string_view company) {
        for (const auto& f : facts) {
            kb_lower_ += text::ascii_lower(f.text) + " \n ";
            std::set<std::string> stems;
            for (const auto& w : raw_tokens(f.text)) {
                const std::string s = stem(text::ascii_lower(w));
                stems.insert(s);
                auto& surface = surface_[s];
                if (surface.empty() || w.size() < surface.size()) {
                    surface = w;
                }
            }
            for (const auto& s : stems) {
                ++freq_[s];
            }
            // Headings name what the documents are about ("Smart Dispatch", "Payroll"): a
            // recurring word earns a hashtag only when a heading uses it too.
            for (const auto& w : raw_tokens(f.heading)) {
                anchors_.insert(stem(text::ascii_lower(w)));
            }
        }
        for (const auto& k : keywords(company)) {
            company_.insert(k);
        }
    }

    void prompt_word(const std::string& word, double base) {
        if (word.find('-') != std::string::npos) {
            compound(word, base);
            return;
        }
        const std::string lower = text::ascii_lower(word);
        const std::string s = stem(lower);
        const bool acronym = capitalised(word) == word && word.size() >= 2 &&
                             std::isalpha(static_cast<unsigned char>(word[0])) != 0 &&
                             word.size() <= 6 && text::ascii_lower(word) != word;
        if (!eligible(lower, s, acronym) || freq(s) == 0) {
            return;
        }
        add(s, capitalised(acronym ? word : lower), base + (acronym ? 1.0 : 0.0) + bonus(s));
    }

    void bigrams(std::string_view text) {
        const auto tokens = raw_tokens(text);
        for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
            const std::string a = text::ascii_lower(tokens[i]);
            const std::string b = text::ascii_lower(tokens[i + 1]);
            if (keywords(a).empty() || keywords(b).empty() || function_word(a) ||
                function_word(b) || std::isdigit(static_cast<unsigned char>(a[0])) != 0 ||
                a.find('-') != std::string::npos || b.find('-') != std::string::npos ||
                company_.contains(stem(a)) || (generic(stem(a)) && generic(stem(b)))) {
                continue;
            }
            const auto n = occurrences(kb_lower_, a + " " + b);
            if (n > 0) {
                add(a + b, camel_hashtag({a, b}).substr(1), 2.0 + 0.5 * static_cast<double>(n));
            }
        }
    }

    void kb_terms() {
        for (const auto& [s, n] : freq_) {
            const std::string& surface = surface_[s];
            if (n >= 3 && surface.size() >= 5 && anchors_.contains(s) &&
                eligible(text::ascii_lower(surface), s, false) &&
                std::isalpha(static_cast<unsigned char>(surface[0])) != 0) {
                add(s, capitalised(text::ascii_lower(surface)), bonus(s));
            }
        }
    }

    void one_liner(std::string_view text) {
        for (const auto& w : raw_tokens(text)) {
            const auto it = terms_.find(stem(text::ascii_lower(w)));
            if (it != terms_.end() && boosted_.insert(it->first).second) {
                it->second.score += 2.0;
            }
        }
    }

    std::vector<std::string> ranked(const std::vector<std::string>& required) const {
        std::vector<Term> all;
        for (const auto& [key, term] : terms_) {
            all.push_back(term);
        }
        std::sort(all.begin(), all.end(), [](const Term& a, const Term& b) {
            return a.score != b.score ? a.score > b.score : a.display < b.display;
        });
        // A two-word tag ("#ShiftScheduler") says more than its parts: they give way to it.
        std::vector<std::string> compounds;
        for (std::size_t i = 0; i < all.size() && i < 8; ++i) {
            if (std::any_of(all[i].display.begin() + 1, all[i].display.end(),
                            [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
                compounds.push_back(text::ascii_lower(all[i].display));
            }
        }
        std::erase_if(all, [&](const Term& t) {
            const std::string lower = text::ascii_lower(t.display);
            return std::any_of(compounds.begin(), compounds.end(), [&](const std::string& c) {
                return c != lower && c.find(lower) != std::string::npos;
            });
        });
        std::vector<std::string> out;
        for (const auto& t : all) {
            const std::string tag = "#" + t.display;
            const auto same = [&](const std::string& x) {
                return same_hashtag(x, tag);
            };
            if (std::none_of(required.begin(), required.end(), same) &&
                std::none_of(out.begin(), out.end(), same) && out.size() < 8) {
                out.push_back(tag);
            }
        }
        return out;
    }

private:
    std::size_t freq(const std::string& s) const {
        const auto it = freq_.find(s);
        return it == freq_.end() ? 0 : it->second;
    }

    double bonus(const std::string& s) const {
        return 0.5 * static_cast<double>(std::min<std::size_t>(freq(s), 5));
    }

    bool eligible(const std::string& lower, const std::string& s, bool acronym) const {
        if (lower.size() < 3 && !acronym) {
            return false;
        }
        return !keywords(lower).empty() && !generic(s) && !company_.contains(s) &&
               std::isdigit(static_cast<unsigned char>(lower[0])) == 0 && !function_word(lower);
    }

    void compound(const std::string& word, double base) {
        std::vector<std::string> parts;
        std::string lower = text::ascii_lower(word);
        std::size_t start = 0;
        while (start <= lower.size()) {
            auto end = lower.find('-', start);
            end = end == std::string::npos ? lower.size() : end;
            parts.push_back(lower.substr(start, end - start));
            start = end + 1;
        }
        if (parts.size() != 2 || std::any_of(parts.begin(), parts.end(), [](const auto& p) {
                return p.size() < 3 || std::isalpha(static_cast<unsigned char>(p[0])) == 0;
            })) {
            return;
        }
        const auto n =
            occurrences(kb_lower_, lower) + occurrences(kb_lower_, parts[0] + " " + parts[1]);
        if (n > 0) {
            add(parts[0] + parts[1], camel_hashtag(parts).substr(1),
                base + 0.5 * static_cast<double>(std::min<std::size_t>(n, 5)));
        }
    }

    void add(const std::string& key, std::string display, double score) {
        auto& t = terms_[key];
        if (t.display.empty() || score > t.score) {
            t.display = std::move(display);
            t.score = std::max(t.score, score);
        }
    }

    std::string kb_lower_;
    std::map<std::string, std::size_t> freq_;
    std::set<std::string> anchors_;
    std::map<std::string, std::string> surface_;
    std::set<std::string> company_;
    std::map<std::string, Term> terms_;
    std::set<std::string> boosted_;
};

}  // namespace

std::vector<std::string> hashtag_candidates(const Brief& brief, const std::vector<Fact>& facts,
                                            std::string_view company, std::string_view one_liner) {
    Scorer scorer(facts, company);
    for (const auto& w : raw_tokens(brief.prompt)) {
        scorer.prompt_word(w, 3.0);
    }
    scorer.bigrams(brief.prompt);
    scorer.bigrams(brief.audience);
    scorer.kb_terms();
    scorer.one_liner(one_liner);
    return scorer.ranked(brief.brand.required_hashtags);
}

}  // namespace swarm::core::agents
