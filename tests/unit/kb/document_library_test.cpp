// The SQLite knowledge base as a DocumentLibrary: the stored text of documents from before schema
// 2, and use through the port. Backend-neutral cases: tests/contract/knowledge_base_contract_test.
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
