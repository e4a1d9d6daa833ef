// Language detection and the phrasebook: generated texts in each language (sentences shuffled,
// cut, mixed with figures and names) are detected; too little text falls back to English; every
// phrase exists in every language with the same "{}" slots.
#include "core/text/language.hpp"

#include "core/text/phrasebook.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::text {
namespace {

// Sentences of the kind company documents hold, per language.
const std::map<std::string, std::vector<std::string>>& corpus() {
    static const std::map<std::string, std::vector<std::string>> c{
        {"en",
         {"Our platform helps field teams finish more jobs on the first visit.",
          "We raised $4M to expand into new markets.",
          "The product is used by 120 companies across Europe.",
          "Customers save about 6 hours a week with the scheduling assistant.",
          "Pricing starts at $49 per technician per month.",
          "Maria Lopez, CEO, founded the company after ten years in logistics."}},
        {"es",
         {"Nuestra plataforma ayuda a los equipos de campo a terminar más trabajos en la primera "
          "visita.",
          "Hemos levantado 4 millones de euros para crecer en nuevos mercados.",
          "El producto lo usan 120 empresas en toda España y también en Portugal.",
          "Los clientes ahorran unas 6 horas por semana con el asistente de planificación.",
          "El precio empieza en 49 euros por técnico al mes.",
          "María López, directora general, fundó la empresa después de diez años en logística."}},
        {"de",
         {"Unsere Plattform hilft den Teams im Außendienst, mehr Aufträge beim ersten Besuch "
          "abzuschließen.",
          "Wir haben 4 Millionen Euro eingesammelt, um in neue Märkte zu wachsen.",
          "Das Produkt wird von 120 Unternehmen in Deutschland und der Schweiz genutzt.",
          "Kunden sparen mit dem Planungsassistenten etwa 6 Stunden pro Woche.",
          "Der Preis beginnt bei 49 Euro pro Techniker und Monat.",
          "Maria Lopez, Geschäftsführerin, hat das Unternehmen nach zehn Jahren in der Logistik "
          "gegründet."}},
        {"fr",
         {"Notre plateforme aide les équipes terrain à terminer plus d'interventions dès la "
          "première visite.",
          "Nous avons levé 4 millions d'euros pour nous développer sur de nouveaux marchés.",
          "Le produit est utilisé par 120 entreprises en France et en Belgique.",
          "Les clients gagnent environ 6 heures par semaine avec l'assistant de planification.",
          "Le prix commence à 49 euros par technicien et par mois.",
          "Maria Lopez, directrice générale, a fondé l'entreprise après dix ans dans la "
          "logistique."}},
    };
    return c;
}

TEST(Language, DetectsGeneratedTextsInEachLanguage) {
    std::mt19937 rng(11);
    const std::vector<std::string> noise{
        "Fieldnote", "TAM $2.1B", "ISO 27001",     "SaaS",
        "API",       "Q3 2025",   "#FieldService", "https://example.com"};
    for (const auto& [lang, sentences] : corpus()) {
        for (int variant = 0; variant < 60; ++variant) {
            auto pool = sentences;
            std::shuffle(pool.begin(), pool.end(), rng);
            // Two to six sentences, each followed by a few language-neutral tokens.
            const auto n = 2 + rng() % (pool.size() - 1);
            std::string text;
            for (std::size_t i = 0; i < n; ++i) {
                text += pool[i] + " " + noise[rng() % noise.size()] + " ";
            }
            EXPECT_EQ(detect_language(text), lang) << text;
        }
    }
}

TEST(Language, FallsBackToEnglishWhenUnsure) {
    for (const std::string text :
         {"", "Fieldnote", "TAM $2.1B SaaS API", "12 34 %", "Fieldnote Pro 2", "CEO CTO COO"}) {
        EXPECT_EQ(detect_language(text), "en") << text;
    }
}

TEST(Language, ResolvesTheBriefsOwnValueFirst) {
    const std::string spanish = corpus().at("es").front() + " " + corpus().at("es")[1];
    const std::vector<std::pair<std::string, std::string>> named{
        {"de", "de"},     {"DE-at", "de"},     {"fr_CA", "fr"},
        {"French", "fr"}, {" español ", "es"}, {"Deutsch", "de"},
        {"en-GB", "en"},  {"english", "en"},   {"Français", "fr"},
    };
    for (const auto& [value, want] : named) {
        EXPECT_EQ(resolve_language(value, spanish), want) << value;
    }
    // Not given or not supported: the sample decides.
    for (const std::string value : {"", "  ", "it", "klingon", "e"}) {
        EXPECT_EQ(resolve_language(value, spanish), "es") << value;
        EXPECT_EQ(normalize_language(value), "") << value;
    }
}

TEST(Phrasebook, EveryPhraseInEveryLanguageWithTheSameSlots) {
    for (int i = 0; i < static_cast<int>(Phrase::kCount); ++i) {
        const auto p = static_cast<Phrase>(i);
        for (const auto lang : kLanguages) {
            EXPECT_FALSE(phrase(lang, p).empty()) << i << " " << lang;
            EXPECT_EQ(phrase_slots(lang, p), phrase_slots("en", p)) << i << " " << lang;
        }
        EXPECT_EQ(phrase("it", p), phrase("en", p));  // unsupported: English
    }
}

TEST(Phrasebook, SlideTitlesAreTranslatedAndDistinct) {
    const std::vector<Phrase> titles{
        Phrase::kSlideProblem,     Phrase::kSlideSolution,      Phrase::kSlideProduct,
        Phrase::kSlideMarket,      Phrase::kSlideBusinessModel, Phrase::kSlideTraction,
        Phrase::kSlideCompetition, Phrase::kSlideTeam,          Phrase::kSlideFinancials,
        Phrase::kSlideAsk,         Phrase::kSlideNextSteps};
    for (const auto lang : kLanguages) {
        std::vector<std::string_view> seen;
        int differs = 0;
        for (const auto t : titles) {
            seen.push_back(phrase(lang, t));
            differs += phrase(lang, t) != phrase("en", t) ? 1 : 0;
        }
        std::sort(seen.begin(), seen.end());
        EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << lang;
        if (lang == "es") {
            EXPECT_EQ(differs, static_cast<int>(titles.size()));
        } else if (lang != "en") {
            EXPECT_GE(differs, static_cast<int>(titles.size()) / 2) << lang;
        }
    }
}

TEST(Phrasebook, FormatFillsSlotsInOrder) {
    EXPECT_EQ(phrase_format("en", Phrase::kLearnMoreAbout, "Fieldnote"),
              "Learn more about Fieldnote.");
    EXPECT_EQ(phrase_format("es", Phrase::kAltSlide, {"2", "10", "Equipo"}),
              "Diapositiva 2 de 10, \u00abEquipo\u00bb");
    EXPECT_EQ(phrase_format("de", Phrase::kAltSlide, {"2"}), "Folie 2 von , \u201e\u201c");
    EXPECT_EQ(phrase_format("fr", Phrase::kNowAvailable, {"ignored"}), "Disponible dès maintenant");
}

}  // namespace
}  // namespace swarm::core::text
