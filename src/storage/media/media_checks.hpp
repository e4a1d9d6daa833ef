// What every media store checks before it writes or looks up an object: the content type, the
// size, the id's shape. One place, so the four backends refuse the same things with the same words.
#pragma once

#include "core/ports/media_store.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <string_view>

namespace swarm::storage {

/// The largest object a store accepts or reads back (a 12-slide PPTX with images stays far below).
inline constexpr std::size_t kMaxMediaBytes = std::size_t{64} * 1024 * 1024;

/// kInvalidArgument naming "content_type" (and the four allowed types) or "bytes" (empty, or
/// larger than kMaxMediaBytes); else ok.
core::Result<void> check_media_put(std::string_view bytes, std::string_view content_type);

/// The info a put returns for bytes that pass check_media_put.
core::MediaInfo media_info_for(std::string_view bytes, std::string_view content_type);

}  // namespace swarm::storage
