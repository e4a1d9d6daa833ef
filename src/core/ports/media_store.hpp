// Port: media (rendered cards, deck slides, deck PDF/PPTX, model images) stored by content hash and
// served from our own URLs (/media/{id}). Implemented by a local folder, the database (SQLite and
// PostgreSQL) and S3-compatible object storage (src/storage).
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::core {

inline constexpr std::string_view kPngType = "image/png";
inline constexpr std::string_view kJpegType = "image/jpeg";
inline constexpr std::string_view kPdfType = "application/pdf";
inline constexpr std::string_view kPptxType =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";

/// What a store knows about one object without reading its bytes (HEAD, ETag).
struct MediaInfo {
    std::string id;  // lower-case hex SHA-256 of the bytes (64 characters)
    std::string content_type;
    std::size_t size = 0;
};

struct MediaObject {
    MediaInfo info;
    std::string bytes;
};

/// Thread-safety: every method may be called concurrently from any thread (and process).
/// Storage failures are kIo or kUnavailable with a message naming the store, never a secret.
class MediaStore {
public:
    virtual ~MediaStore() = default;

    /// Stores the bytes under their content hash and returns the info. Storing the same bytes
    /// again is a no-op that returns the same id. kInvalidArgument for an empty object or a
    /// content type other than the four above (field "content_type").
    virtual Result<MediaInfo> put(std::string_view bytes, std::string_view content_type) = 0;

    /// The object, or nullopt when the id is unknown (or not a valid id).
    virtual Result<std::optional<MediaObject>> get(std::string_view id) = 0;

    /// The object's info without its bytes, or nullopt when unknown.
    virtual Result<std::optional<MediaInfo>> stat(std::string_view id) = 0;

    /// Short description for logs and /readyz, e.g. "folder /var/lib/content-swarm/media".
    virtual std::string describe() const = 0;
};

/// The id of some bytes: lower-case hex SHA-256.
std::string media_id_for(std::string_view bytes);

/// True for 64 lower-case hex characters (the only ids a store accepts; keeps paths and keys safe).
bool is_valid_media_id(std::string_view id);

/// True for the four content types above.
bool is_supported_media_type(std::string_view content_type);

/// The URL path an item's media entry carries: "/media/{id}".
std::string media_url(std::string_view id);

}  // namespace swarm::core
