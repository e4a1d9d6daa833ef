#include "storage/postgres/pg_content_store.hpp"

#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

namespace {

constexpr const char* kColumns =
    "id, job_id, platform, status, item_json, score, version, created_at, updated_at";

core::Result<core::ItemRecord> read_item(const pqxx::row& row) {
    auto platform = decode_platform(pg_text(row[2]));
    if (!platform) {
        return tl::unexpected(std::move(platform.error()));
    }
    return core::ItemRecord{pg_text(row[0]),
                            pg_text(row[1]),
                            *platform,
                            pg_text(row[3]),
                            pg_text(row[4]),
                            pg_double(row[5]),
                            pg_int(row[6]),
                            from_millis(pg_int(row[7])),
                            from_millis(pg_int(row[8]))};
}

core::Result<core::ItemRecord> first_item(const pqxx::result& rows, const std::string& id) {
    if (rows.empty()) {
        return core::fail(core::ErrorCode::kNotFound, "content item " + id + " not found", "id");
    }
    return read_item(rows[0]);
}

core::Result<core::ItemRecord> load(pqxx::work& tx, const std::string& id,
                                    bool for_update = false) {
    return first_item(
        tx.exec_params(std::string("SELECT ") + kColumns + " FROM content_items WHERE id = $1" +
                           (for_update ? " FOR UPDATE" : ""),
                       id),
        id);
}

void record_version(pqxx::work& tx, const std::string& id, std::int64_t version,
                    const std::string& json, const std::string& status, double score,
                    std::int64_t now) {
    tx.exec_params0(
        "INSERT INTO content_item_versions (item_id, version, item_json, status, score, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        id, version, json, status, score, now);
}

}  // namespace

core::Result<core::CreatedItem> PgContentStore::put_item(const std::string& job_id,
                                                         const core::NewItem& item) {
    if (item.id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    const auto now = to_millis(clock_.now());
    const std::string platform(core::to_string(item.platform));
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::CreatedItem> {
        // UNIQUE (job_id, platform) arbitrates between replicas finishing the same job: the
        // loser waits for the winner's commit, inserts nothing and returns the winner's item.
        // An id used by another pair still fails (unique_violation → kAlreadyExists), a missing
        // job fails the foreign key (→ kNotFound).
        const auto inserted = tx.exec_params(
            std::string("INSERT INTO content_items (id, job_id, platform, status, item_json, "
                        "score, version, created_at, updated_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) "
                        "ON CONFLICT (job_id, platform) DO NOTHING RETURNING ") +
                kColumns,
            item.id, job_id, platform, item.status, item.item_json, item.score, now);
        if (!inserted.empty()) {
            record_version(tx, item.id, 1, item.item_json, item.status, item.score, now);
            auto stored = read_item(inserted[0]);
            if (!stored) {
                return tl::unexpected(std::move(stored.error()));
            }
            return core::CreatedItem{std::move(*stored), true};
        }
        auto existing =
            first_item(tx.exec_params(std::string("SELECT ") + kColumns +
                                          " FROM content_items WHERE job_id = $1 AND platform = $2",
                                      job_id, platform),
                       item.id);
        if (!existing) {
            return tl::unexpected(std::move(existing.error()));
        }
        return core::CreatedItem{std::move(*existing), false};
    });
}

core::Result<core::ItemRecord> PgContentStore::get(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, id); });
}

core::Result<core::ItemRecord> PgContentStore::update(const std::string& id,
                                                      const core::ItemUpdate& update) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ItemRecord> {
        auto item = load(tx, id, true);  // row lock: the version check and the write agree
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
        auto updated = first_item(
            tx.exec_params(std::string("UPDATE content_items SET item_json = $2, status = $3, "
                                       "score = $4, version = $5, updated_at = $6 "
                                       "WHERE id = $1 RETURNING ") +
                               kColumns,
                           id, update.item_json, update.status, update.score, version, now),
            id);
        if (updated) {
            record_version(tx, id, version, update.item_json, update.status, update.score, now);
        }
        return updated;
    });
}

core::Result<std::vector<core::ItemVersion>> PgContentStore::versions(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::ItemVersion>> {
        SWARM_STORAGE_TRY(load(tx, id));
        std::vector<core::ItemVersion> versions;
        for (const auto& row :
             tx.exec_params("SELECT version, item_json, status, score, created_at FROM "
                            "content_item_versions WHERE item_id = $1 ORDER BY version DESC",
                            id)) {
            versions.push_back({pg_int(row[0]), pg_text(row[1]), pg_text(row[2]), pg_double(row[3]),
                                from_millis(pg_int(row[4]))});
        }
        return versions;
    });
}

core::Result<void> PgContentStore::remove(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        // Versions go with it (ON DELETE CASCADE).
        if (tx.exec_params("DELETE FROM content_items WHERE id = $1", id).affected_rows() == 0) {
            return core::fail(core::ErrorCode::kNotFound, "content item " + id + " not found",
                              "id");
        }
        return {};
    });
}

core::Result<core::ItemPage> PgContentStore::list(const core::ContentQuery& query) {
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
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ItemPage> {
        const auto rows = tx.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM content_items WHERE ($1::text IS NULL OR job_id = $1::text)"
                " AND ($2::text IS NULL OR platform = $2::text)"
                " AND ($3::text IS NULL OR status = $3::text)"
                " AND ($4::bigint IS NULL OR (created_at, id) < ($4::bigint, $5::text))"
                " ORDER BY created_at DESC, id DESC LIMIT $6",
            query.job_id, platform_name(query.platform), query.status, after_time, after_id,
            static_cast<std::int64_t>(query.limit) + 1);
        core::ItemPage page;
        for (const auto& row : rows) {
            if (page.items.size() == static_cast<std::size_t>(query.limit)) {
                const auto& last = page.items.back();
                page.next_cursor = encode_cursor({to_millis(last.created_at), last.id});
                break;
            }
            auto item = read_item(row);
            if (!item) {
                return tl::unexpected(std::move(item.error()));
            }
            page.items.push_back(std::move(*item));
        }
        return page;
    });
}

}  // namespace swarm::storage
