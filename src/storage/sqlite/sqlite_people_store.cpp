#include "storage/sqlite/sqlite_people_store.hpp"

#include "storage/common/people_records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::UserRecord>> user_by(Connection& db, const char* column,
                                                      const std::string& value) {
    return db.query_one(
        std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = ?1",
        decoded(decode_user), value);
}

core::Result<std::optional<core::MembershipRecord>> member_of(Connection& db,
                                                              const core::WorkspaceId& workspace,
                                                              const std::string& user_id) {
    return db.query_one(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                            " WHERE m.workspace_id = ?1 AND m.user_id = ?2",
                        decoded(decode_membership), workspace.str(), user_id);
}

core::Result<std::optional<core::SessionRecord>> session_by_id(Connection& db,
                                                               const std::string& id) {
    return db.query_one(std::string("SELECT ") + kSessionColumns +
                            " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?1",
                        decoded(decode_session), id);
}

/// Whether another member than `user_id` is an owner of the workspace.
core::Result<bool> other_owner(Connection& db, const core::WorkspaceId& workspace,
                               const std::string& user_id) {
    SWARM_TRY_ASSIGN(
        const auto found,
        db.query_one(
            "SELECT 1 FROM memberships WHERE workspace_id = ?1 AND user_id <> ?2 AND role = ?3",
            [](const Statement& row) { return row.column_int(0); }, workspace.str(), user_id,
            std::string(core::access::to_string(core::access::Role::kOwner))));
    return found.has_value();
}

/// The member, refused when the change would leave the workspace without an owner.
core::Result<core::MembershipRecord> changeable_member(Connection& db,
                                                       const core::WorkspaceId& workspace,
                                                       const std::string& user_id,
                                                       std::optional<core::access::Role> role) {
    SWARM_TRY_ASSIGN(auto current, member_of(db, workspace, user_id));
    if (!current) {
        return not_member(user_id);
    }
    if (current->role == core::access::Role::kOwner && role != core::access::Role::kOwner) {
        SWARM_TRY_ASSIGN(const bool others, other_owner(db, workspace, user_id));
        if (!others) {
            return last_owner(user_id);
        }
    }
    return std::move(*current);
}

core::Result<void> changed_one(Connection& db, std::string_view what, const std::string& id) {
    if (db.changes() == 0) {
        return not_found(what, id);
    }
    return {};
}

}  // namespace

core::Result<core::UserRecord> SqlitePeopleStore::create_user(const std::string& id,
                                                              const std::string& email,
                                                              const std::string& password_hash) {
    SWARM_TRY(check_new_user(id, email, password_hash));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::UserRecord> {
        SWARM_TRY_ASSIGN(const auto existing, user_by(db, "email", email));
        if (existing) {
            return email_taken(email);
        }
        SWARM_TRY(db.execute(
            "INSERT INTO users (id, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)", id,
            email, password_hash, now));
        SWARM_TRY_ASSIGN(auto stored, user_by(db, "id", id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::UserRecord>> SqlitePeopleStore::find_user_by_email(
    const std::string& email) {
    return db_->read([&](Connection& db) { return user_by(db, "email", email); });
}

core::Result<std::optional<core::UserRecord>> SqlitePeopleStore::find_user(const std::string& id) {
    return db_->read([&](Connection& db) { return user_by(db, "id", id); });
}

core::Result<void> SqlitePeopleStore::set_password(const std::string& user_id,
                                                   const std::string& password_hash) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", user_id,
                             password_hash));
        return changed_one(db, "user", user_id);
    });
}

core::Result<std::int64_t> SqlitePeopleStore::count_failed_sign_in(const std::string& user_id) {
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        SWARM_TRY(db.execute("UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?1",
                             user_id));
        SWARM_TRY(changed_one(db, "user", user_id));
        SWARM_TRY_ASSIGN(const auto count,
                         db.query_one(
                             "SELECT failed_sign_ins FROM users WHERE id = ?1",
                             [](const Statement& row) { return row.column_int(0); }, user_id));
        return count.value_or(0);
    });
}

core::Result<void> SqlitePeopleStore::lock_user(const std::string& user_id,
                                                std::optional<core::Timestamp> until) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute("UPDATE users SET locked_until = ?2 WHERE id = ?1", user_id,
                             optional_millis(until)));
        return changed_one(db, "user", user_id);
    });
}

core::Result<void> SqlitePeopleStore::clear_failed_sign_ins(const std::string& user_id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?1", user_id));
        return changed_one(db, "user", user_id);
    });
}

core::Result<core::MembershipRecord> SqlitePeopleStore::add_member(
    const core::WorkspaceId& workspace, const std::string& user_id, core::access::Role role) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::MembershipRecord> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY_ASSIGN(const auto user, user_by(db, "id", user_id));
        if (!user) {
            return not_found_field("user", user_id, "user");
        }
        SWARM_TRY_ASSIGN(const auto existing, member_of(db, workspace, user_id));
        if (existing) {
            return already_member(user_id);
        }
        SWARM_TRY(
            db.execute("INSERT INTO memberships (workspace_id, user_id, role, created_at) "
                       "VALUES (?1, ?2, ?3, ?4)",
                       workspace.str(), user_id, std::string(core::access::to_string(role)), now));
        SWARM_TRY_ASSIGN(auto stored, member_of(db, workspace, user_id));
        return std::move(*stored);
    });
}

core::Result<core::MembershipRecord> SqlitePeopleStore::set_member_role(
    const core::WorkspaceId& workspace, const std::string& user_id, core::access::Role role) {
    return db_->write([&](Connection& db) -> core::Result<core::MembershipRecord> {
        SWARM_TRY(changeable_member(db, workspace, user_id, role));
        SWARM_TRY(
            db.execute("UPDATE memberships SET role = ?3 WHERE workspace_id = ?1 AND user_id = ?2",
                       workspace.str(), user_id, std::string(core::access::to_string(role))));
        SWARM_TRY_ASSIGN(auto stored, member_of(db, workspace, user_id));
        return std::move(*stored);
    });
}

core::Result<void> SqlitePeopleStore::remove_member(const core::WorkspaceId& workspace,
                                                    const std::string& user_id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(changeable_member(db, workspace, user_id, std::nullopt));
        return db.execute("DELETE FROM memberships WHERE workspace_id = ?1 AND user_id = ?2",
                          workspace.str(), user_id);
    });
}

core::Result<std::optional<core::MembershipRecord>> SqlitePeopleStore::membership(
    const core::WorkspaceId& workspace, const std::string& user_id) {
    return db_->read([&](Connection& db) { return member_of(db, workspace, user_id); });
}

core::Result<std::vector<core::MembershipRecord>> SqlitePeopleStore::members(
    const core::WorkspaceId& workspace) {
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                                " WHERE m.workspace_id = ?1 ORDER BY u.email",
                            decoded(decode_membership), workspace.str());
    });
}

core::Result<std::vector<core::MembershipRecord>> SqlitePeopleStore::memberships_of(
    const std::string& user_id) {
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                                " WHERE m.user_id = ?1 ORDER BY w.name",
                            decoded(decode_membership), user_id);
    });
}

core::Result<core::SessionRecord> SqlitePeopleStore::create_session(
    const core::NewSession& session) {
    SWARM_TRY(check_new_session(session));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::SessionRecord> {
        SWARM_TRY_ASSIGN(const auto user, user_by(db, "id", session.user_id));
        if (!user) {
            return not_found_field("user", session.user_id, "user");
        }
        SWARM_TRY(db.execute(
            "INSERT INTO sessions (id, user_id, digest, address, user_agent, "
            "created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            session.id, session.user_id, session.digest, session.address, session.user_agent, now));
        SWARM_TRY_ASSIGN(auto stored, session_by_id(db, session.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::SessionRecord>> SqlitePeopleStore::find_session(
    const std::string& id) {
    return db_->read([&](Connection& db) { return session_by_id(db, id); });
}

core::Result<void> SqlitePeopleStore::touch_session(const std::string& id, core::Timestamp at) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(
            db.execute("UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?2) WHERE id = ?1", id,
                       to_millis(at)));
        return changed_one(db, "session", id);
    });
}

core::Result<void> SqlitePeopleStore::revoke_session(const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute(
            "UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1", id, now));
        return changed_one(db, "session", id);
    });
}

core::Result<std::int64_t> SqlitePeopleStore::revoke_sessions_of(
    const std::string& user_id, const std::optional<std::string>& except) {
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<std::int64_t> {
        SWARM_TRY(db.execute(
            "UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL "
            "AND (?3 IS NULL OR id <> ?3)",
            user_id, now, except));
        return db.changes();
    });
}

core::Result<std::vector<core::UserRecord>> SqlitePeopleStore::list_users() {
    return db_->read([](Connection& db) {
        return db.query_all(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY email",
                            decoded(decode_user));
    });
}

}  // namespace swarm::storage
