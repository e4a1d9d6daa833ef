#include "render/image_io.hpp"

#include <algorithm>
#include <cstring>

namespace swarm::render {
namespace {

constexpr std::string_view kPngMagic("\x89PNG\r\n\x1A\n", 8);

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = (value << 8U) | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

tl::unexpected<core::Error> refuse(const std::string& field, const std::string& why) {
    return core::fail(core::ErrorCode::kInvalidArgument, "not a usable PNG or JPEG image: " + why,
                      field);
}

struct ReadCursor {
    std::string_view bytes;
    std::size_t at = 0;
};

cairo_status_t read_chunk(void* closure, unsigned char* data, unsigned int length) {
    auto* cursor = static_cast<ReadCursor*>(closure);
    if (cursor->bytes.size() - cursor->at < length) {
        return CAIRO_STATUS_READ_ERROR;
    }
    std::memcpy(data, cursor->bytes.data() + cursor->at, length);
    cursor->at += length;
    return CAIRO_STATUS_SUCCESS;
}

core::Result<SurfacePtr> decode_png(std::string_view bytes, const std::string& field) {
    // Signature, then the IHDR chunk: length 13, type, width, height (big-endian).
    if (bytes.size() < 33 || big_endian32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR") {
        return refuse(field, "PNG without a valid IHDR header");
    }
    const std::uint32_t width = big_endian32(bytes, 16);
    const std::uint32_t height = big_endian32(bytes, 20);
    if (width == 0 || height == 0 || std::int64_t{width} * std::int64_t{height} > kMaxImagePixels) {
        return refuse(field, "PNG of " + std::to_string(width) + "x" + std::to_string(height) +
                                 " pixels (at most 40 megapixels)");
    }
    ReadCursor cursor{bytes};
    SurfacePtr surface(cairo_image_surface_create_from_png_stream(read_chunk, &cursor));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return refuse(field, std::string("PNG does not decode (") +
                                 cairo_status_to_string(cairo_surface_status(surface.get())) + ")");
    }
    return surface;
}

}  // namespace

ImageFormat sniff_image(std::string_view bytes) {
    if (bytes.starts_with(kPngMagic)) {
        return ImageFormat::kPng;
    }
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xD8 &&
        static_cast<unsigned char>(bytes[2]) == 0xFF) {
        return ImageFormat::kJpeg;
    }
    return ImageFormat::kUnknown;
}

core::Result<SurfacePtr> decode_image(std::string_view bytes, const std::string& field) {
    switch (sniff_image(bytes)) {
        case ImageFormat::kPng:
            return decode_png(bytes, field);
        case ImageFormat::kJpeg:
            return decode_jpeg(bytes, field);
        case ImageFormat::kUnknown:
            break;
    }
    return refuse(field, bytes.empty() ? "no bytes" : "unknown format (expected PNG or JPEG)");
}

core::Result<SurfacePtr> new_image_surface(int width, int height) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return core::fail(
            core::ErrorCode::kResourceExhausted,
            "cannot allocate a " + std::to_string(width) + "x" + std::to_string(height) + " image");
    }
    return surface;
}

SurfacePtr cover_scale(cairo_surface_t* source, int width, int height) {
    const double sw = cairo_image_surface_get_width(source);
    const double sh = cairo_image_surface_get_height(source);
    const double target = static_cast<double>(width) / height;
    const double crop_w = std::min(sw, sh * target);
    const double crop_h = std::min(sh, sw / target);
    const double scale = width / crop_w;
    const cairo_format_t format = cairo_image_surface_get_format(source) == CAIRO_FORMAT_ARGB32
                                      ? CAIRO_FORMAT_ARGB32
                                      : CAIRO_FORMAT_RGB24;
    SurfacePtr out(cairo_image_surface_create(format, width, height));
    const CairoPtr cr(cairo_create(out.get()));
    cairo_scale(cr.get(), scale, height / crop_h);
    cairo_set_source_surface(cr.get(), source, -(sw - crop_w) / 2, -(sh - crop_h) / 2);
    cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(cairo_get_source(cr.get()), CAIRO_EXTEND_PAD);
    cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr.get());
    return out;
}

}  // namespace swarm::render
