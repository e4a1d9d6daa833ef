// Checks that bytes from an image model are a real PNG or JPEG and reads the size from the headers
// without decoding pixels; anything else is refused with a message saying what was wrong.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace swarm::llm {

inline constexpr std::size_t kDefaultMaxImageBytes = std::size_t{20} << 20;  // 20 MiB
inline constexpr std::int64_t kDefaultMaxImagePixels = 40'000'000;           // 40 megapixels

struct ImageLimits {
    std::size_t max_bytes = kDefaultMaxImageBytes;
    std::int64_t max_pixels = kDefaultMaxImagePixels;
};

struct ImageInfo {
    std::string_view content_type;  // core::kPngType or core::kJpegType
    int width = 0;
    int height = 0;
};

/// PNG: the signature, an IHDR first (length 13, valid bit depth / colour type, CRC checked) and a
/// chunk chain that reaches IEND after at least one IDAT (a cut-off download fails here).
/// JPEG: SOI, then marker segments up to the first SOFn frame header (baseline, progressive,
/// lossless, arithmetic), and EOI as the last two bytes.
/// kUpstream when the bytes are empty, over `limits.max_bytes`, neither format, truncated or
/// malformed, declare a zero width or height, or more than `limits.max_pixels` pixels.
core::Result<ImageInfo> check_image(std::string_view bytes, const ImageLimits& limits = {});

}  // namespace swarm::llm
