#include "storage/common/people_records.hpp"

#include "core/text/hex.hpp"

#include <algorithm>
#include <cctype>

namespace swarm::storage {

namespace {

core::Error invalid(std::string message, std::string field) {
    return core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

bool is_user_id(const std::string& id) {
    return core::text::is_prefixed_hex_id(id, "usr_");
}

}  // namespace

core::UserRecord decode_user(const Columns& row) {
    core::UserRecord user;
    user.id = row.text(0);
    user.email = row.text(1);
    user.password_hash = row.text(2);
    user.created_at = from_millis(row.integer(3));
    user.failed_sign_ins = row.integer(4);
    user.locked_until = optional_time(row, 5);
    return user;
}

core::Result<core::MembershipRecord> decode_membership(const Columns& row) {
    core::MembershipRecord member;
    member.workspace = core::WorkspaceId(row.text(0));
    member.workspace_name = row.text(1);
    member.user_id = row.text(2);
    member.email = row.text(3);
    SWARM_TRY_ASSIGN(member.role, core::access::parse_role(row.text(4), "role"));
    member.created_at = from_millis(row.integer(5));
    return member;
}

core::SessionRecord decode_session(const Columns& row) {
    core::SessionRecord session;
    session.id = row.text(0);
    session.user_id = row.text(1);
    session.email = row.text(2);
    session.digest = row.text(3);
    session.address = row.text(4);
    session.user_agent = row.text(5);
    session.created_at = from_millis(row.integer(6));
    session.last_seen_at = from_millis(row.integer(7));
    session.revoked_at = optional_time(row, 8);
    return session;
}

core::Result<void> check_new_user(const std::string& id, const std::string& email,
                                  const std::string& password_hash) {
    if (!is_user_id(id)) {
        return tl::unexpected(invalid("a user id is \"usr_\" and 16 hex digits", "id"));
    }
    if (email.empty() || email.size() > 254 || std::any_of(email.begin(), email.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) != 0;
        })) {
        return tl::unexpected(invalid("the email must be 1..254 lower-case bytes", "email"));
    }
    if (password_hash.empty()) {
        return tl::unexpected(invalid("the password hash is empty", "password_hash"));
    }
    return {};
}

core::Result<void> check_new_session(const core::NewSession& session) {
    if (session.id.empty()) {
        return tl::unexpected(invalid("the session id is empty", "id"));
    }
    if (session.user_id.empty()) {
        return tl::unexpected(invalid("the user id is empty", "user_id"));
    }
    if (session.digest.empty()) {
        return tl::unexpected(invalid("the session digest is empty", "digest"));
    }
    return {};
}

tl::unexpected<core::Error> email_taken(const std::string& email) {
    return tl::unexpected(core::Error{core::ErrorCode::kAlreadyExists,
                                      "a user with the email " + email + " exists already",
                                      "email",
                                      {}});
}

tl::unexpected<core::Error> already_member(const std::string& user_id) {
    return tl::unexpected(core::Error{core::ErrorCode::kAlreadyExists,
                                      "user " + user_id + " is a member of this workspace already",
                                      "email",
                                      {}});
}

tl::unexpected<core::Error> last_owner(const std::string& user_id) {
    return tl::unexpected(core::Error{
        core::ErrorCode::kFailedPrecondition,
        "user " + user_id + " is the workspace's last owner; make another member owner first",
        "role",
        {}});
}

tl::unexpected<core::Error> not_member(const std::string& user_id) {
    return tl::unexpected(core::Error{core::ErrorCode::kNotFound,
                                      "user " + user_id + " is no member of this workspace",
                                      "user_id",
                                      {}});
}

}  // namespace swarm::storage
