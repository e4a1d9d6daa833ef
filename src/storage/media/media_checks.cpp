#include "storage/media/media_checks.hpp"

#include <string>

namespace swarm::storage {

core::Result<void> check_media_put(std::string_view bytes, std::string_view content_type) {
    if (!core::is_supported_media_type(content_type)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be one of " + std::string(core::kPngType) + ", " +
                              std::string(core::kJpegType) + ", " + std::string(core::kPdfType) +
                              ", " + std::string(core::kPptxType) + "; got \"" +
                              std::string(content_type.substr(0, 100)) + "\"",
                          "content_type");
    }
    if (bytes.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "bytes");
    }
    if (bytes.size() > kMaxMediaBytes) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be at most " + std::to_string(kMaxMediaBytes) + " bytes; got " +
                              std::to_string(bytes.size()),
                          "bytes");
    }
    return {};
}

core::MediaInfo media_info_for(std::string_view bytes, std::string_view content_type) {
    return core::MediaInfo{core::media_id_for(bytes), std::string(content_type), bytes.size()};
}

}  // namespace swarm::storage
