// Hygiene by class: generated template slots (any words, any bracket style), instructions to the
// writer and narration are error-severity issues wherever they sit in a field; generated real
// copy, with or without legitimate brackets, raises none of them.
#include "core/validate/rules.hpp"
#include "unit/parse/echo_generator.hpp"
#include "unit/validate/issue_helpers.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::validate {
namespace {

using test::dump;

constexpr int kIterations = 300;

std::vector<Issue> check_text(std::string text) {
    std::vector<Issue> issues;
    const auto item = test::item_with_body(Platform::kLinkedIn, std::move(text));
    check_hygiene(content_fields(item), issues);
    return issues;
}

bool has_error(const std::vector<Issue>& issues, std::initializer_list<std::string_view> codes) {
    for (const auto& i : issues) {
        for (const auto c : codes) {
            if (i.code == c && i.severity == Severity::kError) {
                return true;
            }
        }
    }
    return false;
}

// Real copy around the junk line, the junk first, last or in the middle.
std::string around(std::mt19937& rng, const std::string& junk) {
    const std::string a = test::random_copy_sentence(rng);
    const std::string b = test::random_copy_sentence(rng);
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
            return junk + "\n\n" + a;
        case 1:
            return a + "\n" + junk;
        default:
            return a + "\n\n" + junk + "\n\n" + b;
    }
}

TEST(HygieneClasses, SlotLinesAreErrors) {
    std::mt19937 rng(21);
    for (int i = 0; i < kIterations; ++i) {
        const auto text = around(rng, test::random_slot_line(rng));
        const auto issues = check_text(text);
        EXPECT_TRUE(has_error(issues, {"content.slot_only", "content.placeholder"}))
            << text << "\n"
            << dump(issues);
    }
}

TEST(HygieneClasses, SlotsInsideRealSentencesArePlaceholders) {
    std::mt19937 rng(22);
    for (int i = 0; i < kIterations; ++i) {
        std::string slot = test::random_slot(rng);
        if (slot.starts_with("[")) {
            slot = "[one more customer story]";
        }
        const std::string text = "We helped Acme cut onboarding " + slot + " in two weeks.";
        const auto issues = check_text(text);
        EXPECT_TRUE(has_error(issues, {"content.placeholder"})) << text << "\n" << dump(issues);
    }
}

TEST(HygieneClasses, InstructionsToTheWriterAreErrors) {
    std::mt19937 rng(23);
    for (int i = 0; i < kIterations; ++i) {
        const auto text = around(rng, test::random_instruction_line(rng));
        const auto issues = check_text(text);
        EXPECT_TRUE(has_error(issues, {"content.instruction_leak"})) << text << "\n"
                                                                     << dump(issues);
    }
}

TEST(HygieneClasses, NarrationIsAnError) {
    std::mt19937 rng(24);
    for (int i = 0; i < kIterations; ++i) {
        const auto text = around(rng, test::random_narration_line(rng));
        const auto issues = check_text(text);
        EXPECT_TRUE(has_error(issues, {"content.leaked_reasoning"})) << text << "\n"
                                                                     << dump(issues);
    }
}

TEST(HygieneClasses, RealCopyWithBracketsIsClean) {
    std::mt19937 rng(25);
    for (int i = 0; i < kIterations; ++i) {
        const auto text = around(rng, test::random_bracketed_copy(rng));
        const auto issues = check_text(text);
        EXPECT_TRUE(issues.empty()) << text << "\n" << dump(issues);
    }
}

}  // namespace
}  // namespace swarm::core::validate
