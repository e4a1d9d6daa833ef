// The designer step of one item: render, optionally fetch a picture from an image model, store,
// and record the stored files on the item. Every failure is a note and an info or warning issue on
// the item; only stored objects are ever linked.
#include "core/agents/designer.hpp"

#include "core/agents/text_tools.hpp"
#include "core/text/language.hpp"
#include "core/text/phrasebook.hpp"
#include "core/validate/validator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

using text::Phrase;

// The job's language, else the item's own (a re-render of an edited item has no brief).
std::string item_language(const ContentItem& item, std::string_view given) {
    std::string sample = item.body;
    for (const auto& part : item.parts) {
        sample += "\n" + part.title + "\n" + join(part.bullets, "\n");
    }
    return text::resolve_language(given, sample);
}

class ItemDesigner {
public:
    ItemDesigner(ContentItem& item, const DesignDeps& deps, DesignOutcome& out)
        : item_(item),
          deps_(deps),
          out_(out),
          name_(to_string(item.platform)),
          lang_(item_language(item, deps.language)) {}

    void deck(const BrandRules& brand, const Palette& palette) {
        const auto spec = deck_spec(item_, brand, palette, lang_);
        if (spec.slides.empty()) {
            problem("media.missing", "the deck has no slides to draw");
            return;
        }
        auto rendered = deps_.renderer->deck(spec);
        if (!rendered) {
            problem("media.missing", "the deck could not be drawn: " + describe(rendered.error()));
            return;
        }
        // All or nothing: a deck with some slides missing would mislead.
        std::vector<Media> media;
        const auto count = spec.slides.size();
        for (std::size_t i = 0; i < rendered->slides.size(); ++i) {
            const auto& slide = rendered->slides[i];
            auto stored = store(slide.bytes, kPngType);
            if (!stored) {
                return;
            }
            media.push_back(Media{media_url(stored->id), "slide", slide.width, slide.height,
                                  slide_alt_text(spec.slides[i], i, count, lang_)});
            for (const auto& cut : slide.truncated) {
                truncated(fmt::format("slide {}", i + 1), cut);
            }
        }
        std::vector<std::string> titles;
        for (const auto& slide : spec.slides) {
            titles.push_back(slide.title);
        }
        const auto outline = join(titles, "; ");
        auto pdf = store(rendered->pdf, kPdfType);
        auto pptx = pdf ? store(rendered->pptx, kPptxType) : std::nullopt;
        if (!pdf || !pptx) {
            return;
        }
        const auto pages = std::to_string(count);
        media.push_back(Media{media_url(pdf->id), "deck_pdf", spec.width, spec.height,
                              text::phrase_format(lang_, Phrase::kAltDeckPdf, {pages, outline})});
        media.push_back(Media{media_url(pptx->id), "deck_pptx", spec.width, spec.height,
                              text::phrase_format(lang_, Phrase::kAltDeckPptx, {pages, outline})});
        item_.media = std::move(media);
        out_.summary = fmt::format("{} slides as PNG, PDF and PPTX", count);
    }

    void card(const FactSheet* sheet, const BrandRules& brand, const Palette& palette) {
        auto spec = card_spec(item_, sheet, brand, palette);
        if (spec.headline.empty()) {
            problem("media.missing", "the post has no text to put on a card");
            return;
        }
        std::vector<Media> media;
        if (auto kept = kept_picture(spec)) {
            spec.background_png = std::move(kept->bytes);
            media.push_back(*picture_media_);
        } else if (deps_.image_model != nullptr && !deps_.stop.stop_requested()) {
            if (auto picture = picture_for(spec, brand)) {
                spec.background_png = picture->bytes;
                media.push_back(*picture_media_);
            }
        }
        auto rendered = deps_.renderer->card(spec);
        if (!rendered && !spec.background_png.empty()) {
            problem("media.image_fallback",
                    "the card could not be drawn over the model's picture (" +
                        describe(rendered.error()) + "); drawn on the brand colours instead",
                    Severity::kInfo);
            spec.background_png.clear();
            media.clear();
            rendered = deps_.renderer->card(spec);
        }
        if (!rendered) {
            problem("media.missing", "the card could not be drawn: " + describe(rendered.error()));
            return;
        }
        auto stored = store(rendered->bytes, kPngType);
        if (!stored) {
            return;
        }
        for (const auto& cut : rendered->truncated) {
            truncated("the card", cut);
        }
        media.insert(media.begin(), Media{media_url(stored->id), "card", rendered->width,
                                          rendered->height, card_alt_text(spec, lang_)});
        item_.media = std::move(media);
        out_.summary = fmt::format("card {}x{}{}", rendered->width, rendered->height,
                                   spec.background_png.empty() ? "" : " over a model picture");
    }

    /// The model picture the item already had (re-rendering after an edit): reused, so an edit
    /// never pays for a new one. Only a stored PNG of the card's exact size qualifies.
    void remember_picture(const std::vector<Media>& previous) {
        for (const auto& m : previous) {
            if (m.kind == "image" && m.url.starts_with("/media/")) {
                previous_picture_ = m;
            }
        }
    }

private:
    struct Picture {
        std::string bytes;
    };

    std::optional<Picture> kept_picture(const CardSpec& spec) {
        if (!previous_picture_ || previous_picture_->width != spec.width ||
            previous_picture_->height != spec.height) {
            return std::nullopt;
        }
        auto object = deps_.media->get(previous_picture_->url.substr(7));
        if (!object || !*object || (*object)->info.content_type != kPngType) {
            return std::nullopt;
        }
        picture_media_ = *previous_picture_;
        return Picture{std::move((*object)->bytes)};
    }

    std::optional<Picture> picture_for(const CardSpec& spec, const BrandRules& brand) {
        const auto prompt = image_prompt(spec, brand);
        auto generated =
            deps_.image_model->generate(ImageRequest{prompt, spec.width, spec.height}, deps_.stop);
        if (!generated) {
            fallback(deps_.image_model->describe() + " failed: " + describe(generated.error()));
            return std::nullopt;
        }
        auto fitted = deps_.renderer->fit(generated->bytes, spec.width, spec.height);
        if (!fitted) {
            fallback(fmt::format("the picture from {} could not be used: {}", generated->model,
                                 describe(fitted.error())));
            return std::nullopt;
        }
        auto stored = store(fitted->bytes, kPngType);
        if (!stored) {
            return std::nullopt;
        }
        picture_media_ = Media{media_url(stored->id), "image", fitted->width, fitted->height,
                               text::phrase_format(lang_, Phrase::kAltPicture, spec.headline)};
        return Picture{std::move(fitted->bytes)};
    }

    void fallback(const std::string& why) {
        problem("media.image_fallback", why + "; the card is drawn on the brand colours instead",
                Severity::kInfo);
    }

    std::optional<MediaInfo> store(const std::string& bytes, std::string_view type) {
        auto stored = deps_.media->put(bytes, type);
        if (!stored) {
            problem("media.missing",
                    fmt::format("a {} could not be stored in {}: {}", type, deps_.media->describe(),
                                describe(stored.error())));
            return std::nullopt;
        }
        return *stored;
    }

    // A label the renderer had to cut with "…" is a defect a reviewer would reject.
    void truncated(const std::string& where, const std::string& cut) {
        item_.quality.issues.push_back(
            Issue{"render.truncated_label", Severity::kWarning,
                  fmt::format("Text on {} was cut to fit: \u201c{}\u201d; shorten it.", where, cut),
                  "media"});
    }

    void problem(const std::string& code, const std::string& message,
                 Severity severity = Severity::kWarning) {
        item_.quality.issues.push_back(Issue{code, severity, message, "media"});
        out_.notes.push_back(fmt::format("{}: {}", name_, message));
    }

    ContentItem& item_;
    const DesignDeps& deps_;
    DesignOutcome& out_;
    std::string name_;
    std::string lang_;
    std::optional<Media> picture_media_;
    std::optional<Media> previous_picture_;
};

}  // namespace

DesignOutcome design_item(ContentItem& item, const FactSheet* sheet, const BrandRules& brand,
                          const DesignDeps& deps) {
    DesignOutcome out;
    if (deps.renderer == nullptr || deps.media == nullptr) {
        out.summary = "visuals are off";
        return out;
    }
    // Re-rendering replaces the item's media and any earlier designer findings.
    std::erase_if(item.quality.issues, [](const Issue& issue) {
        return issue.code.starts_with("media.") || issue.code.starts_with("render.");
    });
    const auto previous = std::move(item.media);
    item.media.clear();
    const auto palette = palette_for(brand.colors, &out.notes);
    ItemDesigner designer(item, deps, out);
    designer.remember_picture(previous);
    if (item.platform == Platform::kPitchDeck) {
        designer.deck(brand, palette);
    } else {
        designer.card(sheet, brand, palette);
    }
    out.stored = item.media.size();
    // The editor scored the text; what drawing found (cut labels, missing media) counts too.
    item.quality.score = std::min(item.quality.score, score_issues(item.quality.issues));
    if (out.summary.empty()) {
        out.summary = "no visuals";
    }
    return out;
}

}  // namespace swarm::core::agents
