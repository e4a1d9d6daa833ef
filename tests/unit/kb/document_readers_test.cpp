// The format readers on documents made in the test: headings become the chunks' headings,
// lists and table rows become items, entities are decoded, furniture is dropped, and every
// unreadable file has a reason naming its format.
#include "core/knowledge/chunker.hpp"
#include "format_fixtures.hpp"
#include "kb/document_formats.hpp"
#include "kb/docx_reader.hpp"
#include "kb/html_reader.hpp"
#include "kb/pdf_reader.hpp"

#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace swarm::kb {
namespace {

using core::knowledge::chunk_document;
using core::knowledge::TextFormat;
using fixtures::PdfLine;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ok(core::Result<std::string> text) {
    EXPECT_TRUE(text.has_value()) << (text ? "" : text.error().message);
    return text ? *text : std::string();
}

std::string reason(const core::Result<std::string>& text) {
    EXPECT_FALSE(text.has_value()) << "read as: " << (text ? *text : "");
    return text ? std::string() : text.error().message;
}

/// The distinct heading paths of the chunks, in order.
std::vector<std::string> chunk_headings(const std::string& markdown) {
    std::vector<std::string> out;
    for (const auto& chunk : chunk_document(markdown, TextFormat::kMarkdown)) {
        if (out.empty() || out.back() != chunk.heading) {
            out.push_back(chunk.heading);
        }
    }
    return out;
}

// ---- HTML -------------------------------------------------------------------------------------

TEST(HtmlReader, HeadingsParagraphsListsAndTablesBecomeMarkdown) {
    const std::string html = R"(<!doctype html><html><head><title>T</title>
<style>p { color: red }</style><script>var x = "<p>no</p>";</script></head><body>
<header>Site header</header><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<h1>Fieldnote &mdash; Launch</h1>
<p>Fieldnote   helps <a href="/x">field teams</a> work&nbsp;offline. Caf&eacute; &amp; bar.</p>
<h2>Features</h2><ul><li>Offline maps</li><li>Photo <b>notes</b></li></ul>
<h2>Pricing</h2><table><tr><th>Plan</th><th>Price</th></tr><tr><td>Starter</td><td>$29</td></tr>
</table><aside>Related posts</aside><footer>&copy; 2024</footer></body></html>)";
    EXPECT_EQ(ok(html_to_markdown(html)),
              "# Fieldnote — Launch\n\n"
              "Fieldnote helps field teams work offline. Café & bar.\n\n"
              "## Features\n\n- Offline maps\n- Photo notes\n\n"
              "## Pricing\n\n- Plan | Price\n- Starter | $29");
    EXPECT_THAT(chunk_headings(ok(html_to_markdown(html))),
                ElementsAre("Fieldnote — Launch", "Fieldnote — Launch > Features",
                            "Fieldnote — Launch > Pricing"));
}

TEST(HtmlReader, NestedListsAndBareTextKeepTheirWords) {
    const auto text = ok(html_to_markdown(
        "Intro text<div>Block <span>one</span><br>two</div><ol><li>A<ul><li>A.1</li></ul></li>"
        "<li>B</li></ol>"));
    EXPECT_EQ(text, "Intro text\n\nBlock one two\n\n- A\n- A.1\n- B");
}

TEST(HtmlReader, HiddenElementsAreNotText) {
    EXPECT_EQ(ok(html_to_markdown("<p>Shown</p><div style=\"display: none\">store</div>"
                                  "<p hidden>gone</p>")),
              "Shown");
}

TEST(HtmlReader, Latin1DeclaredOrNotIsDecoded) {
    EXPECT_EQ(ok(html_to_markdown("<meta charset=\"iso-8859-1\"><p>Cr\xE8me br\xFBl\xE9"
                                  "e</p>")),
              "Crème brûlée");
    EXPECT_EQ(ok(html_to_markdown("<p>Cr\xE8me</p>")), "Crème");
}

TEST(HtmlReader, ParagraphsThatLookLikeMarkdownStayParagraphs) {
    EXPECT_EQ(ok(html_to_markdown("<p># not a heading</p><p>- not an item</p>")),
              "\\# not a heading\n\n\\- not an item");
}

TEST(HtmlReader, NoTextOrBinaryIsAReason) {
    EXPECT_EQ(reason(html_to_markdown("<html><head><script>x()</script></head><body> "
                                      "<nav>menu</nav><img src=a.png></body></html>")),
              "html: no text");
    EXPECT_EQ(reason(html_to_markdown(std::string("<p>a\0b</p>", 9))), "html: binary file");
}

// ---- DOCX -------------------------------------------------------------------------------------

TEST(DocxReader, StylesListsAndTablesBecomeMarkdown) {
    using fixtures::docx_paragraph;
    const std::string body =
        docx_paragraph("Quarterly Review", "Title") + docx_paragraph("Results", "Heading1") +
        docx_paragraph("Revenue grew 40% &amp; churn fell.") +
        docx_paragraph("First win", {}, true) + docx_paragraph("Second win", "ListBullet") +
        docx_paragraph("Detail", "Heading2") +
        R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Plan</w:t></w:r></w:p></w:tc>)"
        R"(<w:tc><w:p><w:r><w:t>Price</w:t></w:r></w:p></w:tc></w:tr>)"
        R"(<w:tr><w:tc><w:p><w:r><w:t>Pro</w:t></w:r></w:p></w:tc>)"
        R"(<w:tc><w:p><w:r><w:t>$49</w:t></w:r><w:r><w:tab/><w:t>a month</w:t></w:r></w:p>)"
        R"(</w:tc></w:tr></w:tbl>)"
        R"(<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>Deleted</w:delText></w:r>)"
        R"(</w:del><w:hyperlink><w:r><w:t xml:space="preserve"> link text</w:t></w:r>)"
        R"(</w:hyperlink></w:p>)";
    const std::string styles =
        R"(<w:style w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>)";
    const auto text = ok(docx_to_markdown(fixtures::make_docx(body, styles)));
    EXPECT_EQ(text,
              "# Quarterly Review\n\n# Results\n\nRevenue grew 40% & churn fell.\n\n"
              "- First win\n- Second win\n\n## Detail\n\n- Plan | Price\n- Pro | $49 a month\n\n"
              "Kept link text");
    EXPECT_THAT(chunk_headings(text), ElementsAre("Results", "Results > Detail"));
}

TEST(DocxReader, LocalisedStyleIdsAreReadByTheirEnglishNames) {
    const std::string styles =
        R"(<w:style w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>)"
        R"(<w:style w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>)";
    const std::string body = fixtures::docx_paragraph("Markt", "berschrift1") +
                             fixtures::docx_paragraph("Größe", "berschrift2") +
                             fixtures::docx_paragraph("Zwölf Millionen Betriebe.");
    EXPECT_EQ(ok(docx_to_markdown(fixtures::make_docx(body, styles))),
              "# Markt\n\n## Größe\n\nZwölf Millionen Betriebe.");
}

TEST(DocxReader, UnreadableArchivesHaveAReason) {
    EXPECT_EQ(reason(docx_to_markdown("plain text")), "docx: not a zip archive");
    EXPECT_EQ(reason(docx_to_markdown(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))),
              "docx: encrypted or legacy Word file (not a zip archive)");
    EXPECT_EQ(reason(docx_to_markdown(fixtures::make_zip({{"hello.txt", "hi"}}))),
              "docx: no word/document.xml (not a Word document)");
    EXPECT_EQ(reason(docx_to_markdown(fixtures::make_zip({{"word/document.xml", "<w:document"}}))),
              "docx: word/document.xml is not well-formed XML");
    EXPECT_EQ(reason(docx_to_markdown(fixtures::make_docx("<w:p/>"))), "docx: no text");
    EXPECT_THAT(reason(docx_to_markdown(std::string("PK\x03\x04garbage", 11))),
                HasSubstr("docx: damaged zip archive"));
}

// ---- PDF --------------------------------------------------------------------------------------

std::vector<fixtures::PdfPage> report_pages() {
    std::vector<fixtures::PdfPage> pages;
    for (int p = 1; p <= 3; ++p) {
        const std::string n = std::to_string(p);
        pages.push_back({
            {"Fieldnote Confidential", 8},
            {"Section " + n, 20, true},
            {"Background", 14, true},
            {"The first paragraph of section " + n + " talks about infor-", 11, true},
            {"mation that wraps across lines.", 11},
            {"A second paragraph of section " + n + ".", 11, true},
            {"Page " + n + " of 3", 8, true},
        });
    }
    return pages;
}

TEST(PdfReader, MultiPageHeadingsParagraphsAndRunningLines) {
    const auto text = ok(pdf_to_markdown(fixtures::make_pdf(report_pages())));
    EXPECT_THAT(text, HasSubstr("# Section 1\n\n## Background\n\n"
                                "The first paragraph of section 1 talks about information that "
                                "wraps across lines.\n\nA second paragraph of section 1."));
    EXPECT_THAT(text, HasSubstr("# Section 3"));
    EXPECT_THAT(text, Not(HasSubstr("Confidential")));
    EXPECT_THAT(text, Not(HasSubstr("of 3")));
    EXPECT_THAT(
        chunk_headings(text),
        ElementsAre("Section 1 > Background", "Section 2 > Background", "Section 3 > Background"));
}

TEST(PdfReader, BulletLinesBecomeItems) {
    const auto text = ok(pdf_to_markdown(fixtures::make_pdf({{{"Features", 20},
                                                              {"We offer:", 11, true},
                                                              {"\u2022 Offline maps that keep", 11},
                                                              {"working underground", 11},
                                                              {"\u2022 Photo notes", 11},
                                                              {"After the list.", 11, true}}})));
    EXPECT_EQ(text,
              "# Features\n\nWe offer:\n\n- Offline maps that keep working underground\n"
              "- Photo notes\n\nAfter the list.");
}

TEST(PdfReader, ShortDocumentsKeepEveryLine) {
    const auto text =
        ok(pdf_to_markdown(fixtures::make_pdf({{{"Only page", 11}, {"Footer 1", 8, true}}})));
    EXPECT_EQ(text, "Only page\n\nFooter 1");
}

TEST(PdfReader, UnreadablePdfsHaveAReason) {
    EXPECT_EQ(reason(pdf_to_markdown(fixtures::make_image_only_pdf())),
              "pdf: no text layer (scanned image?)");
    EXPECT_EQ(reason(pdf_to_markdown(fixtures::make_encrypted_pdf())),
              "pdf: encrypted (needs a password)");
    EXPECT_EQ(reason(pdf_to_markdown("hello")), "pdf: not a PDF file (no %PDF header)");
    EXPECT_THAT(reason(pdf_to_markdown("%PDF-1.4\ngarbage")), HasSubstr("pdf: "));
}

// ---- Dispatch ---------------------------------------------------------------------------------

TEST(DocumentFormats, ExtensionsAndReasons) {
    EXPECT_EQ(format_of("a/B.PDF"), DocumentFormat::kPdf);
    EXPECT_EQ(format_of("x.Htm"), DocumentFormat::kHtml);
    EXPECT_EQ(format_of("x.docx"), DocumentFormat::kDocx);
    EXPECT_EQ(format_of("notes.markdown"), DocumentFormat::kMarkdown);
    EXPECT_EQ(format_of("notes.txt"), DocumentFormat::kText);
    EXPECT_EQ(format_of("sheet.xlsx"), std::nullopt);
    EXPECT_EQ(format_of(".pdf"), std::nullopt);  // a hidden file, not an extension
    EXPECT_EQ(unsupported_reason("dir/sheet.XLSX"),
              "unsupported file type .xlsx (supported: .md, .markdown, .txt, .pdf, .docx, "
              ".html, .htm)");
    EXPECT_THAT(unsupported_reason("Makefile"), HasSubstr("(no extension)"));
    EXPECT_EQ(read_document(DocumentFormat::kPdf, "").error().message, "empty");
    EXPECT_EQ(read_document(DocumentFormat::kMarkdown, "# A\n\nb\n").value(), "# A\n\nb\n");
    EXPECT_EQ(read_named_document("x.bin", "a").error().field, "name");
}

}  // namespace
}  // namespace swarm::kb
