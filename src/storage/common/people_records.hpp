// The people store's rows (users, memberships, sessions), the same on every backend: column
// lists, decoders and input checks.
#pragma once

#include "core/ports/people_store.hpp"
#include "core/result.hpp"
#include "storage/common/row_codec.hpp"

#include <string>

namespace swarm::storage {

/// users, in decode_user's order.
inline constexpr const char* kUserColumns =
    "id, email, password_hash, created_at, failed_sign_ins, locked_until";

/// memberships joined with workspaces (w) and users (u) (m: memberships), in decode_membership's
/// order.
inline constexpr const char* kMembershipColumns =
    "m.workspace_id, w.name, m.user_id, u.email, m.role, m.created_at";

/// The joins kMembershipColumns reads from.
inline constexpr const char* kMembershipFrom =
    " FROM memberships m JOIN workspaces w ON w.id = m.workspace_id"
    " JOIN users u ON u.id = m.user_id";

/// sessions joined with users (s: sessions, u: users), in decode_session's order.
inline constexpr const char* kSessionColumns =
    "s.id, s.user_id, u.email, s.digest, s.address, s.user_agent, s.created_at, "
    "s.last_seen_at, s.revoked_at";

core::UserRecord decode_user(const Columns& row);
core::Result<core::MembershipRecord> decode_membership(const Columns& row);
core::SessionRecord decode_session(const Columns& row);

/// kInvalidArgument on "id" (not "usr_" + 16 hex digits), "email" (empty, not lower-case, or
/// over 254 bytes) or "password_hash" (empty).
core::Result<void> check_new_user(const std::string& id, const std::string& email,
                                  const std::string& password_hash);

/// kInvalidArgument on "id", "user_id" or "digest" when empty.
core::Result<void> check_new_session(const core::NewSession& session);

/// kAlreadyExists on "email": another user has the email.
tl::unexpected<core::Error> email_taken(const std::string& email);

/// kAlreadyExists on "email": the user is a member of the workspace already.
tl::unexpected<core::Error> already_member(const std::string& user_id);

/// kFailedPrecondition on "role": the workspace would be left without an owner.
tl::unexpected<core::Error> last_owner(const std::string& user_id);

/// kNotFound on "user_id": the user is no member of the workspace.
tl::unexpected<core::Error> not_member(const std::string& user_id);

}  // namespace swarm::storage
