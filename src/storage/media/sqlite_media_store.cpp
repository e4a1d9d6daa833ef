#include "storage/media/sqlite_media_store.hpp"

#include "storage/common/row_codec.hpp"
#include "storage/media/media_checks.hpp"

namespace swarm::storage {

core::Result<core::MediaInfo> SqliteMediaStore::put(std::string_view bytes,
                                                    std::string_view content_type) {
    SWARM_TRY(check_media_put(bytes, content_type));
    const auto info = media_info_for(bytes, content_type);
    const auto now = to_millis(clock_.now());
    SWARM_TRY(db_->write([&](Connection& db) {
        // The same bytes stored before (by anyone) keep their row: ids are content hashes.
        return db.execute(
            "INSERT INTO media (id, content_type, size, bytes, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
            info.id, info.content_type, info.size, sqlite::Blob{bytes}, now);
    }));
    // The first writer's content type, if it was another.
    SWARM_TRY_ASSIGN(auto stored, stat(info.id));
    if (stored) {
        return std::move(*stored);
    }
    return info;
}

core::Result<std::optional<core::MediaInfo>> SqliteMediaStore::stat(std::string_view id) {
    if (!core::is_valid_media_id(id)) {
        return std::optional<core::MediaInfo>();
    }
    return db_->read([&](Connection& db) {
        return db.query_one(
            "SELECT content_type, size FROM media WHERE id = ?1",
            [&](const Statement& row) {
                return core::MediaInfo{std::string(id), row.column_text(0),
                                       static_cast<std::size_t>(row.column_int(1))};
            },
            id);
    });
}

core::Result<std::optional<core::MediaObject>> SqliteMediaStore::get(std::string_view id) {
    if (!core::is_valid_media_id(id)) {
        return std::optional<core::MediaObject>();
    }
    return db_->read([&](Connection& db) {
        return db.query_one(
            "SELECT content_type, bytes FROM media WHERE id = ?1",
            [&](const Statement& row) {
                core::MediaObject object;
                object.bytes = row.column_text(1);  // a BLOB's bytes, unconverted
                object.info =
                    core::MediaInfo{std::string(id), row.column_text(0), object.bytes.size()};
                return object;
            },
            id);
    });
}

std::string SqliteMediaStore::describe() const {
    return "sqlite " + db_->location() + " (table media)";
}

}  // namespace swarm::storage
