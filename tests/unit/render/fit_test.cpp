// fit: PNG and JPEG in (the JPEG made here with libjpeg), centre crop, exact size out, and the
// refusal of garbage, truncated data and oversized images.
#include "render/cairo_renderer.hpp"
#include "unit/render/render_test_support.hpp"

#include <cstdio>
#include <jpeglib.h>
#include <string>
#include <vector>

#include <cairo.h>
#include <gtest/gtest.h>

namespace swarm::render {
namespace {

// Three vertical bands: red, green, blue.
std::vector<unsigned char> bands_rgb(int width, int height) {
    std::vector<unsigned char> rgb;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int band = x * 3 / width;
            rgb.push_back(band == 0 ? 255 : 0);
            rgb.push_back(band == 1 ? 255 : 0);
            rgb.push_back(band == 2 ? 255 : 0);
        }
    }
    return rgb;
}

std::string make_png(int width, int height) {
    const auto rgb = bands_rgb(width, height);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    unsigned char* data = cairo_image_surface_get_data(surface);
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(surface));
    for (std::size_t y = 0; y < static_cast<std::size_t>(height); ++y) {
        for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) {
            const unsigned char* p = &rgb[(y * static_cast<std::size_t>(width) + x) * 3];
            unsigned char* q = data + y * stride + x * 4;
            q[0] = p[2];
            q[1] = p[1];
            q[2] = p[0];
            q[3] = 0xFF;
        }
    }
    cairo_surface_mark_dirty(surface);
    return test::png_of_surface(surface);
}

std::string make_jpeg(int width, int height, bool grey) {
    auto rgb = bands_rgb(width, height);
    jpeg_compress_struct info{};
    jpeg_error_mgr error{};
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    if (grey) {
        jpeg_set_colorspace(&info, JCS_GRAYSCALE);
    }
    jpeg_set_quality(&info, 90, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = &rgb[static_cast<std::size_t>(info.next_scanline) *
                            static_cast<std::size_t>(width) * 3];
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    std::free(buffer);
    return out;
}

std::unique_ptr<CairoRenderer> make_renderer() {
    auto renderer = CairoRenderer::create();
    EXPECT_TRUE(renderer.has_value());
    return std::move(*renderer);
}

void expect_colour(const test::Pixels& pixels, int x, int y, unsigned r, unsigned g, unsigned b) {
    const std::uint32_t p = pixels.at(x, y);
    EXPECT_NEAR((p >> 16U) & 0xFFU, r, 40) << x << "," << y;
    EXPECT_NEAR((p >> 8U) & 0xFFU, g, 40) << x << "," << y;
    EXPECT_NEAR(p & 0xFFU, b, 40) << x << "," << y;
}

TEST(FitTest, PngIsCentreCroppedAndScaledExactly) {
    // 800x400 with bands at 0-266, 266-533, 533-800; the centred square is 200..600.
    const auto out = make_renderer()->fit(make_png(800, 400), 300, 300);
    ASSERT_TRUE(out.has_value()) << core::describe(out.error());
    EXPECT_EQ(test::png_size(out->bytes), std::pair(300, 300));
    const test::Pixels pixels = test::decode_png(out->bytes);
    expect_colour(pixels, 10, 150, 255, 0, 0);
    expect_colour(pixels, 150, 150, 0, 255, 0);
    expect_colour(pixels, 290, 150, 0, 0, 255);
}

TEST(FitTest, JpegIsDecodedAndScaledToThePlatformSize) {
    const auto out = make_renderer()->fit(make_jpeg(640, 480, false), 1200, 627);
    ASSERT_TRUE(out.has_value()) << core::describe(out.error());
    EXPECT_EQ(test::png_size(out->bytes), std::pair(1200, 627));
    const test::Pixels pixels = test::decode_png(out->bytes);
    expect_colour(pixels, 20, 300, 255, 0, 0);
    expect_colour(pixels, 600, 300, 0, 255, 0);
    expect_colour(pixels, 1180, 300, 0, 0, 255);
}

TEST(FitTest, GreyJpegAndUpscalingWork) {
    const auto out = make_renderer()->fit(make_jpeg(40, 30, true), 1920, 1080);
    ASSERT_TRUE(out.has_value()) << core::describe(out.error());
    EXPECT_EQ(test::png_size(out->bytes), std::pair(1920, 1080));
}

TEST(FitTest, RefusesWhatIsNotADecodableImage) {
    auto renderer = make_renderer();
    const std::string png = make_png(64, 64);
    const std::string jpeg = make_jpeg(64, 64, false);
    std::string huge_png = png;  // IHDR claims 10000 x 10000: refused before decoding
    for (const std::size_t at : {16U, 20U}) {
        huge_png[at] = 0;
        huge_png[at + 1] = 0;
        huge_png[at + 2] = 0x27;
        huge_png[at + 3] = 0x10;
    }
    const std::vector<std::string> bad = {"",
                                          "garbage bytes that are no image",
                                          png.substr(0, 8),
                                          png.substr(0, png.size() / 2),
                                          jpeg.substr(0, 2),
                                          jpeg.substr(0, jpeg.size() / 2),
                                          huge_png,
                                          "GIF89a......"};
    for (const std::string& bytes : bad) {
        const auto out = renderer->fit(bytes, 100, 100);
        ASSERT_FALSE(out.has_value()) << bytes.size() << " bytes";
        EXPECT_EQ(out.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(out.error().field, "image");
    }
    const auto too_small = renderer->fit(png, 8, 100);
    ASSERT_FALSE(too_small.has_value());
    EXPECT_EQ(too_small.error().field, "width");
}

}  // namespace
}  // namespace swarm::render
