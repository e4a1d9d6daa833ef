#include "core/text/phrasebook.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace swarm::core::text {
namespace {

using Row = std::array<std::string_view, 4>;  // en, es, de, fr (the order of kLanguages)

// One row per Phrase, in enum order; static_assert below keeps the two in step.
constexpr std::array<Row, static_cast<std::size_t>(Phrase::kCount)> kTable{{
    {"Problem", "Problema", "Problem", "Problème"},
    {"Solution", "Solución", "Lösung", "Solution"},
    {"Product", "Producto", "Produkt", "Produit"},
    {"Market", "Mercado", "Markt", "Marché"},
    {"Business model", "Modelo de negocio", "Geschäftsmodell", "Modèle économique"},
    {"Traction", "Tracción", "Traktion", "Traction"},
    {"Competition", "Competencia", "Wettbewerb", "Concurrence"},
    {"Team", "Equipo", "Team", "Équipe"},
    {"Financials", "Finanzas", "Finanzen", "Finances"},
    {"The ask", "Ronda de financiación", "Finanzierungsbedarf", "Levée de fonds"},
    {"Company", "Empresa", "Unternehmen", "Entreprise"},
    {"Next steps", "Próximos pasos", "Nächste Schritte", "Prochaines étapes"},
    {"Contact", "Contacto", "Kontakt", "Contact"},
    {"{} pitch deck", "Presentación para inversores de {}", "{} Pitch Deck",
     "Présentation investisseurs de {}"},
    {"the customer problem and what it costs", "el problema del cliente y lo que le cuesta",
     "das Problem der Kunden und was es sie kostet", "le problème du client et ce qu'il lui coûte"},
    {"how the product solves the problem", "cómo resuelve el producto el problema",
     "wie das Produkt das Problem löst", "comment le produit résout le problème"},
    {"the product's main features", "las funciones principales del producto",
     "die wichtigsten Funktionen des Produkts", "les principales fonctionnalités du produit"},
    {"market size figures (TAM, SAM, SOM)", "cifras del tamaño del mercado (TAM, SAM, SOM)",
     "Zahlen zur Marktgröße (TAM, SAM, SOM)",
     "des chiffres sur la taille du marché (TAM, SAM, SOM)"},
    {"how the company makes money (pricing, margins)",
     "cómo gana dinero la empresa (precios, márgenes)",
     "wie das Unternehmen Geld verdient (Preise, Margen)",
     "comment l'entreprise gagne de l'argent (prix, marges)"},
    {"customer, revenue or growth figures", "cifras de clientes, ingresos o crecimiento",
     "Kunden-, Umsatz- oder Wachstumszahlen",
     "des chiffres de clients, de revenus ou de croissance"},
    {"competitors and how the company differs",
     "los competidores y en qué se diferencia la empresa",
     "die Wettbewerber und worin sich das Unternehmen unterscheidet",
     "les concurrents et ce qui distingue l'entreprise"},
    {"the founders and key team members (name and role)",
     "los fundadores y las personas clave del equipo (nombre y cargo)",
     "die Gründer und wichtigsten Teammitglieder (Name und Rolle)",
     "les fondateurs et les membres clés de l'équipe (nom et rôle)"},
    {"revenue, margins, burn and projections", "ingresos, márgenes, consumo de caja y proyecciones",
     "Umsatz, Margen, Burn-Rate und Prognosen",
     "le chiffre d'affaires, les marges, la consommation de trésorerie et les projections"},
    {"the amount being raised and the use of funds",
     "el importe que se busca y el uso de los fondos",
     "die angestrebte Summe und die Verwendung der Mittel",
     "le montant recherché et l'utilisation des fonds"},
    {"a one-line description of the company", "una descripción de la empresa en una línea",
     "eine Beschreibung des Unternehmens in einem Satz",
     "une description de l'entreprise en une ligne"},
    {"the company's name", "el nombre de la empresa", "den Namen des Unternehmens",
     "le nom de l'entreprise"},
    {"contact details", "los datos de contacto", "Kontaktdaten", "les coordonnées"},
    {"The documents support {} of the deck's sections; to complete it, add to the knowledge base: "
     "{}.",
     "Los documentos cubren {} secciones de la presentación; para completarla, añada a la base de "
     "conocimiento: {}.",
     "Die Dokumente decken {} Abschnitte des Decks ab; um es zu vervollständigen, ergänzen Sie in "
     "der Wissensdatenbank: {}.",
     "Les documents couvrent {} sections de la présentation ; pour la compléter, ajoutez à la base "
     "de connaissances : {}."},
    {"The documents support only {} of the deck's sections; add to the knowledge base: {}.",
     "Los documentos solo cubren {} secciones de la presentación; añada a la base de "
     "conocimiento: {}.",
     "Die Dokumente decken nur {} Abschnitte des Decks ab; ergänzen Sie in der Wissensdatenbank: "
     "{}.",
     "Les documents ne couvrent que {} sections de la présentation ; ajoutez à la base de "
     "connaissances : {}."},
    {"Close with the call to action: {}", "Cierre con la llamada a la acción: {}",
     "Schließen Sie mit der Handlungsaufforderung: {}", "Terminez par l'appel à l'action : {}"},
    {"Us", "Nosotros", "Wir", "Nous"},
    {"Alternatives", "Alternativas", "Alternativen", "Alternatives"},
    {"Not shown on the slide:", "No se muestra en la diapositiva:", "Nicht auf der Folie:",
     "Non affiché sur la diapositive :"},
    {"Not shown on the title slide:", "No se muestra en la portada:", "Nicht auf der Titelfolie:",
     "Non affiché sur la diapositive de titre :"},
    {"Not shown on the big-number slide:", "No se muestra en la diapositiva de la cifra clave:",
     "Nicht auf der Kennzahlenfolie:", "Non affiché sur la diapositive du chiffre clé :"},
    {"Social card for {}: \u201c{}\u201d", "Tarjeta social para {}: \u00ab{}\u00bb",
     "Social-Media-Karte für {}: \u201e{}\u201c",
     "Carte sociale pour {} : \u00ab\u00a0{}\u00a0\u00bb"},
    {" Key figure: {}.", " Cifra clave: {}.", " Kennzahl: {}.", " Chiffre clé : {}."},
    {" {} brand colours and name.", " Colores y nombre de la marca {}.",
     " Farben und Name der Marke {}.", " Couleurs et nom de la marque {}."},
    {"Slide {} of {}, \u201c{}\u201d", "Diapositiva {} de {}, \u00ab{}\u00bb",
     "Folie {} von {}, \u201e{}\u201c", "Diapositive {} sur {}, \u00ab\u00a0{}\u00a0\u00bb"},
    {": {} ({}) compared with {} ({})", ": {} ({}) frente a {} ({})",
     ": {} ({}) im Vergleich zu {} ({})", " : {} ({}) comparé à {} ({})"},
    {"The pitch deck as a PDF of {} pages: {}.", "La presentación en PDF de {} páginas: {}.",
     "Das Pitch Deck als PDF mit {} Seiten: {}.", "La présentation en PDF de {} pages : {}."},
    {"The pitch deck as an editable PowerPoint file of {} slides: {}.",
     "La presentación como archivo de PowerPoint editable de {} diapositivas: {}.",
     "Das Pitch Deck als bearbeitbare PowerPoint-Datei mit {} Folien: {}.",
     "La présentation en fichier PowerPoint modifiable de {} diapositives : {}."},
    {"Picture for the post \u201c{}\u201d.", "Imagen para la publicación \u00ab{}\u00bb.",
     "Bild zum Beitrag \u201e{}\u201c.", "Image pour la publication \u00ab\u00a0{}\u00a0\u00bb."},
    {"LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn"},
    {"X", "X", "X", "X"},
    {"the pitch deck", "la presentación para inversores", "das Pitch Deck",
     "la présentation investisseurs"},
    {"the post", "la publicación", "den Beitrag", "la publication"},
    {"By the numbers:", "En cifras:", "In Zahlen:", "En chiffres :"},
    {"Learn more.", "Más información.", "Mehr erfahren.", "En savoir plus."},
    {"Learn more about {}.", "Más información sobre {}.", "Mehr über {} erfahren.",
     "En savoir plus sur {}."},
    {"Thread continues", "El hilo continúa", "Der Thread geht weiter", "Suite du fil"},
    // A date follows: "desde el 1 de abril", "dès le 3 mars" read as the languages do.
    {"Available from {}", "Disponible desde el {}", "Erhältlich ab {}", "Disponible dès le {}"},
    {"Now available", "Ya disponible", "Jetzt erhältlich", "Disponible dès maintenant"},
    {"Introducing {}", "Presentamos {}", "Wir stellen vor: {}", "Découvrez {}"},
    {"Add {} before presenting.", "Añada {} antes de presentar.",
     "Ergänzen Sie {} vor der Präsentation.", "Ajoutez {} avant de présenter."},
}};

std::size_t column(std::string_view lang) {
    if (lang == "es") {
        return 1;
    }
    if (lang == "de") {
        return 2;
    }
    if (lang == "fr") {
        return 3;
    }
    return 0;
}

}  // namespace

std::string_view phrase(std::string_view lang, Phrase p) {
    const auto row = static_cast<std::size_t>(p);
    if (row >= kTable.size()) {
        return {};
    }
    return kTable[row][column(lang)];
}

std::string phrase_format(std::string_view lang, Phrase p,
                          std::initializer_list<std::string_view> args) {
    const std::string_view pattern = phrase(lang, p);
    std::string out;
    out.reserve(pattern.size() + 32);
    const auto* next = args.begin();
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const auto slot = pattern.find("{}", pos);
        if (slot == std::string_view::npos) {
            out.append(pattern.substr(pos));
            break;
        }
        out.append(pattern.substr(pos, slot - pos));
        if (next != args.end()) {
            out.append(*next++);
        }
        pos = slot + 2;
    }
    return out;
}

std::string phrase_format(std::string_view lang, Phrase p, std::string_view arg) {
    return phrase_format(lang, p, {arg});
}

std::size_t phrase_slots(std::string_view lang, Phrase p) {
    const std::string_view pattern = phrase(lang, p);
    std::size_t n = 0;
    for (auto pos = pattern.find("{}"); pos != std::string_view::npos;
         pos = pattern.find("{}", pos + 2)) {
        ++n;
    }
    return n;
}

}  // namespace swarm::core::text
