// Port: raw agent outputs (model text) stored before they are interpreted, so a parse failure or
// a missing platform can always be traced back. Implemented by storage::SqliteRawOutputStore.
#pragma once

#include "core/model/platform.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

struct RawOutputRecord {
    std::int64_t id = 0;  // increasing in append order
    std::string job_id;
    std::string agent;
    std::optional<Platform> platform;
    std::string text;
    Timestamp created_at;
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class RawOutputStore {
public:
    virtual ~RawOutputStore() = default;

    /// Stores one output and returns its id (the worker's, for the job it runs). kNotFound when the
    /// job does not exist.
    virtual Result<std::int64_t> append(const std::string& job_id, const std::string& agent,
                                        std::optional<Platform> platform,
                                        const std::string& text) = 0;

    /// All outputs of the job in append order (empty for an unknown job or one of another
    /// workspace).
    virtual Result<std::vector<RawOutputRecord>> list(const WorkspaceId& workspace,
                                                      const std::string& job_id) = 0;
};

}  // namespace swarm::core
