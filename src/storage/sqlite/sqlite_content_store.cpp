#include "storage/sqlite/sqlite_content_store.hpp"

#include "storage/sqlite/row_codec.hpp"

namespace swarm::storage {

namespace {

constexpr const char* kColumns =
    "id, job_id, platform, status, item_json, score, version, created_at, updated_at";

core::Result<core::ItemRecord> read_item(const Statement& row) {
    auto platform = decode_platform(row.column_text(2));
    if (!platform) {
        return tl::unexpected(std::move(platform.error()));
    }
    return core::ItemRecord{row.column_text(0),
                            row.column_text(1),
                            *platform,
                            row.column_text(3),
                            row.column_text(4),
                            row.column_double(5),
                            row.column_int(6),
                            from_millis(row.column_int(7)),
                            from_millis(row.column_int(8))};
}

/// The first row of a `SELECT kColumns ...` with `args` bound, or nullopt.
template <class... Args>
core::Result<std::optional<core::ItemRecord>> find_item(Connection& db, const std::string& where,
                                                        const Args&... args) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM content_items " + where);
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(args...));
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<core::ItemRecord>();
    }
    auto item = read_item(*stmt);
    if (!item) {
        return tl::unexpected(std::move(item.error()));
    }
    return std::optional<core::ItemRecord>(std::move(*item));
}

core::Result<core::ItemRecord> load(Connection& db, const std::string& id) {
    auto item = find_item(db, "WHERE id = ?1", id);
    if (!item) {
        return tl::unexpected(std::move(item.error()));
    }
    if (!*item) {
        return core::fail(core::ErrorCode::kNotFound, "content item " + id + " not found", "id");
    }
    return std::move(**item);
}

core::Result<void> record_version(Connection& db, const std::string& id, std::int64_t version,
                                  const std::string& json, const std::string& status, double score,
                                  std::int64_t now) {
    auto stmt = db.prepare(
        "INSERT INTO content_item_versions (item_id, version, item_json, status, score, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(id, version, json, status, score, now));
    return stmt->run();
}

core::Result<void> insert_item(Connection& db, const std::string& job_id, const core::NewItem& item,
                               std::int64_t now) {
    auto stmt = db.prepare(
        "INSERT INTO content_items (id, job_id, platform, status, item_json, score, version, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(item.id, job_id, core::to_string(item.platform), item.status,
                                     item.item_json, item.score, now));
    SWARM_STORAGE_TRY(stmt->run());
    return record_version(db, item.id, 1, item.item_json, item.status, item.score, now);
}

}  // namespace

core::Result<core::CreatedItem> SqliteContentStore::put_item(const std::string& job_id,
                                                             const core::NewItem& item) {
    if (item.id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::CreatedItem> {
        // Lookup + insert under the write lock; UNIQUE (job_id, platform) is the backstop.
        auto existing = find_item(db, "WHERE job_id = ?1 AND platform = ?2", job_id,
                                  core::to_string(item.platform));
        if (!existing) {
            return tl::unexpected(std::move(existing.error()));
        }
        if (*existing) {
            return core::CreatedItem{std::move(**existing), false};
        }
        SWARM_STORAGE_TRY(insert_item(db, job_id, item, now));
        auto stored = load(db, item.id);
        if (!stored) {
            return tl::unexpected(std::move(stored.error()));
        }
        return core::CreatedItem{std::move(*stored), true};
    });
}

core::Result<core::ItemRecord> SqliteContentStore::get(const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, id); });
}

core::Result<core::ItemRecord> SqliteContentStore::update(const std::string& id,
                                                          const core::ItemUpdate& update) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::ItemRecord> {
        auto item = load(db, id);
        if (!item) {
            return item;
        }
        if (update.expected_version && *update.expected_version != item->version) {
            return core::fail(core::ErrorCode::kFailedPrecondition,
                              "content item " + id + " is at version " +
                                  std::to_string(item->version) + ", not " +
                                  std::to_string(*update.expected_version),
                              "expected_version");
        }
        const auto version = item->version + 1;
        auto stmt = db.prepare(
            "UPDATE content_items SET item_json = ?2, status = ?3, score = ?4, version = ?5, "
            "updated_at = ?6 WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(
            stmt->bind_all(id, update.item_json, update.status, update.score, version, now));
        SWARM_STORAGE_TRY(stmt->run());
        SWARM_STORAGE_TRY(
            record_version(db, id, version, update.item_json, update.status, update.score, now));
        return load(db, id);
    });
}

core::Result<std::vector<core::ItemVersion>> SqliteContentStore::versions(const std::string& id) {
    return db_->read([&](Connection& db) -> core::Result<std::vector<core::ItemVersion>> {
        SWARM_STORAGE_TRY(load(db, id));
        auto stmt = db.prepare(
            "SELECT version, item_json, status, score, created_at FROM content_item_versions "
            "WHERE item_id = ?1 ORDER BY version DESC");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id));
        std::vector<core::ItemVersion> versions;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return versions;
            }
            versions.push_back({stmt->column_int(0), stmt->column_text(1), stmt->column_text(2),
                                stmt->column_double(3), from_millis(stmt->column_int(4))});
        }
    });
}

core::Result<void> SqliteContentStore::remove(const std::string& id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        auto stmt = db.prepare("DELETE FROM content_items WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id));
        SWARM_STORAGE_TRY(stmt->run());
        if (db.changes() == 0) {
            return core::fail(core::ErrorCode::kNotFound, "content item " + id + " not found",
                              "id");
        }
        return {};  // versions go with it (ON DELETE CASCADE)
    });
}

core::Result<core::ItemPage> SqliteContentStore::list(const core::ContentQuery& query) {
    SWARM_STORAGE_TRY(check_limit(query.limit, 100));
    auto cursor = decode_cursor(query.cursor);
    if (!cursor) {
        return tl::unexpected(std::move(cursor.error()));
    }
    std::optional<std::int64_t> after_time;
    std::optional<std::string> after_id;
    if (*cursor) {
        after_time = (*cursor)->created_at;
        after_id = (*cursor)->id;
    }
    return db_->read([&](Connection& db) -> core::Result<core::ItemPage> {
        auto stmt = db.prepare(std::string("SELECT ") + kColumns +
                               " FROM content_items WHERE (?1 IS NULL OR job_id = ?1)"
                               " AND (?2 IS NULL OR platform = ?2) AND (?3 IS NULL OR status = ?3)"
                               " AND (?4 IS NULL OR (created_at, id) < (?4, ?5))"
                               " ORDER BY created_at DESC, id DESC LIMIT ?6");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(query.job_id, platform_name(query.platform), query.status,
                                         after_time, after_id,
                                         static_cast<std::int64_t>(query.limit) + 1));
        core::ItemPage page;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return page;
            }
            if (page.items.size() == static_cast<std::size_t>(query.limit)) {
                const auto& last = page.items.back();
                page.next_cursor = encode_cursor({to_millis(last.created_at), last.id});
                return page;
            }
            auto item = read_item(*stmt);
            if (!item) {
                return tl::unexpected(std::move(item.error()));
            }
            page.items.push_back(std::move(*item));
        }
    });
}

}  // namespace swarm::storage
