#include "storage/sqlite/sqlite_raw_output_store.hpp"

#include "storage/sqlite/row_codec.hpp"

namespace swarm::storage {

core::Result<std::int64_t> SqliteRawOutputStore::append(const std::string& job_id,
                                                        const std::string& agent,
                                                        std::optional<core::Platform> platform,
                                                        const std::string& text) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        auto stmt = db.prepare(
            "INSERT INTO raw_outputs (job_id, agent, platform, text, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(job_id, agent, platform_name(platform), text, now));
        SWARM_STORAGE_TRY(stmt->run());
        return db.last_insert_rowid();
    });
}

core::Result<std::vector<core::RawOutputRecord>> SqliteRawOutputStore::list(
    const std::string& job_id) {
    return db_->read([&](Connection& db) -> core::Result<std::vector<core::RawOutputRecord>> {
        auto stmt = db.prepare(
            "SELECT id, agent, platform, text, created_at FROM raw_outputs WHERE job_id = ?1 "
            "ORDER BY id");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(job_id));
        std::vector<core::RawOutputRecord> records;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return records;
            }
            auto platform = optional_platform(*stmt, 2);
            if (!platform) {
                return tl::unexpected(std::move(platform.error()));
            }
            records.push_back({stmt->column_int(0), job_id, stmt->column_text(1), *platform,
                               stmt->column_text(3), from_millis(stmt->column_int(4))});
        }
    });
}

}  // namespace swarm::storage
