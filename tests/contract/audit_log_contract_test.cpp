// Contract: AuditLog (clock-stamped appends with increasing seq, newest-first pages per workspace,
// the action filter, validation naming the field, durability) and the database refusing to
// change a written entry.
#include "contract/storage_backends.hpp"

#ifdef SWARM_CONTRACT_POSTGRES
#include "contract/storage_backends_pg.hpp"
#include "storage/postgres/pg_access_store.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#endif

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;

const core::WorkspaceId kAuditWorkspaceA{"ws_00000000000000c1"};
const core::WorkspaceId kAuditWorkspaceB{"ws_00000000000000c2"};
const core::WorkspaceId kAuditWorkspaceUnknown{"ws_00000000000000c9"};

core::NewAuditEntry audit_entry(const std::string& action, const std::string& object = "") {
    return {"user:usr_1", action, object, "192.0.2.7", R"({"n":1})"};
}

std::vector<std::string> audit_actions(const std::vector<core::AuditEntry>& entries) {
    std::vector<std::string> out;
    out.reserve(entries.size());
    for (const auto& entry : entries) {
        out.push_back(entry.action);
    }
    return out;
}

void expect_same_audit_entry(const core::AuditEntry& got, const core::AuditEntry& want) {
    EXPECT_EQ(got.seq, want.seq);
    EXPECT_EQ(got.workspace.str(), want.workspace.str());
    EXPECT_EQ(got.at, want.at);
    EXPECT_EQ(got.actor, want.actor);
    EXPECT_EQ(got.action, want.action);
    EXPECT_EQ(got.object, want.object);
    EXPECT_EQ(got.address, want.address);
    EXPECT_EQ(got.detail, want.detail);
}

class AuditLogContract : public StorageContract {
protected:
    void SetUp() override {
        StorageContract::SetUp();
        if (IsSkipped()) {
            return;
        }
        ASSERT_TRUE(backend().access().create_workspace(kAuditWorkspaceA, "audit-a"));
        ASSERT_TRUE(backend().access().create_workspace(kAuditWorkspaceB, "audit-b"));
    }

    core::AuditEntry append(const core::WorkspaceId& workspace, const std::string& action) {
        auto appended = backend().audit().append(workspace, audit_entry(action));
        EXPECT_TRUE(appended) << (appended ? "" : appended.error().message);
        return appended ? *appended : core::AuditEntry{};
    }

    std::vector<core::AuditEntry> list(const core::WorkspaceId& workspace,
                                       const core::AuditQuery& query = {}) {
        auto listed = backend().audit().list(workspace, query);
        EXPECT_TRUE(listed) << (listed ? "" : listed.error().message);
        return listed ? *listed : std::vector<core::AuditEntry>{};
    }

    std::vector<std::string> filtered(const std::string& action) {
        core::AuditQuery query;
        query.action = action;
        return audit_actions(list(kAuditWorkspaceA, query));
    }
};

SWARM_CONTRACT_SUITE(AuditLogContract);

TEST_P(AuditLogContract, AppendStampsTheClockAndAnIncreasingSeq) {
    const core::NewAuditEntry created{"key:csk_1", "key.create", "key:abc", "203.0.113.5",
                                      R"({"role":"editor"})"};
    auto first = backend().audit().append(kAuditWorkspaceA, created);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->at, backend().clock().now());
    EXPECT_EQ(first->workspace.str(), kAuditWorkspaceA.str());
    EXPECT_EQ(first->actor, "key:csk_1");
    EXPECT_EQ(first->action, "key.create");
    EXPECT_EQ(first->object, "key:abc");
    EXPECT_EQ(first->address, "203.0.113.5");
    EXPECT_EQ(first->detail, R"({"role":"editor"})");
    backend().clock().advance(std::chrono::seconds{5});
    const auto second = append(kAuditWorkspaceA, "key.revoke");
    EXPECT_EQ(second.at, backend().clock().now());
    EXPECT_GT(second.seq, first->seq);
    const auto listed = list(kAuditWorkspaceA);
    ASSERT_EQ(listed.size(), 2U);
    expect_same_audit_entry(listed[0], second);
    expect_same_audit_entry(listed[1], *first);
}

TEST_P(AuditLogContract, ListIsNewestFirstAndScopedToItsWorkspace) {
    const auto a1 = append(kAuditWorkspaceA, "job.submit");
    const auto b1 = append(kAuditWorkspaceB, "session.sign_in");
    const auto a2 = append(kAuditWorkspaceA, "item.edit");
    const auto a3 = append(kAuditWorkspaceA, "item.approve");
    // seq orders the entries of the whole database, across workspaces.
    EXPECT_LT(a1.seq, b1.seq);
    EXPECT_LT(b1.seq, a2.seq);
    EXPECT_EQ(audit_actions(list(kAuditWorkspaceA)),
              (std::vector<std::string>{"item.approve", "item.edit", "job.submit"}));
    EXPECT_GT(a3.seq, a2.seq);
    const auto in_b = list(kAuditWorkspaceB);
    ASSERT_EQ(in_b.size(), 1U);
    expect_same_audit_entry(in_b[0], b1);
    auto unknown = backend().audit().append(kAuditWorkspaceUnknown, audit_entry("job.submit"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(unknown.error().field, "workspace");
    EXPECT_TRUE(list(kAuditWorkspaceUnknown).empty());
    EXPECT_EQ(list(kAuditWorkspaceA).size(), 3U);
}

TEST_P(AuditLogContract, PagesWalkBackWithBeforeSeq) {
    std::vector<core::AuditEntry> written;
    for (int i = 0; i < 5; ++i) {
        written.push_back(append(kAuditWorkspaceA, "doc.add" + std::to_string(i)));
        append(kAuditWorkspaceB, "doc.add");  // interleaved: must not appear on A's pages
    }
    core::AuditQuery query;
    query.limit = 2;
    const auto page1 = list(kAuditWorkspaceA, query);
    EXPECT_EQ(audit_actions(page1), (std::vector<std::string>{"doc.add4", "doc.add3"}));
    ASSERT_EQ(page1.size(), 2U);
    query.before_seq = page1.back().seq;
    const auto page2 = list(kAuditWorkspaceA, query);
    EXPECT_EQ(audit_actions(page2), (std::vector<std::string>{"doc.add2", "doc.add1"}));
    ASSERT_EQ(page2.size(), 2U);
    query.before_seq = page2.back().seq;
    const auto page3 = list(kAuditWorkspaceA, query);
    ASSERT_EQ(page3.size(), 1U);
    expect_same_audit_entry(page3[0], written[0]);
    query.before_seq = page3.back().seq;
    EXPECT_TRUE(list(kAuditWorkspaceA, query).empty());
}

TEST_P(AuditLogContract, ActionFilterIsExactOrAPrefixEndingInADot) {
    for (const char* action : {"key.create", "keyring.x", "key.revoke", "key", "job.submit",
                               "a%b.x", "azzb.y", "a_c.z", "abc.w", "ab"}) {
        append(kAuditWorkspaceA, action);
    }
    append(kAuditWorkspaceB, "key.create");
    EXPECT_EQ(filtered("key."), (std::vector<std::string>{"key.revoke", "key.create"}));
    EXPECT_EQ(filtered("key.create"), (std::vector<std::string>{"key.create"}));
    EXPECT_EQ(filtered("key"), (std::vector<std::string>{"key"}));
    EXPECT_EQ(filtered("ke"), (std::vector<std::string>{}));
    EXPECT_EQ(filtered("job."), (std::vector<std::string>{"job.submit"}));
    // LIKE wildcards in a filter match only themselves.
    EXPECT_EQ(filtered("a%b."), (std::vector<std::string>{"a%b.x"}));
    EXPECT_EQ(filtered("a_c."), (std::vector<std::string>{"a_c.z"}));
    EXPECT_EQ(filtered("a%"), (std::vector<std::string>{}));
    EXPECT_EQ(filtered("a_"), (std::vector<std::string>{}));
    EXPECT_EQ(filtered("%."), (std::vector<std::string>{}));
    core::AuditQuery query;
    query.action = "key.";
    query.limit = 1;
    EXPECT_EQ(audit_actions(list(kAuditWorkspaceA, query)),
              (std::vector<std::string>{"key.revoke"}));
}

TEST_P(AuditLogContract, ValidationNamesTheField) {
    auto& audit = backend().audit();
    const auto refused = [&](const core::NewAuditEntry& entry, const std::string& field) {
        auto appended = audit.append(kAuditWorkspaceA, entry);
        ASSERT_FALSE(appended) << "accepted; wanted a refusal on " << field;
        EXPECT_EQ(appended.error().code, ErrorCode::kInvalidArgument) << field;
        EXPECT_EQ(appended.error().field, field);
    };
    auto entry = audit_entry("job.submit");
    entry.actor.clear();
    refused(entry, "actor");
    entry = audit_entry("");
    refused(entry, "action");
    for (const char* detail : {"", "not json", "{", "[]", "1", R"("text")", "null"}) {
        entry = audit_entry("job.submit");
        entry.detail = detail;
        refused(entry, "detail");
    }
    EXPECT_TRUE(list(kAuditWorkspaceA).empty());
    entry = audit_entry("job.submit");
    entry.detail = "{}";
    EXPECT_TRUE(audit.append(kAuditWorkspaceA, entry));
    entry.detail = R"( {"nested":{"list":[1,2]}} )";
    EXPECT_TRUE(audit.append(kAuditWorkspaceA, entry));
    for (const std::size_t limit : {std::size_t{0}, std::size_t{1001}}) {
        core::AuditQuery query;
        query.limit = limit;
        auto listed = audit.list(kAuditWorkspaceA, query);
        ASSERT_FALSE(listed) << "limit " << limit;
        EXPECT_EQ(listed.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(listed.error().field, "limit");
    }
    for (const std::size_t limit : {std::size_t{1}, std::size_t{1000}}) {
        core::AuditQuery query;
        query.limit = limit;
        EXPECT_EQ(list(kAuditWorkspaceA, query).size(), std::min<std::size_t>(limit, 2));
    }
}

TEST_P(AuditLogContract, EntriesSurviveReopen) {
    const auto first = append(kAuditWorkspaceA, "settings.change");
    backend().clock().advance(std::chrono::milliseconds{1500});
    const auto second = append(kAuditWorkspaceA, "secret.change");
    backend().reopen();
    const auto listed = list(kAuditWorkspaceA);
    ASSERT_EQ(listed.size(), 2U);
    expect_same_audit_entry(listed[0], second);
    expect_same_audit_entry(listed[1], first);
    EXPECT_GT(append(kAuditWorkspaceA, "job.submit").seq, second.seq);
}

TEST_P(AuditLogContract, TheDatabaseRefusesUpdateAndDelete) {
    const auto written = append(kAuditWorkspaceA, "key.create");
    for (const char* sql : {"UPDATE audit_log SET actor = 'forged'", "DELETE FROM audit_log",
                            "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"}) {
        auto changed = backend().execute_sql(sql);
        ASSERT_FALSE(changed) << sql << " was accepted";
        EXPECT_NE(changed.error().message.find("append-only"), std::string::npos)
            << sql << ": " << changed.error().message;
    }
    // The statements themselves are valid: on another table they run.
    ASSERT_TRUE(
        backend().execute_sql("UPDATE workspaces SET name = 'audit-a2' WHERE name = 'audit-a'"));
    const auto listed = list(kAuditWorkspaceA);
    ASSERT_EQ(listed.size(), 1U);
    expect_same_audit_entry(listed[0], written);
}

#ifdef SWARM_CONTRACT_POSTGRES

class PgAuditLogTest : public PgTest {};

TEST_F(PgAuditLogTest, TheDatabaseRefusesTruncate) {
    auto db = open_replica();
    ASSERT_TRUE(db);
    FakeClock clock{kContractEpoch};
    storage::PgAccessStore access(db, clock);
    storage::PgAuditLog audit(db, clock);
    ASSERT_TRUE(access.create_workspace(kAuditWorkspaceA, "audit-a"));
    ASSERT_TRUE(audit.append(kAuditWorkspaceA, audit_entry("key.create")));
    auto truncated = db->transact([](pqxx::work& tx) -> core::Result<void> {
        tx.exec("TRUNCATE audit_log");
        return {};
    });
    ASSERT_FALSE(truncated);
    EXPECT_NE(truncated.error().message.find("append-only"), std::string::npos)
        << truncated.error().message;
    EXPECT_EQ(audit.list(kAuditWorkspaceA, {}).value().size(), 1U);
}

#endif

}  // namespace
}  // namespace swarm::test
