#include "llm/price_table.hpp"

#include <gtest/gtest.h>

namespace swarm::llm {
namespace {

TEST(PriceTable, ParsesAndComputesCost) {
    const auto table = PriceTable::parse(
        R"({"gpt-4o-mini":{"input_per_mtok":0.15,"output_per_mtok":0.6},
            "claude":{"input_per_mtok":3,"output_per_mtok":15}})");
    ASSERT_TRUE(table) << table.error().message;
    const auto cost = table->cost("gpt-4o-mini", 1'000'000, 500'000);
    EXPECT_TRUE(cost.known);
    EXPECT_DOUBLE_EQ(cost.usd, 0.15 + 0.3);
}

TEST(PriceTable, ExactMatchBeatsTheLongestPrefix) {
    const PriceTable table(
        {{"gpt-4o", {2.5, 10}}, {"gpt-4o-mini", {0.15, 0.6}}, {"gpt-4o-mini-2024-07-18", {1, 1}}});
    EXPECT_DOUBLE_EQ(table.find("gpt-4o-mini-2024-07-18")->input_per_mtok, 1);
    EXPECT_DOUBLE_EQ(table.find("gpt-4o-mini-2025")->input_per_mtok, 0.15);
    EXPECT_DOUBLE_EQ(table.find("gpt-4o-2024")->input_per_mtok, 2.5);
    EXPECT_FALSE(table.find("gpt-4"));
}

TEST(PriceTable, UnknownModelCostsZeroAndSaysSo) {
    const PriceTable table;
    const auto cost = table.cost("llama3", 1000, 1000);
    EXPECT_FALSE(cost.known);
    EXPECT_EQ(cost.usd, 0);
}

TEST(PriceTable, ErrorsNameTheField) {
    const auto missing = PriceTable::parse(R"({"m":{"input_per_mtok":1}})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, R"(prices["m"].output_per_mtok)");
    const auto wrong = PriceTable::parse(R"({"m":{"input_per_mtok":"1","output_per_mtok":1}})");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().field, R"(prices["m"].input_per_mtok)");
    const auto negative = PriceTable::parse(R"({"m":{"input_per_mtok":-1,"output_per_mtok":1}})");
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, core::ErrorCode::kInvalidArgument);
    const auto not_object = PriceTable::parse(R"({"m":3})");
    ASSERT_FALSE(not_object);
    EXPECT_EQ(not_object.error().field, R"(prices["m"])");
    EXPECT_FALSE(PriceTable::parse("[1]"));
    EXPECT_FALSE(PriceTable::parse("{oops"));
}

}  // namespace
}  // namespace swarm::llm
