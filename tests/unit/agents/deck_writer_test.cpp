// The built-in deck writer over generated fact sheets: random subsets of topics present or absent,
// 0-40 facts, in English, Spanish, German and French. Properties: no blank slide, a short deck
// carries a note and never asks for what the sheet has, every bullet comes from a fact of its
// slide's topic, the team slide holds only people, titles are in the sheet's language, and a
// sheet that supports fewer than four sections fails with the reason.
#include "core/agents/offline_writers.hpp"
#include "core/text/language.hpp"
#include "core/text/phrasebook.hpp"
#include "core/validate/deck_rules.hpp"
#include "core/validate/rules.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

using text::Phrase;

struct Pool {
    FactTopic topic;
    Phrase title;
    Phrase missing;
    std::map<std::string, std::vector<std::string>> facts;  // by language
};

// Facts of each kind, written as companies write them, in four languages.
const std::vector<Pool>& pools() {
    static const std::vector<Pool> p{
        {FactTopic::kProblem,
         Phrase::kSlideProblem,
         Phrase::kAddProblem,
         {{"en",
           {"Dispatchers lose 2 hours a day re-planning routes by phone.",
            "1 in 5 service windows is missed when plans go stale."}},
          {"es",
           {"Los coordinadores pierden 2 horas al día replanificando rutas por teléfono.",
            "Una de cada 5 visitas se pierde cuando el plan queda obsoleto."}},
          {"de",
           {"Disponenten verlieren täglich 2 Stunden mit Umplanen am Telefon.",
            "Jeder fünfte Termin wird verpasst, wenn Pläne veralten."}},
          {"fr",
           {"Les planificateurs perdent 2 heures par jour à replanifier par téléphone.",
            "Une intervention sur 5 est manquée quand le planning vieillit."}}}},
        {FactTopic::kSolution,
         Phrase::kSlideSolution,
         Phrase::kAddSolution,
         {{"en", {"Fieldnote re-plans the whole day when a job runs late."}},
          {"es", {"Fieldnote replanifica toda la jornada cuando un trabajo se retrasa."}},
          {"de", {"Fieldnote plant den ganzen Tag neu, wenn ein Auftrag länger dauert."}},
          {"fr", {"Fieldnote replanifie toute la journée quand une intervention déborde."}}}},
        {FactTopic::kProduct,
         Phrase::kSlideProduct,
         Phrase::kAddProduct,
         {{"en",
           {"Smart Dispatch assigns jobs by skill and distance.",
            "The mobile app works offline in basements."}},
          {"es",
           {"Smart Dispatch asigna trabajos por habilidad y distancia.",
            "La aplicación móvil funciona sin conexión en sótanos."}},
          {"de",
           {"Smart Dispatch vergibt Aufträge nach Können und Entfernung.",
            "Die mobile App funktioniert offline im Keller."}},
          {"fr",
           {"Smart Dispatch attribue les interventions selon les compétences.",
            "L'application mobile fonctionne hors ligne en sous-sol."}}}},
        {FactTopic::kMarket,
         Phrase::kSlideMarket,
         Phrase::kAddMarket,
         {{"en", {"The field service software market is $5.1B, growing 11% a year."}},
          {"es", {"El mercado de software de servicios de campo es de 5.100 millones de dólares."}},
          {"de", {"Der Markt für Außendienstsoftware umfasst 5,1 Mrd. Dollar."}},
          {"fr", {"Le marché des logiciels d'intervention pèse 5,1 milliards de dollars."}}}},
        {FactTopic::kPricing,
         Phrase::kSlideBusinessModel,
         Phrase::kAddBusinessModel,
         {{"en", {"Pricing is $39 per technician per month, billed annually."}},
          {"es", {"El precio es de 39 dólares por técnico, con facturación anual."}},
          {"de", {"Der Preis beträgt 39 Dollar pro Techniker, jährlich abgerechnet."}},
          {"fr", {"Le prix est de 39 dollars par technicien, facturé chaque année."}}}},
        {FactTopic::kTraction,
         Phrase::kSlideTraction,
         Phrase::kAddTraction,
         {{"en", {"120 companies use Fieldnote every day.", "Repeat truck rolls fell 38%."}},
          {"es",
           {"120 empresas usan Fieldnote cada día.", "Las visitas repetidas bajaron un 38%."}},
          {"de",
           {"120 Unternehmen nutzen Fieldnote täglich.", "Wiederholte Einsätze sanken um 38%."}},
          {"fr",
           {"120 entreprises utilisent Fieldnote chaque jour.",
            "Les déplacements répétés ont baissé de 38%."}}}},
        {FactTopic::kCompetition,
         Phrase::kSlideCompetition,
         Phrase::kAddCompetition,
         {{"en", {"Jobber and ServiceTitan plan the day once and never re-plan."}},
          {"es", {"Jobber y ServiceTitan planifican el día una vez y no lo rehacen."}},
          {"de", {"Jobber und ServiceTitan planen den Tag einmal und nie neu."}},
          {"fr",
           {"Jobber et ServiceTitan planifient la journée une fois, sans jamais la refaire."}}}},
        {FactTopic::kTeam,
         Phrase::kSlideTeam,
         Phrase::kAddTeam,
         {{"en",
           {"Maria Lopez, CEO, ran dispatch at DHL for ten years.",
            "Tom Becker - CTO, ex-Google Maps."}},
          {"es",
           {"María López, directora general, dirigió la logística de DHL.",
            "Tomás Ruiz - cofundador y director técnico."}},
          {"de",
           {"Maria Lopez, Geschäftsführerin, leitete die Disposition bei DHL.",
            "Tom Becker - Mitgründer und CTO."}},
          {"fr",
           {"Maria Lopez, directrice générale, a dirigé la logistique chez DHL.",
            "Tom Becker - cofondateur et CTO."}}}},
        {FactTopic::kAsk,
         Phrase::kSlideAsk,
         Phrase::kAddAsk,
         {{"en", {"We are raising $4M to expand into Germany."}},
          {"es", {"Estamos levantando 4 millones en una ronda de financiación."}},
          {"de", {"Wir sammeln 4 Mio. Euro in einer Finanzierungsrunde ein."}},
          {"fr", {"Nous levons 4 millions d'euros pour ouvrir l'Allemagne."}}}},
    };
    return p;
}

struct Variant {
    std::string lang;
    FactSheet sheet;
    std::set<FactTopic> present;
    std::map<std::string, FactTopic> meant;  // fact text -> the topic it was written for
};

Variant generate(std::mt19937& rng) {
    Variant v;
    v.lang = std::string(text::kLanguages[rng() % text::kLanguages.size()]);
    std::vector<std::pair<const Pool*, std::string>> all;
    for (const auto& pool : pools()) {
        if (rng() % 3 != 0) {  // about two topics in three present
            for (const auto& f : pool.facts.at(v.lang)) {
                all.emplace_back(&pool, f);
            }
        }
    }
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(std::min<std::size_t>(all.size(), rng() % 41));
    v.sheet.company_name = "Fieldnote";
    for (std::size_t i = 0; i < all.size(); ++i) {
        Fact f;
        const Pool& pool = *all[i].first;
        f.topic = pool.topic;
        f.text = all[i].second;
        f.heading = "Company > " + std::string(text::phrase(v.lang, pool.title));
        if (rng() % 3 == 0) {
            f.topic = FactTopic::kCompany;  // research could not place it: the heading tells
        }
        v.meant[f.text] = pool.topic;
        f.order = i;
        f.passage_id = "p" + std::to_string(i);
        f.document = "kb.md";
        for (const auto& word : {"2", "5", "38%", "120", "$4M", "$39", "$5.1B", "4"}) {
            if (f.text.find(word) != std::string::npos) {
                f.numbers.emplace_back(word);
            }
        }
        v.present.insert(pool.topic);
        v.sheet.facts.push_back(std::move(f));
    }
    return v;
}

const Pool* pool_of_title(const std::string& lang, const std::string& title) {
    for (const auto& pool : pools()) {
        if (text::phrase(lang, pool.title) == title) {
            return &pool;
        }
    }
    return nullptr;
}

const Fact* source_of_bullet(const FactSheet& sheet, std::string bullet) {
    while (!bullet.empty() && (bullet.back() == '.' || bullet.back() == ' ')) {
        bullet.pop_back();
    }
    for (const auto& f : sheet.facts) {
        if (f.text.find(bullet) != std::string::npos) {
            return &f;
        }
    }
    return nullptr;
}

TEST(DeckWriter, GeneratedSheetsGiveDecksWithoutBlankOrMisfiledSlides) {
    std::mt19937 rng(2026);
    int decks = 0;
    int refused = 0;
    for (int round = 0; round < 400; ++round) {
        const Variant v = generate(rng);
        Brief brief;
        brief.prompt = "Pitch deck";
        // Half the briefs name their language; the others leave it to detection from the facts.
        brief.language = round % 2 == 0 ? v.lang : "";
        brief.brand.name = "Fieldnote";
        const auto item = agents::make_deck_writer()->write(
            WriterInput{brief, v.sheet, spec(Platform::kPitchDeck)});
        const std::size_t sections = v.present.size();
        SCOPED_TRACE(v.lang + " round " + std::to_string(round) + ", topics " +
                     std::to_string(sections));
        if (!item) {
            ++refused;
            EXPECT_LT(sections, 4U) << item.error().message;
            EXPECT_FALSE(item.error().message.empty());
            continue;
        }
        ++decks;
        EXPECT_GE(sections, 4U);
        const auto& parts = item->parts;
        ASSERT_GE(parts.size(), 5U);
        EXPECT_LE(parts.size(), 12U);
        const bool noted =
            std::any_of(item->quality.issues.begin(), item->quality.issues.end(),
                        [](const Issue& i) { return i.code == "writer.deck_sections"; });
        EXPECT_TRUE(parts.size() >= 10 || noted);
        std::string notes;
        for (const auto& i : item->quality.issues) {
            notes += i.message;
        }
        for (const auto& pool : pools()) {
            // Never "add X" when X is in the documents (the product slide may merge into solution).
            if (v.present.count(pool.topic) != 0 && pool.topic != FactTopic::kProduct) {
                EXPECT_EQ(notes.find(text::phrase(v.lang, pool.missing)), std::string::npos)
                    << notes;
            }
        }
        for (std::size_t i = 1; i < parts.size(); ++i) {
            EXPECT_FALSE(parts[i].bullets.empty()) << "blank slide " << parts[i].title;
            const Pool* pool = pool_of_title(v.lang, parts[i].title);
            const bool closing = parts[i].title == text::phrase(v.lang, Phrase::kSlideNextSteps);
            const bool financials =
                parts[i].title == text::phrase(v.lang, Phrase::kSlideFinancials);
            EXPECT_TRUE(pool != nullptr || closing || financials)
                << "title not in the brief's language: " << parts[i].title;
            if (pool == nullptr) {
                continue;
            }
            for (const auto& bullet : parts[i].bullets) {
                const Fact* f = source_of_bullet(v.sheet, bullet);
                ASSERT_NE(f, nullptr) << bullet;
                const FactTopic meant = v.meant.at(f->text);
                const bool merged =
                    pool->topic == FactTopic::kSolution && meant == FactTopic::kProduct;
                EXPECT_TRUE(meant == pool->topic || merged) << bullet << " on " << parts[i].title;
                if (pool->topic == FactTopic::kTeam) {
                    EXPECT_TRUE(validate::looks_like_person(bullet)) << bullet;
                }
            }
        }
        std::vector<Issue> issues;
        validate::check_deck(*item, issues);
        for (const auto& issue : issues) {
            EXPECT_NE(issue.code, "deck.blank_slide") << issue.message;
            EXPECT_NE(issue.code, "deck.misfiled") << issue.message;
            EXPECT_NE(issue.code, "deck.slide_count") << issue.message;
        }
    }
    EXPECT_GT(decks, 100);
    EXPECT_GT(refused, 10);
}

TEST(DeckWriter, TheAskUsesTheAmountTheDocumentsStateWhateverItsTopic) {
    FactSheet sheet;
    sheet.company_name = "Fieldnote";
    const std::vector<std::pair<FactTopic, std::string>> facts{
        {FactTopic::kProblem, "Dispatchers lose 2 hours a day to re-planning."},
        {FactTopic::kSolution, "Fieldnote re-plans the day when a job runs late."},
        {FactTopic::kTraction, "120 companies use Fieldnote every day."},
        {FactTopic::kCompany, "Founded in 2021, we are raising $4M to expand into Germany."},
        {FactTopic::kTeam, "Maria Lopez, CEO, ran dispatch at DHL."},
        {FactTopic::kTeam, "The team has 14 engineers in Lisbon."},
        {FactTopic::kPricing, "Pricing is $39 per technician per month."},
    };
    for (std::size_t i = 0; i < facts.size(); ++i) {
        Fact f;
        f.topic = facts[i].first;
        f.text = facts[i].second;
        f.order = i;
        sheet.facts.push_back(f);
    }
    Brief brief;
    brief.prompt = "Investor deck";
    const auto item =
        agents::make_deck_writer()->write(WriterInput{brief, sheet, spec(Platform::kPitchDeck)});
    ASSERT_TRUE(item) << item.error().message;
    const auto ask = std::find_if(item->parts.begin(), item->parts.end(),
                                  [](const Part& p) { return p.title == "The ask"; });
    ASSERT_NE(ask, item->parts.end());
    ASSERT_EQ(ask->bullets.size(), 1U);
    EXPECT_NE(ask->bullets.front().find("$4M"), std::string::npos);
    for (const auto& issue : item->quality.issues) {
        EXPECT_EQ(issue.message.find("amount being raised"), std::string::npos) << issue.message;
    }
    const auto team = std::find_if(item->parts.begin(), item->parts.end(),
                                   [](const Part& p) { return p.title == "Team"; });
    ASSERT_NE(team, item->parts.end());
    EXPECT_EQ(team->bullets, std::vector<std::string>{"Maria Lopez, CEO, ran dispatch at DHL."});
}

TEST(DeckWriter, FoundersNamedInASentenceBecomePeopleOnTheTeamSlide) {
    FactSheet sheet;
    const std::vector<std::pair<FactTopic, std::string>> facts{
        {FactTopic::kProblem, "Bakers often start at 3 a.m. to prepare dough by hand."},
        {FactTopic::kSolution, "Breadbot kneads and shapes dough overnight."},
        {FactTopic::kTraction, "Twelve bakeries in Portland use Breadbot every morning."},
        {FactTopic::kTeam,
         "Breadbot was founded by Ana Silva, a pastry chef, and Tom Berg, a "
         "robotics engineer."},
    };
    for (std::size_t i = 0; i < facts.size(); ++i) {
        Fact f;
        f.topic = facts[i].first;
        f.text = facts[i].second;
        f.order = i;
        sheet.facts.push_back(f);
    }
    Brief brief;
    brief.prompt = "Investor deck";
    brief.brand.name = "Breadbot";
    const auto item =
        agents::make_deck_writer()->write(WriterInput{brief, sheet, spec(Platform::kPitchDeck)});
    ASSERT_TRUE(item) << item.error().message;
    const auto team = std::find_if(item->parts.begin(), item->parts.end(),
                                   [](const Part& p) { return p.title == "Team"; });
    ASSERT_NE(team, item->parts.end());
    EXPECT_EQ(team->bullets,
              (std::vector<std::string>{"Ana Silva, pastry chef", "Tom Berg, robotics engineer"}));
}

}  // namespace
}  // namespace swarm::core
