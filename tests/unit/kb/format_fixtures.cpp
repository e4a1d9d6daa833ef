#include "format_fixtures.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <zip.h>

#include <cairo-pdf.h>
#include <cairo.h>

namespace swarm::kb::fixtures {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

constexpr double kWidth = 595;  // A4, points
constexpr double kHeight = 842;

/// A PDF of A4 pages drawn by `draw` (which ends each page with cairo_show_page).
template <class Draw>
std::string render_pdf(Draw draw) {
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight);
    cairo_t* cr = cairo_create(surface);
    draw(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return out;
}

}  // namespace

std::string make_pdf(const std::vector<PdfPage>& pages) {
    return render_pdf([&](cairo_t* cr) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        for (const PdfPage& page : pages) {
            double y = 60;
            for (const PdfLine& line : page) {
                y += (line.gap_before ? 1.6 : 1.25) * line.size;
                cairo_set_font_size(cr, line.size);
                cairo_move_to(cr, 50, y);
                cairo_show_text(cr, line.text.c_str());
            }
            cairo_show_page(cr);
        }
    });
}

std::string make_image_only_pdf() {
    return render_pdf([](cairo_t* cr) {
        cairo_set_source_rgb(cr, 0.2, 0.3, 0.4);
        cairo_rectangle(cr, 50, 50, 400, 300);
        cairo_fill(cr);
        cairo_show_page(cr);
    });
}

std::string make_encrypted_pdf() {
    // Objects without a cross-reference table: poppler rebuilds it, then finds /Encrypt and
    // fails to authenticate the empty user password against these /O and /U values.
    const std::string hex32(64, 'A');
    std::ostringstream pdf;
    pdf << "%PDF-1.4\n"
        << "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        << "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        << "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        << "4 0 obj << /Filter /Standard /V 1 /R 2 /O <" << hex32 << "> /U <" << hex32
        << "> /P -4 >> endobj\n"
        << "trailer << /Root 1 0 R /Encrypt 4 0 R /Size 5 /ID [<" << hex32.substr(0, 32) << "><"
        << hex32.substr(0, 32) << ">] >>\n%%EOF\n";
    return pdf.str();
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("kb-fixture-" + std::to_string(std::random_device{}()) + ".zip");
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("zip_open failed");
    }
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (source == nullptr ||
            zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("zip_file_add failed");
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("zip_close failed");
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
}

std::string make_docx(const std::string& body_xml, const std::string& styles_xml) {
    const std::string ns =
        R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml",
         R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
        {"word/document.xml",
         R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )" + ns +
             "><w:body>" + body_xml + "</w:body></w:document>"},
    };
    if (!styles_xml.empty()) {
        parts.emplace_back("word/styles.xml", "<?xml version=\"1.0\"?><w:styles " + ns + ">" +
                                                  styles_xml + "</w:styles>");
    }
    return make_zip(parts);
}

std::string docx_paragraph(const std::string& text, const std::string& style, bool numbered) {
    std::string props;
    if (!style.empty()) {
        props += R"(<w:pStyle w:val=")" + style + R"("/>)";
    }
    if (numbered) {
        props += R"(<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>)";
    }
    return "<w:p>" + (props.empty() ? "" : "<w:pPr>" + props + "</w:pPr>") +
           R"(<w:r><w:t xml:space="preserve">)" + text + "</w:t></w:r></w:p>";
}

std::vector<std::string> damaged_variants(const std::string& bytes, std::size_t cuts,
                                          std::size_t flips) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < cuts; ++i) {
        out.push_back(bytes.substr(0, bytes.size() * i / cuts));
    }
    std::mt19937 rng(12345);  // fixed seed: the same variants every run
    for (std::size_t i = 0; i < flips && !bytes.empty(); ++i) {
        std::string copy = bytes;
        for (int k = 0; k < 4; ++k) {
            copy[rng() % copy.size()] = static_cast<char>(rng() & 0xFF);
        }
        out.push_back(std::move(copy));
    }
    return out;
}

}  // namespace swarm::kb::fixtures
