// Finding and checking files to ingest: recursion, order, hidden entries, names, and the
// reasons a file is skipped.
#include "kb/source_files.hpp"

#include "support/test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

void write(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

std::vector<std::string> names(const SourceListing& listing) {
    std::vector<std::string> out;
    for (const auto& file : listing.files) {
        out.push_back(file.name);
    }
    return out;
}

TEST(SourceFiles, FoldersAreWalkedRecursivelyInSortedOrder) {
    test::TempDir dir;
    const fs::path kb = dir.path() / "kb";
    write(kb / "b.md", "b");
    write(kb / "a.markdown", "a");
    write(kb / "sub" / "c.txt", "c");
    write(kb / "Z.MD", "z");
    write(kb / "image.png", "x");
    write(kb / ".hidden.md", "h");
    write(kb / ".git" / "notes.md", "g");
    write(kb / "sub" / ".cache" / "d.md", "d");
    const std::vector<fs::path> paths = {kb / ""};  // a trailing slash changes nothing
    const auto listing = list_sources(paths);
    EXPECT_THAT(names(listing), ElementsAre("Z.MD", "a.markdown", "b.md", "sub/c.txt"));
    // A visible file the knowledge base cannot read is reported, never dropped in silence.
    ASSERT_EQ(listing.skipped.size(), 1U);
    EXPECT_EQ(listing.skipped[0].path, (kb / "image.png").string());
    EXPECT_THAT(listing.skipped[0].reason, HasSubstr("unsupported file type .png (supported: "));
}

TEST(SourceFiles, FilesGivenDirectlyAreNamedByFileName) {
    test::TempDir dir;
    write(dir.path() / "x" / "notes.md", "n");
    write(dir.path() / "data.csv", "1,2");
    const std::vector<fs::path> paths = {dir.path() / "x" / "notes.md", dir.path() / "data.csv",
                                         dir.path() / "missing.md"};
    const auto listing = list_sources(paths);
    EXPECT_THAT(names(listing), ElementsAre("notes.md"));
    ASSERT_EQ(listing.skipped.size(), 2U);
    EXPECT_THAT(listing.skipped[0].reason, HasSubstr("unsupported file type"));
    EXPECT_EQ(listing.skipped[1].path, (dir.path() / "missing.md").string());
    EXPECT_EQ(listing.skipped[1].reason, "not found");
}

TEST(SourceFiles, SecondFileWithTheSameNameIsSkipped) {
    test::TempDir dir;
    write(dir.path() / "one" / "faq.md", "1");
    write(dir.path() / "two" / "faq.md", "2");
    const std::vector<fs::path> paths = {dir.path() / "one", dir.path() / "two"};
    const auto listing = list_sources(paths);
    ASSERT_EQ(listing.files.size(), 1U);
    EXPECT_EQ(listing.files[0].path, dir.path() / "one" / "faq.md");
    ASSERT_EQ(listing.skipped.size(), 1U);
    EXPECT_THAT(listing.skipped[0].reason, HasSubstr("duplicate document name 'faq.md'"));
}

TEST(SourceFiles, TextProblems) {
    EXPECT_EQ(text_problem(""), "empty");
    EXPECT_EQ(text_problem(" \r\n\t"), "empty");
    EXPECT_EQ(text_problem(std::string("abc\0def", 7)), "binary file");
    EXPECT_THAT(text_problem("caf\xE9 latin-1"), HasSubstr("not valid UTF-8"));
    EXPECT_EQ(text_problem("café ✓ 🚀"), "");
}

TEST(SourceFiles, Utf8ValidationIsStrict) {
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\x80"));              // stray continuation
}

TEST(SourceFiles, ReadSourceChecksSizeAndContent) {
    test::TempDir dir;
    write(dir.path() / "ok.md", "# Hi\n\nText.\n");
    write(dir.path() / "big.md", std::string(2000, 'x'));
    write(dir.path() / "bin.md", std::string("\x89PNG\0\0", 6));
    EXPECT_EQ(read_source(dir.path() / "ok.md").content, "# Hi\n\nText.\n");
    EXPECT_THAT(read_source(dir.path() / "big.md", 1000).skip_reason, HasSubstr("too large"));
    EXPECT_EQ(read_source(dir.path() / "big.md", 2000).content.size(), 2000U);
    EXPECT_EQ(read_source(dir.path() / "bin.md").skip_reason, "binary file");
    EXPECT_THAT(read_source(dir.path() / "gone.md").skip_reason, HasSubstr("unreadable"));
}

}  // namespace
}  // namespace swarm::kb
