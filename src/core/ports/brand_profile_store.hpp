// Port: saved brand profiles (voice, banned phrases, hashtags, call to action) by unique name.
// Implemented by storage::SqliteBrandProfileStore; the profile body is opaque JSON.
#pragma once

#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace swarm::core {

struct NewBrandProfile {
    std::string id;          // random (never derived from the name)
    std::string name;        // unique in its workspace
    std::string brand_json;  // opaque
};

struct BrandProfileRecord {
    std::string id;
    std::string name;
    std::string brand_json;
    Timestamp created_at;
    Timestamp updated_at;
};

/// Scoping: every method takes the workspace; another workspace's profile is kNotFound.
/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class BrandProfileStore {
public:
    virtual ~BrandProfileStore() = default;

    /// kInvalidArgument: empty id or name; kAlreadyExists: the id or the name is taken.
    virtual Result<BrandProfileRecord> create(const WorkspaceId& workspace,
                                              const NewBrandProfile& profile) = 0;

    /// kNotFound when absent.
    virtual Result<BrandProfileRecord> get(const WorkspaceId& workspace, const std::string& id) = 0;

    /// All profiles ordered by name (profiles are few; no pagination).
    virtual Result<std::vector<BrandProfileRecord>> list(const WorkspaceId& workspace) = 0;

    /// Replaces name and body (`profile.id` selects the row). kNotFound; kAlreadyExists: the new
    /// name belongs to another profile; kInvalidArgument: empty name.
    virtual Result<BrandProfileRecord> update(const WorkspaceId& workspace,
                                              const NewBrandProfile& profile) = 0;

    /// kNotFound when absent.
    virtual Result<void> remove(const WorkspaceId& workspace, const std::string& id) = 0;
};

}  // namespace swarm::core
