// Query building: any text becomes quoted, OR-ed words; operators, punctuation and stop-words
// never reach FTS5 as syntax.
#include "core/knowledge/query_terms.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

using namespace core::knowledge;  // the chunking rules live in core

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(FtsQuery, WordsAreQuotedAndOred) {
    EXPECT_EQ(to_match_expression("annual recurring revenue growth"),
              R"("annual" OR "recurring" OR "revenue" OR "growth")");
}

TEST(FtsQuery, StopWordsAndDuplicatesAreDropped) {
    EXPECT_THAT(query_terms("What is the growth of the growth rate?"),
                ElementsAre("growth", "rate"));
    EXPECT_TRUE(is_stop_word("the"));
    EXPECT_FALSE(is_stop_word("growth"));
}

TEST(FtsQuery, OperatorsAndPunctuationAreOnlyWords) {
    EXPECT_EQ(to_match_expression("AND OR NOT"), "");
    EXPECT_EQ(to_match_expression("NEAR(a b)"), R"("near" OR "b")");
    EXPECT_EQ(to_match_expression("heading:traction"), R"("heading" OR "traction")");
    EXPECT_EQ(to_match_expression("\"quoted\" (grouped) pre* ^start -minus +plus"),
              R"("quoted" OR "grouped" OR "pre" OR "start" OR "minus" OR "plus")");
}

TEST(FtsQuery, NothingToSearchGivesAnEmptyExpression) {
    for (const char* text :
         {"", "   ", "\"", "*", "(", ")", ":", "^", "-", "the of and", "\xF0\x9F\x9A\x80"}) {
        EXPECT_THAT(query_terms(text), IsEmpty()) << text;
        EXPECT_EQ(to_match_expression(text), "") << text;
    }
}

TEST(FtsQuery, InvalidUtf8BytesSeparateWords) {
    EXPECT_THAT(query_terms("\xFF\xFEinvalid\xC0"
                            "bytes"),
                ElementsAre("invalid", "bytes"));
}

TEST(FtsQuery, UnicodeWordsAreCaseFolded) {
    EXPECT_THAT(query_terms("Café ÜBER naïve 東京 2026"),
                ElementsAre("café", "über", "naïve", "東京", "2026"));
}

TEST(FtsQuery, TermCountIsBounded) {
    std::string text;
    for (int i = 0; i < 1000; ++i) {
        text += "word" + std::to_string(i) + " ";
    }
    EXPECT_EQ(query_terms(text).size(), kMaxQueryTerms);
    EXPECT_THAT(query_terms("alpha beta gamma", 2), ElementsAre("alpha", "beta"));
    EXPECT_THAT(query_terms("x", 0), IsEmpty());
}

}  // namespace
}  // namespace swarm::kb
