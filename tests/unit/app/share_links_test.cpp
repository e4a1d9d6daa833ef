// app/share_links: the token's shape over generated variants (every malformed one refused by the
// parser and opening nothing), issue and open on a real (in-memory) SQLite store, a wrong secret,
// revocation and expiry by a fake clock, and what is stored of a token (its digest only).
#include "app/share_links.hpp"

#include "crypto/sodium.hpp"
#include "storage/sqlite/sqlite_access_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "storage/sqlite/sqlite_share_link_store.hpp"
#include "support/fakes.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using std::chrono::hours;

const core::WorkspaceId kShareWorkspace{"ws_00000000000005a1"};
constexpr std::string_view kGoodToken =
    "shr_0123456789abcdef.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_0123";

TEST(ShareToken, AWellFormedTokenSplitsIntoIdAndSecret) {
    const auto parsed = parse_share_token(kGoodToken);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->id, "shr_0123456789abcdef");
    EXPECT_EQ(parsed->secret.size(), 43U);
    EXPECT_EQ(format_share_token(*parsed), kGoodToken);
}

/// Every single-character change, cut and extension of a good token, and unrelated texts.
std::vector<std::string> malformed_tokens() {
    const std::string good(kGoodToken);
    std::vector<std::string> out{
        "",
        ".",
        "shr_0123456789abcdef",
        "shr_0123456789abcdef.",
        ".ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_0123",
        good + good,
        std::string(10000, 'a'),
        "shr_0123456789abcdef..BCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_0123",
        "shr_0123456789abcdef.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_012\xc3\xa9",
        "shr_0123456789abcdef.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_01%33",
        std::string("shr_0123456789abcdef.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk-_012") + '\0'};
    for (std::size_t i = 0; i < good.size(); ++i) {
        out.push_back(good.substr(0, i));
        out.push_back(good.substr(0, i) + good.substr(i + 1));
        for (const char c : {'.', '+', '/', '=', ' ', 'G', '\n', '%'}) {
            auto changed = good;
            changed[i] = c;
            // A changed secret character within the alphabet is well formed (just wrong).
            const bool secret = i > 20 && c != '.' && c != '+' && c != '/' && c != '=' &&
                                c != ' ' && c != '\n' && c != '%';
            const bool same = changed == good;
            if (!secret && !same && !(i == 20 && c == '.')) {
                out.push_back(changed);
            }
        }
    }
    out.push_back(good + "A");
    return out;
}

TEST(ShareToken, EveryMalformedVariantIsRefused) {
    const auto bad = malformed_tokens();
    ASSERT_GT(bad.size(), 300U);
    for (const auto& token : bad) {
        EXPECT_FALSE(parse_share_token(token)) << "accepted: \"" << token << "\"";
    }
}

class ShareLinks : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open(":memory:");
        ASSERT_TRUE(db) << db.error().message;
        db_ = *db;
        storage::SqliteAccessStore access(db_, clock_);
        ASSERT_TRUE(access.create_workspace(kShareWorkspace, "shares"));
        storage::SqliteJobStore jobs(db_, clock_);
        ASSERT_TRUE(jobs.create(kShareWorkspace,
                                {"job-shared", "{}", {core::Platform::kLinkedIn}, std::nullopt}));
        store_ = std::make_unique<storage::SqliteShareLinkStore>(db_, clock_);
        service_ = std::make_unique<ShareLinkService>(*store_, clock_);
    }

    std::pair<std::string, core::ShareLinkRecord> issue(hours lifetime = hours(168)) {
        auto issued =
            service_->issue({kShareWorkspace, "job-shared", "user:usr_00000000000000e1", lifetime});
        EXPECT_TRUE(issued) << (issued ? "" : issued.error().message);
        return issued.value_or(std::pair<std::string, core::ShareLinkRecord>{});
    }

    bool opens(std::string_view token) {
        auto opened = service_->open(token);
        EXPECT_TRUE(opened) << (opened ? "" : opened.error().message);
        return opened && opened->has_value();
    }

    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqliteShareLinkStore> store_;
    std::unique_ptr<ShareLinkService> service_;
};

TEST_F(ShareLinks, AnIssuedTokenOpensItsLinkAndOnlyItsDigestIsStored) {
    const auto [token, link] = issue();
    const auto parsed = parse_share_token(token);
    ASSERT_TRUE(parsed) << token;
    EXPECT_EQ(parsed->id, link.id);
    EXPECT_EQ(link.job_id, "job-shared");
    EXPECT_EQ(link.expires_at, clock_.now() + hours(168));
    EXPECT_EQ(link.digest, crypto::secret_digest(parsed->secret));
    EXPECT_EQ(link.digest.find(parsed->secret), std::string::npos);
    auto opened = service_->open(token);
    ASSERT_TRUE(opened && opened->has_value());
    EXPECT_EQ((*opened)->id, link.id);
    // Tokens are never the same twice.
    EXPECT_NE(issue().first, token);
}

TEST_F(ShareLinks, AWrongSecretOrAnotherLinksSecretOpensNothing) {
    const auto [token, link] = issue();
    const auto [other, other_link] = issue();
    const auto mine = parse_share_token(token).value();
    const auto theirs = parse_share_token(other).value();
    EXPECT_FALSE(opens(format_share_token({mine.id, theirs.secret})));
    EXPECT_FALSE(opens(format_share_token({theirs.id, mine.secret})));
    // Every one-character change of the secret.
    for (std::size_t i = 0; i < mine.secret.size(); ++i) {
        auto changed = mine;
        changed.secret[i] = changed.secret[i] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(opens(format_share_token(changed))) << i;
    }
    // An id no link has, with the right secret.
    EXPECT_FALSE(opens(format_share_token({"shr_ffffffffffffffff", mine.secret})));
    for (const auto& bad : malformed_tokens()) {
        EXPECT_FALSE(opens(bad));
    }
    EXPECT_TRUE(opens(token));
}

TEST_F(ShareLinks, ARevokedOrExpiredLinkOpensNothing) {
    const auto [revoked, revoked_link] = issue();
    ASSERT_TRUE(store_->revoke(kShareWorkspace, revoked_link.id));
    EXPECT_FALSE(opens(revoked));

    const auto [short_lived, short_link] = issue(hours(1));
    EXPECT_TRUE(opens(short_lived));
    clock_.advance(std::chrono::minutes(59));
    EXPECT_TRUE(opens(short_lived));
    clock_.advance(std::chrono::minutes(1));
    EXPECT_FALSE(opens(short_lived)) << "open at its expiry instant";
    clock_.advance(hours(1000));
    EXPECT_FALSE(opens(short_lived));
}

TEST_F(ShareLinks, AJobOfAnotherWorkspaceOrNoneGetsNoLink) {
    auto refused = service_->issue({core::WorkspaceId("ws_00000000000005b2"), "job-shared",
                                    "user:usr_00000000000000e1", hours(1)});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kNotFound);
    auto none =
        service_->issue({kShareWorkspace, "job-missing", "user:usr_00000000000000e1", hours(1)});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().field, "job_id");
}

}  // namespace
}  // namespace swarm::app
