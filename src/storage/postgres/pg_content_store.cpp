#include "storage/postgres/pg_content_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_job_store.hpp"

namespace swarm::storage {

namespace {

core::Result<core::ItemRecord> first_item(const pqxx::result& rows, const std::string& id) {
    if (rows.empty()) {
        return not_found("content item", id);
    }
    return decode_item(PgColumns(rows[0]));
}

core::Result<core::ItemRecord> load(pqxx::work& tx, const core::WorkspaceId& workspace,
                                    const std::string& id, bool for_update = false) {
    return first_item(tx.exec_params(std::string("SELECT ") + kItemColumns +
                                         " FROM content_items WHERE id = $1 AND workspace_id = $2" +
                                         (for_update ? " FOR UPDATE" : ""),
                                     id, workspace.str()),
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

/// Retention: versions older than the newest `versions_kept` go, except the first and the
/// approved ones (what a reviewer signed off stays recoverable).
void prune(pqxx::work& tx, const std::string& id, std::int64_t version,
           const core::ContentLimits& limits) {
    const auto below = prune_below(version, limits);
    if (below > 2) {
        tx.exec_params0(
            "DELETE FROM content_item_versions WHERE item_id = $1 AND version > 1 "
            "AND version < $2 AND status <> 'approved'",
            id, below);
    }
}

}  // namespace

core::Result<core::CreatedItem> PgContentStore::put_item(const core::WorkspaceId& workspace,
                                                         const std::string& job_id,
                                                         const core::NewItem& item) {
    SWARM_TRY(check_id(item.id));
    SWARM_TRY(check_item_size(item.item_json, limits_));
    const auto now = to_millis(clock_.now());
    const std::string platform(core::to_string(item.platform));
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::CreatedItem> {
        // UNIQUE (job_id, platform) arbitrates between replicas finishing the same job: the
        // loser waits for the winner's commit, inserts nothing and returns the winner's item.
        // An id used by another pair still fails (unique_violation → kAlreadyExists), a missing
        // job fails the foreign key (→ kNotFound), and so does a job of another workspace.
        SWARM_TRY(PgJobStore::load(tx, workspace, job_id));
        const auto inserted = tx.exec_params(
            std::string("INSERT INTO content_items (id, job_id, platform, status, item_json, "
                        "score, version, created_at, updated_at, workspace_id, scheduled_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8, $9) "
                        "ON CONFLICT (job_id, platform) DO NOTHING RETURNING ") +
                kItemColumns,
            item.id, job_id, platform, item.status, item.item_json, item.score, now,
            workspace.str(), optional_millis(item.scheduled_at));
        if (!inserted.empty()) {
            record_version(tx, item.id, 1, item.item_json, item.status, item.score, now);
            SWARM_TRY_ASSIGN(auto stored, decode_item(PgColumns(inserted[0])));
            return core::CreatedItem{std::move(stored), true};
        }
        SWARM_TRY_ASSIGN(
            auto existing,
            first_item(tx.exec_params(std::string("SELECT ") + kItemColumns +
                                          " FROM content_items WHERE job_id = $1 AND platform = $2",
                                      job_id, platform),
                       item.id));
        return core::CreatedItem{std::move(existing), false};
    });
}

core::Result<core::ItemRecord> PgContentStore::get(const core::WorkspaceId& workspace,
                                                   const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, workspace, id); });
}

core::Result<std::int64_t> PgContentStore::current_version(const core::WorkspaceId& workspace,
                                                           const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        const auto rows =
            tx.exec_params("SELECT version FROM content_items WHERE id = $1 AND workspace_id = $2",
                           id, workspace.str());
        if (rows.empty()) {
            return not_found("content item", id);
        }
        return rows[0][0].as<std::int64_t>();
    });
}

core::Result<core::ItemRecord> PgContentStore::update(const core::WorkspaceId& workspace,
                                                      const std::string& id,
                                                      const core::ItemUpdate& update) {
    SWARM_TRY(check_item_size(update.item_json, limits_));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ItemRecord> {
        // Row lock: the version check and the write agree.
        SWARM_TRY_ASSIGN(const auto item, load(tx, workspace, id, true));
        SWARM_TRY(check_version(id, item.version, update.expected_version));
        const auto version = item.version + 1;
        auto updated = first_item(
            tx.exec_params(std::string("UPDATE content_items SET item_json = $2, status = $3, "
                                       "score = $4, version = $5, updated_at = $6, "
                                       "scheduled_at = $7 WHERE id = $1 RETURNING ") +
                               kItemColumns,
                           id, update.item_json, update.status, update.score, version, now,
                           optional_millis(update.scheduled_at)),
            id);
        if (updated) {
            record_version(tx, id, version, update.item_json, update.status, update.score, now);
            prune(tx, id, version, limits_);
        }
        return updated;
    });
}

core::Result<core::VersionPage> PgContentStore::versions(const core::WorkspaceId& workspace,
                                                         const std::string& id,
                                                         const core::VersionQuery& query) {
    SWARM_TRY_ASSIGN(const auto start, version_start(query));
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::VersionPage> {
        SWARM_TRY(load(tx, workspace, id));
        core::VersionPage page;
        SWARM_TRY_ASSIGN(
            page.versions,
            decode_rows(tx.exec_params(std::string("SELECT ") + kItemVersionColumns +
                                           " FROM content_item_versions WHERE item_id = $1"
                                           " AND ($2::bigint IS NULL OR version < $2::bigint)"
                                           " ORDER BY version DESC LIMIT $3",
                                       id, start.before, start.fetch),
                        decode_item_version));
        page.next_cursor = take_version_page(page.versions, query.limit);
        return page;
    });
}

core::Result<void> PgContentStore::remove(const core::WorkspaceId& workspace,
                                          const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        // Versions go with it (ON DELETE CASCADE).
        if (tx.exec_params("DELETE FROM content_items WHERE id = $1 AND workspace_id = $2", id,
                           workspace.str())
                .affected_rows() == 0) {
            return not_found("content item", id);
        }
        return {};
    });
}

core::Result<bool> PgContentStore::links_media(const core::WorkspaceId& workspace,
                                               const std::string& media_id) {
    SWARM_TRY(check_media_reference(media_id));
    return db_->transact([&](pqxx::work& tx) -> core::Result<bool> {
        return !tx.exec_params(
                      "SELECT 1 FROM content_items WHERE workspace_id = $1 AND "
                      "(strpos(item_json, $2) > 0 OR EXISTS (SELECT 1 FROM "
                      "content_item_versions v WHERE v.item_id = content_items.id AND "
                      "strpos(v.item_json, $2) > 0)) LIMIT 1",
                      workspace.str(), media_reference(media_id))
                    .empty();
    });
}

core::Result<core::ItemPage> PgContentStore::list(const core::WorkspaceId& workspace,
                                                  const core::ContentQuery& query) {
    SWARM_TRY_ASSIGN(const auto start, page_start(query.cursor, query.limit, 100));
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ItemPage> {
        const auto rows = tx.exec_params(
            std::string("SELECT ") + kItemColumns +
                " FROM content_items WHERE workspace_id = $7"
                " AND ($1::text IS NULL OR job_id = $1::text)"
                " AND ($2::text IS NULL OR platform = $2::text)"
                " AND ($3::text IS NULL OR status = $3::text)"
                " AND ($4::bigint IS NULL OR (created_at, id) < ($4::bigint, $5::text))"
                " AND ($8::bigint IS NULL OR created_at >= $8::bigint)"
                " AND ($9::bigint IS NULL OR created_at < $9::bigint)"
                " AND ($10::bigint IS NULL OR scheduled_at >= $10::bigint)"
                " AND ($11::bigint IS NULL OR scheduled_at < $11::bigint)"
                " ORDER BY created_at DESC, id DESC LIMIT $6",
            query.job_id, platform_name(query.platform), query.status, start.created_at, start.id,
            start.fetch, workspace.str(), optional_millis(query.created_from),
            optional_millis(query.created_to), optional_millis(query.scheduled_from),
            optional_millis(query.scheduled_to));
        core::ItemPage page;
        SWARM_TRY_ASSIGN(page.items, decode_rows(rows, decode_item));
        page.next_cursor = take_page(page.items, query.limit);
        return page;
    });
}

core::Result<std::vector<core::ItemRecord>> PgContentStore::scheduled_between(
    const core::WorkspaceId& workspace, std::chrono::sys_seconds from, std::chrono::sys_seconds to,
    int limit) {
    SWARM_TRY(check_limit(limit, core::kMaxScheduledItems));
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::ItemRecord>> {
        // A range of content_items_by_workspace_scheduled, already in the answer's order.
        return decode_rows(tx.exec_params(std::string("SELECT ") + kItemColumns +
                                              " FROM content_items WHERE workspace_id = $1"
                                              " AND scheduled_at >= $2 AND scheduled_at < $3"
                                              " ORDER BY scheduled_at, id LIMIT $4",
                                          workspace.str(), to_millis(from), to_millis(to), limit),
                           decode_item);
    });
}

}  // namespace swarm::storage
