// The first run on a real (in-memory) SQLite store: the link printed for each listen address, a
// token only while no account exists, any other token refused, bad fields refused before anything
// is stored, the first account made once (also when several pages send the form at once).
#include "app/first_run.hpp"

#include "app/people.hpp"
#include "storage/sqlite/sqlite_access_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_people_store.hpp"
#include "support/fakes.hpp"

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::app {
namespace {

using core::ErrorCode;

constexpr const char* kGoodPassword = "a long enough password";

TEST(FirstRunLink, NamesTheListenAddressWithLoopbackForUnspecifiedOnes) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"127.0.0.1:8080", "http://127.0.0.1:8080/first-run#t"},
        {"0.0.0.0:8080", "http://127.0.0.1:8080/first-run#t"},
        {"0.0.0.0:1", "http://127.0.0.1:1/first-run#t"},
        {"[::]:9", "http://[::1]:9/first-run#t"},
        {"[::1]:9", "http://[::1]:9/first-run#t"},
        {"192.0.2.7:80", "http://192.0.2.7:80/first-run#t"},
    };
    for (const auto& [listen, link] : cases) {
        EXPECT_EQ(first_run_link(listen, "t"), link) << listen;
    }
}

class FirstRunTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::SqliteDatabase::open(":memory:");
        ASSERT_TRUE(db) << db.error().message;
        db_ = *db;
        people_ = std::make_unique<storage::SqlitePeopleStore>(db_, clock_);
        access_ = std::make_unique<storage::SqliteAccessStore>(db_, clock_);
    }

    std::unique_ptr<FirstRun> prepare() {
        auto made = FirstRun::prepare(*people_, *access_, crypto::PasswordCost::kTest);
        EXPECT_TRUE(made) << made.error().message;
        return made ? std::move(*made) : nullptr;
    }

    /// The token inside the link.
    static std::string token_of(const FirstRun& run) {
        const auto link = run.link("127.0.0.1:1");
        EXPECT_TRUE(link.has_value());
        return link ? link->substr(link->find('#') + 1) : std::string();
    }

    std::size_t users() {
        const auto all = people_->list_users();
        EXPECT_TRUE(all);
        return all ? all->size() : 0;
    }

    test::FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    std::shared_ptr<storage::SqliteDatabase> db_;
    std::unique_ptr<storage::SqlitePeopleStore> people_;
    std::unique_ptr<storage::SqliteAccessStore> access_;
};

TEST_F(FirstRunTest, AFreshStoreGetsAnUnguessableTokenEachStart) {
    std::set<std::string> tokens;
    for (int i = 0; i < 20; ++i) {
        const auto run = prepare();
        ASSERT_TRUE(run->needed().value());
        const auto token = token_of(*run);
        EXPECT_EQ(token.size(), 43U) << "32 random bytes, base64url";
        EXPECT_EQ(token.find_first_not_of(
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos);
        tokens.insert(token);
    }
    EXPECT_EQ(tokens.size(), 20U);
}

TEST_F(FirstRunTest, AnyOtherTokenIsRefusedAndChangesNothing) {
    const auto run = prepare();
    const auto token = token_of(*run);
    std::vector<std::string> wrong{"", token.substr(0, 42), token + "A", " " + token, token + " "};
    for (std::size_t i = 0; i < token.size(); ++i) {
        auto altered = token;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        wrong.push_back(altered);
    }
    for (const auto& guess : wrong) {
        const auto refused =
            run->complete({guess, "Acme", "ann@example.com", kGoodPassword}, "10.0.0.1", "test");
        ASSERT_FALSE(refused) << guess;
        EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
        EXPECT_EQ(refused.error().field, "token");
        EXPECT_EQ(refused.error().message.find(token), std::string::npos);
    }
    EXPECT_EQ(users(), 0U);
    EXPECT_TRUE(run->needed().value());
}

TEST_F(FirstRunTest, BadFieldsAreRefusedNamingThemBeforeAnythingIsStored) {
    const auto run = prepare();
    const auto token = token_of(*run);
    const std::vector<std::pair<http::FirstRunForm, std::string>> cases{
        {{token, "", "ann@example.com", kGoodPassword}, "workspace"},
        {{token, "<img src=x onerror=alert(1)>", "ann@example.com", kGoodPassword}, "workspace"},
        {{token, std::string(65, 'a'), "ann@example.com", kGoodPassword}, "workspace"},
        {{token, " Acme", "ann@example.com", kGoodPassword}, "workspace"},
        {{token, "Acme", "", kGoodPassword}, "email"},
        {{token, "Acme", "ann", kGoodPassword}, "email"},
        {{token, "Acme", "<ann>@example.com", kGoodPassword}, "email"},
        {{token, "Acme", "ann@example.com", ""}, "password"},
        {{token, "Acme", "ann@example.com", "short"}, "password"},
        {{token, "Acme", "ann@example.com", std::string("twelve chars\x01")}, "password"},
    };
    for (const auto& [form, field] : cases) {
        const auto refused = run->complete(form, "10.0.0.1", "test");
        ASSERT_FALSE(refused) << field;
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << field;
        EXPECT_EQ(refused.error().field, field) << form.workspace << " " << form.email;
    }
    EXPECT_EQ(users(), 0U);
    EXPECT_FALSE(access_->find_workspace("Acme").value().has_value());
    EXPECT_TRUE(run->needed().value()) << "the token survives bad input";
}

TEST_F(FirstRunTest, TheRightTokenMakesTheOwnerAndASessionOnce) {
    const auto run = prepare();
    const auto token = token_of(*run);
    const auto done = run->complete({token, "Acme Marketing", " Ann@Example.com ", kGoodPassword},
                                    "10.0.0.1", "browser");
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(done->workspace_name, "Acme Marketing");
    EXPECT_EQ(done->session.user.email, "ann@example.com");
    const auto member = people_->membership(done->workspace, done->session.user.id);
    ASSERT_TRUE(member && *member);
    EXPECT_EQ((*member)->role, core::access::Role::kOwner);
    const auto session = check_session(*people_, done->session.token, clock_.now(), {});
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->user_id, done->session.user.id);
    // Spent: not needed any more, the same token opens nothing, no link is printed again.
    EXPECT_FALSE(run->needed().value());
    EXPECT_FALSE(run->link("127.0.0.1:1").has_value());
    const auto again =
        run->complete({token, "Other", "bob@example.com", kGoodPassword}, "10.0.0.1", "test");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(users(), 1U);
    // The next start of this server has no first run.
    EXPECT_FALSE(prepare()->needed().value());
}

TEST_F(FirstRunTest, AnExistingWorkspaceOfThatNameIsJoined) {
    const auto made =
        access_->create_workspace(core::WorkspaceId("ws_00000000000000d1"), "Existing");
    ASSERT_TRUE(made) << made.error().message;
    const auto run = prepare();
    const auto done =
        run->complete({token_of(*run), "Existing", "ann@example.com", kGoodPassword}, "", "");
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(done->workspace.str(), "ws_00000000000000d1");
}

TEST_F(FirstRunTest, AnAccountMadeElsewhereEndsIt) {
    const auto run = prepare();
    const auto token = token_of(*run);
    ASSERT_TRUE(access_->create_workspace(core::WorkspaceId("ws_00000000000000e1"), "cli"));
    ASSERT_TRUE(add_person(*people_,
                           {core::WorkspaceId("ws_00000000000000e1"), "cli@example.com",
                            core::access::Role::kOwner, std::string(kGoodPassword)},
                           crypto::PasswordCost::kTest));
    EXPECT_FALSE(run->needed().value());
    const auto refused =
        run->complete({token, "Acme", "ann@example.com", kGoodPassword}, "10.0.0.1", "test");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(users(), 1U);
}

TEST_F(FirstRunTest, PagesSendingTheFormAtOnceMakeOneAccount) {
    const auto run = prepare();
    const auto token = token_of(*run);
    std::atomic<int> made{0};
    std::atomic<int> over{0};
    constexpr int kPages = 6;
    std::vector<std::thread> pages;
    pages.reserve(kPages);
    for (int i = 0; i < kPages; ++i) {
        pages.emplace_back([&, i] {
            const auto done = run->complete(
                {token, "Acme", "p" + std::to_string(i) + "@example.com", kGoodPassword}, "", "");
            (done ? made : over) += 1;
            if (!done) {
                EXPECT_EQ(done.error().code, ErrorCode::kNotFound);
            }
        });
    }
    for (auto& page : pages) {
        page.join();
    }
    EXPECT_EQ(made.load(), 1);
    EXPECT_EQ(over.load(), 5);
    EXPECT_EQ(users(), 1U);
}

}  // namespace
}  // namespace swarm::app
