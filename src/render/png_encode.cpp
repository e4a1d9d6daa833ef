// PNG encoding through libpng directly rather than cairo_surface_write_to_png: cairo lets libpng
// try all five row filters, which made encoding most of a deck's render time; the three fast
// filters give nearly the same size for flat-colour graphics at a fraction of the cost.
#include "render/image_io.hpp"

#include <csetjmp>
#include <png.h>
#include <vector>

namespace swarm::render {
namespace {

extern "C" void append_png(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))
        ->append(reinterpret_cast<const char*>(data), length);
}

extern "C" void flush_png(png_structp /*png*/) {}

// Cairo pixels (native-endian 0xAARRGGBB, premultiplied) to PNG bytes (RGB or straight RGBA).
void convert_row(const unsigned char* source, unsigned char* row, int width, bool alpha) {
    const auto* pixels = reinterpret_cast<const std::uint32_t*>(source);
    for (int x = 0; x < width; ++x) {
        const std::uint32_t p = pixels[x];
        unsigned r = (p >> 16U) & 0xFFU;
        unsigned g = (p >> 8U) & 0xFFU;
        unsigned b = p & 0xFFU;
        if (!alpha) {
            *row++ = static_cast<unsigned char>(r);
            *row++ = static_cast<unsigned char>(g);
            *row++ = static_cast<unsigned char>(b);
            continue;
        }
        const unsigned a = p >> 24U;
        if (a != 0 && a != 255) {
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        *row++ = static_cast<unsigned char>(r);
        *row++ = static_cast<unsigned char>(g);
        *row++ = static_cast<unsigned char>(b);
        *row++ = static_cast<unsigned char>(a);
    }
}

// libpng reports errors by longjmp to png_jmpbuf: only plain C state lives in this function.
bool write_png(cairo_surface_t* surface, std::string* out, unsigned char* row) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (png == nullptr) {
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (info == nullptr || setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const bool alpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32;
    png_set_write_fn(png, out, append_png, flush_png);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FAST_FILTERS);
    png_set_compression_level(png, 6);
    png_write_info(png, info);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const auto stride = static_cast<std::size_t>(cairo_image_surface_get_stride(surface));
    for (int y = 0; y < height; ++y) {
        convert_row(data + stride * static_cast<std::size_t>(y), row, width, alpha);
        png_write_row(png, row);
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

}  // namespace

core::Result<std::string> encode_png(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const cairo_format_t format = cairo_image_surface_get_format(surface);
    if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32) {
        return core::fail(core::ErrorCode::kInternal, "PNG encoding: unexpected pixel format");
    }
    std::vector<unsigned char> row(
        static_cast<std::size_t>(cairo_image_surface_get_width(surface)) * 4U);
    std::string out;
    if (!write_png(surface, &out, row.data())) {
        return core::fail(core::ErrorCode::kInternal, "PNG encoding failed");
    }
    return out;
}

}  // namespace swarm::render
