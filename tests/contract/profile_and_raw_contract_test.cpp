// Contract: BrandProfileStore (CRUD, unique name) and RawOutputStore (append order per job).
#include "contract/storage_backends.hpp"

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using core::ErrorCode;

class ProfileAndRawContract : public StorageContract {};

SWARM_CONTRACT_SUITE(ProfileAndRawContract);

TEST_P(ProfileAndRawContract, BrandProfileCrud) {
    auto& profiles = backend().profiles();
    auto created = profiles.create(kTestWorkspace, {"p1", "Acme", R"({"voice":"plain"})"});
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->created_at, backend().clock().now());
    ASSERT_TRUE(profiles.create(kTestWorkspace, {"p2", "Beta", "{}"}));
    backend().clock().advance(std::chrono::seconds{5});
    auto updated = profiles.update(kTestWorkspace, {"p1", "Acme Corp", R"({"voice":"bold"})"});
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->name, "Acme Corp");
    EXPECT_EQ(updated->brand_json, R"({"voice":"bold"})");
    EXPECT_EQ(updated->created_at, created->created_at);
    EXPECT_EQ(updated->updated_at, backend().clock().now());
    const auto all = profiles.list(kTestWorkspace).value();
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].name, "Acme Corp");
    EXPECT_EQ(all[1].name, "Beta");
    ASSERT_TRUE(profiles.remove(kTestWorkspace, "p1"));
    EXPECT_EQ(profiles.get(kTestWorkspace, "p1").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(profiles.remove(kTestWorkspace, "p1").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(profiles.update(kTestWorkspace, {"p1", "X", "{}"}).error().code,
              ErrorCode::kNotFound);
    backend().reopen();
    EXPECT_EQ(backend().profiles().get(kTestWorkspace, "p2")->name, "Beta");
}

TEST_P(ProfileAndRawContract, BrandProfileNamesAreUnique) {
    auto& profiles = backend().profiles();
    ASSERT_TRUE(profiles.create(kTestWorkspace, {"p1", "Acme", "{}"}));
    ASSERT_TRUE(profiles.create(kTestWorkspace, {"p2", "Beta", "{}"}));
    EXPECT_EQ(profiles.create(kTestWorkspace, {"p3", "Acme", "{}"}).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(profiles.create(kTestWorkspace, {"p1", "Gamma", "{}"}).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(profiles.update(kTestWorkspace, {"p2", "Acme", "{}"}).error().code,
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(profiles.get(kTestWorkspace, "p2")->name, "Beta");
    EXPECT_EQ(profiles.create(kTestWorkspace, {"p4", "", "{}"}).error().code,
              ErrorCode::kInvalidArgument);
}

TEST_P(ProfileAndRawContract, RawOutputsKeepAppendOrderPerJob) {
    add_job("a");
    add_job("b");
    auto& raw = backend().raw_outputs();
    const auto first = raw.append("a", "writer", core::Platform::kTwitter, "Let me write...");
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(raw.append("b", "research", std::nullopt, "facts"));
    const auto second = raw.append("a", "editor", std::nullopt, "critique");
    ASSERT_TRUE(second);
    EXPECT_LT(*first, *second);
    const auto listed = raw.list(kTestWorkspace, "a").value();
    ASSERT_EQ(listed.size(), 2U);
    EXPECT_EQ(listed[0].agent, "writer");
    EXPECT_EQ(listed[0].platform, std::optional(core::Platform::kTwitter));
    EXPECT_EQ(listed[0].text, "Let me write...");
    EXPECT_EQ(listed[1].agent, "editor");
    EXPECT_FALSE(listed[1].platform.has_value());
    EXPECT_EQ(raw.append("absent", "writer", std::nullopt, "x").error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(raw.list(kTestWorkspace, "absent")->empty());
}

}  // namespace
}  // namespace swarm::test
