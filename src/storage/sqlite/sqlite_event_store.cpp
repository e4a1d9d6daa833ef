#include "storage/sqlite/sqlite_event_store.hpp"

#include "storage/sqlite/row_codec.hpp"

namespace swarm::storage {

namespace {

core::Result<core::JobEvent> read_event(const Statement& row) {
    core::JobEvent event;
    event.seq = row.column_int(0);
    auto type = decode_event_type(row.column_text(1));
    auto platform = optional_platform(row, 3);
    if (!type || !platform) {
        return tl::unexpected(!type ? type.error() : platform.error());
    }
    event.type = *type;
    event.agent = row.column_text(2);
    event.platform = *platform;
    event.message = row.column_text(4);
    event.at = from_millis(row.column_int(5));
    event.elapsed = std::chrono::milliseconds{row.column_int(6)};
    return event;
}

}  // namespace

core::Result<core::JobEvent> SqliteEventStore::append(const std::string& job_id,
                                                      const core::JobEvent& event) {
    core::JobEvent stored = event;
    if (stored.at == core::Timestamp{}) {
        stored.at = clock_.now();
    }
    return db_->write([&](Connection& db) -> core::Result<core::JobEvent> {
        // max+1 inside the write lock; the (job_id, seq) primary key is the backstop. A missing
        // job fails the foreign key, which translates to kNotFound.
        auto stmt = db.prepare(
            "INSERT INTO job_events (job_id, seq, type, agent, platform, message, at, elapsed_ms) "
            "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7 FROM job_events "
            "WHERE job_id = ?1 RETURNING seq");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(job_id, core::to_string(stored.type), stored.agent,
                                         platform_name(stored.platform), stored.message,
                                         to_millis(stored.at),
                                         static_cast<std::int64_t>(stored.elapsed.count())));
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        stored.seq = *row ? stmt->column_int(0) : 0;
        SWARM_STORAGE_TRY(stmt->run());
        return stored;
    });
}

core::Result<std::vector<core::JobEvent>> SqliteEventStore::list_after(const std::string& job_id,
                                                                       std::int64_t after_seq,
                                                                       int limit) {
    SWARM_STORAGE_TRY(check_limit(limit, 1000));
    return db_->read([&](Connection& db) -> core::Result<std::vector<core::JobEvent>> {
        auto stmt = db.prepare(
            "SELECT seq, type, agent, platform, message, at, elapsed_ms FROM job_events "
            "WHERE job_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(job_id, after_seq, static_cast<std::int64_t>(limit)));
        std::vector<core::JobEvent> events;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return events;
            }
            auto event = read_event(*stmt);
            if (!event) {
                return tl::unexpected(std::move(event.error()));
            }
            events.push_back(std::move(*event));
        }
    });
}

core::Result<std::int64_t> SqliteEventStore::last_seq(const std::string& job_id) {
    return db_->read([&](Connection& db) -> core::Result<std::int64_t> {
        auto stmt = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM job_events WHERE job_id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(job_id));
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        return *row ? stmt->column_int(0) : std::int64_t{0};
    });
}

}  // namespace swarm::storage
