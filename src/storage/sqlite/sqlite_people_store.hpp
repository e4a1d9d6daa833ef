// core::PeopleStore on SQLite: users (password hashes only), memberships and sessions (token
// digests only) in the server's database.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/people_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqlitePeopleStore final : public core::PeopleStore {
public:
    SqlitePeopleStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::UserRecord> create_user(const std::string& id, const std::string& email,
                                               const std::string& password_hash) override;
    core::Result<std::optional<core::UserRecord>> find_user_by_email(
        const std::string& email) override;
    core::Result<std::optional<core::UserRecord>> find_user(const std::string& id) override;
    core::Result<void> set_password(const std::string& user_id,
                                    const std::string& password_hash) override;
    core::Result<std::int64_t> count_failed_sign_in(const std::string& user_id) override;
    core::Result<void> lock_user(const std::string& user_id,
                                 std::optional<core::Timestamp> until) override;
    core::Result<void> clear_failed_sign_ins(const std::string& user_id) override;
    core::Result<core::MembershipRecord> add_member(const core::WorkspaceId& workspace,
                                                    const std::string& user_id,
                                                    core::access::Role role) override;
    core::Result<core::MembershipRecord> set_member_role(const core::WorkspaceId& workspace,
                                                         const std::string& user_id,
                                                         core::access::Role role) override;
    core::Result<void> remove_member(const core::WorkspaceId& workspace,
                                     const std::string& user_id) override;
    core::Result<std::optional<core::MembershipRecord>> membership(
        const core::WorkspaceId& workspace, const std::string& user_id) override;
    core::Result<std::vector<core::MembershipRecord>> members(
        const core::WorkspaceId& workspace) override;
    core::Result<std::vector<core::MembershipRecord>> memberships_of(
        const std::string& user_id) override;
    core::Result<core::SessionRecord> create_session(const core::NewSession& session) override;
    core::Result<std::optional<core::SessionRecord>> find_session(const std::string& id) override;
    core::Result<void> touch_session(const std::string& id, core::Timestamp at) override;
    core::Result<void> revoke_session(const std::string& id) override;
    core::Result<std::int64_t> revoke_sessions_of(
        const std::string& user_id, const std::optional<std::string>& except) override;
    core::Result<std::vector<core::UserRecord>> list_users() override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
