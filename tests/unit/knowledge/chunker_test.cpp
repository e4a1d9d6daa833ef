// Chunking rules: headings and heading paths, paragraphs, lists, long-text splitting, merging of
// short paragraphs, line endings and plain text.
#include "core/knowledge/chunker.hpp"

#include "core/knowledge/inline_markup.hpp"
#include "core/knowledge/markdown_blocks.hpp"
#include "core/knowledge/text_split.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

using namespace core::knowledge;  // the chunking rules live in core

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<Chunk> md(const std::string& text) {
    return chunk_document(text, TextFormat::kMarkdown);
}

std::string sentence(int i) {
    return "Sentence number " + std::to_string(i) + " talks about dispatch and routing today.";
}

TEST(Chunker, HeadingPathFollowsNesting) {
    const auto chunks =
        md("# Fieldnote — Traction and Market\n\n"
           "## Traction\n\nWe have 340 paying companies and a steady growth rate every month.\n\n"
           "### Pilots\n\nPilot customers cut drive time by a quarter on average, per route.\n\n"
           "## Market\n\nThe market for field service software is large and still growing.\n");
    ASSERT_EQ(chunks.size(), 3U);
    EXPECT_EQ(chunks[0].heading, "Fieldnote — Traction and Market > Traction");
    EXPECT_EQ(chunks[1].heading, "Fieldnote — Traction and Market > Traction > Pilots");
    EXPECT_EQ(chunks[2].heading, "Fieldnote — Traction and Market > Market");
    EXPECT_EQ(chunks[2].text, "The market for field service software is large and still growing.");
}

TEST(Chunker, HeadingsAloneAreNotChunks) {
    EXPECT_TRUE(md("# Title\n\n## Empty section\n\n### Another\n").empty());
}

TEST(Chunker, AtxHeadingVariants) {
    const auto chunks = md("#   **Bold** title ##\n\nBody one.\n\n#hashtag is not a heading\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].heading, "Bold title");
    EXPECT_EQ(chunks[0].text, "Body one.\n#hashtag is not a heading");
}

TEST(Chunker, SetextHeadings) {
    const auto chunks = md("Overview\n========\n\nIntro text here.\n\nDetails\n-------\n\nMore.\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].heading, "Overview");
    EXPECT_EQ(chunks[1].heading, "Overview > Details");
}

TEST(Chunker, EachLongEnoughParagraphIsAChunk) {
    const std::string p1 =
        "Dispatchers at small service companies still plan the day on whiteboards, and a typical "
        "dispatcher spends three to four hours a day rearranging jobs by hand when emergencies "
        "come in.";
    const std::string p2 =
        "Technicians drive an average of 38% more miles than an optimized route would need, and "
        "one "
        "in five appointment windows is missed, which drives bad reviews.";
    const auto chunks = md("## Problem\n\n" + p1 + "\n\n" + p2 + "\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].text, p1);
    EXPECT_EQ(chunks[1].text, p2);
}

TEST(Chunker, WrappedLinesAreJoinedWithSpaces) {
    const auto chunks =
        md("Fieldnote builds scheduling\nand dispatch software\nfor field teams.\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].text, "Fieldnote builds scheduling and dispatch software for field teams.");
}

TEST(Chunker, BulletListStaysTogether) {
    const auto chunks =
        md("## Traction\n- 340 paying companies.\n- $2.1M annual recurring revenue.\n"
           "* Net revenue retention of 131%;\n  logo churn under 2%.\n1. First\n2) Second\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].text,
              "- 340 paying companies.\n- $2.1M annual recurring revenue.\n"
              "* Net revenue retention of 131%; logo churn under 2%.\n1. First\n2) Second");
}

TEST(Chunker, LooseListWithBlankLinesIsOneList) {
    const auto chunks =
        md("- one item here\n\n- two item here\n\n  continued paragraph\n\nAfter.\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].text, "- one item here\n- two item here continued paragraph");
    EXPECT_EQ(chunks[1].text, "After.");
}

TEST(Chunker, LongListIsSplitIntoEvenGroupsOfWholeItems) {
    std::string list = "## Customers\n";
    for (int i = 1; i <= 20; ++i) {
        list += "- Customer " + std::to_string(i) + "\n";
    }
    const auto chunks = md(list);
    ASSERT_EQ(chunks.size(), 2U);
    for (const auto& chunk : chunks) {
        EXPECT_EQ(chunk.heading, "Customers");
        EXPECT_EQ(std::count(chunk.text.begin(), chunk.text.end(), '\n'), 9);  // ten items
    }
    EXPECT_THAT(chunks[0].text, HasSubstr("- Customer 1\n"));
    EXPECT_THAT(chunks[1].text, HasSubstr("- Customer 20"));
}

TEST(Chunker, LongParagraphIsSplitAtSentenceBoundaries) {
    std::string paragraph;
    for (int i = 0; i < 40; ++i) {
        paragraph += sentence(i) + " ";
    }
    const auto chunks = md("## Long\n\n" + paragraph + "\n");
    ASSERT_GE(chunks.size(), 3U);
    std::string rejoined;
    for (const auto& chunk : chunks) {
        EXPECT_LE(char_count(chunk.text), 800U);
        EXPECT_GE(char_count(chunk.text), 400U) << "pieces should be of similar size";
        EXPECT_EQ(chunk.text.back(), '.') << "pieces end at a sentence boundary";
        EXPECT_EQ(chunk.heading, "Long");
        rejoined += (rejoined.empty() ? "" : " ") + chunk.text;
    }
    EXPECT_EQ(rejoined + " ", paragraph);
}

TEST(Chunker, ShortParagraphsUnderOneHeadingAreMerged) {
    const auto chunks =
        md("## FAQ\n\nIs it safe? Yes.\n\nDoes it work offline? Yes.\n\n## Next\n\nOther.\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].text, "Is it safe? Yes.\nDoes it work offline? Yes.");
    EXPECT_EQ(chunks[1].heading, "Next");
}

TEST(Chunker, LeadInLineJoinsItsList) {
    const auto chunks = md("Our integrations:\n- QuickBooks\n- Xero\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].text, "Our integrations:\n- QuickBooks\n- Xero");
}

TEST(Chunker, CrlfAndCrLineEndingsAreNormalised) {
    const auto crlf =
        md("\xEF\xBB\xBF# Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\n- a\r\n- b\r\n");
    const auto cr = md("# Title\r\rFirst line\rsecond line.\r\r- a\r- b\r");
    const auto lf = md("# Title\n\nFirst line\nsecond line.\n\n- a\n- b\n");
    ASSERT_EQ(lf.size(), 1U);
    EXPECT_EQ(lf[0].text, "First line second line.\n- a\n- b");
    for (const auto* variant : {&crlf, &cr}) {
        ASSERT_EQ(variant->size(), lf.size());
        EXPECT_EQ((*variant)[0].heading, "Title");
        EXPECT_EQ((*variant)[0].text, lf[0].text);
        EXPECT_THAT((*variant)[0].text, Not(HasSubstr("\r")));
    }
}

TEST(Chunker, TextBeforeTheFirstHeadingHasAnEmptyHeading) {
    const auto chunks = md(
        "Front matter text that comes before any heading at all in the file, long enough to stand "
        "on its own as a passage of the knowledge base.\n\n# Title\n\nBody under the title.\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].heading, "");
    EXPECT_EQ(chunks[1].heading, "Title");
}

TEST(Chunker, YamlFrontMatterIsSkipped) {
    const auto chunks = md("---\ntitle: x\ntags: [a]\n---\n# Title\n\nBody.\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].text, "Body.");
}

TEST(Chunker, FencedCodeIsOneChunkAndHidesHeadings) {
    const auto chunks = md("## Setup\n\n```sh\n# not a heading\nmake\n```\n\nDone.\n");
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].heading, "Setup");
    EXPECT_EQ(chunks[0].text, "# not a heading\nmake");
    EXPECT_EQ(chunks[1].heading, "Setup");
}

TEST(Chunker, PlainTextHasNoHeadings) {
    const auto chunks = chunk_document(
        "# Not a heading in a .txt file, just the first words of a paragraph that goes on for a "
        "while, long enough that it stands as a passage of its own and is not merged.\n\nSecond "
        "paragraph\nwrapped over lines.\n\n- item one\n- "
        "item two\n",
        TextFormat::kPlain);
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[0].heading, "");
    EXPECT_THAT(chunks[0].text, HasSubstr("# Not a heading"));
    EXPECT_EQ(chunks[1].text, "Second paragraph wrapped over lines.\n- item one\n- item two");
}

TEST(Chunker, TableRowsKeepTheirLines) {
    const auto chunks = md("| Plan | Price |\n|---|---|\n| Starter | $29 |\n");
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].text, "| Plan | Price |\n|---|---|\n| Starter | $29 |");
}

TEST(Chunker, EmptyAndBlankInputGiveNoChunks) {
    EXPECT_TRUE(md("").empty());
    EXPECT_TRUE(md(" \n\t\n\r\n").empty());
    EXPECT_TRUE(md("---\n\n***\n").empty());
}

TEST(Chunker, FormatFollowsTheFileName) {
    EXPECT_EQ(format_for_name("notes.txt"), TextFormat::kPlain);
    EXPECT_EQ(format_for_name("NOTES.TXT"), TextFormat::kPlain);
    EXPECT_EQ(format_for_name("a/b.md"), TextFormat::kMarkdown);
    EXPECT_EQ(format_for_name("readme"), TextFormat::kMarkdown);
}

TEST(TextSplit, SentencesRespectAbbreviationsAndNumbers) {
    EXPECT_THAT(
        split_sentences("We grew 14% (e.g. in Q3). ARR is $2.1M! Next? \"Yes.\" Done"),
        ElementsAre("We grew 14% (e.g. in Q3).", "ARR is $2.1M!", "Next?", "\"Yes.\"", "Done"));
}

TEST(TextSplit, SentenceWithoutBreaksIsCutAtSpacesOrCodePoints) {
    std::string words;
    for (int i = 0; i < 300; ++i) {
        words += "word ";
    }
    for (const auto& piece : split_to_size(words, 100)) {
        EXPECT_LE(char_count(piece), 100U);
        EXPECT_EQ(piece.front(), 'w');
        EXPECT_EQ(piece.back(), 'd');
    }
    std::string umlauts;
    for (int i = 0; i < 250; ++i) {
        umlauts += "\xC3\xBC";  // ü, two bytes each
    }
    const auto pieces = split_to_size(umlauts, 100);
    ASSERT_EQ(pieces.size(), 3U);
    EXPECT_EQ(char_count(pieces[0]), 100U);
    EXPECT_EQ(pieces[0].size(), 200U) << "cut between code points, never inside one";
}

TEST(InlineMarkup, EmphasisAndLinksAreStripped) {
    EXPECT_EQ(strip_inline_markup("**Bold** and _it_ and `code` ~~old~~"),
              "Bold and it and code old");
    EXPECT_EQ(strip_inline_markup("See [the docs](https://x.io/a_b) or ![logo](l.png)."),
              "See the docs or logo.");
    EXPECT_EQ(
        strip_inline_markup("snake_case stays, <https://fieldnote.io> unwraps, \\*literal\\*"),
        "snake_case stays, https://fieldnote.io unwraps, *literal*");
    EXPECT_EQ(strip_inline_markup("[Draft] plan, a < b > c"), "[Draft] plan, a < b > c");
}

}  // namespace
}  // namespace swarm::kb
