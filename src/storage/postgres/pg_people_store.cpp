#include "storage/postgres/pg_people_store.hpp"

#include "storage/common/people_records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::UserRecord>> pg_user_by(pqxx::work& tx, const char* column,
                                                         const std::string& value) {
    return decode_first(
        tx.exec_params(
            std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = $1", value),
        decode_user);
}

core::Result<std::optional<core::MembershipRecord>> pg_member_of(pqxx::work& tx,
                                                                 const core::WorkspaceId& workspace,
                                                                 const std::string& user_id) {
    return decode_first(
        tx.exec_params(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                           " WHERE m.workspace_id = $1 AND m.user_id = $2",
                       workspace.str(), user_id),
        decode_membership);
}

core::Result<std::optional<core::SessionRecord>> pg_session_by_id(pqxx::work& tx,
                                                                  const std::string& id) {
    return decode_first(
        tx.exec_params(std::string("SELECT ") + kSessionColumns +
                           " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
                       id),
        decode_session);
}

/// The member, refused when the change would leave the workspace without an owner. Locks the
/// workspace's memberships first, so two concurrent demotions cannot both pass the check.
core::Result<core::MembershipRecord> pg_changeable_member(pqxx::work& tx,
                                                          const core::WorkspaceId& workspace,
                                                          const std::string& user_id,
                                                          std::optional<core::access::Role> role) {
    tx.exec_params("SELECT 1 FROM memberships WHERE workspace_id = $1 FOR UPDATE", workspace.str());
    SWARM_TRY_ASSIGN(auto current, pg_member_of(tx, workspace, user_id));
    if (!current) {
        return not_member(user_id);
    }
    const std::string owner(core::access::to_string(core::access::Role::kOwner));
    if (current->role == core::access::Role::kOwner && role != core::access::Role::kOwner &&
        tx.exec_params("SELECT 1 FROM memberships WHERE workspace_id = $1 AND user_id <> $2 "
                       "AND role = $3",
                       workspace.str(), user_id, owner)
            .empty()) {
        return last_owner(user_id);
    }
    return std::move(*current);
}

core::Result<void> pg_changed_one(const pqxx::result& result, std::string_view what,
                                  const std::string& id) {
    if (result.affected_rows() == 0) {
        return not_found(what, id);
    }
    return {};
}

}  // namespace

core::Result<core::UserRecord> PgPeopleStore::create_user(const std::string& id,
                                                          const std::string& email,
                                                          const std::string& password_hash) {
    SWARM_TRY(check_new_user(id, email, password_hash));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::UserRecord> {
        try {
            tx.exec_params0(
                "INSERT INTO users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)",
                id, email, password_hash, now);
        } catch (const pqxx::unique_violation&) {
            return email_taken(email);
        }
        SWARM_TRY_ASSIGN(auto stored, pg_user_by(tx, "id", id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::UserRecord>> PgPeopleStore::find_user_by_email(
    const std::string& email) {
    return db_->transact([&](pqxx::work& tx) { return pg_user_by(tx, "email", email); });
}

core::Result<std::optional<core::UserRecord>> PgPeopleStore::find_user(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return pg_user_by(tx, "id", id); });
}

core::Result<void> PgPeopleStore::set_password(const std::string& user_id,
                                               const std::string& password_hash) {
    return db_->transact([&](pqxx::work& tx) {
        return pg_changed_one(tx.exec_params("UPDATE users SET password_hash = $2 WHERE id = $1",
                                             user_id, password_hash),
                              "user", user_id);
    });
}

core::Result<std::int64_t> PgPeopleStore::count_failed_sign_in(const std::string& user_id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        const auto rows = tx.exec_params(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1 "
            "RETURNING failed_sign_ins",
            user_id);
        if (rows.empty()) {
            return not_found("user", user_id);
        }
        return rows[0][0].as<std::int64_t>();
    });
}

core::Result<void> PgPeopleStore::lock_user(const std::string& user_id,
                                            std::optional<core::Timestamp> until) {
    return db_->transact([&](pqxx::work& tx) {
        return pg_changed_one(tx.exec_params("UPDATE users SET locked_until = $2 WHERE id = $1",
                                             user_id, optional_millis(until)),
                              "user", user_id);
    });
}

core::Result<void> PgPeopleStore::clear_failed_sign_ins(const std::string& user_id) {
    return db_->transact([&](pqxx::work& tx) {
        return pg_changed_one(
            tx.exec_params(
                "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1", user_id),
            "user", user_id);
    });
}

core::Result<core::MembershipRecord> PgPeopleStore::add_member(const core::WorkspaceId& workspace,
                                                               const std::string& user_id,
                                                               core::access::Role role) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::MembershipRecord> {
        SWARM_TRY(require_pg_workspace(tx, workspace));
        if (tx.exec_params("SELECT 1 FROM users WHERE id = $1", user_id).empty()) {
            return not_found_field("user", user_id, "user");
        }
        try {
            tx.exec_params0(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at) "
                "VALUES ($1, $2, $3, $4)",
                workspace.str(), user_id, std::string(core::access::to_string(role)), now);
        } catch (const pqxx::unique_violation&) {
            return already_member(user_id);
        }
        SWARM_TRY_ASSIGN(auto stored, pg_member_of(tx, workspace, user_id));
        return std::move(*stored);
    });
}

core::Result<core::MembershipRecord> PgPeopleStore::set_member_role(
    const core::WorkspaceId& workspace, const std::string& user_id, core::access::Role role) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::MembershipRecord> {
        SWARM_TRY(pg_changeable_member(tx, workspace, user_id, role));
        tx.exec_params0("UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2",
                        workspace.str(), user_id, std::string(core::access::to_string(role)));
        SWARM_TRY_ASSIGN(auto stored, pg_member_of(tx, workspace, user_id));
        return std::move(*stored);
    });
}

core::Result<void> PgPeopleStore::remove_member(const core::WorkspaceId& workspace,
                                                const std::string& user_id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        SWARM_TRY(pg_changeable_member(tx, workspace, user_id, std::nullopt));
        tx.exec_params0("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2",
                        workspace.str(), user_id);
        return {};
    });
}

core::Result<std::optional<core::MembershipRecord>> PgPeopleStore::membership(
    const core::WorkspaceId& workspace, const std::string& user_id) {
    return db_->transact([&](pqxx::work& tx) { return pg_member_of(tx, workspace, user_id); });
}

core::Result<std::vector<core::MembershipRecord>> PgPeopleStore::members(
    const core::WorkspaceId& workspace) {
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                               " WHERE m.workspace_id = $1 ORDER BY u.email",
                           workspace.str()),
            decode_membership);
    });
}

core::Result<std::vector<core::MembershipRecord>> PgPeopleStore::memberships_of(
    const std::string& user_id) {
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kMembershipColumns + kMembershipFrom +
                               " WHERE m.user_id = $1 ORDER BY w.name",
                           user_id),
            decode_membership);
    });
}

core::Result<core::SessionRecord> PgPeopleStore::create_session(const core::NewSession& session) {
    SWARM_TRY(check_new_session(session));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::SessionRecord> {
        if (tx.exec_params("SELECT 1 FROM users WHERE id = $1", session.user_id).empty()) {
            return not_found_field("user", session.user_id, "user");
        }
        try {
            tx.exec_params0(
                "INSERT INTO sessions (id, user_id, digest, address, user_agent, "
                "created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                session.id, session.user_id, session.digest, session.address, session.user_agent,
                now);
        } catch (const pqxx::unique_violation&) {
            return core::fail(core::ErrorCode::kAlreadyExists, "the session id is taken", "id");
        }
        SWARM_TRY_ASSIGN(auto stored, pg_session_by_id(tx, session.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::SessionRecord>> PgPeopleStore::find_session(
    const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return pg_session_by_id(tx, id); });
}

core::Result<void> PgPeopleStore::touch_session(const std::string& id, core::Timestamp at) {
    return db_->transact([&](pqxx::work& tx) {
        return pg_changed_one(
            tx.exec_params(
                "UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1", id,
                to_millis(at)),
            "session", id);
    });
}

core::Result<void> PgPeopleStore::revoke_session(const std::string& id) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) {
        return pg_changed_one(
            tx.exec_params(
                "UPDATE sessions SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1", id, now),
            "session", id);
    });
}

core::Result<std::int64_t> PgPeopleStore::revoke_sessions_of(
    const std::string& user_id, const std::optional<std::string>& except) {
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::int64_t> {
        return static_cast<std::int64_t>(
            tx.exec_params(
                  "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL "
                  "AND ($3::text IS NULL OR id <> $3::text)",
                  user_id, now, except)
                .affected_rows());
    });
}

core::Result<std::vector<core::UserRecord>> PgPeopleStore::list_users() {
    return db_->transact([](pqxx::work& tx) {
        return decode_rows(
            tx.exec(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY email"),
            decode_user);
    });
}

}  // namespace swarm::storage
