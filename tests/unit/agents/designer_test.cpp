// The designer: palette and contrast, headline and key figure, slide layouts, alt text, and the
// rule that an item only links media that were stored (fallbacks and failures become notes).
#include "core/agents/designer.hpp"

#include "core/agents/text_tools.hpp"
#include "unit/agents/designer_fakes.hpp"

#include <gtest/gtest.h>

namespace swarm::core::agents {
namespace {

ContentItem linkedin(std::string body) {
    ContentItem item;
    item.id = "job1-linkedin";
    item.platform = Platform::kLinkedIn;
    item.body = std::move(body);
    return item;
}

ContentItem deck_of(std::vector<Part> slides) {
    ContentItem item;
    item.id = "job1-pitch_deck";
    item.platform = Platform::kPitchDeck;
    item.parts = std::move(slides);
    return item;
}

Part slide(std::string title, std::vector<std::string> bullets, std::string notes = {}) {
    return Part{std::move(title), {}, std::move(bullets), std::move(notes)};
}

TEST(DesignerPalette, DefaultsAndBrandColoursWithContrastRepairs) {
    EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
    EXPECT_EQ(palette_for({}), Palette{});
    std::vector<std::string> notes;
    const auto p = palette_for({"#ffffff", "#eeeeee", "#1a73e8", ""}, &notes);
    EXPECT_EQ(p.background, (Rgb{255, 255, 255}));
    EXPECT_EQ(p.text, (Rgb{0x11, 0x18, 0x27}));  // #eeeeee on white is unreadable
    EXPECT_EQ(p.accent, (Rgb{0x1a, 0x73, 0xe8}));
    ASSERT_EQ(notes.size(), 2U);  // text, and the default muted slate on white
    EXPECT_NE(notes[0].find("brand.colors.text #eeeeee"), std::string::npos) << notes[0];
}

TEST(DesignerHeadline, FirstSentenceWithoutHashtagsLinksOrNumbering) {
    EXPECT_EQ(card_headline(linkedin("Dispatch breaks at 7:40 am. Then the day unravels.\n\n"
                                     "More text. #FieldService")),
              "Dispatch breaks at 7:40 am.");
    // A very short opener takes the next sentence with it.
    EXPECT_EQ(card_headline(linkedin("#Ops Dispatch breaks. Then the day unravels. More.")),
              "Dispatch breaks. Then the day unravels.");
    ContentItem x;
    x.platform = Platform::kTwitter;
    x.parts = {Part{
        "", "1/4 Emergency calls wreck schedules \xF0\x9F\x94\xA7 https://x.co #HVAC", {}, ""}};
    EXPECT_EQ(card_headline(x), "Emergency calls wreck schedules \xF0\x9F\x94\xA7");
    const auto long_text = std::string("Owners ") + std::string(60, 'a') + " tell us that " +
                           std::string(90, 'b') + " every single week.";
    const auto headline = card_headline(linkedin(long_text));
    EXPECT_LE(char_length(headline), 141U);
    EXPECT_FALSE(headline.empty());
}

TEST(DesignerKeyFigure, PrefersAGroundedStrongFigureAndLabelsIt) {
    FactSheet sheet;
    Fact fact;
    fact.topic = FactTopic::kTraction;
    fact.text = "Repeat visits fell 38%.";
    fact.numbers = {"38%"};
    sheet.facts.push_back(fact);
    const auto item = linkedin(
        "In 2024 we shipped 3 releases. Fieldnote cut repeat visits by 38% "
        "in 6 months. Teams saved $12,000 a year.");
    const auto figure = key_figure(item, &sheet);
    ASSERT_TRUE(figure);
    EXPECT_EQ(figure->figure, "38%");
    EXPECT_EQ(figure->label, "Fieldnote cut repeat visits");
    const auto ungrounded = key_figure(item, nullptr);
    ASSERT_TRUE(ungrounded);
    EXPECT_EQ(ungrounded->figure, "38%");  // first strong figure
    EXPECT_FALSE(key_figure(linkedin("Since 2019 we grew. 1/3 of calls wait."), nullptr));
    const auto after = key_figure(linkedin("We serve 4,100 plumbing companies today."), nullptr);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->label, "plumbing companies today");
}

TEST(DesignerSlides, PicksALayoutPerSlideKind) {
    EXPECT_EQ(slide_spec(slide("Fieldnote", {"Seed deck"}), 0, 12).kind, SlideKind::kTitle);
    EXPECT_EQ(slide_spec(slide("The team", {"Ana, CEO"}), 9, 12).kind, SlideKind::kTeam);
    const auto competition = slide_spec(
        slide("Competition", {"ServiceTitan: heavy, slow to set up", "We re-plan in seconds"}), 6,
        12);
    EXPECT_EQ(competition.kind, SlideKind::kTwoColumns);
    EXPECT_EQ(competition.left, std::vector<std::string>{"We re-plan in seconds"});
    EXPECT_EQ(competition.right.size(), 1U);
    const auto traction =
        slide_spec(slide("Traction", {"$41K MRR, up 14% a month", "22 customers"}), 7, 12);
    EXPECT_EQ(traction.kind, SlideKind::kBigNumber);
    EXPECT_EQ(traction.figure, "$41K");
    EXPECT_EQ(traction.bullets, std::vector<std::string>{"22 customers"});
    EXPECT_EQ(slide_spec(slide("Problem", {"a", "b"}), 1, 12).kind, SlideKind::kBullets);
    const auto by_name =
        slide_spec(slide("Competition", {"Jobber: weak routing.", "Fieldnote: 1-day setup."}), 7,
                   12, "Fieldnote");
    EXPECT_EQ(by_name.kind, SlideKind::kTwoColumns);
    EXPECT_EQ(by_name.left_heading, "Fieldnote");
    EXPECT_EQ(slide_alt_text(by_name, 7, 12),
              "Slide 8 of 12, \u201cCompetition\u201d: Fieldnote (Fieldnote: 1-day setup) compared "
              "with Alternatives (Jobber: weak routing).");
    // Competition with no bullet about us stays a bullet slide.
    EXPECT_EQ(slide_spec(slide("Competition", {"A is slow", "B is costly"}), 6, 12).kind,
              SlideKind::kBullets);
}

TEST(DesignerAltText, DescribesTheImageContent) {
    CardSpec card;
    card.platform = Platform::kTwitter;
    card.headline = "Emergency calls wreck schedules";
    card.figure = "38%";
    card.figure_label = "fewer repeat visits";
    card.brand_name = "Fieldnote";
    EXPECT_EQ(card_alt_text(card),
              "Social card for X: \u201c" + card.headline +
                  "\u201d Key figure: 38% fewer repeat visits. Fieldnote brand colours and name.");
    const auto s =
        slide_spec(slide("Problem", {"Calls arrive mid-route", "Plans go stale"}), 1, 10);
    EXPECT_EQ(slide_alt_text(s, 1, 10),
              "Slide 2 of 10, \u201cProblem\u201d: Calls arrive mid-route; Plans go stale.");
}

TEST(DesignerItem, StoresACardAndLinksItWithAltText) {
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    BrandRules brand;
    brand.name = "Fieldnote";
    auto item = linkedin("Dispatch breaks by 9 am. We cut repeat visits by 38% last year.");
    const auto out = design_item(item, nullptr, brand, DesignDeps{&renderer, &store});
    ASSERT_EQ(item.media.size(), 1U);
    const auto& m = item.media[0];
    EXPECT_EQ(m.kind, "card");
    EXPECT_EQ(m.width, 1200);
    EXPECT_EQ(m.height, 627);
    ASSERT_EQ(store.objects.size(), 1U);
    EXPECT_EQ(m.url, "/media/" + store.objects.begin()->first);
    EXPECT_NE(m.alt.find("Dispatch breaks by 9 am."), std::string::npos);
    EXPECT_EQ(renderer.cards.at(0).figure, "38%");
    EXPECT_EQ(renderer.cards.at(0).brand_name, "Fieldnote");
    EXPECT_EQ(out.stored, 1U);
    EXPECT_TRUE(out.notes.empty());
}

TEST(DesignerItem, StoresEverySlideThePdfAndThePptx) {
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    std::vector<Part> slides;
    for (int i = 0; i < 10; ++i) {
        slides.push_back(slide("Slide " + std::to_string(i), {"point"}, "notes"));
    }
    auto item = deck_of(slides);
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
    ASSERT_EQ(item.media.size(), 12U);
    EXPECT_EQ(item.media[0].kind, "slide");
    EXPECT_EQ(item.media[0].width, 1920);
    EXPECT_EQ(item.media[0].height, 1080);
    EXPECT_EQ(item.media[10].kind, "deck_pdf");
    EXPECT_EQ(item.media[11].kind, "deck_pptx");
    EXPECT_EQ(store.objects.size(), 12U);
    for (const auto& m : item.media) {
        EXPECT_EQ(store.objects.count(m.url.substr(7)), 1U) << m.url;
        EXPECT_FALSE(m.alt.empty());
    }
    const auto pdf = store.objects.at(item.media[10].url.substr(7));
    EXPECT_EQ(pdf.info.content_type, kPdfType);
}

TEST(DesignerItem, UsesTheImageModelsPictureAsTheCardBackground) {
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    test::ScriptedImageModel model;
    auto item = linkedin("Dispatch breaks by 9 am.");
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store, &model});
    ASSERT_EQ(model.requests.size(), 1U);
    EXPECT_EQ(model.requests[0].width, 1200);
    EXPECT_EQ(model.requests[0].height, 627);
    EXPECT_NE(model.requests[0].prompt.find("No text"), std::string::npos);
    ASSERT_EQ(item.media.size(), 2U);
    EXPECT_EQ(item.media[0].kind, "card");
    EXPECT_EQ(item.media[1].kind, "image");
    EXPECT_EQ(renderer.cards.at(0).background_png, "fitted:picture");
    EXPECT_TRUE(item.quality.issues.empty());
}

TEST(DesignerItem, ReRenderingReusesTheStoredPictureInsteadOfAskingAgain) {
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    test::ScriptedImageModel model;
    auto item = linkedin("Dispatch breaks by 9 am.");
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store, &model});
    ASSERT_EQ(item.media.size(), 2U);
    const auto picture = item.media[1];
    item.body = "Edited: dispatch breaks by 10 am.";
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store, &model});
    EXPECT_EQ(model.requests.size(), 1U);  // not asked again
    ASSERT_EQ(item.media.size(), 2U);
    EXPECT_EQ(item.media[1].url, picture.url);
    EXPECT_EQ(renderer.cards.back().background_png, "fitted:picture");
    EXPECT_NE(renderer.cards.back().headline.find("Edited"), std::string::npos);
}

TEST(DesignerItem, AFailedImageCallFallsBackToThePlainCardAndSaysSo) {
    for (const bool garbage : {false, true}) {
        test::RecordingRenderer renderer;
        test::MemoryMediaStore store;
        test::ScriptedImageModel model;
        if (garbage) {
            model.answer = "garbage bytes";
        } else {
            model.error = "429 rate limited";
        }
        auto item = linkedin("Dispatch breaks by 9 am.");
        const auto out =
            design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store, &model});
        ASSERT_EQ(item.media.size(), 1U);
        EXPECT_EQ(item.media[0].kind, "card");
        EXPECT_TRUE(renderer.cards.at(0).background_png.empty());
        ASSERT_EQ(item.quality.issues.size(), 1U);
        EXPECT_EQ(item.quality.issues[0].code, "media.image_fallback");
        EXPECT_EQ(item.quality.issues[0].severity, Severity::kInfo);
        ASSERT_EQ(out.notes.size(), 1U);
        EXPECT_EQ(out.notes[0].rfind("linkedin: ", 0), 0U) << out.notes[0];
    }
}

TEST(DesignerItem, NeverLinksWhatWasNotStored) {
    test::RecordingRenderer renderer;
    test::MemoryMediaStore store;
    auto item = linkedin("Dispatch breaks by 9 am.");
    item.media.push_back(Media{"/media/old", "card", 1, 1, "old"});
    renderer.fail_cards = true;
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
    EXPECT_TRUE(item.media.empty());
    ASSERT_EQ(item.quality.issues.size(), 1U);
    EXPECT_EQ(item.quality.issues[0].code, "media.missing");

    renderer.fail_cards = false;
    store.fail = true;
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
    EXPECT_TRUE(item.media.empty());
    EXPECT_EQ(item.quality.issues.size(), 1U);  // re-rendering replaced the earlier finding

    auto deck = deck_of({slide("A", {"x"}), slide("B", {"y"})});
    design_item(deck, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
    EXPECT_TRUE(deck.media.empty());  // all or nothing

    store.fail = false;
    renderer.fail_cards_with_background = true;
    test::ScriptedImageModel model;
    design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, &store, &model});
    ASSERT_EQ(item.media.size(), 1U);  // the plain card; the picture is not linked either
    EXPECT_EQ(item.media[0].kind, "card");
}

TEST(DesignerItem, WithoutRendererOrStoreTheItemKeepsNoMedia) {
    test::RecordingRenderer renderer;
    auto item = linkedin("Dispatch breaks by 9 am.");
    const auto out = design_item(item, nullptr, BrandRules{}, DesignDeps{&renderer, nullptr});
    EXPECT_EQ(out.summary, "visuals are off");
    EXPECT_TRUE(renderer.cards.empty());
}

}  // namespace
}  // namespace swarm::core::agents

namespace swarm::core::agents {
namespace {

// Generated team slides in four languages: drawn as people only when every line is a person;
// one other line (a head count, a price) and the slide is an ordinary bullet list.
TEST(DesignerSlides, TeamSlidesShowOnlyPeopleInEveryLanguage) {
    const std::vector<std::pair<std::string, std::string>> titles{
        {"en", "Team"}, {"es", "Equipo"}, {"de", "Team"}, {"fr", "Équipe"}};
    const std::vector<std::string> people{"Maria Lopez, CEO", "Jorge Martín - cofundador",
                                          "Jürgen Groß: Geschäftsführer", "Émile Durand (CTO)"};
    const std::vector<std::string> others{"18 employees, remote-first", "Pricing is $39 a seat",
                                          "Nous recrutons 5 ingénieurs"};
    for (const auto& [lang, title] : titles) {
        for (std::size_t n = 1; n <= people.size(); ++n) {
            std::vector<std::string> bullets(people.begin(),
                                             people.begin() + static_cast<std::ptrdiff_t>(n));
            EXPECT_EQ(slide_spec(slide(title, bullets), 8, 12, {}, lang).kind, SlideKind::kTeam)
                << title << " " << n;
            for (const auto& other : others) {
                auto mixed = bullets;
                mixed.insert(mixed.begin() + static_cast<std::ptrdiff_t>(n % mixed.size()), other);
                EXPECT_EQ(slide_spec(slide(title, mixed), 8, 12, {}, lang).kind,
                          SlideKind::kBullets)
                    << title << ": " << other;
            }
        }
    }
}

TEST(DesignerSlides, LayoutsAndAltTextFollowTheDeckLanguage) {
    const auto es = slide_spec(
        slide("Competencia", {"Jobber no replanifica.", "Nosotros replanificamos en tiempo real."}),
        6, 10, {}, "es");
    ASSERT_EQ(es.kind, SlideKind::kTwoColumns);
    EXPECT_EQ(es.left_heading, "Nosotros");
    EXPECT_EQ(es.right_heading, "Alternativas");
    const auto big = slide_spec(
        slide("Tracción", {"1.200 agricultores usan Huertapp.", "Ahorran un 28% de agua."}), 5, 10,
        {}, "es");
    ASSERT_EQ(big.kind, SlideKind::kBigNumber);
    EXPECT_EQ(big.bullets, std::vector<std::string>{"Ahorran un 28% de agua."});
    const auto alt = slide_alt_text(big, 5, 10, "es");
    EXPECT_TRUE(alt.starts_with("Diapositiva 6 de 10, \u00abTracci\u00f3n\u00bb")) << alt;
    EXPECT_NE(alt.find("Ahorran un 28% de agua"), std::string::npos) << alt;
    EXPECT_TRUE(slide_alt_text(big, 5, 10, "de").starts_with("Folie 6 von 10")) << alt;
}

// The renderer says which texts it had to cut; the designer turns each into a warning and the
// score goes down with it (a cut label is not publishable).
class CuttingRenderer : public test::RecordingRenderer {
public:
    Result<RenderedImage> card(const CardSpec& spec) override {
        auto out = RecordingRenderer::card(spec);
        if (out) {
            out->truncated = cut;
        }
        return out;
    }

    Result<RenderedDeck> deck(const DeckSpec& spec) override {
        auto out = RecordingRenderer::deck(spec);
        if (out && !out->slides.empty()) {
            out->slides.back().truncated = cut;
        }
        return out;
    }

    std::vector<std::string> cut;
};

TEST(DesignerItem, CutLabelsAreWarningsThatLowerTheScore) {
    for (const std::size_t cuts : {0U, 1U, 3U}) {
        CuttingRenderer renderer;
        test::MemoryMediaStore store;
        for (std::size_t i = 0; i < cuts; ++i) {
            renderer.cut.push_back("A very long label number " + std::to_string(i) + "\u2026");
        }
        auto card = linkedin("Dispatch breaks by 9 am. We cut repeat visits by 38% last year.");
        card.quality.score = 1.0;
        design_item(card, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
        auto deck = deck_of({slide("Acme", {"One line"}), slide("Problem", {"A point"})});
        deck.quality.score = 1.0;
        design_item(deck, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
        for (const auto* item : {&card, &deck}) {
            const auto n =
                std::count_if(item->quality.issues.begin(), item->quality.issues.end(),
                              [](const Issue& i) { return i.code == "render.truncated_label"; });
            EXPECT_EQ(static_cast<std::size_t>(n), cuts);
            EXPECT_EQ(item->quality.score<1.0, cuts> 0);
        }
        // Drawing again replaces the earlier findings instead of piling them up.
        design_item(deck, nullptr, BrandRules{}, DesignDeps{&renderer, &store});
        EXPECT_EQ(static_cast<std::size_t>(std::count_if(
                      deck.quality.issues.begin(), deck.quality.issues.end(),
                      [](const Issue& i) { return i.code == "render.truncated_label"; })),
                  cuts);
    }
}

}  // namespace
}  // namespace swarm::core::agents
