// Contract: ShareLinkStore (links that show one job's items to people without an account): round
// trips, validation naming the field, scoping by workspace and job, revocation once and only in
// the link's workspace, expiry kept for the caller to decide, restarts, what the table holds.
#include "contract/storage_backends.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::milliseconds;

const core::WorkspaceId kShareA{"ws_5a4e000000000001"};
const core::WorkspaceId kShareB{"ws_5a4e000000000002"};
const core::WorkspaceId kShareUnknown{"ws_5a4e0000000000ff"};

class ShareLinkContract : public StorageContract {
protected:
    void SetUp() override {
        StorageContract::SetUp();
        if (IsSkipped()) {
            return;
        }
        ASSERT_TRUE(backend().access().create_workspace(kShareA, "share-a"));
        ASSERT_TRUE(backend().access().create_workspace(kShareB, "share-b"));
        job_in(kShareA, "job-share-a1");
        job_in(kShareA, "job-share-a2");
        job_in(kShareB, "job-share-b1");
    }

    core::ShareLinkStore& links() { return backend().share_links(); }

    void job_in(const core::WorkspaceId& workspace, const std::string& id) {
        core::NewJob job;
        job.id = id;
        job.brief_json = R"({"prompt":"shared"})";
        job.requested_platforms = {core::Platform::kLinkedIn};
        const auto created = backend().jobs().create(workspace, job);
        ASSERT_TRUE(created) << created.error().message;
    }

    /// A valid link of `job` in `workspace`, expiring a week after the clock's now.
    core::NewShareLink link(const std::string& id, const core::WorkspaceId& workspace = kShareA,
                            const std::string& job = "job-share-a1") {
        return core::NewShareLink{id,
                                  workspace,
                                  job,
                                  "digest-of-" + id,
                                  "user:usr_00000000000000e1",
                                  backend().clock().now() + hours(168)};
    }

    std::vector<std::string> ids(const core::WorkspaceId& workspace, const std::string& job) {
        std::vector<std::string> out;
        auto listed = links().list(workspace, job);
        EXPECT_TRUE(listed) << (listed ? "" : listed.error().message);
        for (const auto& l : listed.value_or(std::vector<core::ShareLinkRecord>{})) {
            out.push_back(l.id);
        }
        return out;
    }
};

SWARM_CONTRACT_SUITE(ShareLinkContract);

std::string share_id(int n) {
    return fmt::format("shr_{:016x}", n);
}

TEST_P(ShareLinkContract, CreatedLinksAreFoundByIdFromAnyWorkspaceAndListedPerJob) {
    const auto wanted = link(share_id(1));
    auto created = links().create(wanted);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->id, wanted.id);
    EXPECT_EQ(created->workspace, kShareA);
    EXPECT_EQ(created->job_id, "job-share-a1");
    EXPECT_EQ(created->digest, wanted.digest);
    EXPECT_EQ(created->created_by, wanted.created_by);
    EXPECT_EQ(created->created_at, backend().clock().now());
    EXPECT_EQ(created->expires_at, wanted.expires_at);
    EXPECT_FALSE(created->revoked_at);

    auto found = links().find(wanted.id);
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->workspace, kShareA);
    EXPECT_EQ((*found)->digest, wanted.digest);
    EXPECT_EQ((*found)->expires_at, wanted.expires_at);
    EXPECT_FALSE(links().find(share_id(99)).value().has_value());
    EXPECT_FALSE(links().find("").value().has_value());

    // Newest first; per job; per workspace.
    backend().clock().advance(milliseconds(1000));
    ASSERT_TRUE(links().create(link(share_id(2))));
    backend().clock().advance(milliseconds(1000));
    ASSERT_TRUE(links().create(link(share_id(3), kShareA, "job-share-a2")));
    ASSERT_TRUE(links().create(link(share_id(4), kShareB, "job-share-b1")));
    EXPECT_EQ(ids(kShareA, "job-share-a1"), (std::vector<std::string>{share_id(2), share_id(1)}));
    EXPECT_EQ(ids(kShareA, "job-share-a2"), std::vector<std::string>{share_id(3)});
    EXPECT_EQ(ids(kShareB, "job-share-b1"), std::vector<std::string>{share_id(4)});
    EXPECT_TRUE(ids(kShareB, "job-share-a1").empty()) << "another workspace lists A's job's links";
    EXPECT_TRUE(ids(kShareA, "job-share-b1").empty());
    EXPECT_TRUE(ids(kShareA, "no-such-job").empty());
}

TEST_P(ShareLinkContract, ValidationNamesTheField) {
    // Ids that are not "shr_" + 16 lower-case hex digits.
    for (const std::string bad :
         {"", "shr_", "shr_0123", "shr_0123456789abcdeg", "shr_0123456789ABCDEF",
          "shr_0123456789abcdef0", "SHR_0123456789abcdef", "key_0123456789abcdef",
          "shr-0123456789abcdef", " shr_0123456789abcdef", "shr_0123456789abcde\xc3\xa9"}) {
        SCOPED_TRACE(bad);
        auto refused = links().create(link(bad));
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(refused.error().field, "id");
    }
    auto no_digest = link(share_id(1));
    no_digest.digest.clear();
    auto no_author = link(share_id(1));
    no_author.created_by.clear();
    auto no_job = link(share_id(1));
    no_job.job_id.clear();
    auto now = link(share_id(1));
    now.expires_at = backend().clock().now();
    auto past = link(share_id(1));
    past.expires_at = backend().clock().now() - hours(1);
    const std::vector<std::pair<core::NewShareLink, std::string>> bad{{no_digest, "digest"},
                                                                      {no_author, "created_by"},
                                                                      {no_job, "job_id"},
                                                                      {now, "expires_at"},
                                                                      {past, "expires_at"}};
    for (const auto& [given, field] : bad) {
        SCOPED_TRACE(field);
        auto refused = links().create(given);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(refused.error().field, field);
    }
    // Unknown workspace; a job that is not the workspace's (another's, or none).
    const std::vector<std::pair<core::NewShareLink, std::string>> unknown{
        {link(share_id(1), kShareUnknown, "job-share-a1"), "workspace"},
        {link(share_id(1), kShareB, "job-share-a1"), "job_id"},
        {link(share_id(1), kShareA, "job-share-b1"), "job_id"},
        {link(share_id(1), kShareA, "no-such-job"), "job_id"}};
    for (const auto& [given, field] : unknown) {
        SCOPED_TRACE(given.workspace.str() + " " + given.job_id);
        auto refused = links().create(given);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
        EXPECT_EQ(refused.error().field, field);
    }
    EXPECT_FALSE(links().find(share_id(1)).value().has_value()) << "a refused link was stored";
    // A taken id, even in another workspace.
    ASSERT_TRUE(links().create(link(share_id(1))));
    auto taken = links().create(link(share_id(1), kShareB, "job-share-b1"));
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(links().find(share_id(1)).value()->workspace, kShareA);
}

TEST_P(ShareLinkContract, RevokeHappensOnceAndOnlyInTheLinksWorkspace) {
    ASSERT_TRUE(links().create(link(share_id(1))));
    ASSERT_TRUE(links().create(link(share_id(2))));
    backend().clock().advance(milliseconds(5000));
    auto other = links().revoke(kShareB, share_id(1));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(other.error().field, "id");
    EXPECT_FALSE(links().find(share_id(1)).value()->revoked_at) << "B revoked A's link";

    const auto revoked_at = backend().clock().now();
    auto revoked = links().revoke(kShareA, share_id(1));
    ASSERT_TRUE(revoked) << revoked.error().message;
    ASSERT_TRUE(revoked->revoked_at);
    EXPECT_EQ(*revoked->revoked_at, revoked_at);
    backend().clock().advance(milliseconds(5000));
    auto again = links().revoke(kShareA, share_id(1));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->revoked_at, revoked->revoked_at) << "a second revoke moved the time";
    EXPECT_FALSE(links().find(share_id(2)).value()->revoked_at) << "the other link was revoked";
    // Revoked links are still found and listed (callers decide), never opened.
    const auto found = links().find(share_id(1)).value();
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->open_at(backend().clock().now()));
    EXPECT_EQ(ids(kShareA, "job-share-a1").size(), 2U);

    auto unknown = links().revoke(kShareA, share_id(3));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(ShareLinkContract, ExpiredLinksAreKeptAndOpenOnlyBeforeTheirExpiry) {
    auto wanted = link(share_id(1));
    wanted.expires_at = backend().clock().now() + hours(1);
    ASSERT_TRUE(links().create(wanted));
    const auto stored = links().find(share_id(1)).value().value();
    EXPECT_TRUE(stored.open_at(backend().clock().now()));
    EXPECT_TRUE(stored.open_at(wanted.expires_at - milliseconds(1)));
    EXPECT_FALSE(stored.open_at(wanted.expires_at));
    backend().clock().advance(hours(2));
    const auto later = links().find(share_id(1)).value();
    ASSERT_TRUE(later) << "an expired link is gone";
    EXPECT_FALSE(later->open_at(backend().clock().now()));
}

TEST_P(ShareLinkContract, LinksSurviveARestartAndGoWithTheirJob) {
    ASSERT_TRUE(links().create(link(share_id(1))));
    ASSERT_TRUE(links().create(link(share_id(2), kShareA, "job-share-a2")));
    ASSERT_TRUE(links().revoke(kShareA, share_id(2)));
    backend().reopen();
    const auto one = links().find(share_id(1)).value();
    ASSERT_TRUE(one);
    EXPECT_EQ(one->digest, "digest-of-" + share_id(1));
    EXPECT_FALSE(one->revoked_at);
    EXPECT_TRUE(links().find(share_id(2)).value()->revoked_at);
    // The table holds the digest and nothing that opens the link by itself.
    EXPECT_EQ(backend()
                  .query_text("SELECT digest FROM share_links WHERE id = '" + share_id(1) + "'")
                  .value(),
              "digest-of-" + share_id(1));
    // A job's removal takes its links along.
    ASSERT_TRUE(backend().execute_sql("DELETE FROM jobs WHERE id = 'job-share-a1'"));
    EXPECT_FALSE(links().find(share_id(1)).value().has_value());
    EXPECT_TRUE(links().find(share_id(2)).value().has_value());
}

}  // namespace
}  // namespace swarm::test
