// Real PNG images for the fake model server's image endpoints and for tests: an RGB gradient of
// any size (IHDR, one zlib-deflated IDAT, IEND, CRCs from zlib), optionally padded to a size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace swarm::fake_llm {

/// An 8-bit RGB, non-interlaced PNG of width x height: a gradient whose colours depend on `seed`.
/// Sides must be from 1 to 16384.
std::string encode_png(int width, int height, std::uint32_t seed = 0);

/// The same PNG with a private ancillary chunk ("zpAd", ignored by decoders) before IEND so that
/// the file is at least `min_bytes` long: a valid image that is too large.
std::string pad_png(const std::string& png, std::size_t min_bytes);

/// One PNG chunk: length, type, data, CRC-32 of type and data.
std::string png_chunk(const std::string& type, const std::string& data);

}  // namespace swarm::fake_llm
