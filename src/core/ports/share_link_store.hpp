// Port: share links, which let someone without an account see one job's items and approve them
// or ask for changes. A link's token is "<id>.<secret>"; the store keeps the id in clear and only
// a digest of the secret, never the token.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/job_store.hpp"  // Timestamp
#include "core/result.hpp"
#include "core/text/hex.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct NewShareLink {
    std::string id;  // "shr_" + 16 lower-case hex digits
    WorkspaceId workspace{""};
    std::string job_id;
    std::string digest;      // of the token's secret (the secret itself is never stored)
    std::string created_by;  // the actor who made it ("user:usr_...", "key:csk_...")
    Timestamp expires_at;
};

struct ShareLinkRecord {
    std::string id;
    WorkspaceId workspace{""};
    std::string job_id;
    std::string digest;
    std::string created_by;
    Timestamp created_at;
    Timestamp expires_at;
    std::optional<Timestamp> revoked_at;

    /// Whether the link still opens at `now`: not revoked and not expired.
    bool open_at(Timestamp now) const { return !revoked_at && now < expires_at; }
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class ShareLinkStore {
public:
    virtual ~ShareLinkStore() = default;

    /// created_at is the store's clock. kInvalidArgument naming the field for an id that is not
    /// "shr_" + 16 hex digits, an empty digest or created_by, an expiry not after now;
    /// kNotFound (field "workspace") for an unknown workspace, (field "job_id") for a job that
    /// is not the workspace's; kAlreadyExists for a taken id.
    virtual Result<ShareLinkRecord> create(const NewShareLink& link) = 0;
    /// The link with this id, of any workspace (what a token names), or nullopt. Revoked and
    /// expired links are returned: callers decide.
    virtual Result<std::optional<ShareLinkRecord>> find(const std::string& id) = 0;
    /// The workspace's links of one job, newest first (revoked and expired ones included).
    virtual Result<std::vector<ShareLinkRecord>> list(const WorkspaceId& workspace,
                                                      const std::string& job_id) = 0;
    /// Sets revoked_at once (a second revoke keeps the first time) and returns the link.
    /// kNotFound (field "id") when absent or when it belongs to another workspace.
    virtual Result<ShareLinkRecord> revoke(const WorkspaceId& workspace, const std::string& id) = 0;
};

/// "shr_" + 16 lower-case hex digits.
inline bool is_share_link_id(std::string_view id) {
    return text::is_prefixed_hex_id(id, "shr_");
}

}  // namespace swarm::core
