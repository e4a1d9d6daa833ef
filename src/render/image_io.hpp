// Image bytes in and out: sniffing and checking PNG/JPEG headers, decoding to cairo surfaces,
// centre-crop-and-scale, PNG encoding.
#pragma once

#include "core/result.hpp"
#include "render/handles.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace swarm::render {

inline constexpr std::int64_t kMaxImagePixels = 40'000'000;

enum class ImageFormat { kUnknown, kPng, kJpeg };

/// By magic bytes only.
ImageFormat sniff_image(std::string_view bytes);

/// Decodes a PNG or JPEG after checking its header (real format, 1..40 megapixels).
/// kInvalidArgument on `field` otherwise.
core::Result<SurfacePtr> decode_image(std::string_view bytes, const std::string& field);

/// JPEG through libjpeg (jpeg_decode.cpp); called by decode_image after sniffing.
core::Result<SurfacePtr> decode_jpeg(std::string_view bytes, const std::string& field);

/// A new surface of exactly width x height: the source cropped to that aspect ratio around its
/// centre and scaled with cairo's GOOD (box-filtered when shrinking) filter.
SurfacePtr cover_scale(cairo_surface_t* source, int width, int height);

/// PNG bytes of a surface; kInternal when cairo fails.
core::Result<std::string> encode_png(cairo_surface_t* surface);

/// A new opaque image surface, or kResourceExhausted when cairo cannot allocate it.
core::Result<SurfacePtr> new_image_surface(int width, int height);

}  // namespace swarm::render
