// Where `serve` keeps media: the --media / CONTENT_SWARM_MEDIA value parsed (folder:PATH, db,
// s3://BUCKET[/PREFIX]?region=R&endpoint=URL&style=path|virtual) and the store opened from it.
#pragma once

#include "app/llm_settings.hpp"
#include "core/ports/media_store.hpp"
#include "core/result.hpp"
#include "storage/media/s3_media_store.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace swarm::app {

struct MediaLocation {
    enum class Kind { kFolder, kDatabase, kS3 };
    Kind kind = Kind::kFolder;
    std::string folder;     // kFolder; empty: default_media_folder(--db)
    storage::S3Options s3;  // kS3; region empty: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1
};

/// Parses a --media value; errors are kInvalidArgument naming `field` and the allowed forms, and
/// never repeat an s3:// value (it could carry what does not belong in logs).
core::Result<MediaLocation> parse_media_location(std::string_view text, const std::string& field);

/// Without --media: the database itself with PostgreSQL (replicas share it, nothing else to run),
/// else the folder default_media_folder(db).
MediaLocation default_media_location(const std::string& db);

/// The default folder: `media` beside the SQLite database file of `db` ("sqlite:PATH"), or
/// `media` in the working directory when there is no such file (an in-memory URI).
std::filesystem::path default_media_folder(const std::string& db);

/// Opens the store `location` names. `database_store` is the store in --db's database, used for
/// kDatabase. For kS3 the credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
/// AWS_SESSION_TOKEN in `env` (the first two required).
core::Result<std::unique_ptr<core::MediaStore>> open_media_store(
    const MediaLocation& location, const std::string& db,
    std::unique_ptr<core::MediaStore> database_store, const EnvLookup& env);

}  // namespace swarm::app
