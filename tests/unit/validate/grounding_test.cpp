// Grounding: number and named-claim extraction, normalisation, and support by the passages.
#include "core/validate/grounding.hpp"

#include "core/validate/rules.hpp"
#include "unit/validate/fieldnote_fixture.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

using test::count_code;
using test::dump;
using test::find_code;
using test::has_code;

struct NumberCase {
    const char* text;
    double value;
    NumberKind kind;
};

class NumberExtraction : public ::testing::TestWithParam<NumberCase> {};

TEST_P(NumberExtraction, ReadsValueAndKind) {
    const auto numbers = extract_numbers(GetParam().text, true);
    ASSERT_EQ(numbers.size(), 1U) << GetParam().text;
    EXPECT_DOUBLE_EQ(numbers[0].value, GetParam().value) << GetParam().text;
    EXPECT_EQ(numbers[0].kind, GetParam().kind) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, NumberExtraction,
    ::testing::Values(NumberCase{"ARR of $2.1M today", 2.1e6, NumberKind::kMoney},
                      NumberCase{"2.1 million in revenue", 2.1e6, NumberKind::kPlain},
                      NumberCase{"4,100 technicians", 4100, NumberKind::kPlain},
                      NumberCase{"up 14%", 14, NumberKind::kPercent},
                      NumberCase{"up 14 percent", 14, NumberKind::kPercent},
                      NumberCase{"hausse de 14\xC2\xA0%", 14, NumberKind::kPercent},
                      NumberCase{"3.2 million techs", 3.2e6, NumberKind::kPlain},
                      NumberCase{"1 in 5 windows", 0.2, NumberKind::kRatio},
                      NumberCase{"in 18 months", 18, NumberKind::kPlain},
                      NumberCase{"from $29 a seat", 29, NumberKind::kMoney},
                      NumberCase{"3x faster", 3, NumberKind::kMultiple},
                      NumberCase{"15k users", 15000, NumberKind::kPlain},
                      NumberCase{"a $5.1B market", 5.1e9, NumberKind::kMoney},
                      NumberCase{"6 million dollars", 6e6, NumberKind::kMoney},
                      NumberCase{"Founded in 2023.", 2023, NumberKind::kPlain}));

class NumberLabels : public ::testing::TestWithParam<const char*> {};

TEST_P(NumberLabels, AreNotClaims) {
    EXPECT_TRUE(extract_numbers(GetParam(), true).empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Skipped, NumberLabels,
                         ::testing::Values("2/6 The thread goes on", "support 24/7",
                                           "at 9:30 sharp", "results in Q3", "B2B SaaS",
                                           "our 1st hire", "Slide 3 shows it", "1. First point",
                                           "see #2024", "visit fieldnote.example/2024/launch",
                                           "ISO 27001 ready", "3 tips for dispatchers"));

TEST(SameNumber, NormalisesEquivalentForms) {
    const auto one = [](const char* text) {
        return extract_numbers(text, false).at(0);
    };
    EXPECT_TRUE(same_number(one("$2.1M"), one("2.1 million")));
    EXPECT_TRUE(same_number(one("$2.1M"), one("$2,100,000")));
    EXPECT_TRUE(same_number(one("4100"), one("4,100")));
    EXPECT_TRUE(same_number(one("14%"), one("14 percent")));
    EXPECT_TRUE(same_number(one("1 in 5"), one("20%")));
    EXPECT_FALSE(same_number(one("14%"), one("14")));  // a percentage needs a percentage
    EXPECT_FALSE(same_number(one("$2M"), one("$2.1M")));
}

TEST(NamedClaims, AreConservative) {
    using V = std::vector<std::string>;
    EXPECT_EQ(extract_named_claims("We are SOC 2 Type II audited."), V{"SOC 2"});
    EXPECT_EQ(extract_named_claims("Our CEO Maya Okafor said so."), V{"Maya Okafor"});
    EXPECT_EQ(extract_named_claims("We partner with Acme Logistics and Globex."),
              V{"Acme Logistics"});
    EXPECT_TRUE(extract_named_claims("Maya Okafor leads the team.").empty());    // sentence opener
    EXPECT_TRUE(extract_named_claims("How We Cut Drive Time In Half").empty());  // title case
    EXPECT_TRUE(extract_named_claims("Plans run every Monday Morning at HQ").empty());
}

std::vector<Issue> ground(std::string text, const BrandRules* brand = nullptr,
                          std::vector<Passage> passages = test::fieldnote::passages()) {
    const auto item = test::item_with_body(Platform::kLinkedIn, std::move(text));
    const auto fields = content_fields(item);
    std::vector<Issue> issues;
    check_grounding(fields, passages, brand, issues);
    return issues;
}

TEST(Grounding, PassageTextIsAlwaysSupported) {
    for (const auto& passage : test::fieldnote::passages()) {
        const auto issues = ground(passage.text);
        EXPECT_TRUE(issues.empty()) << passage.id << "\n" << dump(issues);
    }
}

TEST(Grounding, PassageSentencesMixedTogetherAreSupported) {
    for (const char* joint : {"\n", " ", "\n\n- "}) {
        std::string body;
        for (const auto& passage : test::fieldnote::passages()) {
            body += passage.text + joint;
        }
        const auto issues = ground(body);
        EXPECT_TRUE(issues.empty()) << dump(issues);
    }
}

TEST(Grounding, UnsupportedNumberIsAWarningNamingTheValue) {
    const auto issues = ground("We now serve 512 companies.");
    const auto issue = find_code(issues, "grounding.unsupported_number");
    EXPECT_EQ(issue.severity, Severity::kWarning);
    EXPECT_EQ(issue.location, "body");
    EXPECT_NE(issue.message.find("\"512\""), std::string::npos) << issue.message;
}

TEST(Grounding, EquivalentFormsAreSupported) {
    const auto issues = ground(
        "We reached $2.1 million ARR with 4100 technicians, growing 14 percent a month. Founded "
        "in 2023, raising $6,000,000.");
    EXPECT_TRUE(issues.empty()) << dump(issues);
}

TEST(Grounding, YearsAndRoundedFiguresMustMatch) {
    EXPECT_TRUE(has_code(ground("Founded in 2021."), "grounding.unsupported_number"));
    EXPECT_TRUE(has_code(ground("We hit $3M ARR."), "grounding.unsupported_number"));
}

TEST(Grounding, BrandCallToActionIsSupport) {
    std::vector<Passage> no_pricing;
    for (const auto& p : test::fieldnote::passages()) {
        if (p.id != "pricing-1") {
            no_pricing.push_back(p);
        }
    }
    const auto brand = test::fieldnote::brand();
    const std::string cta = "Start a 14-day free trial at fieldnote.example";
    EXPECT_TRUE(has_code(ground(cta, nullptr, no_pricing), "grounding.unsupported_number"));
    EXPECT_TRUE(ground(cta, &brand, no_pricing).empty());
}

TEST(Grounding, UnsupportedNamedClaimsAreWarnings) {
    const auto issues = ground("We work with Acme Logistics and are ISO 27001 certified.");
    EXPECT_EQ(count_code(issues, "grounding.unsupported_claim"), 2) << dump(issues);
    EXPECT_FALSE(has_code(issues, "grounding.unsupported_number")) << dump(issues);
    EXPECT_TRUE(ground("We are SOC 2 audited, like Housecall Pro users expect.").empty());
}

TEST(Grounding, ThreadNumberingIsNotChecked) {
    auto thread = test::fieldnote::x_thread();
    const auto fields = content_fields(thread);
    std::vector<Issue> issues;
    const auto passages = test::fieldnote::passages();
    const auto brand = test::fieldnote::brand();
    check_grounding(fields, passages, &brand, issues);
    EXPECT_TRUE(issues.empty()) << dump(issues);
}

TEST(Grounding, NothingToCheckWithoutPassages) {
    EXPECT_TRUE(ground("We serve 999,999 companies.", nullptr, {}).empty());
}

}  // namespace
}  // namespace swarm::core::validate
