// Data written straight into a server's SQLite file by integration tests lands in the server's
// workspace "default" (the one the migration makes and the test owner key belongs to).
#pragma once

#include "codec/result_json.hpp"
#include "core/ports/media_store.hpp"
#include "storage/sqlite/sqlite_access_store.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {

/// The workspace "default" of the database `db` (made by the migration).
inline core::WorkspaceId default_workspace(const std::shared_ptr<storage::SqliteDatabase>& db) {
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    storage::SqliteAccessStore access(db, clock);
    const auto all = access.list_workspaces();
    EXPECT_TRUE(all.has_value());
    for (const auto& w : all ? *all : std::vector<core::WorkspaceRecord>{}) {
        if (w.legacy) {
            return w.id;
        }
    }
    ADD_FAILURE() << "no default workspace";
    return kTestWorkspace;
}

/// A job with one LinkedIn item in workspace "default" whose media are `ids`: the workspace may
/// then read them (it reads only what its items link).
inline void link_media(const std::string& db_path, const std::vector<std::string>& ids,
                       const std::string& item_id = "item-links") {
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    auto db = storage::SqliteDatabase::open(db_path);
    ASSERT_TRUE(db.has_value());
    const auto workspace = default_workspace(*db);
    storage::SqliteJobStore jobs(*db, clock);
    storage::SqliteContentStore content(*db, clock);
    const std::string job_id = "job-" + item_id;
    ASSERT_TRUE(jobs.create(workspace, {job_id, "{}", {core::Platform::kLinkedIn}, std::nullopt}));
    core::ContentItem item;
    item.id = item_id;
    item.platform = core::Platform::kLinkedIn;
    item.body = "Links media.";
    for (const auto& id : ids) {
        item.media.push_back(core::Media{core::media_url(id), "card", 0, 0, "card"});
    }
    ASSERT_TRUE(content.put_item(
        workspace, job_id,
        {item.id, item.platform, "draft", codec::encode_item(item).dump(), 0.5, std::nullopt}));
}

}  // namespace swarm::test
