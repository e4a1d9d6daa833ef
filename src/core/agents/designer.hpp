// The designer: owns every image of a job. It builds a social card per post (hook, one key figure,
// brand name and colours) and the deck's slides, has them drawn by the Renderer port, optionally
// asks an image model for a background picture, stores every file in the MediaStore and records
// our own URLs with alt text on the item. An item only ever carries media that were stored: a
// failed render or image call becomes a note, never a broken link.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/image_model.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/renderer.hpp"

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct DesignDeps {
    Renderer* renderer = nullptr;       // null: no visuals (the item keeps no media)
    MediaStore* media = nullptr;        // null: no visuals
    ImageModel* image_model = nullptr;  // optional: background pictures for the social cards
    std::stop_token stop{};
    /// The job's language ("en", "es", "de", "fr") for labels and alt text; empty: detected from
    /// the item's own text.
    std::string language{};
};

struct DesignOutcome {
    std::size_t stored = 0;          // media entries on the item
    std::vector<std::string> notes;  // for the job (fallbacks, failures), "linkedin: ..."
    std::string summary;             // "card 1200x627" / "12 slides, PDF, PPTX"
};

/// Renders and stores the item's visuals and replaces item.media with them. `sheet` may be null
/// (re-rendering a result.json): the key figure then comes from the item's own text.
DesignOutcome design_item(ContentItem& item, const FactSheet* sheet, const BrandRules& brand,
                          const DesignDeps& deps);

// Pure parts, exposed for tests.

/// The brand's colours over the default palette. Text (and the accent) that would be hard to read
/// on the background (WCAG contrast under 4.5:1, 3:1 for the accent) is replaced by the most
/// readable of white and near-black; each replacement is described in `notes`.
Palette palette_for(const BrandColors& colors, std::vector<std::string>* notes = nullptr);

/// WCAG 2 contrast ratio of two colours (1..21).
double contrast_ratio(Rgb a, Rgb b);

struct KeyFigure {
    std::string figure;  // "38%"
    std::string label;   // "fewer repeat truck rolls"; may be empty
};

/// The hook of a post: its first sentence without hashtags, links and thread numbering,
/// shortened at a clause or word boundary to about 140 characters.
std::string card_headline(const ContentItem& item);

/// One figure the post states, preferring one the fact sheet holds (grounded); nullopt when the
/// post states none.
std::optional<KeyFigure> key_figure(const ContentItem& item, const FactSheet* sheet);

CardSpec card_spec(const ContentItem& item, const FactSheet* sheet, const BrandRules& brand,
                   const Palette& palette);

/// The layout of a slide from its position and content: the first slide is a title; team,
/// competition (bullets about us, by "we/our" or the brand name, against the others) and
/// single-figure slides get their own layouts; the rest are bullets.
/// Topics are read from the title in any supported language; a team slide is drawn as people only
/// when every bullet is one (validate::looks_like_person); `lang` picks the column headings.
SlideSpec slide_spec(const Part& slide, std::size_t index, std::size_t count,
                     std::string_view brand_name = {}, std::string_view lang = {});

DeckSpec deck_spec(const ContentItem& item, const BrandRules& brand, const Palette& palette,
                   std::string_view lang = {});

/// Alt text written from the image's content, in `lang` (empty: English).
std::string card_alt_text(const CardSpec& spec, std::string_view lang = {});
std::string slide_alt_text(const SlideSpec& spec, std::size_t index, std::size_t count,
                           std::string_view lang = {});

/// What to ask an image model for: a picture for the post's subject, with no text in it.
std::string image_prompt(const CardSpec& spec, const BrandRules& brand);

}  // namespace swarm::core::agents
