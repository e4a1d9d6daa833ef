// Contract: the knowledge base (KnowledgeBase + DocumentLibrary) on every backend — the same
// passages as the SQLite base for the same files, ranked search with stemming and snippets,
// hostile query text, created / replaced / unchanged documents, field-naming errors, restarts.
#include "contract/storage_backends.hpp"
#include "kb/library_ingest.hpp"
#include "kb/sqlite_knowledge_base.hpp"
#include "support/test_paths.hpp"

#include <array>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr const char* kPlan = "# Plan\n\nLaunch in Canada with ten technicians.\n";

template <class T>
T value_of(core::Result<T> result) {
    EXPECT_TRUE(result.has_value()) << (result ? "" : core::describe(result.error()));
    return result ? std::move(*result) : T{};
}

class KnowledgeBaseContract : public StorageContract {
protected:
    core::KnowledgeBase& kb() { return backend().knowledge(); }

    core::DocumentLibrary& library() { return backend().documents(); }

    void load_sample() {
        const std::array<std::filesystem::path, 1> roots{shared_sample("kb-fieldnote")};
        const auto report = value_of(kb::ingest_paths(library(), roots));
        ASSERT_THAT(report.added, SizeIs(6));
        ASSERT_THAT(report.skipped, IsEmpty());
    }

    std::vector<core::Passage> search(const std::string& query, std::size_t limit = 5) {
        return value_of(kb().search(query, limit));
    }

    static core::Error error_of(const core::Result<core::DocumentChange>& result) {
        EXPECT_FALSE(result.has_value());
        return result ? core::Error{} : result.error();
    }
};

SWARM_CONTRACT_SUITE(KnowledgeBaseContract);

TEST_P(KnowledgeBaseContract, PassagesAreTheSameAsTheSqliteBaseCutsThem) {
    load_sample();
    auto reference = kb::SqliteKnowledgeBase::open(":memory:");
    ASSERT_TRUE(reference);
    const std::array<std::filesystem::path, 1> roots{shared_sample("kb-fieldnote")};
    ASSERT_TRUE((*reference)->add_paths(roots));
    const auto expected = value_of((*reference)->all_passages());
    const auto got = value_of(kb().all_passages());
    ASSERT_EQ(got.size(), expected.size());
    ASSERT_FALSE(got.empty());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].id, expected[i].id);
        EXPECT_EQ(got[i].document, expected[i].document);
        EXPECT_EQ(got[i].heading, expected[i].heading);
        EXPECT_EQ(got[i].text, expected[i].text);
    }
    const auto documents = value_of(library().list_documents());
    const auto reference_documents = value_of((*reference)->list_documents());
    ASSERT_EQ(documents.size(), reference_documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i) {
        EXPECT_EQ(documents[i].name, reference_documents[i].name);
        EXPECT_EQ(documents[i].content_hash, reference_documents[i].content_hash);
        EXPECT_EQ(documents[i].byte_size, reference_documents[i].byte_size);
        EXPECT_EQ(documents[i].chunk_count, reference_documents[i].chunk_count);
    }
}

TEST_P(KnowledgeBaseContract, TractionPassageRanksFirstForRevenueGrowth) {
    load_sample();
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

TEST_P(KnowledgeBaseContract, StemmingMatchesOtherWordForms) {
    load_sample();
    const auto technician = search("technician", 50);
    ASSERT_FALSE(technician.empty());
    EXPECT_EQ(technician.size(), search("technicians", 50).size());
    EXPECT_THAT(search("price"), Not(IsEmpty()));
    EXPECT_THAT(search("ROUTING"), Not(IsEmpty())) << "case-insensitive";
}

TEST_P(KnowledgeBaseContract, HeadingMatchesWeighMore) {
    load_sample();
    const auto hits = search("pricing");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].document, "pricing.md");
}

TEST_P(KnowledgeBaseContract, LimitIsHonoured) {
    load_sample();
    EXPECT_THAT(search("technicians", 2), SizeIs(2));
    EXPECT_THAT(search("technicians", 0), IsEmpty());
    EXPECT_THAT(search("technicians", static_cast<std::size_t>(-1)), Not(IsEmpty()));
}

TEST_P(KnowledgeBaseContract, SnippetMarksMatchesOnOneLine) {
    load_sample();
    const auto hits = search("churn");
    ASSERT_THAT(hits, SizeIs(1));
    EXPECT_THAT(hits[0].snippet, HasSubstr("[churn]"));
    EXPECT_THAT(hits[0].snippet, Not(HasSubstr("\n")));
    EXPECT_THAT(hits[0].text, HasSubstr("logo churn under 2%"));
}

TEST_P(KnowledgeBaseContract, NothingMatchesGivesAnEmptyList) {
    load_sample();
    EXPECT_THAT(search("xylophone quaternion"), IsEmpty());
    EXPECT_THAT(search("the and of"), IsEmpty());
    EXPECT_THAT(search(""), IsEmpty());
}

TEST_P(KnowledgeBaseContract, HostileQueriesNeverError) {
    load_sample();
    std::vector<std::string> queries = {"\"",
                                        "AND OR NOT",
                                        "or or",
                                        "-revenue",
                                        "heading:Traction",
                                        "*",
                                        "(",
                                        "NEAR(a b, 2)",
                                        "revenue & | ! <-> :*",
                                        "{heading body}: revenue",
                                        "\xF0\x9F\x9A\x80\xF0\x9F\x93\x88 growth",
                                        "\xFF\xFE\xFD",
                                        "'; DROP TABLE chunks; --",
                                        std::string("nul\0byte", 8),
                                        "東京 ✓",
                                        "\\",
                                        "%"};
    std::string big;
    while (big.size() < std::size_t{10} * 1024) {
        big += "revenue \"growth\" (NEAR* AND: OR) technicians ";
    }
    queries.push_back(big);
    for (const auto& query : queries) {
        const auto result = kb().search(query, 5);
        EXPECT_TRUE(result.has_value())
            << query.substr(0, 40) << ": " << (result ? "" : core::describe(result.error()));
    }
    EXPECT_THAT(search("'; DROP TABLE chunks; --"), IsEmpty());
    EXPECT_THAT(search("-revenue"), Not(IsEmpty())) << "a minus is not an operator";
    EXPECT_THAT(search(big), Not(IsEmpty()));
    EXPECT_THAT(value_of(library().list_documents()), SizeIs(6));
}

TEST_P(KnowledgeBaseContract, ConcurrentSearchesFromFourThreads) {
    load_sample();
    const auto expected = search("annual recurring revenue growth");
    ASSERT_FALSE(expected.empty());
    std::vector<int> wrong(4, 0);
    {
        std::vector<std::jthread> threads;
        for (std::size_t t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 20; ++i) {
                    auto hits = kb().search("annual recurring revenue growth", 5);
                    wrong[t] += !hits || hits->empty() || hits->front().id != expected.front().id;
                }
            });
        }
    }
    EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST_P(KnowledgeBaseContract, PutReportsCreatedReplacedAndUnchanged) {
    auto change = value_of(library().put_document("notes/plan.md", kPlan));
    EXPECT_TRUE(change.created);
    EXPECT_FALSE(change.replaced);
    EXPECT_EQ(change.document.name, "notes/plan.md");
    EXPECT_EQ(change.document.byte_size, std::string(kPlan).size());
    EXPECT_EQ(change.document.chunk_count, 1U);
    EXPECT_EQ(change.document.content_hash.size(), 64U);

    change = value_of(library().put_document("notes/plan.md", kPlan));
    EXPECT_FALSE(change.created);
    EXPECT_FALSE(change.replaced);

    change = value_of(library().put_document("notes/plan.md", "# Plan\n\nLaunch in Mexico.\n"));
    EXPECT_FALSE(change.created);
    EXPECT_TRUE(change.replaced);
    EXPECT_EQ(value_of(library().document_text("notes/plan.md")), "# Plan\n\nLaunch in Mexico.\n");
    EXPECT_THAT(search("mexico"), SizeIs(1));
    EXPECT_THAT(search("canada"), IsEmpty());
    EXPECT_THAT(value_of(kb().all_passages()), SizeIs(1));
}

TEST_P(KnowledgeBaseContract, BadNamesAndContentAreRejectedNamingTheField) {
    for (const std::string& name :
         {std::string(), std::string("/etc/passwd"), std::string("a/../b.md"),
          std::string("tab\there.md"), std::string(201, 'x'), std::string("bad\xff.md")}) {
        const auto e = error_of(library().put_document(name, kPlan));
        EXPECT_EQ(e.code, core::ErrorCode::kInvalidArgument) << name;
        EXPECT_EQ(e.field, "name") << name;
    }
    for (const std::string& content : {std::string(), std::string(" \n"), std::string("a\0b", 3),
                                       std::string("caf\xe9"), std::string("# Only a heading\n")}) {
        const auto e = error_of(library().put_document("a.md", content));
        EXPECT_EQ(e.code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(e.field, "content");
    }
    EXPECT_THAT(value_of(library().list_documents()), IsEmpty());
}

TEST_P(KnowledgeBaseContract, ListTextDeleteAndARestart) {
    value_of(library().put_document("b.txt", "Plain text about pricing.\n"));
    value_of(library().put_document("a.md", kPlan));
    backend().reopen();  // documents are durable
    const auto docs = value_of(library().list_documents());
    ASSERT_THAT(docs, SizeIs(2));
    EXPECT_EQ(docs[0].name, "a.md");
    EXPECT_EQ(docs[1].name, "b.txt");
    EXPECT_EQ(value_of(library().document_text("a.md")), kPlan);

    EXPECT_TRUE(library().delete_document("a.md").has_value());
    const auto again = library().delete_document("a.md");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(again.error().field, "name");
    const auto text = library().document_text("a.md");
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().code, core::ErrorCode::kNotFound);
    EXPECT_THAT(value_of(kb().all_passages()), SizeIs(1));
    EXPECT_THAT(search("technicians"), IsEmpty());
}

}  // namespace
}  // namespace swarm::test
