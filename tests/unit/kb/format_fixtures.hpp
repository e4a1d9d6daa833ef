// Documents of every format the knowledge base reads, made in the test from their parts: PDF
// pages drawn with cairo, DOCX archives zipped with libzip, and byte-level damage variants.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace swarm::kb::fixtures {

struct PdfLine {
    std::string text;
    double size = 11;         // points; larger type reads as a heading
    bool gap_before = false;  // a blank line's space before it (a new paragraph)
};

using PdfPage = std::vector<PdfLine>;

/// A PDF with real text (cairo's toy font API, DejaVu Sans), one page per entry.
std::string make_pdf(const std::vector<PdfPage>& pages);

/// A one-page PDF with a filled rectangle and no text at all (like a scanned page).
std::string make_image_only_pdf();

/// A PDF whose trailer names a standard security handler whose user password is not empty.
std::string make_encrypted_pdf();

/// A DOCX archive: word/document.xml holds `body_xml` inside <w:body>, word/styles.xml (when
/// `styles_xml` is not empty) holds the given <w:style> elements.
std::string make_docx(const std::string& body_xml, const std::string& styles_xml = {});

/// A zip archive of the given parts (name, content), in order.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts);

/// A DOCX paragraph: <w:p> with an optional style id and list numbering, one run of text.
std::string docx_paragraph(const std::string& text, const std::string& style = {},
                           bool numbered = false);

/// Damaged copies of `bytes`: truncated at `cuts` offsets spread over the file and with
/// `flips` single bytes overwritten (deterministic), for readers that must never crash.
std::vector<std::string> damaged_variants(const std::string& bytes, std::size_t cuts = 40,
                                          std::size_t flips = 40);

}  // namespace swarm::kb::fixtures
