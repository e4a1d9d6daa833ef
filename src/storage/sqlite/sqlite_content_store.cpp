#include "storage/sqlite/sqlite_content_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"

namespace swarm::storage {

namespace {

/// The first row of a `SELECT kItemColumns ...` with `args` bound, or nullopt.
template <class... Args>
core::Result<std::optional<core::ItemRecord>> find_item(Connection& db, const std::string& where,
                                                        const Args&... args) {
    return db.query_one(std::string("SELECT ") + kItemColumns + " FROM content_items " + where,
                        decoded(decode_item), args...);
}

core::Result<core::ItemRecord> load(Connection& db, const core::WorkspaceId& workspace,
                                    const std::string& id) {
    SWARM_TRY_ASSIGN(auto item,
                     find_item(db, "WHERE id = ?1 AND workspace_id = ?2", id, workspace.str()));
    if (!item) {
        return not_found("content item", id);
    }
    return std::move(*item);
}

core::Result<void> record_version(Connection& db, const std::string& id, std::int64_t version,
                                  const std::string& json, const std::string& status, double score,
                                  std::int64_t now) {
    return db.execute(
        "INSERT INTO content_item_versions (item_id, version, item_json, status, score, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        id, version, json, status, score, now);
}

/// Retention: versions older than the newest `versions_kept` go, except the first and the
/// approved ones (what a reviewer signed off stays recoverable).
core::Result<void> prune(Connection& db, const std::string& id, std::int64_t version,
                         const core::ContentLimits& limits) {
    const auto below = prune_below(version, limits);
    if (below <= 2) {
        return {};
    }
    return db.execute(
        "DELETE FROM content_item_versions WHERE item_id = ?1 AND version > 1 AND version < ?2 "
        "AND status <> 'approved'",
        id, below);
}

}  // namespace

core::Result<core::CreatedItem> SqliteContentStore::put_item(const core::WorkspaceId& workspace,
                                                             const std::string& job_id,
                                                             const core::NewItem& item) {
    SWARM_TRY(check_id(item.id));
    SWARM_TRY(check_item_size(item.item_json, limits_));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::CreatedItem> {
        // The job must be the workspace's: an item never lands in a job of another workspace.
        SWARM_TRY(SqliteJobStore::load(db, workspace, job_id));
        // Lookup + insert under the write lock; UNIQUE (job_id, platform) is the backstop.
        SWARM_TRY_ASSIGN(auto existing, find_item(db, "WHERE job_id = ?1 AND platform = ?2", job_id,
                                                  core::to_string(item.platform)));
        if (existing) {
            return core::CreatedItem{std::move(*existing), false};
        }
        SWARM_TRY(db.execute(
            "INSERT INTO content_items (id, job_id, platform, status, item_json, score, version, "
            "created_at, updated_at, workspace_id, scheduled_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7, ?8, ?9)",
            item.id, job_id, core::to_string(item.platform), item.status, item.item_json,
            item.score, now, workspace.str(), optional_millis(item.scheduled_at)));
        SWARM_TRY(record_version(db, item.id, 1, item.item_json, item.status, item.score, now));
        SWARM_TRY_ASSIGN(auto stored, load(db, workspace, item.id));
        return core::CreatedItem{std::move(stored), true};
    });
}

core::Result<core::ItemRecord> SqliteContentStore::get(const core::WorkspaceId& workspace,
                                                       const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, workspace, id); });
}

core::Result<std::int64_t> SqliteContentStore::current_version(const core::WorkspaceId& workspace,
                                                               const std::string& id) {
    return db_->read([&](Connection& db) -> core::Result<std::int64_t> {
        SWARM_TRY_ASSIGN(
            auto version,
            db.query_one(
                "SELECT version FROM content_items WHERE id = ?1 AND workspace_id = ?2",
                [](const Statement& row) { return row.column_int(0); }, id, workspace.str()));
        if (!version) {
            return not_found("content item", id);
        }
        return *version;
    });
}

core::Result<core::ItemRecord> SqliteContentStore::update(const core::WorkspaceId& workspace,
                                                          const std::string& id,
                                                          const core::ItemUpdate& update) {
    SWARM_TRY(check_item_size(update.item_json, limits_));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::ItemRecord> {
        SWARM_TRY_ASSIGN(const auto item, load(db, workspace, id));
        SWARM_TRY(check_version(id, item.version, update.expected_version));
        const auto version = item.version + 1;
        SWARM_TRY(db.execute(
            "UPDATE content_items SET item_json = ?2, status = ?3, score = ?4, version = ?5, "
            "updated_at = ?6, scheduled_at = ?7 WHERE id = ?1",
            id, update.item_json, update.status, update.score, version, now,
            optional_millis(update.scheduled_at)));
        SWARM_TRY(
            record_version(db, id, version, update.item_json, update.status, update.score, now));
        SWARM_TRY(prune(db, id, version, limits_));
        return load(db, workspace, id);
    });
}

core::Result<core::VersionPage> SqliteContentStore::versions(const core::WorkspaceId& workspace,
                                                             const std::string& id,
                                                             const core::VersionQuery& query) {
    SWARM_TRY_ASSIGN(const auto start, version_start(query));
    return db_->read([&](Connection& db) -> core::Result<core::VersionPage> {
        SWARM_TRY(load(db, workspace, id));
        core::VersionPage page;
        SWARM_TRY_ASSIGN(page.versions,
                         db.query_all(std::string("SELECT ") + kItemVersionColumns +
                                          " FROM content_item_versions WHERE item_id = ?1"
                                          " AND (?2 IS NULL OR version < ?2)"
                                          " ORDER BY version DESC LIMIT ?3",
                                      decoded(decode_item_version), id, start.before, start.fetch));
        page.next_cursor = take_version_page(page.versions, query.limit);
        return page;
    });
}

core::Result<void> SqliteContentStore::remove(const core::WorkspaceId& workspace,
                                              const std::string& id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute("DELETE FROM content_items WHERE id = ?1 AND workspace_id = ?2", id,
                             workspace.str()));
        if (db.changes() == 0) {
            return not_found("content item", id);
        }
        return {};  // versions go with it (ON DELETE CASCADE)
    });
}

core::Result<bool> SqliteContentStore::links_media(const core::WorkspaceId& workspace,
                                                   const std::string& media_id) {
    SWARM_TRY(check_media_reference(media_id));
    return db_->read([&](Connection& db) -> core::Result<bool> {
        SWARM_TRY_ASSIGN(const auto found,
                         db.query_one(
                             "SELECT 1 FROM content_items WHERE workspace_id = ?1 AND "
                             "(instr(item_json, ?2) > 0 OR EXISTS (SELECT 1 FROM "
                             "content_item_versions v WHERE v.item_id = content_items.id AND "
                             "instr(v.item_json, ?2) > 0)) LIMIT 1",
                             [](const Statement& row) { return row.column_int(0); },
                             workspace.str(), media_reference(media_id)));
        return found.has_value();
    });
}

core::Result<core::ItemPage> SqliteContentStore::list(const core::WorkspaceId& workspace,
                                                      const core::ContentQuery& query) {
    SWARM_TRY_ASSIGN(const auto start, page_start(query.cursor, query.limit, 100));
    return db_->read([&](Connection& db) -> core::Result<core::ItemPage> {
        core::ItemPage page;
        SWARM_TRY_ASSIGN(
            page.items,
            db.query_all(std::string("SELECT ") + kItemColumns +
                             " FROM content_items WHERE workspace_id = ?7"
                             " AND (?1 IS NULL OR job_id = ?1)"
                             " AND (?2 IS NULL OR platform = ?2) AND (?3 IS NULL OR status = ?3)"
                             " AND (?4 IS NULL OR (created_at, id) < (?4, ?5))"
                             " AND (?8 IS NULL OR created_at >= ?8)"
                             " AND (?9 IS NULL OR created_at < ?9)"
                             " AND (?10 IS NULL OR scheduled_at >= ?10)"
                             " AND (?11 IS NULL OR scheduled_at < ?11)"
                             " ORDER BY created_at DESC, id DESC LIMIT ?6",
                         decoded(decode_item), query.job_id, platform_name(query.platform),
                         query.status, start.created_at, start.id, start.fetch, workspace.str(),
                         optional_millis(query.created_from), optional_millis(query.created_to),
                         optional_millis(query.scheduled_from),
                         optional_millis(query.scheduled_to)));
        page.next_cursor = take_page(page.items, query.limit);
        return page;
    });
}

core::Result<std::vector<core::ItemRecord>> SqliteContentStore::scheduled_between(
    const core::WorkspaceId& workspace, std::chrono::sys_seconds from, std::chrono::sys_seconds to,
    int limit) {
    SWARM_TRY(check_limit(limit, core::kMaxScheduledItems));
    return db_->read([&](Connection& db) {
        // A range of content_items_by_workspace_scheduled, already in the answer's order.
        return db.query_all(std::string("SELECT ") + kItemColumns +
                                " FROM content_items WHERE workspace_id = ?1"
                                " AND scheduled_at >= ?2 AND scheduled_at < ?3"
                                " ORDER BY scheduled_at, id LIMIT ?4",
                            decoded(decode_item), workspace.str(), to_millis(from), to_millis(to),
                            limit);
    });
}

}  // namespace swarm::storage
