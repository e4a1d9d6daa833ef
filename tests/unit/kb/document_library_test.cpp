// The knowledge base as a DocumentLibrary: name and content checks naming the field, created /
// replaced / unchanged, the stored text (also for documents from before schema 2), delete.
#include "kb/sqlite_knowledge_base.hpp"
#include "kb_test_util.hpp"
#include "sqlite/connection.hpp"
#include "support/test_paths.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using testing_util::open_kb;
using testing_util::value_of;

constexpr const char* kPlan = "# Plan\n\nLaunch in Canada with ten technicians.\n";

core::Error error_of(const core::Result<core::DocumentChange>& result) {
    EXPECT_FALSE(result.has_value());
    return result ? core::Error{} : result.error();
}

TEST(KbDocumentLibrary, PutReportsCreatedReplacedAndUnchanged) {
    auto kb = open_kb();
    auto change = value_of(kb->put_document("notes/plan.md", kPlan));
    EXPECT_TRUE(change.created);
    EXPECT_FALSE(change.replaced);
    EXPECT_EQ(change.document.name, "notes/plan.md");
    EXPECT_EQ(change.document.byte_size, std::string(kPlan).size());
    EXPECT_EQ(change.document.chunk_count, 1U);

    change = value_of(kb->put_document("notes/plan.md", kPlan));
    EXPECT_FALSE(change.created);
    EXPECT_FALSE(change.replaced);

    change = value_of(kb->put_document("notes/plan.md", "# Plan\n\nLaunch in Mexico.\n"));
    EXPECT_FALSE(change.created);
    EXPECT_TRUE(change.replaced);
    EXPECT_EQ(value_of(kb->document_text("notes/plan.md")), "# Plan\n\nLaunch in Mexico.\n");
    EXPECT_THAT(value_of(kb->search("mexico", 5)), SizeIs(1));
    EXPECT_THAT(value_of(kb->search("canada", 5)), SizeIs(0));
}

TEST(KbDocumentLibrary, BadNamesAreRejectedNamingTheField) {
    auto kb = open_kb();
    for (const std::string& name :
         {std::string(), std::string("/etc/passwd"), std::string("a/../b.md"),
          std::string("tab\there.md"), std::string(201, 'x'), std::string("bad\xff.md")}) {
        const auto e = error_of(kb->put_document(name, kPlan));
        EXPECT_EQ(e.code, core::ErrorCode::kInvalidArgument) << name;
        EXPECT_EQ(e.field, "name") << name;
    }
    // 200 characters (two bytes each) are allowed.
    std::string long_name;
    for (int i = 0; i < 200; ++i) {
        long_name += "é";
    }
    EXPECT_TRUE(kb->put_document(long_name, kPlan).has_value());
}

TEST(KbDocumentLibrary, BadContentIsRejectedNamingTheField) {
    auto kb = open_kb();
    for (const std::string& content : {std::string(), std::string(" \n"), std::string("a\0b", 3),
                                       std::string("caf\xe9"), std::string("# Only a heading\n")}) {
        const auto e = error_of(kb->put_document("a.md", content));
        EXPECT_EQ(e.code, core::ErrorCode::kInvalidArgument);
        EXPECT_EQ(e.field, "content");
    }
    EXPECT_THAT(value_of(kb->list_documents()), SizeIs(0));
}

TEST(KbDocumentLibrary, ListTextAndDelete) {
    auto kb = open_kb();
    value_of(kb->put_document("b.txt", "Plain text about pricing.\n"));
    value_of(kb->put_document("a.md", kPlan));
    const auto docs = value_of(kb->list_documents());
    ASSERT_THAT(docs, SizeIs(2));
    EXPECT_EQ(docs[0].name, "a.md");
    EXPECT_EQ(docs[1].name, "b.txt");
    EXPECT_EQ(value_of(kb->document_text("a.md")), kPlan);

    EXPECT_TRUE(kb->delete_document("a.md").has_value());
    const auto again = kb->delete_document("a.md");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
    const auto text = kb->document_text("a.md");
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().code, core::ErrorCode::kNotFound);
    EXPECT_THAT(value_of(kb->all_passages()), SizeIs(1));
}

TEST(KbDocumentLibrary, VersionOneDatabaseIsMigratedAndKeepsItsDocuments) {
    test::TempDir dir;
    const std::string path = (dir.path() / "kb.sqlite").string();
    {
        auto kb = open_kb(path);
        value_of(kb->put_document("a.md", "# One\n\nFirst part.\n\n# Two\n\nSecond part.\n"));
    }
    {
        // Turn the file back into a version 1 database: no text column.
        auto db = sqlite::Connection::open(path);
        ASSERT_TRUE(db.has_value());
        ASSERT_TRUE((*db)->exec("ALTER TABLE documents DROP COLUMN text").has_value());
        ASSERT_TRUE((*db)->exec("PRAGMA user_version = 1").has_value());
    }
    auto kb = open_kb(path);
    const auto text = value_of(kb->document_text("a.md"));
    EXPECT_THAT(text, HasSubstr("First part."));
    EXPECT_THAT(text, HasSubstr("Second part."));
    value_of(kb->put_document("b.md", "Fresh text.\n"));
    EXPECT_EQ(value_of(kb->document_text("b.md")), "Fresh text.\n");
    EXPECT_THAT(value_of(kb->list_documents()), SizeIs(2));
}

TEST(KbDocumentLibrary, UsableThroughThePort) {
    auto kb = open_kb();
    core::DocumentLibrary& library = *kb;
    value_of(library.put_document("a.md", kPlan));
    const auto docs = value_of(library.list_documents());
    ASSERT_THAT(docs, SizeIs(1));
    EXPECT_THAT(std::vector<std::string>{docs[0].name}, ElementsAre("a.md"));
}

}  // namespace
}  // namespace swarm::kb
