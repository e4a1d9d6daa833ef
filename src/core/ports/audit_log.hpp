// Port: the audit log of a workspace. Who (a user or key) did what to which object, when and from
// where: sign-ins, keys created or revoked, member changes, jobs submitted, items edited or
// approved, documents added or deleted, settings and secrets changed. Append-only: the stores
// expose no update or delete, and the databases refuse them (triggers), so an entry once written
// stays as written.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/job_store.hpp"  // Timestamp
#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

struct NewAuditEntry {
    std::string actor;    // "user:usr_…", "key:csk_…", "cli", "dev"
    std::string action;   // dotted verb: "session.sign_in", "key.create", "job.submit", …
    std::string object;   // what it acted on ("job:…", "item:…", "key:…"); may be empty
    std::string address;  // the client's address as the server saw it; empty from the CLI
    std::string detail;   // a JSON object's text ("{}" when there is nothing to add)
};

struct AuditEntry {
    std::int64_t seq = 0;  // increases with every entry of the database (all workspaces)
    WorkspaceId workspace{""};
    Timestamp at;
    std::string actor;
    std::string action;
    std::string object;
    std::string address;
    std::string detail;
};

struct AuditQuery {
    std::optional<std::int64_t> before_seq;  // entries older than this one (paging)
    std::optional<std::string> action;       // only this action, or every action starting with
                                             // this prefix when it ends in '.' ("key.")
    std::size_t limit = 100;                 // 1..1000
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class AuditLog {
public:
    virtual ~AuditLog() = default;

    /// Stamps the entry with the store's clock. kInvalidArgument naming the field for an empty
    /// actor or action, or a detail that is not a JSON object's text; kNotFound (field
    /// "workspace") for an unknown workspace.
    virtual Result<AuditEntry> append(const WorkspaceId& workspace, const NewAuditEntry& entry) = 0;

    /// One workspace's entries, newest first. kInvalidArgument (field "limit") outside 1..1000.
    virtual Result<std::vector<AuditEntry>> list(const WorkspaceId& workspace,
                                                 const AuditQuery& query) = 0;
};

}  // namespace swarm::core
