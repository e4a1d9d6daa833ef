// A deck written in parts: the split covers every slide exactly once for every deck size, and
// joining the drafts of any split of a good deck gives that deck back; a part with no slides or
// parts that repeat a topic leave a draft the completeness loop must rewrite.
#include "core/agents/completeness.hpp"
#include "core/agents/prompt_builder.hpp"
#include "unit/agents/llm_test_fixtures.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace swarm::core::agents {
namespace {

ValidationContext context() {
    static const Brief brief = test::sample_brief();
    return ValidationContext{&brief.brand, {}};
}

std::string upper(std::string s) {
    for (auto& c : s) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
}

/// A draft holding `slides` as a deck item, as read_reply makes from a part's reply.
Draft part_draft(std::vector<Part> slides) {
    ContentItem item;
    item.platform = Platform::kPitchDeck;
    item.parts = std::move(slides);
    Draft d;
    d.text = "part";
    d.item = std::move(item);
    return d;
}

TEST(DeckParts, EverySizeIsCoveredOnceInOrder) {
    for (int slides = 1; slides <= 30; ++slides) {
        const auto parts = deck_parts(slides);
        ASSERT_FALSE(parts.empty()) << slides;
        EXPECT_EQ(parts.size(), slides >= kMinSlidesToSplit ? 2U : 1U) << slides;
        int next = 1;
        for (const auto& p : parts) {
            EXPECT_EQ(p.first, next) << slides;
            EXPECT_LE(p.first, p.last) << slides;
            EXPECT_EQ(p.count, static_cast<int>(parts.size()));
            next = p.last + 1;
        }
        EXPECT_EQ(next, slides + 1) << slides;
        // The first half is never the smaller one (it opens the story).
        if (parts.size() == 2) {
            EXPECT_GE(parts[0].last - parts[0].first, parts[1].last - parts[1].first) << slides;
        }
    }
}

TEST(DeckParts, APartPromptNamesItsSlidesAndTheOtherPart) {
    auto brief = test::sample_brief();
    const FactSheet sheet;
    for (const auto& part : deck_parts(brief.options.deck_slides)) {
        auto prompt = deck_part_prompt(PromptInputs{brief, sheet, true}, part);
        ASSERT_TRUE(prompt) << prompt.error().message;
        EXPECT_NE(prompt->user.find(fmt::format("Write part {} of 2", part.number)),
                  std::string::npos);
        EXPECT_NE(prompt->user.find(fmt::format("slides {} to {}", part.first, part.last)),
                  std::string::npos)
            << prompt->user;
        EXPECT_NE(prompt->user.find("Another writer writes slides"), std::string::npos);
        EXPECT_EQ(prompt->user.find("{{"), std::string::npos) << "unfilled placeholder";
        EXPECT_NE(prompt->ids.find("writer_pitch_deck_part@1"), std::string::npos);
    }
}

TEST(DeckParts, JoiningEverySplitOfAGoodDeckGivesTheDeckBack) {
    const auto& deck = test::clean(Platform::kPitchDeck).parts;
    const auto n = deck.size();
    for (std::size_t cut = 1; cut < n; ++cut) {
        std::vector<Draft> drafts;
        drafts.push_back(part_draft({deck.begin(), deck.begin() + static_cast<long>(cut)}));
        drafts.push_back(part_draft({deck.begin() + static_cast<long>(cut), deck.end()}));
        const auto merged =
            merge_deck_parts(std::move(drafts), static_cast<int>(n), context(), FactSheet{});
        ASSERT_TRUE(merged.item) << cut;
        EXPECT_TRUE(merged.problems.empty()) << cut << ": " << describe_problems(merged.problems);
        ASSERT_EQ(merged.item->parts.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
            EXPECT_EQ(merged.item->parts[i].title, deck[i].title) << cut;
        }
        EXPECT_NE(merged.item->body.find(deck.back().title), std::string::npos);
    }
}

TEST(DeckParts, APartWithoutSlidesLeavesNoDeckAndNamesThePart) {
    const auto& deck = test::clean(Platform::kPitchDeck).parts;
    std::vector<Draft> drafts;
    drafts.push_back(part_draft({deck.begin(), deck.begin() + 6}));
    Draft empty;
    empty.text = "Let me think about the slides first.";
    empty.problems.push_back(
        Issue{"content.reasoning", Severity::kError, "reasoning, no slides", "pitch_deck"});
    drafts.push_back(std::move(empty));
    const auto merged =
        merge_deck_parts(std::move(drafts), static_cast<int>(deck.size()), context(), FactSheet{});
    EXPECT_FALSE(merged.item);
    ASSERT_EQ(merged.problems.size(), 1U);
    EXPECT_EQ(merged.problems[0].code, "content.reasoning");
    EXPECT_NE(merged.problems[0].message.find("part 2 of 2"), std::string::npos);
    EXPECT_NE(merged.text.find("Let me think"), std::string::npos) << "the rewrite sees it";
}

TEST(DeckParts, ATopicWrittenByBothPartsIsARepeatedSlide) {
    const auto& deck = test::clean(Platform::kPitchDeck).parts;
    for (std::size_t repeat = 0; repeat < 6; ++repeat) {
        std::vector<Part> second(deck.begin() + 6, deck.end());
        second[repeat % second.size()].title = "  " + upper(deck[repeat].title);
        std::vector<Draft> drafts;
        drafts.push_back(part_draft({deck.begin(), deck.begin() + 6}));
        drafts.push_back(part_draft(std::move(second)));
        const auto merged = merge_deck_parts(std::move(drafts), static_cast<int>(deck.size()),
                                             context(), FactSheet{});
        const bool flagged =
            std::any_of(merged.problems.begin(), merged.problems.end(),
                        [](const Issue& i) { return i.code == "deck.repeated_slide"; });
        EXPECT_TRUE(flagged) << repeat << ": " << describe_problems(merged.problems);
    }
}

TEST(DeckParts, APartThatIsTheWholeDeckIsTakenAsIs) {
    const auto& deck = test::clean(Platform::kPitchDeck).parts;
    std::vector<Draft> drafts;
    drafts.push_back(part_draft({deck.begin(), deck.begin() + 3}));
    auto whole = part_draft(deck);
    whole.text = "whole";
    drafts.push_back(std::move(whole));
    const auto merged =
        merge_deck_parts(std::move(drafts), static_cast<int>(deck.size()), context(), FactSheet{});
    ASSERT_TRUE(merged.item);
    EXPECT_EQ(merged.item->parts.size(), deck.size());
    EXPECT_EQ(merged.text, "whole");
}

}  // namespace
}  // namespace swarm::core::agents
