// Contract: PeopleStore (users, memberships, sessions): emails unique and lower-case, failure
// counts and locks, memberships scoped by workspace with the last-owner guard, sessions found,
// touched, revoked one by one or all but one, and all of it surviving a restart.
#include "contract/storage_backends.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::access::Role;
using std::chrono::seconds;

const core::WorkspaceId kPeopleA{"ws_9e0b1e0000000001"};
const core::WorkspaceId kPeopleB{"ws_9e0b1e0000000002"};
const core::WorkspaceId kPeopleUnknown{"ws_9e0b1e00000000ff"};
constexpr const char* kAnn = "usr_a000000000000001";
constexpr const char* kBen = "usr_b000000000000002";
constexpr const char* kHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";

class PeopleContract : public StorageContract {
protected:
    void SetUp() override {
        StorageContract::SetUp();
        if (IsSkipped()) {
            return;
        }
        ASSERT_TRUE(backend().access().create_workspace(kPeopleA, "people-a"));
        ASSERT_TRUE(backend().access().create_workspace(kPeopleB, "people-b"));
        ASSERT_TRUE(people().create_user(kAnn, "ann@example.com", kHash));
        ASSERT_TRUE(people().create_user(kBen, "ben@example.com", kHash));
    }

    core::PeopleStore& people() { return backend().people(); }

    static core::NewSession session(const std::string& id, const std::string& user) {
        return {id, user, "digest-of-" + id, "127.0.0.1", "test agent"};
    }
};

SWARM_CONTRACT_SUITE(PeopleContract);

TEST_P(PeopleContract, UsersAreFoundByIdAndEmailAndEmailsAreUnique) {
    auto ann = people().find_user_by_email("ann@example.com");
    ASSERT_TRUE(ann && *ann);
    EXPECT_EQ((*ann)->id, kAnn);
    EXPECT_EQ((*ann)->password_hash, kHash);
    EXPECT_EQ((*ann)->created_at, backend().clock().now());
    EXPECT_EQ((*ann)->failed_sign_ins, 0);
    EXPECT_FALSE((*ann)->locked_until);
    EXPECT_TRUE(people().find_user(kBen).value_or(std::nullopt));
    EXPECT_FALSE(people().find_user_by_email("nobody@example.com").value_or(std::nullopt));
    auto taken = people().create_user("usr_c000000000000003", "ann@example.com", kHash);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(taken.error().field, "email");
    // Checks name the field: bad ids, upper-case or empty emails, empty hashes.
    for (const auto& [id, email, hash, field] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"user_1", "x@example.com", kHash, "id"},
             {"usr_C000000000000003", "x@example.com", kHash, "id"},
             {"usr_c000000000000003", "X@example.com", kHash, "email"},
             {"usr_c000000000000003", "", kHash, "email"},
             {"usr_c000000000000003", "x@example.com", "", "password_hash"}}) {
        auto refused = people().create_user(id, email, hash);
        ASSERT_FALSE(refused) << id << " " << email;
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(refused.error().field, field);
    }
    ASSERT_TRUE(people().set_password(kAnn, "$argon2id$new"));
    EXPECT_EQ(people().find_user(kAnn).value()->password_hash, "$argon2id$new");
    EXPECT_EQ(people().set_password("usr_ffffffffffffffff", kHash).error().code,
              ErrorCode::kNotFound);
    auto all = people().list_users();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2U);
    EXPECT_EQ((*all)[0].email, "ann@example.com");
}

TEST_P(PeopleContract, FailedSignInsAreCountedLockedAndCleared) {
    for (std::int64_t i = 1; i <= 3; ++i) {
        auto count = people().count_failed_sign_in(kAnn);
        ASSERT_TRUE(count);
        EXPECT_EQ(*count, i);
    }
    const auto until = backend().clock().now() + seconds(30);
    ASSERT_TRUE(people().lock_user(kAnn, until));
    auto locked = people().find_user(kAnn).value();
    EXPECT_EQ(locked->failed_sign_ins, 3);
    EXPECT_EQ(locked->locked_until, until);
    EXPECT_EQ(people().find_user(kBen).value()->failed_sign_ins, 0) << "per account";
    ASSERT_TRUE(people().clear_failed_sign_ins(kAnn));
    auto cleared = people().find_user(kAnn).value();
    EXPECT_EQ(cleared->failed_sign_ins, 0);
    EXPECT_FALSE(cleared->locked_until);
    EXPECT_EQ(people().count_failed_sign_in("usr_ffffffffffffffff").error().code,
              ErrorCode::kNotFound);
}

TEST_P(PeopleContract, MembershipsAreScopedAndTheLastOwnerStays) {
    auto added = people().add_member(kPeopleA, kAnn, Role::kOwner);
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->workspace_name, "people-a");
    EXPECT_EQ(added->email, "ann@example.com");
    EXPECT_EQ(added->role, Role::kOwner);
    ASSERT_TRUE(people().add_member(kPeopleB, kAnn, Role::kViewer));
    ASSERT_TRUE(people().add_member(kPeopleA, kBen, Role::kEditor));
    EXPECT_EQ(people().add_member(kPeopleA, kBen, Role::kViewer).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(people().add_member(kPeopleUnknown, kBen, Role::kViewer).error().field, "workspace");
    EXPECT_EQ(people().add_member(kPeopleB, "usr_ffffffffffffffff", Role::kViewer).error().field,
              "user");
    // Scoped: B's members are Ann only; Ben is no member of B.
    auto b = people().members(kPeopleB);
    ASSERT_TRUE(b);
    ASSERT_EQ(b->size(), 1U);
    EXPECT_EQ((*b)[0].user_id, kAnn);
    EXPECT_FALSE(people().membership(kPeopleB, kBen).value());
    EXPECT_EQ(people().set_member_role(kPeopleB, kBen, Role::kOwner).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(people().remove_member(kPeopleB, kBen).error().code, ErrorCode::kNotFound);
    auto anns = people().memberships_of(kAnn);
    ASSERT_TRUE(anns);
    ASSERT_EQ(anns->size(), 2U);
    EXPECT_EQ((*anns)[0].workspace_name, "people-a");
    EXPECT_EQ((*anns)[1].role, Role::kViewer);
    // The last owner cannot be demoted or removed; B has no owner member at all, and Ann's
    // viewer membership there can go.
    EXPECT_EQ(people().set_member_role(kPeopleA, kAnn, Role::kEditor).error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(people().remove_member(kPeopleA, kAnn).error().field, "role");
    ASSERT_TRUE(people().set_member_role(kPeopleA, kBen, Role::kOwner));
    ASSERT_TRUE(people().set_member_role(kPeopleA, kAnn, Role::kReviewer));
    EXPECT_EQ(people().membership(kPeopleA, kAnn).value()->role, Role::kReviewer);
    EXPECT_EQ(people().remove_member(kPeopleA, kBen).error().code, ErrorCode::kFailedPrecondition);
    ASSERT_TRUE(people().remove_member(kPeopleB, kAnn));
    EXPECT_EQ(people().memberships_of(kAnn).value().size(), 1U);
    backend().reopen();
    EXPECT_EQ(people().members(kPeopleA).value().size(), 2U);
}

TEST_P(PeopleContract, SessionsAreTouchedRevokedAndSurviveARestart) {
    auto made = people().create_session(session("0000000000000001", kAnn));
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->email, "ann@example.com");
    EXPECT_EQ(made->digest, "digest-of-0000000000000001");
    EXPECT_EQ(made->last_seen_at, made->created_at);
    EXPECT_FALSE(made->revoked_at);
    ASSERT_TRUE(people().create_session(session("0000000000000002", kAnn)));
    ASSERT_TRUE(people().create_session(session("0000000000000003", kAnn)));
    ASSERT_TRUE(people().create_session(session("0000000000000004", kBen)));
    EXPECT_EQ(people().create_session(session("0000000000000001", kBen)).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(
        people().create_session(session("0000000000000009", "usr_ffffffffffffffff")).error().field,
        "user");
    // Touch moves last_seen_at forward only.
    const auto later = backend().clock().now() + seconds(90);
    ASSERT_TRUE(people().touch_session("0000000000000001", later));
    ASSERT_TRUE(people().touch_session("0000000000000001", later - seconds(60)));
    EXPECT_EQ(people().find_session("0000000000000001").value()->last_seen_at, later);
    EXPECT_EQ(people().touch_session("ffffffffffffffff", later).error().code, ErrorCode::kNotFound);
    // One revoke keeps its first time; "everywhere but this one" spares one session.
    backend().clock().advance(seconds(5));
    ASSERT_TRUE(people().revoke_session("0000000000000002"));
    const auto first = people().find_session("0000000000000002").value()->revoked_at;
    ASSERT_TRUE(first);
    backend().clock().advance(seconds(5));
    ASSERT_TRUE(people().revoke_session("0000000000000002"));
    EXPECT_EQ(people().find_session("0000000000000002").value()->revoked_at, first);
    auto revoked = people().revoke_sessions_of(kAnn, std::string("0000000000000003"));
    ASSERT_TRUE(revoked);
    EXPECT_EQ(*revoked, 1) << "session 1 only: 2 was revoked already, 3 is spared";
    EXPECT_FALSE(people().find_session("0000000000000003").value()->revoked_at);
    EXPECT_FALSE(people().find_session("0000000000000004").value()->revoked_at) << "Ben's";
    EXPECT_EQ(people().revoke_sessions_of(kAnn, std::nullopt).value(), 1);
    backend().reopen();
    EXPECT_TRUE(people().find_session("0000000000000003").value()->revoked_at);
    EXPECT_FALSE(people().find_session("0000000000000004").value()->revoked_at);
    EXPECT_FALSE(people().find_session("ffffffffffffffff").value());
}

}  // namespace
}  // namespace swarm::test
