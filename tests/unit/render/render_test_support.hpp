// Helpers for the renderer tests: PNG decoding and header reading, golden-image comparison with a
// tolerance, sample specs, and running the poppler / LibreOffice command-line tools.
#pragma once

#include "core/ports/renderer.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <cairo.h>

namespace swarm::render::test {

/// Width and height from a PNG's IHDR chunk; {0,0} when the bytes are not a PNG.
std::pair<int, int> png_size(const std::string& png);

/// Decoded pixels, 0xAARRGGBB (alpha 0xFF for opaque images).
struct Pixels {
    int width = 0;
    int height = 0;
    std::vector<std::uint32_t> argb;

    std::uint32_t at(int x, int y) const {
        return argb[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                    static_cast<std::size_t>(x)];
    }
};

Pixels decode_png(const std::string& png);

/// Encodes a cairo image surface as PNG (test inputs for backgrounds and fit); the surface is
/// destroyed.
std::string png_of_surface(cairo_surface_t* surface);

/// Compares a rendered PNG, scaled to half size, with tests/fixtures/render/<name>.png: mean
/// absolute channel difference at most 2.0 and at most 1% of pixels differing by more than 48
/// in any channel. With SWARM_UPDATE_GOLDEN=1 in the environment, rewrites the golden instead.
/// Returns an empty string when it matches, else what differs.
std::string compare_golden(const std::string& name, const std::string& png);

/// A 12-slide investor deck touching every slide kind.
core::DeckSpec sample_deck();
core::CardSpec sample_card(core::Platform platform);

struct ToolResult {
    int exit_code = -1;
    std::string out;
};

/// Runs a shell command line (stdout and stderr captured together).
ToolResult run_tool(const std::string& command_line);

/// "Pages:" from `pdfinfo FILE`; -1 when pdfinfo fails.
int pdf_pages(const std::filesystem::path& pdf);

void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace swarm::render::test
