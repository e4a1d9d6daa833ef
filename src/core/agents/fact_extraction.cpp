// Fact extraction: splits a passage into list items and prose sentences and gives each a topic,
// from the heading first and from its wording when the heading only says "company".
#include "core/agents/research.hpp"
#include "core/agents/text_tools.hpp"
#include "core/knowledge/statement_roles.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <span>

namespace swarm::core {
namespace {

struct TopicRule {
    FactTopic topic;
    std::string_view words;  // '|'-separated keywords, matched at word starts
};

// Heading rules: checked on the last heading segment first, then on the whole path. Each rule
// lists English, Spanish, German and French words: a topic is a topic in any language.
constexpr auto kHeadingRules = std::to_array<TopicRule>({
    {FactTopic::kBusinessModel,
     "business model|revenue model|unit economics|economics|monetiz*|monetis*|modelo de negocio|"
     "geschäftsmodell|erlösmodell|modèle économique|modèle d'affaires"},
    {FactTopic::kPricing,
     "pricing|price|plan|precio*|tarifa*|preis*|tarif*|prix|abonnement|suscripción"},
    {FactTopic::kCompetition,
     "competition|competitor|competitive|alternative|landscape|comparison|versus|competencia|"
     "competidores|wettbewerb*|konkurrenz|concurrence|concurrents"},
    {FactTopic::kProblem,
     "problem|pain|challenge|why now|problema|reto|desafío|herausforderung|"
     "problème|défi|pourquoi"},
    {FactTopic::kSolution,
     "solution|how it works|approach|solución|cómo funciona|lösung|so funktioniert|"
     "comment ça marche|notre approche"},
    {FactTopic::kTraction,
     "traction|growth|metric|result|milestone|customer|tracción|"
     "crecimiento|resultados|clientes|cifras|wachstum|ergebnisse|kunden|"
     "kennzahlen|zahlen|croissance|résultats|clients|chiffres"},
    {FactTopic::kMarket,
     "market|opportunity|industry|tam|mercado|oportunidad|sector|markt|"
     "marktchance|branche|marché|opportunité"},
    {FactTopic::kTeam,
     "team|founder|leadership|people|advisor|equipo|fundadores|gründer*|"
     "équipe|fondateurs|direction"},
    {FactTopic::kAsk,
     "ask|fundrais*|funding|raise|raising|investment|use of funds|round|"
     "inversión|financiación|ronda|finanzierung*|investition*|kapital*|"
     "levée de fonds|financement|investissement"},
    {FactTopic::kProduct,
     "product|feature|platform|technology|integration|app|producto|"
     "funciones|servicio*|produkt*|funktion*|leistung*|produit*|"
     "fonctionnalités|service*"},
    {FactTopic::kCompany,
     "overview|about|mission|company|faq|vision|story|introduction|"
     "empresa|sobre nosotros|quiénes somos|historia|unternehmen|über uns|"
     "geschichte|entreprise|à propos|qui sommes|histoire"},
});

// Sentence rules: only for facts whose heading says nothing more specific than "company".
constexpr auto kSentenceRules = std::to_array<TopicRule>({
    {FactTopic::kTeam,
     "ceo|cto|coo|cfo|founder|co-founder|founded|employee|head of|fundad*|"
     "cofundador*|empleados|gegründet|gründer*|mitarbeiter*|fondé*|"
     "fondateur*|salariés|employés"},
    {FactTopic::kAsk,
     "raising|series a|seed round|use of funds|pre-seed|ronda de|"
     "finanzierungsrunde|levée de fonds|serie a"},
    {FactTopic::kTraction,
     "paying|arr|recurring revenue|retention|churn|signed|ventas|"
     "facturación|suscriptores|umsatz|kunden|chiffre d'affaires|ventes"},
    {FactTopic::kMarket, "market|tam|addressable|mercado|markt|marché"},
    {FactTopic::kPricing,
     "per month|pricing|free trial|per user|per seat|subscription|al mes|"
     "pro monat|par mois|cuesta|kostet|coûte"},
    {FactTopic::kCompetition,
     "competitor|compared to|unlike|alternative|a diferencia de|"
     "im gegensatz zu|contrairement à"},
    {FactTopic::kProblem,
     "problem|struggl*|waste|pain|frustrat*|problema|pierden|"
     "verlieren|perdent|problème"},
    {FactTopic::kProduct, "feature|integrat*|offline|encrypted|api|app"},
});

bool is_alnum_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// True when `keyword` occurs in `lower` as a whole word (a plural "s"/"es" allowed), or at the
// start of a word when it ends with '*' ("fundrais*" matches "fundraise" and "fundraising").
bool has_keyword(std::string_view lower, std::string_view keyword) {
    const bool prefix = keyword.ends_with('*');
    if (prefix) {
        keyword.remove_suffix(1);
    }
    const auto ends_word = [&](std::size_t at) {
        return at >= lower.size() || !is_alnum_byte(lower[at]);
    };
    for (auto pos = lower.find(keyword); pos != std::string_view::npos;
         pos = lower.find(keyword, pos + 1)) {
        if (pos > 0 && is_alnum_byte(lower[pos - 1])) {
            continue;
        }
        const std::size_t after = pos + keyword.size();
        const std::string_view rest = lower.substr(after);
        const std::size_t plural = rest.starts_with("es") ? 2 : rest.starts_with("s") ? 1 : 0;
        if (prefix || ends_word(after) || (plural > 0 && ends_word(after + plural))) {
            return true;
        }
    }
    return false;
}

std::optional<FactTopic> match_rules(std::span<const TopicRule> rules, std::string_view text) {
    const std::string lower = text::ascii_lower(text);
    for (const auto& rule : rules) {
        std::string_view words = rule.words;
        while (!words.empty()) {
            const auto bar = words.find('|');
            if (has_keyword(lower, words.substr(0, bar))) {
                return rule.topic;
            }
            words = bar == std::string_view::npos ? std::string_view{} : words.substr(bar + 1);
        }
    }
    return std::nullopt;
}

bool is_list_item(std::string_view line) {
    if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") ||
        line.starts_with("\u2022 ")) {
        return true;
    }
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0) {
        ++digits;
    }
    return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
           line[digits + 1] == ' ';
}

struct Unit {
    std::string text;
    bool from_list = false;
};

// Splits Markdown-ish text into list items (whole) and prose sentences, skipping headings.
// The cells of a Markdown table row ("| Starter | $29 | up to 10 |"), trimmed, markup removed.
std::vector<std::string> table_cells(std::string_view line) {
    std::vector<std::string> cells;
    if (line.starts_with("|")) {
        line.remove_prefix(1);
    }
    if (line.ends_with("|")) {
        line.remove_suffix(1);
    }
    std::size_t start = 0;
    while (start <= line.size()) {
        const auto bar = std::min(line.find('|', start), line.size());
        cells.push_back(agents::clean_markup(text::trim(line.substr(start, bar - start))));
        start = bar + 1;
    }
    return cells;
}

bool is_separator_row(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
        return !c.empty() && c.find_first_not_of("-: ") == std::string::npos;
    });
}

// A table row as one fact: "Customers: 18,500" for two columns, else "Starter: Price $29,
// Technicians up to 10" with the header's names. The header row itself says nothing.
std::string row_fact(const std::vector<std::string>& header, const std::vector<std::string>& row) {
    if (row.size() < 2 || row.front().empty()) {
        return {};
    }
    std::string out = row.front() + ": ";
    for (std::size_t i = 1; i < row.size(); ++i) {
        if (row[i].empty()) {
            continue;
        }
        const bool named = row.size() > 2 && i < header.size() && !header[i].empty();
        out += (i > 1 ? ", " : "") + (named ? header[i] + " " : std::string()) + row[i];
    }
    return out;
}

bool is_table_row(std::string_view line) {
    return !line.empty() && (line.front() == '|' ||
                             (line.find(" | ") != std::string_view::npos && is_list_item(line)));
}

/// Reads a passage line by line into units: paragraphs split into sentences, list items (with
/// their indented continuation lines) and table rows as label: value facts.
class UnitReader {
public:
    void line(std::string_view raw) {
        const std::string_view line = text::trim(raw);
        if (is_table_row(line)) {
            flush();
            table_row(line);
        } else if (line.empty() || line.front() == '#' || line.starts_with("---")) {
            flush();
            header_.clear();
        } else if (paragraph_.empty() && item_.empty() && knowledge::is_heading_line(line)) {
            flush();  // "About Brewline" on its own line in a text file: a heading, not prose
        } else if (is_list_item(line)) {
            flush();
            item_ = std::string(line);
        } else if (!item_.empty() && (raw.starts_with(" ") || raw.starts_with("\t"))) {
            item_ += " ";
            item_ += line;
        } else {
            if (!item_.empty()) {
                flush();
            }
            paragraph_ += paragraph_.empty() ? "" : " ";
            paragraph_ += line;
        }
    }

    std::vector<Unit> finish() {
        flush();
        return std::move(units_);
    }

private:
    void flush() {
        if (!item_.empty()) {
            units_.push_back({agents::clean_markup(item_), true});
            item_.clear();
        }
        if (!paragraph_.empty()) {
            for (auto& s : agents::split_sentences(agents::clean_markup(paragraph_))) {
                units_.push_back({std::move(s), false});
            }
            paragraph_.clear();
        }
    }

    // Table rows (and "- a | b" rows of converted documents) become label: value facts.
    void table_row(std::string_view line) {
        const std::string_view row_text =
            line.front() == '|' ? line : text::trim(line.substr(line.find(' ')));
        const auto cells = table_cells(row_text);
        if (is_separator_row(cells)) {
            return;
        }
        if (header_.empty() && line.front() == '|') {
            header_ = cells;
            return;
        }
        if (auto fact = row_fact(header_, cells); !fact.empty()) {
            units_.push_back({std::move(fact), true});
        }
    }

    std::vector<Unit> units_;
    std::string paragraph_;
    std::string item_;
    std::vector<std::string> header_;  // the current table's first row
};

std::vector<Unit> text_units(std::string_view text) {
    UnitReader reader;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        reader.line(text.substr(start, end - start));
        start = end + 1;
    }
    return reader.finish();
}

bool usable_unit(const std::string& s) {
    const std::size_t words = agents::count_words(s);
    const bool has_number = !agents::extract_numbers(s).empty();
    if (words < 3 && !(words == 2 && has_number)) {
        return false;
    }
    return !s.ends_with("?") && !s.ends_with(":") && s.size() <= 600;
}

}  // namespace

namespace agents {

std::optional<FactTopic> topic_of_heading(std::string_view heading) {
    const auto last = heading.rfind(" > ");
    const std::string_view tail =
        last == std::string_view::npos ? heading : heading.substr(last + 3);
    if (auto t = match_rules(kHeadingRules, tail)) {
        return t;
    }
    return match_rules(kHeadingRules, heading);
}

std::vector<Fact> extract_facts(const Passage& passage) {
    const auto heading_topic = topic_of_heading(passage.heading);
    std::vector<Fact> facts;
    // Under a heading that asks ("## Who will I talk to?"), the first sentence is its answer.
    bool after_question = passage.heading.ends_with("?");
    for (auto& unit : text_units(passage.text)) {
        const knowledge::StatementContext context{passage.document, passage.heading,
                                                  after_question};
        after_question = unit.text.ends_with("?");
        if (after_question) {
            continue;  // a question is never a fact; it marks the next unit as its answer
        }
        auto role = knowledge::classify_statement(unit.text, context);
        // "No. The app only adds recipes.": what follows a bare yes or no answers the question
        // too, and means nothing without it.
        after_question = context.after_question && knowledge::is_bare_answer(unit.text);
        if (role == knowledge::StatementRole::kFact) {
            unit.text = knowledge::strip_dateline(unit.text);
            if (context.after_question) {
                unit.text = knowledge::standalone_answer(unit.text);
            }
        }
        if (role == knowledge::StatementRole::kFact && !usable_unit(unit.text)) {
            continue;
        }
        Fact f;
        f.role = role;
        f.numbers = extract_numbers(unit.text);
        f.topic = heading_topic.value_or(FactTopic::kCompany);
        if (!heading_topic || *heading_topic == FactTopic::kCompany) {
            const auto by_words = match_rules(kSentenceRules, unit.text);
            f.topic = by_words.value_or(heading_topic || f.numbers.empty() ? FactTopic::kCompany
                                                                           : FactTopic::kNumbers);
        }
        f.text = std::move(unit.text);
        f.from_list = unit.from_list;
        f.passage_id = passage.id;
        f.document = passage.document;
        f.heading = passage.heading;
        facts.push_back(std::move(f));
    }
    return facts;
}

}  // namespace agents
}  // namespace swarm::core
