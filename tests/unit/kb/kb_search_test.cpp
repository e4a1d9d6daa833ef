// Searching the SQLite knowledge base: FTS5 syntax in hostile query text, diacritic folding and
// search beside ingest. Ranking, stemming, snippets, limits: tests/contract (every backend).
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
