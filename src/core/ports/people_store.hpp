// Port: people (users who sign in with an email and a password), their memberships in workspaces
// (a role per workspace) and their sessions. Passwords arrive here already hashed (Argon2id) and
// session tokens as digests: the store never sees either in clear.
#pragma once

#include "core/access/principal.hpp"
#include "core/model/workspace.hpp"
#include "core/ports/job_store.hpp"  // Timestamp
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

struct UserRecord {
    std::string id;     // "usr_" + 16 hex digits
    std::string email;  // lower-case
    std::string password_hash;
    Timestamp created_at;
    std::int64_t failed_sign_ins = 0;  // since the last successful sign-in
    std::optional<Timestamp> locked_until;
};

struct MembershipRecord {
    WorkspaceId workspace{""};
    std::string workspace_name;
    std::string user_id;
    std::string email;
    access::Role role = access::Role::kViewer;
    Timestamp created_at;
};

struct NewSession {
    std::string id;  // public id (16 hex digits)
    std::string user_id;
    std::string digest;      // of the whole session token
    std::string address;     // where the sign-in came from
    std::string user_agent;  // as sent, cut to 256 characters
};

struct SessionRecord {
    std::string id;
    std::string user_id;
    std::string email;
    std::string digest;
    std::string address;
    std::string user_agent;
    Timestamp created_at;
    Timestamp last_seen_at;
    std::optional<Timestamp> revoked_at;
};

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
class PeopleStore {
public:
    virtual ~PeopleStore() = default;

    /// kAlreadyExists (field "email") when the email is taken; the email must be lower-case
    /// already (kInvalidArgument otherwise).
    virtual Result<UserRecord> create_user(const std::string& id, const std::string& email,
                                           const std::string& password_hash) = 0;
    virtual Result<std::optional<UserRecord>> find_user_by_email(const std::string& email) = 0;
    virtual Result<std::optional<UserRecord>> find_user(const std::string& id) = 0;
    /// kNotFound when absent.
    virtual Result<void> set_password(const std::string& user_id,
                                      const std::string& password_hash) = 0;

    /// Counts one failed sign-in (atomically) and returns the new count. kNotFound when absent.
    virtual Result<std::int64_t> count_failed_sign_in(const std::string& user_id) = 0;
    /// Sets (or clears) the account's lock. kNotFound when absent.
    virtual Result<void> lock_user(const std::string& user_id, std::optional<Timestamp> until) = 0;
    /// A successful sign-in: clears the failure count and the lock. kNotFound when absent.
    virtual Result<void> clear_failed_sign_ins(const std::string& user_id) = 0;

    /// kAlreadyExists (field "email") when the user is a member already; kNotFound (field
    /// "workspace" or "user") for an unknown workspace or user.
    virtual Result<MembershipRecord> add_member(const WorkspaceId& workspace,
                                                const std::string& user_id, access::Role role) = 0;
    /// kNotFound when the user is no member; kFailedPrecondition (field "role") when the change
    /// would leave the workspace without an owner.
    virtual Result<MembershipRecord> set_member_role(const WorkspaceId& workspace,
                                                     const std::string& user_id,
                                                     access::Role role) = 0;
    /// The same errors as set_member_role.
    virtual Result<void> remove_member(const WorkspaceId& workspace,
                                       const std::string& user_id) = 0;
    virtual Result<std::optional<MembershipRecord>> membership(const WorkspaceId& workspace,
                                                               const std::string& user_id) = 0;
    /// A workspace's members by email.
    virtual Result<std::vector<MembershipRecord>> members(const WorkspaceId& workspace) = 0;
    /// A user's workspaces by name.
    virtual Result<std::vector<MembershipRecord>> memberships_of(const std::string& user_id) = 0;

    /// kNotFound (field "user") for an unknown user; kAlreadyExists for a taken id.
    virtual Result<SessionRecord> create_session(const NewSession& session) = 0;
    /// nullopt when absent (revoked sessions are returned: callers decide).
    virtual Result<std::optional<SessionRecord>> find_session(const std::string& id) = 0;
    /// Sets last_seen_at. kNotFound when absent.
    virtual Result<void> touch_session(const std::string& id, Timestamp at) = 0;
    /// Sets revoked_at once. kNotFound when absent.
    virtual Result<void> revoke_session(const std::string& id) = 0;
    /// Revokes every live session of the user but `except` (when set); returns how many.
    virtual Result<std::int64_t> revoke_sessions_of(const std::string& user_id,
                                                    const std::optional<std::string>& except) = 0;
    /// Every user, by email (for `admin list`).
    virtual Result<std::vector<UserRecord>> list_users() = 0;
};

}  // namespace swarm::core
