// Ingest into the SQLite knowledge base: folders, names, re-adding changed and unchanged files,
// skipped files writing nothing, persistence across reopen and database errors as values.
#include "kb/sqlite_knowledge_base.hpp"

#include "kb_test_util.hpp"
#include "sqlite/connection.hpp"
#include "support/test_paths.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing_util::add;
using testing_util::open_kb;
using testing_util::value_of;
using testing_util::write_file;

constexpr const char* kAlpha =
    "# Alpha\n\n## Intro\n\nAlpha routes technicians through the city every morning with care.\n\n"
    "## Numbers\n\n- 12 trucks\n- 30 technicians\n";

std::vector<std::string> ids(const std::vector<core::Passage>& passages) {
    std::vector<std::string> out;
    out.reserve(passages.size());
    for (const auto& p : passages) {
        out.push_back(p.id);
    }
    return out;
}

TEST(KbIngest, SampleFolderIsIngestedWithRelativeNames) {
    auto kb = open_kb();
    const auto report = add(*kb, {test::shared_sample("kb-fieldnote")});
    EXPECT_THAT(report.added, ElementsAre("company_overview.md", "faq.md", "pricing.md",
                                          "product_features.md", "team_and_ask.md", "traction.md"));
    EXPECT_THAT(report.skipped, IsEmpty());
    EXPECT_EQ(value_of(kb->document_count()), 6U);
    const auto passages = value_of(kb->all_passages());
    EXPECT_EQ(passages.size(), report.chunks);
    EXPECT_GE(passages.size(), 15U);
    EXPECT_THAT(passages,
                Contains(AllOf(Field(&core::Passage::id, "traction.md#1"),
                               Field(&core::Passage::heading,
                                     "Fieldnote — Traction and Market > Traction (as of Q3 2026)"),
                               Field(&core::Passage::text, HasSubstr("$2.1M annual recurring")))));
}

TEST(KbIngest, AllPassagesAreInDocumentThenPositionOrder) {
    test::TempDir dir;
    write_file(dir.path() / "kb" / "b.md", kAlpha);
    write_file(dir.path() / "kb" / "a" / "z.txt", "Plain text document about routing trucks.\n");
    auto kb = open_kb();
    add(*kb, {dir.path() / "kb"});
    const auto passages = value_of(kb->all_passages());
    EXPECT_THAT(ids(passages), ElementsAre("a/z.txt#1", "b.md#1", "b.md#2"));
    EXPECT_EQ(passages[0].document, "a/z.txt");
    EXPECT_EQ(passages[0].heading, "");
    EXPECT_EQ(passages[1].heading, "Alpha > Intro");
    EXPECT_EQ(passages[2].text, "- 12 trucks\n- 30 technicians");
}

TEST(KbIngest, ReaddingUnchangedFileWritesNothing) {
    test::TempDir dir;
    write_file(dir.path() / "alpha.md", kAlpha);
    auto kb = open_kb();
    EXPECT_THAT(add(*kb, {dir.path() / "alpha.md"}).added, ElementsAre("alpha.md"));
    const auto second = add(*kb, {dir.path() / "alpha.md"});
    EXPECT_THAT(second.unchanged, ElementsAre("alpha.md"));
    EXPECT_THAT(second.added, IsEmpty());
    EXPECT_THAT(second.replaced, IsEmpty());
    EXPECT_EQ(second.chunks, 0U);
    EXPECT_THAT(value_of(kb->all_passages()), SizeIs(2));
}

TEST(KbIngest, ChangedFileReplacesItsChunks) {
    test::TempDir dir;
    write_file(dir.path() / "alpha.md", kAlpha);
    auto kb = open_kb();
    add(*kb, {dir.path() / "alpha.md"});
    write_file(dir.path() / "alpha.md", "# Alpha\n\nNow we dispatch drones instead of trucks.\n");
    const auto report = add(*kb, {dir.path() / "alpha.md"});
    EXPECT_THAT(report.replaced, ElementsAre("alpha.md"));
    EXPECT_EQ(report.chunks, 1U);
    const auto passages = value_of(kb->all_passages());
    ASSERT_THAT(passages, SizeIs(1));
    EXPECT_EQ(passages[0].id, "alpha.md#1");
    EXPECT_THAT(passages[0].text, HasSubstr("drones"));
    EXPECT_THAT(value_of(kb->search("technicians morning", 10)), IsEmpty())
        << "the old chunks must be gone from the index too";
    EXPECT_THAT(value_of(kb->search("drones", 10)), SizeIs(1));
    EXPECT_EQ(value_of(kb->document_count()), 1U);
}

TEST(KbIngest, UnusableFilesAreSkippedWithAReasonAndWriteNothing) {
    test::TempDir dir;
    const fs::path kb_dir = dir.path() / "kb";
    write_file(kb_dir / "binary.md", std::string("# Title\n\0\x01\x02", 11));
    write_file(kb_dir / "latin1.md",
               "# Caf\xE9\n\nCr\xE8"
               "me br\xFB"
               "l\xE9"
               "e.\n");
    write_file(kb_dir / "empty.md", "");
    write_file(kb_dir / "headings.md", "# Only\n## Headings\n");
    write_file(kb_dir / "good.md", kAlpha);
    auto kb = open_kb();
    const auto report = add(*kb, {kb_dir, dir.path() / "nope"});
    EXPECT_THAT(report.added, ElementsAre("good.md"));
    auto reason_for = [&](const std::string& path) {
        for (const auto& s : report.skipped) {
            if (s.path == path) {
                return s.reason;
            }
        }
        return std::string("(not skipped)");
    };
    EXPECT_EQ(reason_for((kb_dir / "binary.md").string()), "binary file");
    EXPECT_THAT(reason_for((kb_dir / "latin1.md").string()), HasSubstr("not valid UTF-8"));
    EXPECT_EQ(reason_for((kb_dir / "empty.md").string()), "empty");
    EXPECT_EQ(reason_for((kb_dir / "headings.md").string()), "no text to index");
    EXPECT_EQ(reason_for((dir.path() / "nope").string()), "not found");
    EXPECT_THAT(report.skipped, SizeIs(5));
    const auto docs = value_of(kb->list_documents());
    ASSERT_THAT(docs, SizeIs(1));
    EXPECT_EQ(docs[0].name, "good.md");
    EXPECT_THAT(value_of(kb->all_passages()), SizeIs(2));
}

TEST(KbIngest, SkippedChangeKeepsThePreviousVersion) {
    test::TempDir dir;
    write_file(dir.path() / "alpha.md", kAlpha);
    auto kb = open_kb();
    add(*kb, {dir.path() / "alpha.md"});
    write_file(dir.path() / "alpha.md", "");
    const auto report = add(*kb, {dir.path() / "alpha.md"});
    EXPECT_THAT(report.skipped, ElementsAre(Field(&SkippedFile::reason, "empty")));
    EXPECT_THAT(value_of(kb->all_passages()), SizeIs(2));
}

TEST(KbIngest, FolderWithoutUsableFilesAddsNothing) {
    test::TempDir dir;
    write_file(dir.path() / "kb" / "photo.jpg", "jpeg");
    write_file(dir.path() / "kb" / ".draft.md", "hidden");
    auto kb = open_kb();
    const auto report = add(*kb, {dir.path() / "kb"});
    EXPECT_THAT(report.added, IsEmpty());
    // The photo is named with its reason; the hidden draft is not a document at all.
    ASSERT_THAT(report.skipped, SizeIs(1));
    EXPECT_EQ(report.skipped[0].path, (dir.path() / "kb" / "photo.jpg").string());
    EXPECT_EQ(value_of(kb->document_count()), 0U);
}

TEST(KbIngest, AddDocumentFromMemory) {
    auto kb = open_kb();
    auto report = value_of(kb->add_document("notes/plan.md", "# Plan\n\nLaunch in Canada.\n"));
    EXPECT_THAT(report.added, ElementsAre("notes/plan.md"));
    report = value_of(kb->add_document("notes/plan.md", "# Plan\n\nLaunch in Canada.\n"));
    EXPECT_THAT(report.unchanged, ElementsAre("notes/plan.md"));
    report = value_of(kb->add_document("bad.md", std::string("a\0b", 3)));
    EXPECT_THAT(report.skipped, ElementsAre(Field(&SkippedFile::path, "bad.md")));
    const auto empty_name = kb->add_document("", "text");
    ASSERT_FALSE(empty_name.has_value());
    EXPECT_EQ(empty_name.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(empty_name.error().field, "name");
}

TEST(KbIngest, RemoveDocumentDropsItsChunks) {
    auto kb = open_kb();
    value_of(kb->add_document("a.md", kAlpha));
    value_of(kb->add_document("b.md", "Other text about pricing plans.\n"));
    EXPECT_TRUE(value_of(kb->remove_document("a.md")));
    EXPECT_FALSE(value_of(kb->remove_document("a.md")));
    EXPECT_THAT(ids(value_of(kb->all_passages())), ElementsAre("b.md#1"));
    EXPECT_THAT(value_of(kb->search("technicians", 5)), IsEmpty());
}

TEST(KbIngest, ListDocumentsReportsHashAndCounts) {
    auto kb = open_kb();
    value_of(kb->add_document("a.md", "abc"));
    const auto docs = value_of(kb->list_documents());
    ASSERT_THAT(docs, SizeIs(1));
    EXPECT_EQ(docs[0].content_hash,
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(docs[0].byte_size, 3U);
    EXPECT_EQ(docs[0].chunk_count, 1U);
}

TEST(KbDatabase, FileDatabasePersistsAcrossReopen) {
    test::TempDir dir;
    const std::string path = (dir.path() / "kb.sqlite").string();
    {
        auto kb = open_kb(path);
        add(*kb, {test::shared_sample("kb-fieldnote")});
    }
    EXPECT_TRUE(fs::exists(path));
    auto kb = open_kb(path);
    EXPECT_EQ(value_of(kb->document_count()), 6U);
    EXPECT_THAT(value_of(kb->search("technicians", 3)), SizeIs(3));
    const auto again = add(*kb, {test::shared_sample("kb-fieldnote")});
    EXPECT_THAT(again.unchanged, SizeIs(6));
}

TEST(KbDatabase, TwoInstancesShareOneFile) {
    test::TempDir dir;
    const std::string path = (dir.path() / "kb.sqlite").string();
    auto writer = open_kb(path);
    auto reader = open_kb(path);
    value_of(writer->add_document("a.md", kAlpha));
    EXPECT_THAT(value_of(reader->search("technicians", 5)), SizeIs(2));
    value_of(reader->add_document("a.md", "# Alpha\n\nReplaced by the other instance.\n"));
    EXPECT_THAT(ids(value_of(writer->all_passages())), ElementsAre("a.md#1"));
}

TEST(KbDatabase, FileDatabaseUsesWalAndSchemaVersionTwo) {
    test::TempDir dir;
    const fs::path path = dir.path() / "kb.sqlite";
    { open_kb(path.string()); }
    // The header of a WAL database says so (file format bytes 18 and 19 are 2); user_version is
    // the big-endian integer at offset 60.
    const std::string header = test::read_file(path).substr(0, 100);
    ASSERT_EQ(header.size(), 100U);
    EXPECT_EQ(header[18], 2);
    EXPECT_EQ(header[19], 2);
    EXPECT_EQ(header.substr(60, 4), std::string("\0\0\0\2", 4));
}

TEST(KbDatabase, ErrorsAreValuesNamingThePath) {
    test::TempDir dir;
    const std::string missing_dir = (dir.path() / "no" / "such" / "kb.sqlite").string();
    auto opened = SqliteKnowledgeBase::open(missing_dir);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::ErrorCode::kIo);
    EXPECT_THAT(opened.error().message, HasSubstr(missing_dir));

    const fs::path not_a_db = dir.path() / "notes.sqlite";
    write_file(not_a_db, std::string(4096, 'x'));
    opened = SqliteKnowledgeBase::open(not_a_db.string());
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::ErrorCode::kIo);
    EXPECT_THAT(opened.error().message, HasSubstr(not_a_db.string()));
}

TEST(KbDatabase, NewerSchemaVersionIsRefused) {
    test::TempDir dir;
    const std::string path = (dir.path() / "kb.sqlite").string();
    {
        auto db = sqlite::Connection::open(path);
        ASSERT_TRUE(db.has_value());
        ASSERT_TRUE((*db)->exec("PRAGMA user_version = 7").has_value());
    }
    const auto opened = SqliteKnowledgeBase::open(path);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_THAT(opened.error().message, HasSubstr("schema version 7"));
}

}  // namespace
}  // namespace swarm::kb
