// Port: workspaces and API keys (the credentials programs present). Implemented by
// storage::SqliteAccessStore and PgAccessStore on the server's database, so `content-swarm admin`
// and every replica see the same keys.
#pragma once

#include "core/access/principal.hpp"
#include "core/model/workspace.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

struct WorkspaceRecord {
    WorkspaceId id{""};
    std::string name;
    bool legacy = false;  // holds what single-tenant versions stored (made by the migration)
    Timestamp created_at;
};

struct NewApiKey {
    std::string id;  // the key's public id (12 hex digits)
    WorkspaceId workspace{""};
    std::string name;
    access::Role role = access::Role::kViewer;
    std::string digest;  // of the whole key; the key itself is never stored
    std::optional<Timestamp> expires_at;
};

struct ApiKeyRecord {
    std::string id;
    WorkspaceId workspace{""};
    std::string workspace_name;
    std::string name;
    access::Role role = access::Role::kViewer;
    std::string digest;
    Timestamp created_at;
    std::optional<Timestamp> expires_at;
    std::optional<Timestamp> last_used_at;
    std::optional<Timestamp> revoked_at;
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class AccessStore {
public:
    virtual ~AccessStore() = default;

    /// kAlreadyExists (field "name") when the name is taken.
    virtual Result<WorkspaceRecord> create_workspace(const WorkspaceId& id,
                                                     const std::string& name) = 0;
    virtual Result<std::optional<WorkspaceRecord>> find_workspace(const std::string& name) = 0;
    virtual Result<std::vector<WorkspaceRecord>> list_workspaces() = 0;

    /// kNotFound (field "workspace") for an unknown workspace; kAlreadyExists for a taken id.
    virtual Result<ApiKeyRecord> create_key(const NewApiKey& key) = 0;
    /// nullopt when no key has this id (revoked and expired keys are returned: callers decide).
    virtual Result<std::optional<ApiKeyRecord>> find_key(const std::string& id) = 0;
    /// Sets last_used_at. kNotFound when absent.
    virtual Result<void> touch_key(const std::string& id, Timestamp at) = 0;
    /// Sets revoked_at once (a second revoke keeps the first time). kNotFound when absent, or
    /// when `workspace` is set and the key belongs to another one.
    virtual Result<ApiKeyRecord> revoke_key(const std::string& id,
                                            const std::optional<WorkspaceId>& workspace) = 0;
    /// Keys of one workspace (or of all), newest first.
    virtual Result<std::vector<ApiKeyRecord>> list_keys(
        const std::optional<WorkspaceId>& workspace) = 0;
};

}  // namespace swarm::core
