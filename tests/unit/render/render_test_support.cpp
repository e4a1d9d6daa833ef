#include "unit/render/render_test_support.hpp"

#include "support/test_paths.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/wait.h>

#include <cairo.h>

namespace swarm::render::test {
namespace {

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

struct Cursor {
    const std::string* bytes;
    std::size_t at = 0;
};

cairo_status_t read_chunk(void* closure, unsigned char* data, unsigned int length) {
    auto* cursor = static_cast<Cursor*>(closure);
    if (cursor->bytes->size() - cursor->at < length) {
        return CAIRO_STATUS_READ_ERROR;
    }
    std::memcpy(data, cursor->bytes->data() + cursor->at, length);
    cursor->at += length;
    return CAIRO_STATUS_SUCCESS;
}

Surface load(const std::string& png) {
    Cursor cursor{&png};
    return {cairo_image_surface_create_from_png_stream(read_chunk, &cursor), cairo_surface_destroy};
}

Pixels pixels_of(cairo_surface_t* surface) {
    Pixels out;
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        return out;
    }
    cairo_surface_flush(surface);
    out.width = cairo_image_surface_get_width(surface);
    out.height = cairo_image_surface_get_height(surface);
    const bool opaque = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24;
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(surface));
    const unsigned char* data = cairo_image_surface_get_data(surface);
    for (int y = 0; y < out.height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + stride * static_cast<std::size_t>(y));
        for (int x = 0; x < out.width; ++x) {
            const std::uint32_t p = row[x];
            out.argb.push_back(opaque ? (p | 0xFF000000U) : p);
        }
    }
    return out;
}

Surface half_size(cairo_surface_t* source) {
    const int w = std::max(1, cairo_image_surface_get_width(source) / 2);
    const int h = std::max(1, cairo_image_surface_get_height(source) / 2);
    Surface out(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h), cairo_surface_destroy);
    cairo_t* cr = cairo_create(out.get());
    cairo_scale(cr, 0.5, 0.5);
    cairo_set_source_surface(cr, source, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_destroy(cr);
    return out;
}

int channel(std::uint32_t p, int shift) {
    return static_cast<int>((p >> shift) & 0xFFU);
}

}  // namespace

std::pair<int, int> png_size(const std::string& png) {
    if (png.size() < 24 || png.compare(1, 3, "PNG") != 0 || png.compare(12, 4, "IHDR") != 0) {
        return {0, 0};
    }
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            v = (v << 8U) | static_cast<unsigned char>(png[at + i]);
        }
        return static_cast<int>(v);
    };
    return {be32(16), be32(20)};
}

Pixels decode_png(const std::string& png) {
    const Surface surface = load(png);
    return pixels_of(surface.get());
}

std::string compare_golden(const std::string& name, const std::string& png) {
    const Surface full = load(png);
    if (cairo_surface_status(full.get()) != CAIRO_STATUS_SUCCESS) {
        return "rendered bytes are not a PNG";
    }
    const Surface half = half_size(full.get());
    const auto path = swarm::test::fixture("render/" + name + ".png");
    const char* update = std::getenv("SWARM_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe)
    if (update != nullptr && std::string(update) == "1") {
        cairo_surface_write_to_png(half.get(), path.c_str());
        return {};
    }
    if (!std::filesystem::exists(path)) {
        return "no golden image " + path.string() + " (run with SWARM_UPDATE_GOLDEN=1)";
    }
    const Pixels actual = pixels_of(half.get());
    const Pixels golden = decode_png(swarm::test::read_file(path));
    if (actual.width != golden.width || actual.height != golden.height) {
        return "size " + std::to_string(actual.width) + "x" + std::to_string(actual.height) +
               " differs from the golden " + std::to_string(golden.width) + "x" +
               std::to_string(golden.height);
    }
    double total = 0;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < actual.argb.size(); ++i) {
        int worst = 0;
        for (const int shift : {0, 8, 16}) {
            const int d = std::abs(channel(actual.argb[i], shift) - channel(golden.argb[i], shift));
            total += d;
            worst = std::max(worst, d);
        }
        differing += worst > 48 ? 1U : 0U;
    }
    const double mean = total / (3.0 * static_cast<double>(actual.argb.size()));
    const double fraction =
        static_cast<double>(differing) / static_cast<double>(actual.argb.size());
    if (mean <= 2.0 && fraction <= 0.01) {
        return {};
    }
    std::ostringstream why;
    why << name << ": mean channel difference " << mean << " (max 2.0), " << fraction * 100
        << "% of pixels differ by more than 48 (max 1%)";
    return why.str();
}

core::CardSpec sample_card(core::Platform platform) {
    core::CardSpec card;
    card.platform = platform;
    card.width = 1200;
    card.height = platform == core::Platform::kTwitter ? 675 : 627;
    card.headline = "Field crews file reports in minutes, not hours";
    card.figure = "38%";
    card.figure_label = "fewer support tickets after rollout";
    card.brand_name = "Fieldnote";
    return card;
}

core::DeckSpec sample_deck() {
    using core::SlideKind;
    core::DeckSpec deck;
    deck.title = "Fieldnote investor deck";
    deck.brand_name = "Fieldnote";
    auto bullets = [](std::string title, std::vector<std::string> items, std::string notes) {
        core::SlideSpec s;
        s.kind = SlideKind::kBullets;
        s.title = std::move(title);
        s.bullets = std::move(items);
        s.notes = std::move(notes);
        return s;
    };
    core::SlideSpec title;
    title.kind = SlideKind::kTitle;
    title.title = "Fieldnote";
    title.bullets = {"Voice-first field reports for utility crews"};
    title.notes = "Open with the crew story.";
    deck.slides.push_back(title);
    deck.slides.push_back(
        bullets("Problem",
                {"Crews spend 2 hours a day on paperwork", "Reports arrive late and incomplete",
                 "Safety issues surface days later"},
                "Quote the ops manager."));
    deck.slides.push_back(bullets(
        "Solution",
        {"Speak the report on site", "Structured data in seconds", "Works offline, syncs later"},
        "Demo video here."));
    deck.slides.push_back(bullets("Product", {"Mobile app", "Supervisor dashboard", "API"}, ""));
    core::SlideSpec market;
    market.kind = SlideKind::kBigNumber;
    market.title = "Market";
    market.figure = "$4.2B";
    market.figure_label = "spent on field reporting software each year";
    deck.slides.push_back(market);
    deck.slides.push_back(
        bullets("Business model", {"Per-seat subscription", "Enterprise tier with SSO"}, ""));
    core::SlideSpec traction = market;
    traction.title = "Traction";
    traction.figure = "38%";
    traction.figure_label = "fewer support tickets at our first utility customer";
    deck.slides.push_back(traction);
    core::SlideSpec competition;
    competition.kind = SlideKind::kTwoColumns;
    competition.title = "Competition";
    competition.left_heading = "Fieldnote";
    competition.left = {"Voice first", "Offline", "Minutes to file"};
    competition.right_heading = "Paper and forms apps";
    competition.right = {"Typing on site", "Needs signal", "Hours to file"};
    deck.slides.push_back(competition);
    core::SlideSpec team;
    team.kind = SlideKind::kTeam;
    team.title = "Team";
    team.bullets = {"Ada Moreno, CEO", "Ben Okafor, CTO", "Chen Li, Head of Sales"};
    deck.slides.push_back(team);
    deck.slides.push_back(bullets("Financials", {"ARR $1.1M", "Gross margin 78%"}, ""));
    deck.slides.push_back(bullets("The ask", {"$3M seed", "18 months of runway"}, "Close."));
    core::SlideSpec end = title;
    end.title = "Thank you";
    end.bullets = {"hello@fieldnote.example"};
    deck.slides.push_back(end);
    return deck;
}

ToolResult run_tool(const std::string& command_line) {
    ToolResult result;
    FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        return result;
    }
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        result.out.append(buffer.data(), got);
    }
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

int pdf_pages(const std::filesystem::path& pdf) {
    const ToolResult info = run_tool("pdfinfo '" + pdf.string() + "'");
    if (info.exit_code != 0) {
        return -1;
    }
    const auto at = info.out.find("Pages:");
    if (at == std::string::npos) {
        return -1;
    }
    return std::atoi(info.out.c_str() + at + 6);
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string png_of_surface(cairo_surface_t* surface) {
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

}  // namespace swarm::render::test
