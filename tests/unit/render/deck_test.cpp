// Decks: slide PNG sizes, golden slides per kind, the 30 pt floor and margins under stress,
// PDF pages and selectable titles (poppler-utils), PPTX parts, notes, bullets beyond five.
#include "render/cairo_renderer.hpp"
#include "render/fonts.hpp"
#include "render/slide_layout.hpp"
#include "render/text_fit.hpp"
#include "support/test_paths.hpp"
#include "unit/render/render_test_support.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <zip.h>

#include <gtest/gtest.h>

namespace swarm::render {
namespace {

using core::SlideKind;

std::unique_ptr<CairoRenderer> make_renderer() {
    auto renderer = CairoRenderer::create();
    EXPECT_TRUE(renderer.has_value());
    return std::move(*renderer);
}

// Every entry of a zip archive by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> out;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
        zip_source_free(source);
        return out;
    }
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        zip_stat_t stat;
        zip_stat_index(archive, index, 0, &stat);
        std::string content(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(archive, index, 0);
        zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
        out[zip_get_name(archive, index, 0)] = std::move(content);
    }
    zip_close(archive);
    return out;
}

std::string long_text(int words) {
    std::string text;
    for (int i = 0; i < words; ++i) {
        text += i % 7 == 6 ? "extraordinarilylongwordwithoutanybreaks " : "reporting ";
    }
    return text;
}

core::DeckSpec stress_deck() {
    core::DeckSpec deck = test::sample_deck();
    for (core::SlideSpec& slide : deck.slides) {
        slide.title = long_text(30);
        for (auto* list : {&slide.bullets, &slide.left, &slide.right}) {
            if (!list->empty()) {
                *list = std::vector<std::string>(7, long_text(40));
            }
        }
        slide.figure_label = slide.figure.empty() ? "" : long_text(50);
        slide.figure = slide.figure.empty() ? "" : "$123,456,789,012";
    }
    deck.brand_name = long_text(20);
    return deck;
}

TEST(DeckTest, EverySlideIsFullHdAndThePdfHasOnePagePerSlide) {
    const core::DeckSpec spec = test::sample_deck();
    const auto deck = make_renderer()->deck(spec);
    ASSERT_TRUE(deck.has_value()) << core::describe(deck.error());
    ASSERT_EQ(deck->slides.size(), 12U);
    for (const core::RenderedImage& slide : deck->slides) {
        EXPECT_EQ(test::png_size(slide.bytes), std::pair(1920, 1080));
    }
    swarm::test::TempDir dir;
    const auto pdf = dir.path() / "deck.pdf";
    test::write_file(pdf, deck->pdf);
    EXPECT_EQ(test::pdf_pages(pdf), 12);
    const auto text = test::run_tool("pdftotext '" + pdf.string() + "' -");
    ASSERT_EQ(text.exit_code, 0) << text.out;
    for (const core::SlideSpec& slide : spec.slides) {
        EXPECT_NE(text.out.find(slide.title), std::string::npos) << slide.title;
    }
    EXPECT_NE(text.out.find("Crews spend 2 hours a day on paperwork"), std::string::npos);
}

TEST(DeckTest, SlideKindsMatchGoldens) {
    const core::DeckSpec spec = test::sample_deck();
    const auto deck = make_renderer()->deck(spec);
    ASSERT_TRUE(deck.has_value());
    const std::map<std::size_t, std::string> goldens = {{0, "slide_title"},
                                                        {1, "slide_bullets"},
                                                        {4, "slide_big_number"},
                                                        {7, "slide_two_columns"},
                                                        {8, "slide_team"}};
    for (const auto& [index, name] : goldens) {
        EXPECT_EQ(test::compare_golden(name, deck->slides[index].bytes), "");
    }
}

TEST(DeckTest, StressTextStaysAtLeast30PointsAndInsideTheMargins) {
    auto session = FontSession::create({});
    ASSERT_TRUE(session.has_value());
    PangoContext* context = (*session)->context();
    const core::DeckSpec deck = stress_deck();
    const SlideMargins m = slide_margins(deck.width, deck.height);
    for (std::size_t i = 0; i < deck.slides.size(); ++i) {
        const SlidePlan plan = layout_slide(context, deck, i);
        for (const SceneItem& item : plan.scene.items) {
            const Rect box = std::visit([](const auto& it) { return it.box; }, item);
            EXPECT_GE(box.x, m.side - 0.01) << "slide " << i;
            EXPECT_GE(box.y, m.top - 0.01) << "slide " << i;
            EXPECT_LE(box.x + box.w, deck.width - m.side + 0.01) << "slide " << i;
            EXPECT_LE(box.y + box.h, deck.height - m.bottom + 0.01) << "slide " << i;
            if (const auto* block = std::get_if<TextBlock>(&item)) {
                EXPECT_GE(block->size, kSlideMinPoints) << "slide " << i;
                EXPECT_LE(block_height(context, *block), block->box.h + 0.5) << "slide " << i;
                EXPECT_LE(block->paragraphs.size(), kMaxSlideBullets) << "slide " << i;
            }
        }
    }
}

TEST(DeckTest, StressSlidesDrawNothingInTheMargins) {
    const core::DeckSpec deck = stress_deck();
    const auto rendered = make_renderer()->deck(deck);
    ASSERT_TRUE(rendered.has_value());
    const SlideMargins m = slide_margins(deck.width, deck.height);
    const auto& bg = deck.palette.background;
    const std::uint32_t background =
        0xFF000000U | (std::uint32_t{bg.r} << 16U) | (std::uint32_t{bg.g} << 8U) | bg.b;
    for (std::size_t i = 0; i < rendered->slides.size(); ++i) {
        const test::Pixels pixels = test::decode_png(rendered->slides[i].bytes);
        int outside = 0;
        for (int y = 0; y < pixels.height; ++y) {
            for (int x = 0; x < pixels.width; ++x) {
                const bool in_margin = x < m.side || y < m.top || x >= pixels.width - m.side ||
                                       y >= pixels.height - m.bottom;
                outside += (in_margin && pixels.at(x, y) != background) ? 1 : 0;
            }
        }
        EXPECT_EQ(outside, 0) << "slide " << i;
    }
}

TEST(DeckTest, PptxHasEveryPartTextBoxesAndNotes) {
    core::DeckSpec spec = test::sample_deck();
    spec.slides[1].bullets = {"One", "Two", "Three", "Four", "Five", "Six & more", "Seven"};
    const auto deck = make_renderer()->deck(spec);
    ASSERT_TRUE(deck.has_value());
    const auto parts = unzip(deck->pptx);
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
          "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "ppt/theme/theme1.xml",
          "ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml",
          "ppt/notesMasters/notesMaster1.xml", "ppt/slides/slide1.xml", "ppt/slides/slide12.xml",
          "ppt/slides/_rels/slide12.xml.rels", "ppt/notesSlides/notesSlide1.xml"}) {
        EXPECT_TRUE(parts.contains(name)) << name;
    }
    EXPECT_FALSE(parts.contains("ppt/slides/slide13.xml"));
    const std::string& presentation = parts.at("ppt/presentation.xml");
    std::size_t slide_ids = 0;
    for (auto at = presentation.find("<p:sldId "); at != std::string::npos;
         at = presentation.find("<p:sldId ", at + 1)) {
        ++slide_ids;
    }
    EXPECT_EQ(slide_ids, 12U);
    const std::string& slide2 = parts.at("ppt/slides/slide2.xml");
    EXPECT_NE(slide2.find("<p:ph type=\"title\"/>"), std::string::npos);
    EXPECT_NE(slide2.find("<a:t>Problem</a:t>"), std::string::npos);
    EXPECT_NE(slide2.find("<a:t>Five</a:t>"), std::string::npos);
    EXPECT_EQ(slide2.find("<a:t>Six &amp; more</a:t>"), std::string::npos) << "at most 5 drawn";
    EXPECT_NE(slide2.find("<a:buChar"), std::string::npos);
    const std::string& notes2 = parts.at("ppt/notesSlides/notesSlide2.xml");
    EXPECT_NE(notes2.find("Quote the ops manager."), std::string::npos);
    EXPECT_NE(notes2.find("Six &amp; more"), std::string::npos) << "dropped bullets go to notes";
    EXPECT_NE(notes2.find("Seven"), std::string::npos);
    EXPECT_NE(parts.at("docProps/core.xml").find("Fieldnote investor deck"), std::string::npos);
}

TEST(DeckTest, SameDeckGivesSameBytes) {
    auto renderer = make_renderer();
    const auto a = renderer->deck(test::sample_deck());
    const auto b = renderer->deck(test::sample_deck());
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->pdf, b->pdf);
    EXPECT_EQ(a->pptx, b->pptx);
    EXPECT_EQ(a->slides[3].bytes, b->slides[3].bytes);
}

TEST(DeckTest, KindsWithoutTheirContentFallBackToBullets) {
    core::DeckSpec spec;
    for (const SlideKind kind : {SlideKind::kBigNumber, SlideKind::kTwoColumns, SlideKind::kTeam}) {
        core::SlideSpec slide;
        slide.kind = kind;
        slide.title = "Empty";
        spec.slides.push_back(slide);
    }
    const auto deck = make_renderer()->deck(spec);
    ASSERT_TRUE(deck.has_value());
    EXPECT_EQ(deck->slides.size(), 3U);
}

TEST(DeckTest, RefusesEmptyAndBadlySizedDecks) {
    auto renderer = make_renderer();
    core::DeckSpec spec;
    auto result = renderer->deck(spec);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "slides");
    spec = test::sample_deck();
    spec.width = 0;
    EXPECT_EQ(renderer->deck(spec).error().field, "width");
}

}  // namespace
}  // namespace swarm::render

namespace swarm::render {
namespace {

std::vector<std::string> placed_texts(const SlidePlan& plan) {
    std::vector<std::string> out;
    for (const SceneItem& item : plan.scene.items) {
        if (const auto* block = std::get_if<TextBlock>(&item)) {
            out.insert(out.end(), block->paragraphs.begin(), block->paragraphs.end());
        }
    }
    return out;
}

// Generated big-number slides (figure, label, one to three supporting bullets of varied length):
// every bullet is placed on the slide, inside the margins, at least 30 pt, in the PDF's text and
// in the PPTX slide, and none is pushed to the notes.
TEST(DeckTest, BigNumberSlidesKeepTheirSupportingBullets) {
    auto session = FontSession::create({});
    ASSERT_TRUE(session.has_value());
    PangoContext* context = (*session)->context();
    const std::vector<std::string> words{"customers", "renewed", "in",    "Q3",
                                         "across",    "Europe",  "with",  "no",
                                         "extra",     "sales",   "staff", "pilots"};
    for (int variant = 0; variant < 12; ++variant) {
        core::DeckSpec deck = test::sample_deck();
        core::SlideSpec& slide = deck.slides[4];
        ASSERT_EQ(slide.kind, SlideKind::kBigNumber);
        slide.bullets.clear();
        const int count = 1 + variant % 3;
        for (int b = 0; b < count; ++b) {
            std::string bullet = "Point" + std::to_string(b + 1);
            for (int w = 0; w < 3 + (variant * 7 + b * 5) % 10; ++w) {
                bullet += " " + words[static_cast<std::size_t>(variant + b + w) % words.size()];
            }
            slide.bullets.push_back(bullet);
        }
        const SlidePlan plan = layout_slide(context, deck, 4);
        const auto placed = placed_texts(plan);
        const SlideMargins m = slide_margins(deck.width, deck.height);
        for (const std::string& bullet : slide.bullets) {
            EXPECT_NE(std::find(placed.begin(), placed.end(), bullet), placed.end()) << bullet;
            EXPECT_EQ(plan.notes.find(bullet), std::string::npos) << bullet;
        }
        EXPECT_NE(std::find(placed.begin(), placed.end(), slide.figure), placed.end());
        for (const SceneItem& item : plan.scene.items) {
            if (const auto* block = std::get_if<TextBlock>(&item)) {
                EXPECT_GE(block->size, kSlideMinPoints);
                EXPECT_LE(block->box.y + block->box.h, deck.height - m.bottom + 0.01);
                EXPECT_LE(block_height(context, *block), block->box.h + 0.5);
            }
        }
        if (variant % 4 != 0) {
            continue;  // the full renders are slower: a few variants suffice
        }
        const auto rendered = make_renderer()->deck(deck);
        ASSERT_TRUE(rendered.has_value());
        const std::string xml =
            unzip(rendered->pptx).at("ppt/slides/slide5.xml");  // a copy: the map is a temporary
        swarm::test::TempDir dir;
        const auto pdf = dir.path() / "deck.pdf";
        test::write_file(pdf, rendered->pdf);
        const auto text = test::run_tool("pdftotext -f 5 -l 5 '" + pdf.string() + "' -");
        ASSERT_EQ(text.exit_code, 0) << text.out;
        for (const std::string& bullet : slide.bullets) {
            EXPECT_NE(xml.find(bullet), std::string::npos) << bullet;
            const std::string first = bullet.substr(0, bullet.find(' '));
            EXPECT_NE(text.out.find(first), std::string::npos) << bullet;
        }
    }
}

TEST(DeckTest, CutTextIsReportedAndWordsForTheNotesFollowTheLanguage) {
    const auto renderer = make_renderer();
    const auto normal = renderer->deck(test::sample_deck());
    ASSERT_TRUE(normal.has_value());
    for (const auto& slide : normal->slides) {
        EXPECT_TRUE(slide.truncated.empty()) << slide.truncated.front();
    }
    const auto stressed = renderer->deck(stress_deck());
    ASSERT_TRUE(stressed.has_value());
    std::size_t cut = 0;
    for (const auto& slide : stressed->slides) {
        cut += slide.truncated.size();
    }
    EXPECT_GT(cut, 0U);

    auto session = FontSession::create({});
    ASSERT_TRUE(session.has_value());
    core::DeckSpec deck = test::sample_deck();
    deck.slides[1].bullets = {"Uno", "Dos", "Tres", "Cuatro", "Cinco", "Seis"};
    for (const auto& [lang, words] : std::vector<std::pair<std::string, std::string>>{
             {"es", "No se muestra"}, {"de", "Nicht auf der Folie"}, {"en", "Not shown"}}) {
        deck.language = lang;
        const SlidePlan plan = layout_slide((*session)->context(), deck, 1);
        EXPECT_NE(plan.notes.find(words), std::string::npos) << lang << ": " << plan.notes;
        EXPECT_NE(plan.notes.find("Seis"), std::string::npos);
    }
}

}  // namespace
}  // namespace swarm::render
