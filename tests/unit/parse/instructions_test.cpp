// Slots and writer instructions as classes: generated slot lines in every bracket style, many
// imperative forms of a rule, and real copy with legitimate brackets that must stay content.
#include "core/parse/instructions.hpp"

#include "echo_generator.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

constexpr int kIterations = 400;

TEST(SlotOnly, GeneratedSlotLinesInEveryBracketStyle) {
    std::mt19937 rng(11);
    for (int i = 0; i < kIterations; ++i) {
        std::string text = test::random_slot_line(rng);
        if (std::bernoulli_distribution(0.3)(rng)) {
            text += "\n\n" + test::random_slot_line(rng);
        }
        EXPECT_TRUE(is_slot_only(text)) << text;
    }
}

TEST(SlotOnly, ExamplesFromTheIssue) {
    for (const char* text :
         {"[Hook about the pain point]", "<insert customer quote here>",
          "{benefit 1} - {benefit 2}", "[Your CTA] [hashtags]", "{{closing_line}}",
          "⟨opening story⟩", "【Hook】", "1/ [Hook]\n\n2/ [Problem]\n\n3/ [CTA]",
          "**[Attention-grabbing first line]**", "• [Result one]\n• [Result two]"}) {
        EXPECT_TRUE(is_slot_only(text)) << text;
    }
}

// Real copy that uses brackets: never slot-only, and a one-word aside is no slot.
TEST(SlotOnly, RealBracketsAreContent) {
    for (const char* text :
         {"Read [our guide](https://example.com)", "[1/5] We shipped it.", "- [x] done",
          "Revenue grew 40% (ARR) this year", "The <b>bold</b> move paid off",
          "CAC < $50 and LTV > $500 per seat", "Config is {\"a\": 1}", "<https://example.com>",
          "[Update] We are live in Berlin", "Vision statement [draft] for the team offsite",
          "Mehr erfahren [hier](https://x.de)", "\"platforms\": [\"linkedin\", \"twitter\"],",
          "We hired 3 engineers [1]", "2 < 3"}) {
        EXPECT_FALSE(is_slot_only(text)) << text;
    }
    for (const char* line : {"[Update] We are live", "We grew [sic] fast", "Thread [1/5]",
                             "Read [the guide](https://a.b)", "<b>bold</b>"}) {
        EXPECT_FALSE(has_slot(line)) << line;
    }
}

TEST(SlotOnly, GeneratedSlotsInsideRealTextAreReportedNotSlotOnly) {
    std::mt19937 rng(12);
    for (int i = 0; i < kIterations; ++i) {
        std::string slot = test::random_slot(rng);
        if (slot.starts_with("[")) {
            slot = "[Short story about the customer]";
        }
        const std::string line = "We helped Acme cut onboarding time " + slot + " in two weeks.";
        EXPECT_FALSE(is_slot_only(line)) << line;
        EXPECT_TRUE(has_slot(line)) << line;
        EXPECT_FALSE(slots_in(line).empty()) << line;
    }
}

TEST(WriterInstruction, GeneratedRulesLabelsAndRoles) {
    std::mt19937 rng(13);
    for (int i = 0; i < kIterations; ++i) {
        const std::string line = test::random_instruction_line(rng);
        EXPECT_TRUE(is_writer_instruction(line)) << line;
    }
}

TEST(WriterInstruction, GeneratedCopyAndNarrationAreNotInstructions) {
    std::mt19937 rng(14);
    for (int i = 0; i < kIterations; ++i) {
        for (const std::string& line :
             {test::random_copy_sentence(rng), test::random_bracketed_copy(rng)}) {
            EXPECT_FALSE(is_writer_instruction(line)) << line;
            EXPECT_FALSE(is_slot_only(line)) << line;
        }
    }
}

// Calls to action and ordinary copy share the imperative mood but talk to the reader.
TEST(WriterInstruction, ReaderFacingCopyIsNotAnInstruction) {
    for (const char* line : {"Book a demo today.",
                             "Remember to vote on Tuesday!",
                             "Use code LAUNCH20 at checkout.",
                             "Keep reading the thread 🧵",
                             "Follow us for more posts like this.",
                             "Don't miss our launch webinar.",
                             "Make sure your team is ready for Q3.",
                             "Example: we cut onboarding from 14 days to 2.",
                             "Start your free trial now.",
                             "Share this post with a founder who needs it.",
                             "You are not alone in this.",
                             "Join 2,000 finance teams using Ledgerly.",
                             "Read the full story at acme.com",
                             "Write to us at hello@acme.com",
                             "Right now, 40% of clinics still use paper.",
                             "Good news: the beta is open.",
                             "Avoid the 3 mistakes we made in year one.",
                             "Use the hashtag #FieldnoteLaunch to share your story.",
                             "Keep your audience in mind: they run 12 trucks, not 1,200.",
                             "Use your voice."}) {
        EXPECT_FALSE(is_writer_instruction(line)) << line;
    }
}

// A rendered deck heading ("## Slide 3: ...", render_deck) is classified by its title alone: the
// label is structure, so "slide" is never the subject of a rule (found by the parser fuzzer:
// "## Slide 1: ...er cannot about retention" was taken for "the slide cannot ...").
TEST(WriterInstruction, ASlideLabelNeverChangesTheVerdict) {
    std::mt19937 rng(15);
    const std::string replacement = "\xef\xbf\xbd";  // U+FFFD, as the parser's cleanup leaves it
    std::vector<std::string> titles = {"Churn cannot wait", "Clinics must move now",
                                       "Why dispatch needs a rethink", "Our margin should double",
                                       "S" + replacement + replacement + "er cannot about it"};
    for (int i = 0; i < kIterations; ++i) {
        titles.push_back(test::random_copy_sentence(rng));
        titles.push_back(test::random_instruction_line(rng));
    }
    for (const auto& title : titles) {
        for (const char* label : {"## Slide 1: ", "## Slide 12: ", "Slide 3: ", "### SLIDE 7:  "}) {
            EXPECT_EQ(is_writer_instruction(label + title), is_writer_instruction(title))
                << label << title;
        }
    }
    EXPECT_FALSE(is_instruction_only("## Slide 1: Churn cannot wait"));
    EXPECT_TRUE(is_writer_instruction("Slide titles must be short"));  // a rule about slides
}

TEST(WriterInstruction, NotesToWhoeverWritesAreInstructions) {
    EXPECT_TRUE(is_writer_instruction(
        "Note for whoever drafts the deck: don't mention the Series A talks."));
    EXPECT_TRUE(is_writer_instruction("Note to the writer: lead with the 18%."));
    EXPECT_FALSE(is_writer_instruction("Note for the team: the office is closed on Friday."));
}

TEST(WriterInstruction, InstructionOnlyBodies) {
    EXPECT_TRUE(is_instruction_only("Rules:\n- Keep it under 280 characters\n- No hashtags"));
    EXPECT_TRUE(is_instruction_only("WRONG:\n[Generic hook]\n\nRIGHT:\n[Specific hook]"));
    EXPECT_FALSE(is_instruction_only("Rules:\nWe ship every Friday."));
    EXPECT_FALSE(is_instruction_only("[Hook]\n[Body]"));  // slot-only, but no instruction
}

}  // namespace
}  // namespace swarm::core::parse
