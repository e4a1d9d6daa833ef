// The class of broken input: every format truncated at many offsets and with bytes overwritten
// is either read into valid text or refused with a reason; nothing crashes or hangs. A folder of
// mixed files accounts for every regular visible file: ingested or skipped with a reason.
#include "core/knowledge/document_rules.hpp"
#include "format_fixtures.hpp"
#include "kb/document_formats.hpp"
#include "kb/reading_library.hpp"
#include "kb_test_util.hpp"
#include "support/test_paths.hpp"

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Sample {
    DocumentFormat format;
    std::string prefix;  // every reader-specific reason starts with it
    std::string bytes;
};

std::vector<Sample> valid_samples() {
    using fixtures::docx_paragraph;
    return {
        {DocumentFormat::kPdf, "pdf: ",
         fixtures::make_pdf({{{"Title", 20}, {"Body text of page one.", 11, true}},
                             {{"Second page words.", 11}}})},
        {DocumentFormat::kDocx, "docx: ",
         fixtures::make_docx(docx_paragraph("Heading", "Heading1") +
                             docx_paragraph("A paragraph of text.") +
                             docx_paragraph("An item", {}, true))},
        {DocumentFormat::kHtml, "html: ",
         "<html><body><h1>Title</h1><p>Some &amp; text.</p><ul><li>x</li></ul></body></html>"},
        {DocumentFormat::kMarkdown, "", "# Title\n\nSome text.\n\n- item\n"},
    };
}

/// Reasons outside a reader: the checks read_document applies to every format.
bool is_generic_reason(const std::string& reason) {
    return reason == "empty" || reason == "binary file" ||
           reason.find("not valid UTF-8") != std::string::npos || reason.rfind("too large", 0) == 0;
}

TEST(DocumentDamage, EveryDamagedVariantIsTextOrAReason) {
    for (const Sample& sample : valid_samples()) {
        ASSERT_TRUE(read_document(sample.format, sample.bytes).has_value()) << sample.prefix;
        std::size_t refused = 0;
        const auto variants = fixtures::damaged_variants(sample.bytes);
        for (std::size_t i = 0; i < variants.size(); ++i) {
            const auto text = read_document(sample.format, variants[i]);
            if (text) {
                EXPECT_EQ(core::knowledge::text_problem(*text), "") << sample.prefix << i;
                continue;
            }
            ++refused;
            const auto& error = text.error();
            EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
            EXPECT_EQ(error.field, "content");
            EXPECT_TRUE(is_generic_reason(error.message) ||
                        (!sample.prefix.empty() && error.message.rfind(sample.prefix, 0) == 0))
                << "variant " << i << " of " << sample.prefix << ": " << error.message;
        }
        // The empty cut at least; binary formats refuse most cuts (they lose their tails).
        EXPECT_GE(refused, 1U) << sample.prefix;
    }
}

TEST(DocumentDamage, TruncatedBinaryDocumentsAreRefusedNamingTheFormat) {
    for (const Sample& sample : valid_samples()) {
        if (sample.format != DocumentFormat::kPdf && sample.format != DocumentFormat::kDocx) {
            continue;
        }
        // Half a zip has no central directory; half a PDF (cairo writes text last) no text.
        const auto half = read_document(sample.format, sample.bytes.substr(0, 40));
        ASSERT_FALSE(half.has_value());
        EXPECT_THAT(half.error().message, StartsWith(sample.prefix));
    }
}

/// Files of every kind, good and bad, in nested folders, with hidden ones that are ignored.
std::map<std::string, std::string> mixed_folder(std::mt19937& rng) {
    const auto samples = valid_samples();
    const std::vector<std::pair<std::string, std::string>> odd = {
        {"xlsx", "PK\x03\x04"},
        {"png", "\x89PNG"},
        {"csv", "a,b\n1,2\n"},
        {"", "no extension"},
        {"doc", "\xD0\xCF\x11\xE0"},
        {"pdf", "%PDF-1.7 broken"},
        {"docx", "not a zip"},
        {"html", "<script>only()</script>"},
        {"md", ""},
        {"txt", "caf\xE9"}};
    std::map<std::string, std::string> files;
    const std::size_t count = 5 + rng() % 20;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string folder = (rng() % 3 == 0) ? "sub/" : (rng() % 5 == 0 ? "a/b/" : "");
        const std::string stem = folder + "f" + std::to_string(i);
        if (rng() % 2 == 0) {
            const Sample& s = samples[rng() % samples.size()];
            const char* ext = s.format == DocumentFormat::kPdf    ? ".pdf"
                              : s.format == DocumentFormat::kDocx ? ".docx"
                              : s.format == DocumentFormat::kHtml ? ".html"
                                                                  : ".md";
            files[stem + ext] = s.bytes;
        } else {
            const auto& [ext, bytes] = odd[rng() % odd.size()];
            files[ext.empty() ? stem : stem + "." + ext] = bytes;
        }
    }
    return files;
}

TEST(DocumentDamage, EveryVisibleFileOfAFolderIsIngestedOrSkipped) {
    std::mt19937 rng(7);
    for (int round = 0; round < 12; ++round) {
        test::TempDir dir;
        const fs::path root = dir.path() / "kb";
        const auto files = mixed_folder(rng);
        for (const auto& [name, bytes] : files) {
            testing_util::write_file(root / name, bytes);
        }
        testing_util::write_file(root / ".DS_Store", "x");
        testing_util::write_file(root / ".git" / "HEAD", "ref");
        auto kb = testing_util::open_kb();
        const auto report = testing_util::add(*kb, {root});
        std::set<std::string> accounted(report.added.begin(), report.added.end());
        for (const auto& s : report.skipped) {
            EXPECT_FALSE(s.reason.empty()) << s.path;
            accounted.insert(fs::path(s.path).lexically_relative(root).generic_string());
        }
        EXPECT_EQ(report.added.size() + report.skipped.size(), files.size()) << "round " << round;
        for (const auto& [name, bytes] : files) {
            EXPECT_TRUE(accounted.count(name)) << name << " vanished in round " << round;
        }
    }
}

TEST(DocumentDamage, SkippedReasonsNameTheProblem) {
    test::TempDir dir;
    const fs::path root = dir.path() / "kb";
    testing_util::write_file(root / "sheet.xlsx", "PK");
    testing_util::write_file(root / "scan.pdf", fixtures::make_image_only_pdf());
    testing_util::write_file(root / "locked.pdf", fixtures::make_encrypted_pdf());
    testing_util::write_file(root / "memo.docx", "hello");
    testing_util::write_file(root / "good.html", "<h1>Hi</h1><p>There.</p>");
    auto kb = testing_util::open_kb();
    const auto report = testing_util::add(*kb, {root});
    std::map<std::string, std::string> reasons;
    for (const auto& s : report.skipped) {
        reasons[fs::path(s.path).filename().string()] = s.reason;
    }
    EXPECT_THAT(report.added, ::testing::ElementsAre("good.html"));
    EXPECT_THAT(reasons["sheet.xlsx"], HasSubstr("unsupported file type .xlsx (supported: "));
    EXPECT_EQ(reasons["scan.pdf"], "pdf: no text layer (scanned image?)");
    EXPECT_EQ(reasons["locked.pdf"], "pdf: encrypted (needs a password)");
    EXPECT_EQ(reasons["memo.docx"], "docx: not a zip archive");
    const auto passages = testing_util::value_of(kb->all_passages());
    ASSERT_EQ(passages.size(), 1U);
    EXPECT_EQ(passages[0].heading, "Hi");
}

TEST(ReadingLibrary, StoresTheReadTextAndRefusesUnreadableUploads) {
    auto kb = testing_util::open_kb();
    ReadingLibrary library(*kb);
    const auto pdf = fixtures::make_pdf({{{"Pricing", 20}, {"Pro costs $49.", 11, true}}});
    const auto change = testing_util::value_of(library.put_document("price.pdf", pdf));
    EXPECT_TRUE(change.created);
    EXPECT_EQ(testing_util::value_of(library.document_text("price.pdf")),
              "# Pricing\n\nPro costs $49.");
    const auto bad = library.put_document("scan.pdf", fixtures::make_image_only_pdf());
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "content");
    EXPECT_EQ(bad.error().message, "cannot be read: pdf: no text layer (scanned image?)");
    // Markdown passes through untouched; the wrapped library's own checks still apply.
    EXPECT_TRUE(library.put_document("a.md", "# A\n\nText.").has_value());
    EXPECT_EQ(library.put_document("b.md", "").error().field, "content");
    EXPECT_EQ(testing_util::value_of(library.list_documents()).size(), 2U);
}

}  // namespace
}  // namespace swarm::kb
