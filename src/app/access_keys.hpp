// Workspaces and API keys as the admin CLI, the keys API and the first start make them: random
// workspace ids, keys of 256 random bits shown once and stored as digests, and key checks.
#pragma once

#include "core/access/principal.hpp"
#include "core/ports/access_store.hpp"
#include "core/ports/clock.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::app {

/// `bytes` random bytes as lower-case hex (ids of workspaces, keys, users, sessions).
std::string secure_hex(std::size_t bytes);

/// The workspace named `name`, created when missing (created=true then).
struct EnsuredWorkspace {
    core::WorkspaceRecord workspace;
    bool created = false;
};

core::Result<EnsuredWorkspace> ensure_workspace(core::AccessStore& store, const std::string& name);

/// The workspace "default": the one the upgrade migration made (it holds what versions before
/// workspaces stored, and its knowledge base is the old PATH.kb), created when missing.
core::Result<core::WorkspaceRecord> default_workspace(core::AccessStore& store);

/// A new key: the key text (shown once, never stored) and its record.
struct IssuedKey {
    std::string key;  // "csk_<id>_<secret>"
    core::ApiKeyRecord record;
};

struct KeyRequest {
    core::WorkspaceId workspace{""};
    std::string name;
    core::access::Role role = core::access::Role::kViewer;
    std::optional<core::Timestamp> expires_at;
};

core::Result<IssuedKey> issue_key(core::AccessStore& store, const KeyRequest& request);

/// Stores a key the operator chose (CONTENT_SWARM_OWNER_KEY and friends) unless its id is
/// stored already: same digest → nothing to do; another digest → kAlreadyExists (field `field`).
/// A stored key that was revoked stays revoked (the result says so).
struct DeclaredKey {
    core::ApiKeyRecord record;
    bool created = false;
};

core::Result<DeclaredKey> declare_key(core::AccessStore& store, std::string_view key,
                                      const KeyRequest& request, std::string_view field);

/// "90d", "12h", "30m", "3600s" → a duration; kInvalidArgument naming `field` otherwise.
core::Result<std::chrono::seconds> parse_lifetime(std::string_view text, std::string_view field);

/// The record of a valid key, or kUnauthenticated (field "Authorization") saying why:
/// malformed, unknown, revoked, expired. Never echoes the key.
core::Result<core::ApiKeyRecord> check_key(core::AccessStore& store, std::string_view key,
                                           core::Timestamp now);

/// Who a key's requests act as.
core::access::Principal principal_of(const core::ApiKeyRecord& key);

/// "key:csk_<id>": how a key's actions are named in logs and audit lines.
std::string key_actor(const std::string& key_id);

}  // namespace swarm::app
