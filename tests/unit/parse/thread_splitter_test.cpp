// Thread splitting: every numbering style, lists, paragraphs, single posts.
#include "core/parse/thread_splitter.hpp"

#include "core/parse/line_utils.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

using Posts = std::vector<std::string>;

Posts split(std::string_view text, bool hint = false) {
    return split_thread(split_lines(text), hint);
}

TEST(ThreadSplitter, SlashNumbering) {
    EXPECT_EQ(split("1/3 First post.\n2/3 Second post.\n3/3 Third post."),
              (Posts{"First post.", "Second post.", "Third post."}));
    EXPECT_EQ(split("1/ First.\n\n2/ Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("(1/2) First.\n(2/2) Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("[1/2] First.\n[2/2] Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("1/n First.\n2/n Second."), (Posts{"First.", "Second."}));
}

TEST(ThreadSplitter, LabelledNumbering) {
    EXPECT_EQ(split("Tweet 1: First.\nTweet 2: Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("Post 1: First.\n\nPost 2: Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("**Tweet 1**\nFirst.\n\n**Tweet 2**\nSecond."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("**Tweet 1/2:** First.\n**Tweet 2/2:** Second."), (Posts{"First.", "Second."}));
    EXPECT_EQ(split("Tweet 1 (Hook): First.\nTweet 2 (CTA): Second."),
              (Posts{"First.", "Second."}));
    EXPECT_EQ(split("### Tweet 1\nFirst.\n### Tweet 2\nSecond."), (Posts{"First.", "Second."}));
}

TEST(ThreadSplitter, MultiLinePostsKeepTheirLines) {
    EXPECT_EQ(split("1/2 Three things:\n- a\n- b\n\n2/2 Done."),
              (Posts{"Three things:\n- a\n- b", "Done."}));
}

TEST(ThreadSplitter, TrailingCounters) {
    EXPECT_EQ(split("First post. 1/3\n\nSecond post. 2/3\n\nThird post. 3/3"),
              (Posts{"First post.", "Second post.", "Third post."}));
    EXPECT_EQ(split("First (1/2)\nSecond (2/2)\n#Tag"), (Posts{"First", "Second\n\n#Tag"}));
    EXPECT_EQ(split("Open 24/7 for emergencies."), Posts{"Open 24/7 for emergencies."});
}

TEST(ThreadSplitter, NumberedListIsAThreadWhenHintedOrLong) {
    EXPECT_EQ(split("1. First post.\n2. Second post.", true),
              (Posts{"First post.", "Second post."}));
    const std::string long_item(200, 'a');
    EXPECT_EQ(split("1. " + long_item + "\n2. " + long_item).size(), 2U);
}

TEST(ThreadSplitter, ListInsideASinglePostStaysOnePost) {
    const auto posts =
        split("Three tips for dispatchers:\n1. Plan early\n2. Re-plan fast\n3. Text customers");
    ASSERT_EQ(posts.size(), 1U);
    EXPECT_NE(posts[0].find("1. Plan early"), std::string::npos);
}

TEST(ThreadSplitter, ParagraphsWhenTheSectionSaysThread) {
    EXPECT_EQ(split("First post.\n\nSecond post.\n\n#Tag #Other", true),
              (Posts{"First post.", "Second post.\n\n#Tag #Other"}));
    EXPECT_EQ(split("First paragraph.\n\nSecond paragraph.", false),
              (Posts{"First paragraph.\n\nSecond paragraph."}));
}

TEST(ThreadSplitter, SequenceMustStartAtOneAndIncrease) {
    // "24/7" and "3/4" are fractions in prose, not numbering.
    EXPECT_EQ(split("24/7 support for every tech.\n3/4 of calls are emergencies."),
              (Posts{"24/7 support for every tech.\n3/4 of calls are emergencies."}));
}

TEST(ThreadSplitter, LeadingTextBeforeTheFirstMarker) {
    EXPECT_EQ(split("A thread on dispatch 🧵\n1/2 First.\n2/2 Second."),
              (Posts{"First.", "Second."}));
    EXPECT_EQ(
        split(
            "Hook post without a number that stands alone as the opener.\n2/3 Second.\n3/3 Third."),
        (Posts{"Hook post without a number that stands alone as the opener.", "Second.",
               "Third."}));
}

TEST(ThreadSplitter, SinglePostMarkerIsStripped) {
    EXPECT_EQ(split("1/1 Only post."), Posts{"Only post."});
    EXPECT_EQ(split("Tweet 1: Only post."), Posts{"Only post."});
    EXPECT_EQ(split(""), Posts{});
}

TEST(ThreadSplitter, MarkerParsing) {
    EXPECT_EQ(post_marker("2/5 text")->number, 2);
    EXPECT_EQ(post_marker("🧵 1/ text")->number, 1);
    EXPECT_EQ(post_marker("1️⃣ text")->number, 1);
    EXPECT_FALSE(post_marker("Post 3 is about pricing"));
    EXPECT_FALSE(post_marker("2024 was a big year"));
    EXPECT_FALSE(post_marker("1. list item"));
}

}  // namespace
}  // namespace swarm::core::parse
