#include "storage/media/pg_media_store.hpp"

#include "storage/media/media_checks.hpp"
#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

core::Result<core::MediaInfo> PgMediaStore::put(std::string_view bytes,
                                                std::string_view content_type) {
    SWARM_TRY(check_media_put(bytes, content_type));
    const auto info = media_info_for(bytes, content_type);
    const auto now = to_millis(clock_.now());
    // Sent as a binary parameter: no escaping of 5 MB of bytes on either side.
    const pqxx::binarystring blob(bytes.data(), bytes.size());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::MediaInfo> {
        // The same bytes stored before (by any replica) keep their row: ids are content hashes.
        tx.exec_params(
            "INSERT INTO media (id, content_type, size, bytes, created_at) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            info.id, info.content_type, static_cast<std::int64_t>(info.size), blob, now);
        const auto row =
            tx.exec_params1("SELECT content_type, size FROM media WHERE id = $1", info.id);
        return core::MediaInfo{info.id, pg_text(row[0]), static_cast<std::size_t>(pg_int(row[1]))};
    });
}

core::Result<std::optional<core::MediaInfo>> PgMediaStore::stat(std::string_view id) {
    using Out = std::optional<core::MediaInfo>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    const std::string key(id);
    return db_->transact([&](pqxx::work& tx) -> core::Result<Out> {
        const auto rows = tx.exec_params("SELECT content_type, size FROM media WHERE id = $1", key);
        if (rows.empty()) {
            return Out();
        }
        return Out(core::MediaInfo{key, pg_text(rows[0][0]),
                                   static_cast<std::size_t>(pg_int(rows[0][1]))});
    });
}

core::Result<std::optional<core::MediaObject>> PgMediaStore::get(std::string_view id) {
    using Out = std::optional<core::MediaObject>;
    if (!core::is_valid_media_id(id)) {
        return Out();
    }
    const std::string key(id);
    return db_->transact([&](pqxx::work& tx) -> core::Result<Out> {
        const auto rows =
            tx.exec_params("SELECT content_type, bytes FROM media WHERE id = $1", key);
        if (rows.empty()) {
            return Out();
        }
        core::MediaObject object;
        object.bytes = pqxx::binarystring(rows[0][1]).str();
        object.info = core::MediaInfo{key, pg_text(rows[0][0]), object.bytes.size()};
        return Out(std::move(object));
    });
}

std::string PgMediaStore::describe() const {
    return "postgres (table media)";
}

}  // namespace swarm::storage
