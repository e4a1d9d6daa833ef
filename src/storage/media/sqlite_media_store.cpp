#include "storage/media/sqlite_media_store.hpp"

#include "storage/media/media_checks.hpp"
#include "storage/sqlite/row_codec.hpp"

namespace swarm::storage {

core::Result<core::MediaInfo> SqliteMediaStore::put(std::string_view bytes,
                                                    std::string_view content_type) {
    if (auto ok = check_media_put(bytes, content_type); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    const auto info = media_info_for(bytes, content_type);
    const auto now = to_millis(clock_.now());
    auto written = db_->write([&](Connection& db) -> core::Result<void> {
        // The same bytes stored before (by anyone) keep their row: ids are content hashes.
        auto stmt = db.prepare(
            "INSERT INTO media (id, content_type, size, bytes, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind(1, info.id));
        SWARM_STORAGE_TRY(stmt->bind(2, info.content_type));
        SWARM_STORAGE_TRY(stmt->bind(3, static_cast<std::int64_t>(info.size)));
        SWARM_STORAGE_TRY(stmt->bind_blob(4, bytes));
        SWARM_STORAGE_TRY(stmt->bind(5, now));
        return stmt->run();
    });
    if (!written) {
        return tl::unexpected(std::move(written.error()));
    }
    auto stored = stat(info.id);  // the first writer's content type, if it was another
    if (!stored) {
        return tl::unexpected(std::move(stored.error()));
    }
    if (*stored) {
        return std::move(**stored);
    }
    return info;
}

core::Result<std::optional<core::MediaInfo>> SqliteMediaStore::stat(std::string_view id) {
    using Out = std::optional<core::MediaInfo>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    return db_->read([&](Connection& db) -> core::Result<Out> {
        auto stmt = db.prepare("SELECT content_type, size FROM media WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind(1, id));
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return Out();
        }
        return Out(core::MediaInfo{std::string(id), stmt->column_text(0),
                                   static_cast<std::size_t>(stmt->column_int(1))});
    });
}

core::Result<std::optional<core::MediaObject>> SqliteMediaStore::get(std::string_view id) {
    using Out = std::optional<core::MediaObject>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    return db_->read([&](Connection& db) -> core::Result<Out> {
        auto stmt = db.prepare("SELECT content_type, bytes FROM media WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind(1, id));
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return Out();
        }
        core::MediaObject object;
        object.bytes = stmt->column_text(1);  // a BLOB's bytes, unconverted
        object.info = core::MediaInfo{std::string(id), stmt->column_text(0), object.bytes.size()};
        return Out(std::move(object));
    });
}

std::string SqliteMediaStore::describe() const {
    return "sqlite " + db_->location() + " (table media)";
}

}  // namespace swarm::storage
