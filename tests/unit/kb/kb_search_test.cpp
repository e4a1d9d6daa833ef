// Searching the SQLite knowledge base: BM25 ranking over the sample documents, stemming,
// snippets, hostile query text that must never error, and concurrent searches.
#include "kb/sqlite_knowledge_base.hpp"
#include "kb_test_util.hpp"
#include "support/test_paths.hpp"

#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using testing_util::add;
using testing_util::open_kb;
using testing_util::value_of;

class KbSearch : public ::testing::Test {
protected:
    void SetUp() override {
        kb_ = open_kb();
        ASSERT_NE(kb_, nullptr);
        const auto report = add(*kb_, {test::shared_sample("kb-fieldnote")});
        ASSERT_THAT(report.added, SizeIs(6));
    }

    std::vector<core::Passage> search(const std::string& query, std::size_t limit = 5) {
        return value_of(kb_->search(query, limit));
    }

    std::unique_ptr<SqliteKnowledgeBase> kb_;
};

TEST_F(KbSearch, TractionPassageRanksFirstForRevenueGrowth) {
    const auto hits = search("annual recurring revenue growth");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].document, "traction.md");
    EXPECT_EQ(hits[0].id, "traction.md#1");
    EXPECT_THAT(hits[0].heading, HasSubstr("Traction"));
    EXPECT_THAT(hits[0].text, HasSubstr("$2.1M annual recurring revenue"));
    for (std::size_t i = 1; i < hits.size(); ++i) {
        EXPECT_GE(hits[i - 1].score, hits[i].score) << "ranked best first";
    }
    EXPECT_GT(hits[0].score, 0.0);
}

TEST_F(KbSearch, StemmingMatchesOtherWordForms) {
    // The sample says "technicians" and "priced"; porter stemming finds them from other forms.
    const auto technician = search("technician", 50);
    const auto technicians = search("technicians", 50);
    ASSERT_FALSE(technician.empty());
    EXPECT_EQ(technician.size(), technicians.size());
    EXPECT_THAT(search("price"), Not(IsEmpty()));
    EXPECT_THAT(search("ROUTING"), Not(IsEmpty())) << "case-insensitive";
}

TEST_F(KbSearch, HeadingMatchesWeighMore) {
    // "Pricing" is a heading of pricing.md; the word also appears in other bodies.
    const auto hits = search("pricing");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].document, "pricing.md");
}

TEST_F(KbSearch, LimitIsHonoured) {
    EXPECT_THAT(search("technicians", 2), SizeIs(2));
    EXPECT_THAT(search("technicians", 0), IsEmpty());
    EXPECT_THAT(search("technicians", static_cast<std::size_t>(-1)), Not(IsEmpty()));
}

TEST_F(KbSearch, SnippetMarksMatches) {
    const auto hits = search("churn");
    ASSERT_THAT(hits, SizeIs(1));
    EXPECT_THAT(hits[0].snippet, HasSubstr("[churn]"));
    EXPECT_THAT(hits[0].snippet, Not(HasSubstr("\n")));
    EXPECT_THAT(hits[0].text, HasSubstr("logo churn under 2%"));
}

TEST_F(KbSearch, NothingMatchesGivesAnEmptyList) {
    EXPECT_THAT(search("xylophone quaternion"), IsEmpty());
    EXPECT_THAT(search("the and of"), IsEmpty());
    EXPECT_THAT(search(""), IsEmpty());
}

TEST_F(KbSearch, HostileQueriesNeverError) {
    std::vector<std::string> queries = {"\"",
                                        "\"\"",
                                        "AND OR NOT",
                                        "a:b",
                                        "heading:Traction",
                                        "*",
                                        "(",
                                        ")",
                                        "NEAR(",
                                        "NEAR(a b, 2)",
                                        "^",
                                        "-",
                                        "+",
                                        "{heading body}: revenue",
                                        "revenue AND",
                                        "OR revenue",
                                        "rev*",
                                        "\xF0\x9F\x9A\x80\xF0\x9F\x93\x88 growth",
                                        "\xFF\xFE\xFD",
                                        "caf\xC3\xA9",
                                        "'; DROP TABLE chunks; --",
                                        std::string("nul\0byte", 8),
                                        "東京 ✓",
                                        "\\",
                                        "%",
                                        "_"};
    std::string big;
    while (big.size() < std::size_t{10} * 1024) {
        big += "revenue \"growth\" (NEAR* AND: OR) technicians ";
    }
    queries.push_back(big);
    for (const auto& query : queries) {
        const auto result = kb_->search(query, 5);
        EXPECT_TRUE(result.has_value())
            << query.substr(0, 40) << ": " << (result ? "" : core::describe(result.error()));
    }
    EXPECT_THAT(search("'; DROP TABLE chunks; --"), IsEmpty());
    EXPECT_THAT(search("{heading body}: revenue"), Not(IsEmpty()));
    EXPECT_THAT(search(big), Not(IsEmpty()));
    EXPECT_EQ(value_of(kb_->document_count()), 6U);
}

TEST_F(KbSearch, DiacriticsAreFolded) {
    value_of(kb_->add_document("menu.md", "# Menu\n\nThe café serves crème brûlée on Fridays.\n"));
    EXPECT_THAT(search("cafe creme brulee"),
                ElementsAre(::testing::Field(&core::Passage::document, "menu.md")));
}

TEST_F(KbSearch, ConcurrentSearchesFromFourThreads) {
    const auto expected = search("annual recurring revenue growth");
    std::vector<std::vector<std::string>> firsts(4);
    std::vector<int> errors(4, 0);
    {
        std::vector<std::jthread> threads;
        for (std::size_t t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i) {
                    auto hits = kb_->search(
                        i % 2 == 0 ? "annual recurring revenue growth" : "technicians offline", 5);
                    if (!hits || hits->empty()) {
                        ++errors[t];
                    } else if (i % 2 == 0) {
                        firsts[t].push_back(hits->front().id);
                    }
                }
            });
        }
    }
    for (std::size_t t = 0; t < 4; ++t) {
        EXPECT_EQ(errors[t], 0);
        EXPECT_THAT(firsts[t], SizeIs(25));
        for (const auto& id : firsts[t]) {
            EXPECT_EQ(id, expected.front().id);
        }
    }
}

TEST(KbSearchWriters, SearchWhileAnotherThreadIngests) {
    auto kb = open_kb();
    value_of(kb->add_document("base.md", "Routing for field technicians.\n"));
    std::jthread writer([&] {
        for (int i = 0; i < 40; ++i) {
            EXPECT_TRUE(kb->add_document("doc" + std::to_string(i) + ".md",
                                         "Technicians note " + std::to_string(i) + ".\n")
                            .has_value());
        }
    });
    for (int i = 0; i < 40; ++i) {
        const auto hits = kb->search("technicians", 100);
        ASSERT_TRUE(hits.has_value());
        EXPECT_FALSE(hits->empty());
    }
    writer.join();
    EXPECT_EQ(value_of(kb->document_count()), 41U);
}

}  // namespace
}  // namespace swarm::kb
