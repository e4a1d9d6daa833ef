// People as the admin CLI, the members API and sign-in make them: email and password checks,
// users with Argon2id password hashes, memberships, and sessions whose token is shown to the
// browser once (in a cookie) and stored only as a digest.
#pragma once

#include "core/access/principal.hpp"
#include "core/ports/people_store.hpp"
#include "core/result.hpp"
#include "crypto/sodium.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::app {

/// Trimmed and lower-cased; kInvalidArgument naming `field` unless it looks like an address
/// (one '@' between a non-empty local part and a domain with a dot, no spaces, at most 254 bytes).
core::Result<std::string> normalize_email(std::string_view text, std::string_view field);

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

/// 12..1024 bytes of UTF-8 without control characters; kInvalidArgument naming `field`.
core::Result<void> check_password(std::string_view password, std::string_view field);

struct PersonRequest {
    core::WorkspaceId workspace{""};
    std::string email;  // as given (normalized here)
    core::access::Role role = core::access::Role::kViewer;
    std::optional<std::string> password;  // required when the email is new
};

struct AddedPerson {
    core::UserRecord user;
    core::MembershipRecord membership;
    bool user_created = false;
};

/// Adds a member: the user with this email, created first when new (a password is then required:
/// kInvalidArgument on "password"). The metrics role is refused (field "role"). An existing
/// user's password is left as it is (a password given for one is ignored).
core::Result<AddedPerson> add_person(core::PeopleStore& people, const PersonRequest& request,
                                     crypto::PasswordCost cost);

/// Session tokens: "css_" + a 16-hex-digit public id + "_" + 43 base64url characters.
inline constexpr std::string_view kSessionCookie = "swarm_session";

struct SessionPolicy {
    std::chrono::seconds idle{std::chrono::hours(12)};          // unused this long: ended
    std::chrono::seconds absolute{std::chrono::hours(24 * 7)};  // this long after sign-in: ended
};

struct IssuedSession {
    std::string token;  // goes into the cookie; never stored
    core::SessionRecord record;
};

core::Result<IssuedSession> issue_session(core::PeopleStore& people, const std::string& user_id,
                                          const std::string& address, std::string_view user_agent);

/// The session of a presented token, or kUnauthenticated (field "Cookie") saying why:
/// malformed, unknown, signed out, expired. Never echoes the token.
core::Result<core::SessionRecord> check_session(core::PeopleStore& people, std::string_view token,
                                                core::Timestamp now, const SessionPolicy& policy);

/// When the session ends if it is not used again: the earlier of idle and absolute expiry.
core::Timestamp session_expires_at(const core::SessionRecord& session, const SessionPolicy& policy);

/// The session's CSRF token: derived from the session token (a digest under a fixed context),
/// so it needs no storage and cannot be computed without the cookie.
std::string csrf_token_of(std::string_view session_token);

/// The session token of a request's Cookie header (the kSessionCookie value), or nullopt.
std::optional<std::string> session_cookie(std::string_view cookie_header);

/// "user:usr_<id>": how a person's actions are named in logs and audit lines.
std::string user_actor(const std::string& user_id);

}  // namespace swarm::app
