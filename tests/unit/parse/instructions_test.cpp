// Slots and writer instructions as classes: generated slot lines in every bracket style, many
// imperative forms of a rule, and real copy with legitimate brackets that must stay content.
#include "core/parse/instructions.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

constexpr int kIterations = 400;

const std::vector<std::string> kWords{
    "hook",   "about",    "the",    "pain",     "point",  "benefit", "customer", "result",
    "story",  "moment",   "lesson", "question", "teaser", "value",   "promise",  "proof",
    "growth", "feature",  "metric", "founder",  "vision", "problem", "solution", "closing",
    "línea",  "résultat", "Kunden", "成果",     "ask",    "why",     "team",     "impact"};

struct Brackets {
    std::string open;
    std::string close;
};

const std::vector<Brackets> kBrackets{{"[", "]"},   {"<", ">"}, {"{", "}"},
                                      {"{{", "}}"}, {"⟨", "⟩"}, {"【", "】"}};

const std::vector<std::string> kFiller{"",    " ",    " - ",   " | ",  " + ", " → ", " 🚀 ",
                                       " / ", "... ", " and ", " or ", " — ", ": ",  " 👉 "};

std::string pick(std::mt19937& rng, const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

std::string random_slot(std::mt19937& rng, bool capitalise) {
    const auto& b =
        kBrackets[std::uniform_int_distribution<std::size_t>(0, kBrackets.size() - 1)(rng)];
    const int n = std::uniform_int_distribution<int>(1, 5)(rng);
    std::string inner;
    for (int i = 0; i < n; ++i) {
        std::string w = pick(rng, kWords);
        if (i == 0 && capitalise && w[0] >= 'a' && w[0] <= 'z') {
            w[0] = static_cast<char>(w[0] - 'a' + 'A');
        }
        // Angle brackets with one lower-case token read as a tag; slots there use snake_case.
        inner += (i == 0 ? "" : (b.open == "<" ? "_" : " ")) + w;
    }
    if (b.open == "<" && n == 1) {
        inner += "_here";
    }
    return b.open + inner + b.close;
}

std::string random_slot_line(std::mt19937& rng) {
    const int slots = std::uniform_int_distribution<int>(1, 3)(rng);
    std::string line = std::bernoulli_distribution(0.2)(rng) ? "- " : "";
    if (std::bernoulli_distribution(0.2)(rng)) {
        line += pick(rng, {"Hook: ", "**CTA:** ", "Tweet 1/3: ", "Slide 2: ", "👉 ", "### "});
    }
    for (int i = 0; i < slots; ++i) {
        line += random_slot(rng, std::bernoulli_distribution(0.5)(rng));
        line += pick(rng, kFiller);
    }
    return line;
}

TEST(SlotOnly, GeneratedSlotLinesInEveryBracketStyle) {
    std::mt19937 rng(11);
    for (int i = 0; i < kIterations; ++i) {
        std::string text = random_slot_line(rng);
        if (std::bernoulli_distribution(0.3)(rng)) {
            text += "\n\n" + random_slot_line(rng);
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
          "Mehr erfahren [hier](https://x.de)", "We hired 3 engineers [1]", "2 < 3"}) {
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
        std::string slot = random_slot(rng, true);
        if (slot.starts_with("[")) {
            slot = "[Short story about the customer]";
        }
        const std::string line = "We helped Acme cut onboarding time " + slot + " in two weeks.";
        EXPECT_FALSE(is_slot_only(line)) << line;
        EXPECT_TRUE(has_slot(line)) << line;
        EXPECT_FALSE(slots_in(line).empty()) << line;
    }
}

const std::vector<std::string> kRuleOpeners{"Write a LinkedIn post that",
                                            "Do not use",
                                            "Don't add",
                                            "Never include",
                                            "Avoid",
                                            "Keep",
                                            "Make sure",
                                            "Remember to include",
                                            "Use",
                                            "Always end with",
                                            "Ensure",
                                            "Start with",
                                            "Limit",
                                            "Please keep",
                                            "Be sure to use",
                                            "Include",
                                            "Stick to",
                                            "Create a Twitter thread with",
                                            "Lead with",
                                            "Aim for",
                                            "Only use",
                                            "No more than 3"};

const std::vector<std::string> kRuleObjects{"hashtags",
                                            "emojis",
                                            "the hook",
                                            "280 characters",
                                            "a clear CTA",
                                            "150 words",
                                            "a professional tone",
                                            "bullet points",
                                            "the target audience",
                                            "short sentences",
                                            "placeholders in brackets",
                                            "the brand voice",
                                            "markdown formatting",
                                            "a strong headline"};

TEST(WriterInstruction, GeneratedImperativeRules) {
    std::mt19937 rng(13);
    for (int i = 0; i < kIterations; ++i) {
        std::string line = pick(rng, kRuleOpeners) + " " + pick(rng, kRuleObjects);
        line += pick(rng, {"", ".", "!", " in every post.", " at all times."});
        line = pick(rng, {"", "- ", "* ", "1. ", "> ", "**"}) + line;
        EXPECT_TRUE(is_writer_instruction(line)) << line;
    }
}

TEST(WriterInstruction, LabelsRolesAndShouldStatements) {
    for (const char* line : {"Rules:",
                             "Requirements:",
                             "Format:",
                             "WRONG:",
                             "RIGHT:",
                             "❌ Bad:",
                             "✅ Good:",
                             "Example:",
                             "Output format",
                             "Use the following structure:",
                             "You are a B2B copywriter.",
                             "You're an expert LinkedIn ghostwriter",
                             "The post should open with a question.",
                             "Each tweet must stay under 280 characters.",
                             "It should be under 1,300 characters.",
                             "Keep it under 280 characters",
                             "Follow this format:",
                             "Tone: confident, warm",
                             "❌ Bad: Excited to announce our new product!",
                             "DON'T: start with a question",
                             "Target audience: CFOs at mid-market firms",
                             "Your task is to write a thread."}) {
        EXPECT_TRUE(is_writer_instruction(line)) << line;
    }
}

// Calls to action and ordinary copy share the imperative mood but talk to the reader.
TEST(WriterInstruction, ReaderFacingCopyIsNotAnInstruction) {
    for (const char* line :
         {"Book a demo today.", "Remember to vote on Tuesday!", "Use code LAUNCH20 at checkout.",
          "Keep reading the thread 🧵", "Follow us for more posts like this.",
          "Don't miss our launch webinar.", "Make sure your team is ready for Q3.",
          "Example: we cut onboarding from 14 days to 2.", "Start your free trial now.",
          "Share this post with a founder who needs it.", "You are not alone in this.",
          "Join 2,000 finance teams using Ledgerly.", "Read the full story at acme.com",
          "Write to us at hello@acme.com", "Right now, 40% of clinics still use paper.",
          "Good news: the beta is open.", "Avoid the 3 mistakes we made in year one."}) {
        EXPECT_FALSE(is_writer_instruction(line)) << line;
    }
}

TEST(WriterInstruction, InstructionOnlyBodies) {
    EXPECT_TRUE(is_instruction_only("Rules:\n- Keep it under 280 characters\n- No hashtags"));
    EXPECT_TRUE(is_instruction_only("WRONG:\n[Generic hook]\n\nRIGHT:\n[Specific hook]"));
    EXPECT_FALSE(is_instruction_only("Rules:\nWe ship every Friday."));
    EXPECT_FALSE(is_instruction_only("[Hook]\n[Body]"));  // slot-only, but no instruction
}

}  // namespace
}  // namespace swarm::core::parse
