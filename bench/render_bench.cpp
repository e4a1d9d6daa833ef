// Renderer benchmarks: one social card, one card with a background picture, a 12-slide deck to
// PNG + PDF + PPTX, and fit (JPEG in, platform-sized PNG out). Each reports the process's peak
// RSS (getrusage) as a counter, so a leak or a kept surface shows up as growth.
#include "render/cairo_renderer.hpp"

#include <cstdlib>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <vector>

#include <benchmark/benchmark.h>
#include <cairo.h>

namespace {

using swarm::core::CardSpec;
using swarm::core::DeckSpec;
using swarm::core::SlideKind;
using swarm::core::SlideSpec;

swarm::render::CairoRenderer& renderer() {
    static const std::unique_ptr<swarm::render::CairoRenderer> instance = [] {
        auto made = swarm::render::CairoRenderer::create();
        if (!made) {
            std::abort();
        }
        return std::move(*made);
    }();
    return *instance;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

CardSpec card_spec() {
    CardSpec card;
    card.width = 1200;
    card.height = 627;
    card.headline = "Field crews file their reports in minutes, not hours \U0001F69A";
    card.figure = "38%";
    card.figure_label = "fewer support tickets after rollout";
    card.brand_name = "Fieldnote";
    return card;
}

DeckSpec deck_spec() {
    DeckSpec deck;
    deck.title = "Fieldnote investor deck";
    deck.brand_name = "Fieldnote";
    const SlideKind kinds[] = {SlideKind::kTitle,     SlideKind::kBullets,    SlideKind::kBullets,
                               SlideKind::kBullets,   SlideKind::kBigNumber,  SlideKind::kBullets,
                               SlideKind::kBigNumber, SlideKind::kTwoColumns, SlideKind::kTeam,
                               SlideKind::kBullets,   SlideKind::kBullets,    SlideKind::kTitle};
    for (const SlideKind kind : kinds) {
        SlideSpec slide;
        slide.kind = kind;
        slide.title = "Slide " + std::to_string(deck.slides.size() + 1) + " of the story";
        slide.bullets = {"Crews spend two hours a day on paperwork",
                         "Reports arrive late and incomplete", "Safety issues surface days later",
                         "Supervisors chase missing forms"};
        if (kind == SlideKind::kTeam) {
            slide.bullets = {"Ada Moreno, CEO", "Ben Okafor, CTO", "Chen Li, Head of Sales"};
        }
        slide.figure = "$4.2B";
        slide.figure_label = "spent on field reporting software each year";
        slide.left_heading = "Fieldnote";
        slide.left = {"Voice first", "Offline", "Minutes to file"};
        slide.right_heading = "Forms apps";
        slide.right = {"Typing on site", "Needs signal", "Hours to file"};
        slide.notes = "Speaker notes for this slide.";
        deck.slides.push_back(slide);
    }
    return deck;
}

// A 2400x1600 noisy gradient PNG, re-used as the "photo" input.
std::string photo_png() {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2400, 1600);
    cairo_t* cr = cairo_create(surface);
    cairo_pattern_t* ramp = cairo_pattern_create_linear(0, 0, 2400, 1600);
    cairo_pattern_add_color_stop_rgb(ramp, 0, 0.9, 0.4, 0.1);
    cairo_pattern_add_color_stop_rgb(ramp, 1, 0.1, 0.3, 0.8);
    cairo_set_source(cr, ramp);
    cairo_paint(cr);
    cairo_pattern_destroy(ramp);
    cairo_destroy(cr);
    std::string out;
    cairo_surface_write_to_png_stream(
        surface,
        [](void* c, const unsigned char* d, unsigned int n) {
            static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
            return CAIRO_STATUS_SUCCESS;
        },
        &out);
    cairo_surface_destroy(surface);
    return out;
}

void bm_card(benchmark::State& state) {
    const CardSpec spec = card_spec();
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto card = renderer().card(spec);
        benchmark::DoNotOptimize(card);
    }
    state.counters["peak_rss_mb"] = peak_rss_mb();
}

BENCHMARK(bm_card)->Unit(benchmark::kMillisecond);

void bm_card_with_background(benchmark::State& state) {
    CardSpec spec = card_spec();
    spec.background_png = photo_png();
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto card = renderer().card(spec);
        benchmark::DoNotOptimize(card);
    }
    state.counters["peak_rss_mb"] = peak_rss_mb();
}

BENCHMARK(bm_card_with_background)->Unit(benchmark::kMillisecond);

void bm_deck_12_slides_png_pdf_pptx(benchmark::State& state) {
    const DeckSpec spec = deck_spec();
    std::size_t bytes = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto deck = renderer().deck(spec);
        if (deck) {
            bytes = deck->pdf.size() + deck->pptx.size();
            for (const auto& slide : deck->slides) {
                bytes += slide.bytes.size();
            }
        }
        benchmark::DoNotOptimize(deck);
    }
    state.counters["output_kb"] = static_cast<double>(bytes) / 1024.0;
    state.counters["peak_rss_mb"] = peak_rss_mb();
}

BENCHMARK(bm_deck_12_slides_png_pdf_pptx)->Unit(benchmark::kMillisecond);

void bm_fit_photo_to_linkedin(benchmark::State& state) {
    const std::string photo = photo_png();
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores)
        auto image = renderer().fit(photo, 1200, 627);
        benchmark::DoNotOptimize(image);
    }
    state.counters["peak_rss_mb"] = peak_rss_mb();
}

BENCHMARK(bm_fit_photo_to_linkedin)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
