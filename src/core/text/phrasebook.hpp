// Every fixed string the product writes into content (slide titles, labels drawn on cards and
// slides, alt text, call-to-action scaffolding, notes) in each supported language (en, es, de, fr),
// so a Spanish brief never gets English labels.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace swarm::core::text {

enum class Phrase {
    // Deck slide titles, in investor order, then the cover's and the closing's.
    kSlideProblem,
    kSlideSolution,
    kSlideProduct,
    kSlideMarket,
    kSlideBusinessModel,
    kSlideTraction,
    kSlideCompetition,
    kSlideTeam,
    kSlideFinancials,
    kSlideAsk,
    kSlideCover,      // "Company": the cover's title when no brand name is known
    kSlideNextSteps,  // the closing slide
    kSlideContact,
    kPitchDeckTitle,  // "{} pitch deck"
    // What to add, per section, for a section the documents cannot support.
    kAddProblem,
    kAddSolution,
    kAddProduct,
    kAddMarket,
    kAddBusinessModel,
    kAddTraction,
    kAddCompetition,
    kAddTeam,
    kAddFinancials,
    kAddAsk,
    kAddOneLiner,
    kAddCompanyName,
    kAddContact,
    kDeckShorter,   // "The documents support {} of the deck's sections; to complete it, add: {}."
    kDeckTooThin,   // "The documents support only {} of the deck's sections; add: {}."
    kCloseWithCta,  // "Close with the call to action: {}"
    // Labels drawn on cards and slides.
    kColumnUs,
    kColumnAlternatives,
    kNotShown,           // "Not shown on the slide:"
    kNotShownTitle,      // "Not shown on the title slide:"
    kNotShownBigNumber,  // "Not shown on the big-number slide:"
    // Alt text.
    kAltSocialCard,    // "Social card for {}: “{}”"
    kAltKeyFigure,     // " Key figure: {}."
    kAltBrand,         // " {} brand colours and name."
    kAltSlide,         // "Slide {} of {}, “{}”"
    kAltComparedWith,  // ": {} ({}) compared with {} ({})"
    kAltDeckPdf,       // "The pitch deck as a PDF of {} pages: {}."
    kAltDeckPptx,      // "The pitch deck as an editable PowerPoint file of {} slides: {}."
    kAltPicture,       // "Picture for the post “{}”."
    kPlatformLinkedIn,
    kPlatformX,
    kPlatformDeck,  // "the pitch deck"
    kPlatformPost,  // "the post"
    // Writers' scaffolding.
    kByTheNumbers,    // "By the numbers:"
    kLearnMore,       // "Learn more."
    kLearnMoreAbout,  // "Learn more about {}."
    kThreadContinues,
    kAvailableFrom,  // "Available from {}"
    kNowAvailable,
    kIntroducing,          // "Introducing {}"
    kAddBeforePresenting,  // "Add {} before presenting."
    kCount,                // not a phrase: the number of phrases
};

/// The phrase in `lang` ("en", "es", "de", "fr"; anything else: English). Never empty.
std::string_view phrase(std::string_view lang, Phrase p);

/// The phrase with its "{}" slots filled in order; a missing argument leaves the slot empty and
/// extra arguments are ignored.
std::string phrase_format(std::string_view lang, Phrase p, std::string_view arg);
std::string phrase_format(std::string_view lang, Phrase p,
                          std::initializer_list<std::string_view> args);

/// The number of "{}" slots in the phrase (the same in every language).
std::size_t phrase_slots(std::string_view lang, Phrase p);

}  // namespace swarm::core::text
