// app/people and app/sign_in: email and password rules over generated variants, the session
// cookie's parsing, CSRF tokens, month boundaries for the token cap, and sign-in throttling
// (lock after five failures, doubling, capped, cleared by a success) on a real SQLite store.
#include "app/people.hpp"

#include "app/sign_in.hpp"
#include "app/workspace_settings.hpp"
#include "storage/sqlite/sqlite_access_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_people_store.hpp"
#include "support/fakes.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using std::chrono::seconds;

std::string random_case(std::string text, std::mt19937& engine) {
    for (auto& c : text) {
        if (c >= 'a' && c <= 'z' && (engine() & 1U) != 0) {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

TEST(Email, AnyCaseAndSurroundingSpaceNormalizeToOneAddress) {
    std::mt19937 engine(7);
    const std::vector<std::string> locals{"ann", "a.b+tag", "x_y-z", "o'neil", "1234"};
    const std::vector<std::string> domains{"example.com", "mail.example.co.uk", "a.io",
                                           "xn--bcher-kva.de"};
    for (int i = 0; i < 200; ++i) {
        const auto& local = locals[engine() % locals.size()];
        const auto& domain = domains[engine() % domains.size()];
        const auto canonical = local + "@" + domain;
        const auto given = std::string(engine() % 3, ' ') + random_case(canonical, engine) +
                           std::string(engine() % 2, '\t');
        auto normalized = normalize_email(given, "email");
        ASSERT_TRUE(normalized) << given << ": " << normalized.error().message;
        EXPECT_EQ(*normalized, canonical);
    }
}

TEST(Email, WhatIsNotAnAddressIsRefusedNamingTheField) {
    const std::vector<std::string> bad{"",
                                       "ann",
                                       "@example.com",
                                       "ann@",
                                       "ann@@example.com",
                                       "ann@example",
                                       "ann@example.",
                                       "ann@.com",
                                       "an n@example.com",
                                       "ann@exa mple.com",
                                       std::string("ann\x01@example.com"),
                                       "ann@example.com>",
                                       "\"ann\"@example.com",
                                       "a,b@example.com",
                                       std::string(250, 'a') + "@example.com",
                                       std::string("ann@ex\xff.com")};
    for (const auto& text : bad) {
        auto refused = normalize_email(text, "email");
        ASSERT_FALSE(refused) << text;
        EXPECT_EQ(refused.error().field, "email");
        EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
    }
}

TEST(Password, LengthAndTextRules) {
    EXPECT_FALSE(check_password(std::string(11, 'x'), "password"));
    EXPECT_TRUE(check_password(std::string(12, 'x'), "password"));
    EXPECT_TRUE(check_password("naïve façade résumé", "password")) << "UTF-8 counts bytes";
    EXPECT_TRUE(check_password(std::string(1024, 'x'), "password"));
    EXPECT_FALSE(check_password(std::string(1025, 'x'), "password"));
    EXPECT_FALSE(check_password("twelve chars\nmore", "password"));
    EXPECT_FALSE(check_password(std::string("twelve chars \xc3"), "password"));
    EXPECT_EQ(check_password("short", "new_password").error().field, "new_password");
}

TEST(SessionCookie, FoundAmongOtherCookiesOnly) {
    EXPECT_EQ(session_cookie("swarm_session=css_abc"), "css_abc");
    EXPECT_EQ(session_cookie("theme=dark; swarm_session=css_abc; lang=en"), "css_abc");
    EXPECT_EQ(session_cookie("theme=dark;swarm_session=\"css_abc\""), "css_abc");
    EXPECT_EQ(session_cookie("  swarm_session = css_abc  "), "css_abc");
    EXPECT_FALSE(session_cookie(""));
    EXPECT_FALSE(session_cookie("xswarm_session=css_abc; swarm_sessionx=css_def"));
    EXPECT_FALSE(session_cookie("swarm_session"));
}

TEST(CsrfToken, DerivedFromTheSessionTokenAlone) {
    const auto a = csrf_token_of("css_0000000000000001_secret-a");
    EXPECT_EQ(a.size(), 64U);
    EXPECT_EQ(a, csrf_token_of("css_0000000000000001_secret-a"));
    EXPECT_NE(a, csrf_token_of("css_0000000000000001_secret-b"));
    EXPECT_EQ(a.find("secret"), std::string::npos);
}

TEST(MonthStart, BoundariesAreUtcCalendarMonths) {
    using std::chrono::December;
    using std::chrono::February;
    using std::chrono::hours;
    using std::chrono::January;
    using std::chrono::March;
    using std::chrono::minutes;
    using std::chrono::sys_days;
    using std::chrono::year;
    const auto at = sys_days{year{2026} / December / 31} + hours(23) + minutes(59);
    EXPECT_EQ(month_start(at), sys_days{year{2026} / December / 1});
    EXPECT_EQ(next_month_start(at), sys_days{year{2027} / January / 1});
    const auto first = sys_days{year{2028} / February / 1};
    EXPECT_EQ(month_start(first), first);
    EXPECT_EQ(next_month_start(first), sys_days{year{2028} / March / 1});
}

class Throttle : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open(":memory:");
        ASSERT_TRUE(db) << db.error().message;
        db_ = *db;
        people_ = std::make_unique<storage::SqlitePeopleStore>(db_, clock_);
        access_ = std::make_unique<storage::SqliteAccessStore>(db_, clock_);
        ASSERT_TRUE(access_->create_workspace(core::WorkspaceId("ws_0000000000000abc"), "w"));
        auto added = add_person(*people_,
                                {core::WorkspaceId("ws_0000000000000abc"), "ann@example.com",
                                 core::access::Role::kViewer, std::string("the right password")},
                                crypto::PasswordCost::kTest);
        ASSERT_TRUE(added) << added.error().message;
        sign_in_ =
            std::make_unique<SignIn>(*people_, clock_, SignInPolicy{}, crypto::PasswordCost::kTest);
    }

    core::Result<SignedIn> attempt(const std::string& email, const std::string& password,
                                   const std::string& address = "10.0.0.1") {
        return sign_in_->sign_in(email, password, address, "test");
    }

    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqlitePeopleStore> people_;
    std::unique_ptr<storage::SqliteAccessStore> access_;
    std::unique_ptr<SignIn> sign_in_;
};

TEST_F(Throttle, LocksDoubleFromThirtySecondsAndAreCapped) {
    EXPECT_EQ(sign_in_->lock_for(4), seconds(0));
    EXPECT_EQ(sign_in_->lock_for(5), seconds(30));
    EXPECT_EQ(sign_in_->lock_for(6), seconds(60));
    EXPECT_EQ(sign_in_->lock_for(7), seconds(120));
    EXPECT_EQ(sign_in_->lock_for(12), seconds(900));
    EXPECT_EQ(sign_in_->lock_for(1000), seconds(900));
}

TEST_F(Throttle, AnAccountLockedAfterFiveFailuresOpensWhenTheLockEnds) {
    for (int i = 0; i < 5; ++i) {
        auto failed = attempt("ann@example.com", "wrong");
        ASSERT_FALSE(failed);
        EXPECT_EQ(failed.error().code, core::ErrorCode::kUnauthenticated);
    }
    auto locked = attempt("ann@example.com", "the right password");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, core::ErrorCode::kResourceExhausted);
    EXPECT_EQ(locked.error().retry_after, seconds(30));
    // From another address too: the lock is the account's.
    EXPECT_FALSE(attempt("ann@example.com", "the right password", "10.9.9.9"));
    clock_.advance(seconds(31));
    auto opened = attempt("ann@example.com", "the right password");
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(people_->find_user_by_email("ann@example.com").value()->failed_sign_ins, 0);
    EXPECT_EQ(opened->session.token.rfind("css_", 0), 0U);
    auto checked = check_session(*people_, opened->session.token, clock_.now(), SessionPolicy{});
    EXPECT_TRUE(checked) << checked.error().message;
}

TEST_F(Throttle, AnAddressThatKeepsFailingIsLockedForEveryAccount) {
    SignInPolicy policy;
    for (int i = 0; i < policy.address_failures; ++i) {
        // A different unknown email each time: no account lock applies.
        EXPECT_FALSE(attempt("guess" + std::to_string(i) + "@example.com", "wrong", "10.6.6.6"));
    }
    auto refused = attempt("ann@example.com", "the right password", "10.6.6.6");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kResourceExhausted);
    EXPECT_EQ(refused.error().field, "address");
    EXPECT_TRUE(attempt("ann@example.com", "the right password", "10.0.0.2"));
}

TEST_F(Throttle, SessionsExpireIdleAndAbsolutely) {
    auto in = attempt("ann@example.com", "the right password");
    ASSERT_TRUE(in);
    const SessionPolicy policy{seconds(60), seconds(300)};
    const auto& token = in->session.token;
    EXPECT_TRUE(check_session(*people_, token, clock_.now() + seconds(59), policy));
    EXPECT_FALSE(check_session(*people_, token, clock_.now() + seconds(60), policy));
    // Used every 50 s it lives until the absolute limit, no longer.
    for (int used = 50; used < 300; used += 50) {
        ASSERT_TRUE(people_->touch_session(in->session.record.id, clock_.now() + seconds(used)));
    }
    EXPECT_TRUE(check_session(*people_, token, clock_.now() + seconds(299), policy));
    auto ended = check_session(*people_, token, clock_.now() + seconds(300), policy);
    ASSERT_FALSE(ended);
    EXPECT_NE(ended.error().message.find("expired"), std::string::npos);
    // A token whose secret was changed is unknown, never accepted.
    auto altered = token;
    altered.back() = altered.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(check_session(*people_, altered, clock_.now(), policy));
}

}  // namespace
}  // namespace swarm::app
