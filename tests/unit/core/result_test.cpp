// SWARM_TRY and SWARM_TRY_ASSIGN: a failure is forwarded unchanged (code, message, field, detail),
// a success continues with the value, and the expression is evaluated exactly once.
#include "core/result.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace swarm::core {
namespace {

Result<int> number(bool ok, int value, int* calls) {
    ++*calls;
    if (!ok) {
        return tl::unexpected(Error{ErrorCode::kNotFound, "no such number", "n", "looked twice"});
    }
    return value;
}

Result<void> nothing(bool ok) {
    if (!ok) {
        return fail(ErrorCode::kIo, "disk gone");
    }
    return {};
}

Result<int> doubled(bool ok, int* calls) {
    SWARM_TRY_ASSIGN(const int value, number(ok, 21, calls));
    return value * 2;
}

Result<std::string> described(bool first_ok, bool second_ok) {
    SWARM_TRY(nothing(first_ok));
    SWARM_TRY(nothing(second_ok));
    return std::string("both ran");
}

Result<std::unique_ptr<int>> boxed(bool ok) {
    if (!ok) {
        return fail(ErrorCode::kUnavailable, "no box");
    }
    return std::make_unique<int>(7);
}

Result<int> unboxed(bool ok) {
    std::unique_ptr<int> box;
    SWARM_TRY_ASSIGN(box, boxed(ok));  // assigns an existing variable; the value is moved
    return *box;
}

TEST(ResultMacros, TryAssignDeclaresTheValueOnSuccess) {
    int calls = 0;
    const auto value = doubled(true, &calls);
    ASSERT_TRUE(value.has_value());
    EXPECT_EQ(*value, 42);
    EXPECT_EQ(calls, 1);
}

TEST(ResultMacros, TryAssignForwardsTheWholeError) {
    int calls = 0;
    const auto value = doubled(false, &calls);
    ASSERT_FALSE(value.has_value());
    EXPECT_EQ(value.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(value.error().message, "no such number");
    EXPECT_EQ(value.error().field, "n");
    EXPECT_EQ(value.error().detail, "looked twice");
    EXPECT_EQ(calls, 1);
}

TEST(ResultMacros, TryStopsAtTheFirstFailure) {
    EXPECT_EQ(described(true, true).value(), "both ran");
    const auto first = described(false, true);
    ASSERT_FALSE(first.has_value());
    EXPECT_EQ(first.error().code, ErrorCode::kIo);
    EXPECT_EQ(first.error().message, "disk gone");
    EXPECT_FALSE(described(true, false).has_value());
}

TEST(ResultMacros, TryAssignMovesMoveOnlyValuesIntoExistingVariables) {
    EXPECT_EQ(unboxed(true).value(), 7);
    const auto missing = unboxed(false);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace swarm::core
