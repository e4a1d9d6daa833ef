#include "core/ports/media_store.hpp"
#include "core/text/hex.hpp"
#include "core/text/sha256.hpp"

namespace swarm::core {

std::string media_id_for(std::string_view bytes) {
    return sha256_hex(bytes);
}

bool is_valid_media_id(std::string_view id) {
    return id.size() == 64 && text::is_lower_hex(id);
}

bool is_supported_media_type(std::string_view content_type) {
    return content_type == kPngType || content_type == kJpegType || content_type == kPdfType ||
           content_type == kPptxType;
}

std::string media_url(std::string_view id) {
    return "/media/" + std::string(id);
}

}  // namespace swarm::core
