// The PPTX opens in LibreOffice: headless soffice converts it to a PDF with one page per slide.
// Slow (tens of seconds), so one deck only, labelled integration;libreoffice.
#include "render/cairo_renderer.hpp"
#include "support/test_paths.hpp"
#include "unit/render/render_test_support.hpp"

#include <filesystem>

#include <gtest/gtest.h>

namespace swarm::render {
namespace {

TEST(PptxLibreOfficeTest, ConvertsToAPdfWithTheSamePageCount) {
    auto renderer = CairoRenderer::create();
    ASSERT_TRUE(renderer.has_value());
    const core::DeckSpec spec = test::sample_deck();
    const auto deck = (*renderer)->deck(spec);
    ASSERT_TRUE(deck.has_value());
    swarm::test::TempDir dir;
    const auto pptx = dir.path() / "deck.pptx";
    test::write_file(pptx, deck->pptx);
    // A private profile: no shared user installation, no lock clashes with other runs.
    const std::string profile = "file://" + (dir.path() / "lo-profile").string();
    const auto run = test::run_tool("timeout 120 soffice -env:UserInstallation=" + profile +
                                    " --headless --norestore --convert-to pdf --outdir '" +
                                    dir.path().string() + "' '" + pptx.string() + "'");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    const auto pdf = dir.path() / "deck.pdf";
    ASSERT_TRUE(std::filesystem::exists(pdf)) << run.out;
    EXPECT_EQ(test::pdf_pages(pdf), static_cast<int>(spec.slides.size()));
    const auto text = test::run_tool("pdftotext '" + pdf.string() + "' -");
    EXPECT_NE(text.out.find("Competition"), std::string::npos) << "titles are real text";
    EXPECT_NE(text.out.find("Crews spend 2 hours a day on paperwork"), std::string::npos);
}

}  // namespace
}  // namespace swarm::render
