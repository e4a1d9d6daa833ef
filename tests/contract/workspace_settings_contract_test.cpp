// Contract: WorkspaceSettingsStore (a workspace's limits and its sealed secrets): round trips,
// validation naming the field, scoping by workspace, replace and delete, restarts, raw rows.
#include "contract/storage_backends.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;
using core::WorkspaceLimits;
using std::chrono::seconds;

const core::WorkspaceId kSettingsA{"ws_5e77000000000001"};
const core::WorkspaceId kSettingsB{"ws_5e77000000000002"};
const core::WorkspaceId kSettingsUnknown{"ws_5e770000000000ff"};

class WorkspaceSettingsContract : public StorageContract {
protected:
    void SetUp() override {
        StorageContract::SetUp();
        if (IsSkipped()) {
            return;
        }
        ASSERT_TRUE(backend().access().create_workspace(kSettingsA, "settings-a"));
        ASSERT_TRUE(backend().access().create_workspace(kSettingsB, "settings-b"));
    }

    core::WorkspaceSettingsStore& settings() { return backend().settings(); }

    /// The names of the workspace's secrets, in the store's order.
    std::vector<std::string> names(const core::WorkspaceId& workspace) {
        std::vector<std::string> out;
        auto secrets = settings().secrets(workspace);
        EXPECT_TRUE(secrets) << (secrets ? "" : secrets.error().message);
        for (const auto& secret : secrets.value_or(std::vector<core::SecretRecord>{})) {
            out.push_back(secret.name);
        }
        return out;
    }
};

SWARM_CONTRACT_SUITE(WorkspaceSettingsContract);

TEST_P(WorkspaceSettingsContract, LimitsAreUnsetUntilTheOwnersSetThem) {
    auto limits = settings().limits(kSettingsA);
    ASSERT_TRUE(limits) << limits.error().message;
    EXPECT_EQ(*limits, WorkspaceLimits{});
    auto unknown = settings().limits(kSettingsUnknown);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(unknown.error().field, "workspace");
}

TEST_P(WorkspaceSettingsContract, LimitsAreSetReplacedAndCleared) {
    const WorkspaceLimits all{10, 2'000'000, 120};
    auto set = settings().set_limits(kSettingsA, all);
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(*set, all);
    EXPECT_EQ(settings().limits(kSettingsA).value(), all);
    EXPECT_EQ(settings().limits(kSettingsB).value(), WorkspaceLimits{});  // not B's

    // A replace sets exactly what it is given: a limit left out is unset again.
    const WorkspaceLimits one{std::nullopt, 5, std::nullopt};
    ASSERT_TRUE(settings().set_limits(kSettingsA, one));
    EXPECT_EQ(settings().limits(kSettingsA).value(), one);

    ASSERT_TRUE(settings().set_limits(kSettingsA, WorkspaceLimits{}));
    EXPECT_EQ(settings().limits(kSettingsA).value(), WorkspaceLimits{});

    auto unknown = settings().set_limits(kSettingsUnknown, all);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(unknown.error().field, "workspace");
}

TEST_P(WorkspaceSettingsContract, ValidationNamesTheField) {
    const WorkspaceLimits kept{3, 4, 5};
    ASSERT_TRUE(settings().set_limits(kSettingsA, kept));
    const auto limit_field = [&](const WorkspaceLimits& limits) {
        auto set = settings().set_limits(kSettingsA, limits);
        EXPECT_FALSE(set);
        EXPECT_EQ(set ? ErrorCode::kInternal : set.error().code, ErrorCode::kInvalidArgument);
        return set ? std::string() : set.error().field;
    };
    EXPECT_EQ(limit_field({0, 4, 5}), "max_queued_jobs");
    EXPECT_EQ(limit_field({std::nullopt, -1, std::nullopt}), "monthly_token_cap");
    EXPECT_EQ(limit_field({3, 4, 0}), "requests_per_minute");
    EXPECT_EQ(settings().limits(kSettingsA).value(), kept);     // a refused set changes nothing
    ASSERT_TRUE(settings().set_limits(kSettingsA, {1, 1, 1}));  // 1 is the least allowed

    const auto secret_field = [&](const std::string& name, const std::string& sealed) {
        auto put = settings().put_secret(kSettingsA, name, sealed, "abcd");
        EXPECT_FALSE(put) << name;
        EXPECT_EQ(put ? ErrorCode::kInternal : put.error().code, ErrorCode::kInvalidArgument);
        return put ? std::string() : put.error().field;
    };
    for (const auto* bad : {"", "1key", "_key", "Openai", "open-ai", "open ai", "key\n", "ké"}) {
        EXPECT_EQ(secret_field(bad, "sealed-text"), "name") << bad;
    }
    EXPECT_EQ(secret_field("k" + std::string(64, 'x'), "sealed-text"), "name");  // 65 long
    EXPECT_EQ(secret_field("openai_api_key", ""), "sealed");
    EXPECT_TRUE(names(kSettingsA).empty());

    const auto longest = "k" + std::string(62, '_') + "9";  // 64 long
    ASSERT_TRUE(settings().put_secret(kSettingsA, longest, "sealed-text", ""));
    ASSERT_TRUE(settings().put_secret(kSettingsA, "a", "sealed-text", "x"));
    EXPECT_EQ(names(kSettingsA), (std::vector<std::string>{"a", longest}));

    auto unknown = settings().put_secret(kSettingsUnknown, "openai_api_key", "sealed", "abcd");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(unknown.error().field, "workspace");
}

TEST_P(WorkspaceSettingsContract, SecretsAreScopedToTheirWorkspace) {
    ASSERT_TRUE(settings().put_secret(kSettingsA, "openai_api_key", "sealed-a", "aaaa"));
    EXPECT_EQ(names(kSettingsA), std::vector<std::string>{"openai_api_key"});
    EXPECT_TRUE(names(kSettingsB).empty());
    auto from_b = settings().secret(kSettingsB, "openai_api_key");
    ASSERT_TRUE(from_b) << from_b.error().message;
    EXPECT_FALSE(from_b->has_value());
    auto deleted = settings().delete_secret(kSettingsB, "openai_api_key");
    ASSERT_FALSE(deleted);
    EXPECT_EQ(deleted.error().code, ErrorCode::kNotFound);

    // B's own secret of the same name is another secret.
    ASSERT_TRUE(settings().put_secret(kSettingsB, "openai_api_key", "sealed-b", "bbbb"));
    EXPECT_EQ(settings().secret(kSettingsA, "openai_api_key").value()->sealed, "sealed-a");
    EXPECT_EQ(settings().secret(kSettingsB, "openai_api_key").value()->sealed, "sealed-b");

    const auto unknown_workspace = [](const auto& result) {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
        EXPECT_EQ(result.error().field, "workspace");
    };
    unknown_workspace(settings().secrets(kSettingsUnknown));
    unknown_workspace(settings().secret(kSettingsUnknown, "openai_api_key"));
    unknown_workspace(settings().delete_secret(kSettingsUnknown, "openai_api_key"));
}

TEST_P(WorkspaceSettingsContract, PutSecretReplacesAndListsByName) {
    const auto first_at = backend().clock().now();
    auto put = settings().put_secret(kSettingsA, "openai_api_key", "sealed-1", "1111");
    ASSERT_TRUE(put) << put.error().message;
    EXPECT_EQ(put->name, "openai_api_key");
    EXPECT_EQ(put->sealed, "sealed-1");
    EXPECT_EQ(put->last4, "1111");
    EXPECT_EQ(put->updated_at, first_at);

    backend().clock().advance(seconds{30});
    ASSERT_TRUE(settings().put_secret(kSettingsA, "openai_api_key", "sealed-2", "2222"));
    auto got = settings().secret(kSettingsA, "openai_api_key");
    ASSERT_TRUE(got && got->has_value());
    EXPECT_EQ((*got)->sealed, "sealed-2");
    EXPECT_EQ((*got)->last4, "2222");
    EXPECT_EQ((*got)->updated_at, first_at + seconds{30});

    ASSERT_TRUE(settings().put_secret(kSettingsA, "zeta", "sealed-z", "zzzz"));
    ASSERT_TRUE(settings().put_secret(kSettingsA, "anthropic_api_key", "sealed-x", "xxxx"));
    EXPECT_EQ(names(kSettingsA),
              (std::vector<std::string>{"anthropic_api_key", "openai_api_key", "zeta"}));
    const auto all = settings().secrets(kSettingsA).value();
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[1].sealed, "sealed-2");
    EXPECT_EQ(all[1].last4, "2222");
}

TEST_P(WorkspaceSettingsContract, DeletingTwiceIsNotFoundTheSecondTime) {
    ASSERT_TRUE(settings().put_secret(kSettingsA, "openai_api_key", "sealed", "abcd"));
    ASSERT_TRUE(settings().put_secret(kSettingsA, "other", "sealed", "abcd"));
    auto first = settings().delete_secret(kSettingsA, "openai_api_key");
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_FALSE(settings().secret(kSettingsA, "openai_api_key").value().has_value());
    auto second = settings().delete_secret(kSettingsA, "openai_api_key");
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(second.error().field, "name");
    EXPECT_EQ(names(kSettingsA), std::vector<std::string>{"other"});
}

TEST_P(WorkspaceSettingsContract, SettingsSurviveARestart) {
    const WorkspaceLimits limits{7, std::nullopt, 600};
    ASSERT_TRUE(settings().set_limits(kSettingsA, limits));
    ASSERT_TRUE(settings().put_secret(kSettingsA, "openai_api_key", "sealed-a", "aaaa"));
    ASSERT_TRUE(settings().put_secret(kSettingsB, "openai_api_key", "sealed-b", "bbbb"));
    backend().reopen();
    EXPECT_EQ(settings().limits(kSettingsA).value(), limits);
    EXPECT_EQ(settings().limits(kSettingsB).value(), WorkspaceLimits{});
    auto got = settings().secret(kSettingsA, "openai_api_key");
    ASSERT_TRUE(got && got->has_value());
    EXPECT_EQ((*got)->sealed, "sealed-a");
    EXPECT_EQ((*got)->last4, "aaaa");
    EXPECT_EQ((*got)->updated_at, backend().clock().now());
    EXPECT_EQ(settings().secret(kSettingsB, "openai_api_key").value()->sealed, "sealed-b");
}

TEST_P(WorkspaceSettingsContract, TheTableHoldsExactlyWhatTheCallerGave) {
    // The caller seals; the store keeps the sealed text and last4 as given, and nothing else.
    const std::string sealed = "sb1.nonce-AbC.ciphertext+/=";
    ASSERT_TRUE(settings().put_secret(kSettingsA, "openai_api_key", sealed, "9z_Q"));
    const auto row = backend().query_text(
        "SELECT workspace_id || '|' || name || '|' || sealed || '|' || last4 || '|' || "
        "updated_at FROM workspace_secrets");
    ASSERT_TRUE(row) << row.error().message;
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                            backend().clock().now().time_since_epoch())
                            .count();
    EXPECT_EQ(*row,
              kSettingsA.str() + "|openai_api_key|" + sealed + "|9z_Q|" + std::to_string(millis));
    EXPECT_EQ(backend().query_text("SELECT COUNT(*) FROM workspace_secrets").value(), "1");

    ASSERT_TRUE(settings().set_limits(kSettingsA, {std::nullopt, 9, std::nullopt}));
    EXPECT_EQ(backend()
                  .query_text("SELECT COALESCE(CAST(max_queued_jobs AS TEXT), 'null') || '|' || "
                              "monthly_token_cap || '|' || "
                              "COALESCE(CAST(requests_per_minute AS TEXT), 'null') "
                              "FROM workspace_limits")
                  .value(),
              "null|9|null");
}

using Preferences = std::map<std::string, std::string>;

TEST_P(WorkspaceSettingsContract, PreferencesAreSetReplacedAndDeletedByAnEmptyValue) {
    auto none = settings().preferences(kSettingsA);
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_TRUE(none->empty());
    ASSERT_TRUE(settings().set_preference(kSettingsA, "time_zone", "Europe/Paris"));
    ASSERT_TRUE(settings().set_preference(kSettingsA, "week_start", "monday"));
    EXPECT_EQ(settings().preferences(kSettingsA).value(),
              (Preferences{{"time_zone", "Europe/Paris"}, {"week_start", "monday"}}));
    ASSERT_TRUE(settings().set_preference(kSettingsA, "time_zone", "America/New_York"));
    EXPECT_EQ(settings().preferences(kSettingsA).value().at("time_zone"), "America/New_York");
    auto deleted = settings().set_preference(kSettingsA, "time_zone", "");
    ASSERT_TRUE(deleted) << deleted.error().message;
    EXPECT_EQ(settings().preferences(kSettingsA).value(), (Preferences{{"week_start", "monday"}}));
    // Deleting what is not set is not an error: the outcome (unset) is the same.
    EXPECT_TRUE(settings().set_preference(kSettingsA, "time_zone", ""));
    EXPECT_EQ(backend().query_text("SELECT COUNT(*) FROM workspace_preferences").value(), "1");
}

TEST_P(WorkspaceSettingsContract, PreferenceValuesRoundTripByteForByte) {
    const std::vector<std::string> values{"x",
                                          "with space",
                                          "line\nbreak\ttab",
                                          "quote ' and \" and \\",
                                          "Zürich — 東京 🙂",
                                          std::string(core::kMaxPreferenceBytes, 'v')};
    Preferences expected;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto name = "p" + std::to_string(i);
        auto set = settings().set_preference(kSettingsA, name, values[i]);
        ASSERT_TRUE(set) << i << ": " << set.error().message;
        expected[name] = values[i];
    }
    EXPECT_EQ(settings().preferences(kSettingsA).value(), expected);
    backend().reopen();
    EXPECT_EQ(settings().preferences(kSettingsA).value(), expected);
}

TEST_P(WorkspaceSettingsContract, PreferenceNamesAndValuesAreValidatedNamingTheField) {
    // Every one-byte name: exactly a-z, 0-9 and '_' are accepted.
    for (int c = 1; c < 256; ++c) {
        const std::string name(1, static_cast<char>(c));
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        auto set = settings().set_preference(kSettingsA, name, "v");
        EXPECT_EQ(set.has_value(), allowed) << "byte " << c;
        if (!set) {
            EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
            EXPECT_EQ(set.error().field, "name");
        }
    }
    for (const std::string name : {"", "Time_zone", "time-zone", "time zone", "tz.name", "é"}) {
        EXPECT_EQ(settings().set_preference(kSettingsA, name, "v").error().field, "name") << name;
    }
    EXPECT_TRUE(settings().set_preference(kSettingsA, std::string(64, 'n'), "v"));
    EXPECT_EQ(settings().set_preference(kSettingsA, std::string(65, 'n'), "v").error().field,
              "name");
    auto too_long = settings().set_preference(kSettingsA, "big",
                                              std::string(core::kMaxPreferenceBytes + 1, 'v'));
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(too_long.error().field, "value");
    EXPECT_TRUE(
        settings().set_preference(kSettingsA, "big", std::string(core::kMaxPreferenceBytes, 'v')));
    EXPECT_FALSE(settings().preferences(kSettingsA).value().contains("Time_zone"));
}

TEST_P(WorkspaceSettingsContract, PreferencesBelongToTheirWorkspace) {
    ASSERT_TRUE(settings().set_preference(kSettingsA, "time_zone", "Europe/Paris"));
    ASSERT_TRUE(settings().set_preference(kSettingsB, "time_zone", "Asia/Tokyo"));
    ASSERT_TRUE(settings().set_preference(kSettingsB, "only_b", "b"));
    ASSERT_TRUE(settings().set_preference(kSettingsA, "time_zone", ""));  // deletes A's only
    EXPECT_TRUE(settings().preferences(kSettingsA).value().empty());
    EXPECT_EQ(settings().preferences(kSettingsB).value(),
              (Preferences{{"only_b", "b"}, {"time_zone", "Asia/Tokyo"}}));
    for (auto unknown : {settings().set_preference(kSettingsUnknown, "time_zone", "UTC"),
                         settings().set_preference(kSettingsUnknown, "time_zone", "")}) {
        ASSERT_FALSE(unknown);
        EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
        EXPECT_EQ(unknown.error().field, "workspace");
    }
    auto read = settings().preferences(kSettingsUnknown);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(read.error().field, "workspace");
    // The workspace's removal takes its preferences along (no store removes workspaces yet).
    ASSERT_TRUE(
        backend().execute_sql("DELETE FROM workspaces WHERE id = '" + kSettingsB.str() + "'"));
    EXPECT_EQ(backend().query_text("SELECT COUNT(*) FROM workspace_preferences").value(), "0");
}

}  // namespace
}  // namespace swarm::test
