// Port: content items of jobs (one per job and platform) with their edit history.
// Implemented by storage::SqliteContentStore; items are opaque JSON the app encodes.
#pragma once

#include "core/model/platform.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

struct NewItem {
    std::string id;
    Platform platform = Platform::kLinkedIn;
    std::string status = "draft";  // draft | approved | scheduled
    std::string item_json;         // opaque
    double score = 0.0;
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
};

struct ItemVersion {
    std::int64_t version = 1;
    std::string item_json;
    std::string status;
    double score = 0.0;
    Timestamp created_at;
};

struct ContentQuery {
    std::optional<std::string> job_id;
    std::optional<Platform> platform;
    std::optional<std::string> status;
    int limit = 20;      // 1..100
    std::string cursor;  // empty for the first page
};

struct ItemPage {
    std::vector<ItemRecord> items;  // newest first (created_at, id descending)
    std::string next_cursor;        // empty on the last page
};

/// Thread-safety: all methods may be called concurrently from any thread (and process); each is
/// one atomic transaction. Storage failures are kIo (kUnavailable when the database stays locked).
class ContentStore {
public:
    virtual ~ContentStore() = default;

    /// Writes the item once per (job_id, platform): a second put for the pair (also concurrent)
    /// returns the stored item with created=false and writes nothing. Version 1 is recorded.
    /// kNotFound: no such job; kAlreadyExists: the id is used by another job or platform.
    virtual Result<CreatedItem> put_item(const std::string& job_id, const NewItem& item) = 0;

    /// kNotFound when absent.
    virtual Result<ItemRecord> get(const std::string& id) = 0;

    /// kInvalidArgument: limit outside 1..100 or a malformed cursor.
    virtual Result<ItemPage> list(const ContentQuery& query) = 0;

    /// Replaces the content and records it as version+1; older versions stay readable.
    /// kNotFound; kFailedPrecondition when expected_version is set and is not the current one.
    virtual Result<ItemRecord> update(const std::string& id, const ItemUpdate& update) = 0;

    /// Every version, newest first (the current one included). kNotFound when the item is absent.
    virtual Result<std::vector<ItemVersion>> versions(const std::string& id) = 0;

    /// Deletes the item and its versions. kNotFound when absent.
    virtual Result<void> remove(const std::string& id) = 0;
};

}  // namespace swarm::core
