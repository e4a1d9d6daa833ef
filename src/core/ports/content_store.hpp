// Port: content items of jobs (one per job and platform) with their edit history.
// Implemented by storage::SqliteContentStore and PgContentStore; items are opaque JSON the app
// encodes.
#pragma once

#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace swarm::core {

/// What the store's scheduled_at holds for an item: its schedule's instant, or nullopt when it has
/// no schedule or the instant is unknown (epoch 0: a schedule whose time did not parse).
inline std::optional<std::chrono::sys_seconds> scheduled_instant(const ContentItem& item) {
    if (!item.schedule || item.schedule->at_utc == std::chrono::sys_seconds{}) {
        return std::nullopt;
    }
    return item.schedule->at_utc;
}

struct NewItem {
    std::string id;
    Platform platform = Platform::kLinkedIn;
    std::string status = "draft";  // draft | approved | scheduled
    std::string item_json;         // opaque
    double score = 0.0;
    // The item's schedule instant (UTC), nullopt when it has none; indexed for the calendar.
    std::optional<std::chrono::sys_seconds> scheduled_at;
};

struct ItemRecord {
    std::string id;
    std::string job_id;
    Platform platform = Platform::kLinkedIn;
    std::string status;
    std::string item_json;
    double score = 0.0;
    std::int64_t version = 1;  // 1 when written, +1 per update
    Timestamp created_at;
    Timestamp updated_at;
    std::optional<std::chrono::sys_seconds> scheduled_at;  // nullopt: not scheduled
};

struct CreatedItem {
    ItemRecord item;
    bool created = true;  // false: the job already had an item for this platform; `item` is it
};

struct ItemUpdate {
    std::string item_json;
    std::string status;
    double score = 0.0;
    std::optional<std::int64_t> expected_version;  // optimistic concurrency when set
    // Always written: nullopt clears the item's schedule instant.
    std::optional<std::chrono::sys_seconds> scheduled_at;
};

struct ItemVersion {
    std::int64_t version = 1;
    std::string item_json;
    std::string status;
    double score = 0.0;
    Timestamp created_at;
};

/// A page of an item's history, newest first; the cursor is the opaque next_cursor of the page
/// before (a keyset on the version number, stable while versions are added or pruned).
struct VersionQuery {
    int limit = 20;      // 1..kMaxVersionPage
    std::string cursor;  // empty for the first page
};

inline constexpr int kMaxVersionPage = 100;

/// The most items one scheduled_between call returns.
inline constexpr int kMaxScheduledItems = 1000;

struct VersionPage {
    std::vector<ItemVersion> versions;  // newest first
    std::string next_cursor;            // empty on the last page
};

/// What one item may hold and how much of its history is kept. Why bounded: every edit stores a
/// full copy, so without both an item's history grows without limit (100 edits of 900 kB once
/// made a 99 MB database and a 90 MB history answer).
struct ContentLimits {
    std::size_t max_item_bytes = std::size_t{256} * 1024;  // of item_json, per version
    // Versions kept per item: the newest `versions_kept`, plus version 1 and every approved one
    // (never pruned). Pruned in the transaction of the edit that adds a version.
    std::int64_t versions_kept = 50;
};

struct ContentQuery {
    std::optional<std::string> job_id;
    std::optional<Platform> platform;
    std::optional<std::string> status;
    // Half-open windows [from, to) on created_at and on scheduled_at (an item without a schedule
    // never matches a scheduled bound); each bound applies alone when the other is unset.
    std::optional<std::chrono::sys_seconds> created_from;
    std::optional<std::chrono::sys_seconds> created_to;
    std::optional<std::chrono::sys_seconds> scheduled_from;
    std::optional<std::chrono::sys_seconds> scheduled_to;
    int limit = 20;      // 1..100
    std::string cursor;  // empty for the first page
};

struct ItemPage {
    std::vector<ItemRecord> items;  // newest first (created_at, id descending)
    std::string next_cursor;        // empty on the last page
};

/// Computes an item's next content from its current version (an edit merged onto it). Called
/// again on a fresh read when another edit won the race, so it must not depend on call count.
using ItemMerge = std::function<Result<ItemUpdate>(const ItemRecord& current)>;

/// How often update_merged reads again after losing a race to a concurrent edit. Each loss means
/// another edit committed, so N concurrent editors need at most N-1 retries each.
inline constexpr int kMaxMergeAttempts = 64;

/// Thread-safety: all methods may be called concurrently from any thread (and process); each is
/// one atomic transaction. Storage failures are kIo (kUnavailable when the database stays locked).
/// Scoping: every method takes the workspace; an item of another workspace is kNotFound, exactly
/// like an unknown id.
class ContentStore {
public:
    virtual ~ContentStore() = default;

    /// Writes the item once per (job_id, platform): a second put for the pair (also concurrent)
    /// returns the stored item with created=false and writes nothing. Version 1 is recorded.
    /// kNotFound: no such job; kAlreadyExists: the id is used by another job or platform.
    virtual Result<CreatedItem> put_item(const WorkspaceId& workspace, const std::string& job_id,
                                         const NewItem& item) = 0;

    /// kNotFound when absent.
    virtual Result<ItemRecord> get(const WorkspaceId& workspace, const std::string& id) = 0;

    /// The item's current version alone (cheaper than get: no document read). kNotFound.
    virtual Result<std::int64_t> current_version(const WorkspaceId& workspace,
                                                 const std::string& id) {
        return get(workspace, id).map([](const ItemRecord& item) { return item.version; });
    }

    /// kInvalidArgument: limit outside 1..100 or a malformed cursor.
    virtual Result<ItemPage> list(const WorkspaceId& workspace, const ContentQuery& query) = 0;

    /// Items with scheduled_at in [from, to), ordered by scheduled_at then id, at most `limit`
    /// (the calendar). kInvalidArgument (field "limit") when limit is
    /// outside 1..kMaxScheduledItems.
    virtual Result<std::vector<ItemRecord>> scheduled_between(const WorkspaceId& workspace,
                                                              std::chrono::sys_seconds from,
                                                              std::chrono::sys_seconds to,
                                                              int limit) = 0;

    /// Replaces the content and records it as version+1; versions beyond the retention
    /// (ContentLimits) are pruned in the same transaction. kNotFound; kFailedPrecondition (field
    /// "expected_version") when expected_version is set and is not the current one;
    /// kInvalidArgument (field "item_json") when item_json exceeds max_item_bytes.
    virtual Result<ItemRecord> update(const WorkspaceId& workspace, const std::string& id,
                                      const ItemUpdate& update) = 0;

    /// The kept versions, newest first (the current one included). kNotFound when the item is
    /// absent; kInvalidArgument: limit outside 1..kMaxVersionPage or a malformed cursor.
    virtual Result<VersionPage> versions(const WorkspaceId& workspace, const std::string& id,
                                         const VersionQuery& query) = 0;

    /// An edit without a version from the client: `merge` runs on the current version and the
    /// result is written only if nobody wrote in between; on a lost race it runs again on a fresh
    /// read (at most kMaxMergeAttempts times, then kUnavailable). Errors of `merge` are returned
    /// as they are, so an If-Match check inside it is not retried. No edit is lost, no spurious
    /// conflict is reported.
    Result<ItemRecord> update_merged(const WorkspaceId& workspace, const std::string& id,
                                     const ItemMerge& merge) {
        for (int attempt = 0; attempt < kMaxMergeAttempts; ++attempt) {
            SWARM_TRY_ASSIGN(const auto current, get(workspace, id));
            SWARM_TRY_ASSIGN(auto next, merge(current));
            next.expected_version = current.version;
            auto saved = update(workspace, id, next);
            if (saved || saved.error().code != ErrorCode::kFailedPrecondition ||
                saved.error().field != "expected_version") {
                return saved;
            }
            std::this_thread::yield();  // another edit committed; let it finish its response
        }
        Error busy{ErrorCode::kUnavailable,
                   "content item " + id + " kept changing during " +
                       std::to_string(kMaxMergeAttempts) + " attempts to apply the edit",
                   "", "", std::chrono::seconds{1}};
        return tl::unexpected(std::move(busy));
    }

    /// Deletes the item and its versions. kNotFound when absent.
    virtual Result<void> remove(const WorkspaceId& workspace, const std::string& id) = 0;

    /// Whether a current item of the workspace links the media object (its item JSON names
    /// "/media/<media_id>"): a workspace reads only the media its items show.
    virtual Result<bool> links_media(const WorkspaceId& workspace, const std::string& media_id) = 0;

    /// Why the database behind this store (shared by every store on it) cannot be trusted with
    /// writes right now, or nullopt: its file deleted or replaced, or a write that failed with no
    /// success since. No I/O beyond a stat; readiness calls it on a timer. No paths in the text.
    virtual std::optional<std::string> storage_health() const { return std::nullopt; }

    /// A number that changes whenever any item may have changed (any writer, any process), read
    /// from memory without I/O; nullopt when the store cannot vouch for that (the default: for
    /// example replicas writing a shared database). Equal numbers before a read and now mean
    /// what was read is still current, so it may be served from memory.
    virtual std::optional<std::uint64_t> change_epoch() const { return std::nullopt; }
};

}  // namespace swarm::core
