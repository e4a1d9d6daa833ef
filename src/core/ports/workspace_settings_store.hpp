// Port: what a workspace's owners set: its limits and its secrets (model API keys, later the
// publishing networks' tokens). Secrets arrive here already sealed (crypto::SecretBox): the store
// keeps the sealed text and the value's last four characters, never the value.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/job_store.hpp"  // Timestamp
#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

/// The longest preference value, in bytes.
inline constexpr std::size_t kMaxPreferenceBytes = 1024;

/// A workspace's own limits; an unset one falls back to the server's default.
struct WorkspaceLimits {
    std::optional<std::int64_t> max_queued_jobs;      // jobs queued or running at once, >= 1
    std::optional<std::int64_t> monthly_token_cap;    // model tokens per calendar month (UTC), >= 1
    std::optional<std::int64_t> requests_per_minute;  // API requests per minute, >= 1

    friend bool operator==(const WorkspaceLimits&, const WorkspaceLimits&) = default;
};

struct SecretRecord {
    std::string name;    // lower-case letters, digits and '_', 1..64 ("openai_api_key")
    std::string sealed;  // crypto::SecretBox text
    std::string last4;   // the value's last four characters (fewer when it is shorter)
    Timestamp updated_at;
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked). An unknown workspace
/// is kNotFound (field "workspace").
class WorkspaceSettingsStore {
public:
    virtual ~WorkspaceSettingsStore() = default;

    /// All unset when the owners never set any.
    virtual Result<WorkspaceLimits> limits(const WorkspaceId& workspace) = 0;
    /// Replaces the workspace's limits. kInvalidArgument naming the field for a value below 1.
    virtual Result<WorkspaceLimits> set_limits(const WorkspaceId& workspace,
                                               const WorkspaceLimits& limits) = 0;

    /// Creates or replaces one secret. kInvalidArgument naming the field for a bad name or an
    /// empty sealed text.
    virtual Result<SecretRecord> put_secret(const WorkspaceId& workspace, const std::string& name,
                                            const std::string& sealed,
                                            const std::string& last4) = 0;
    /// nullopt when the workspace has no secret of this name.
    virtual Result<std::optional<SecretRecord>> secret(const WorkspaceId& workspace,
                                                       const std::string& name) = 0;
    /// The workspace's secrets by name.
    virtual Result<std::vector<SecretRecord>> secrets(const WorkspaceId& workspace) = 0;
    /// kNotFound (field "name") when there is no such secret.
    virtual Result<void> delete_secret(const WorkspaceId& workspace, const std::string& name) = 0;

    /// The workspace's preferences by name ("time_zone" -> "Europe/Paris"); empty when none set.
    virtual Result<std::map<std::string, std::string>> preferences(
        const WorkspaceId& workspace) = 0;
    /// Sets one preference; an empty value deletes it. kInvalidArgument naming "name" (not
    /// lower-case letters, digits and '_', 1..64) or "value" (over kMaxPreferenceBytes).
    virtual Result<void> set_preference(const WorkspaceId& workspace, const std::string& name,
                                        const std::string& value) = 0;
};

}  // namespace swarm::core
