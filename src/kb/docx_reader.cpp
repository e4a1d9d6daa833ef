#include "kb/docx_reader.hpp"

#include "core/text/utf8.hpp"
#include "kb/document_formats.hpp"
#include "kb/markdown_out.hpp"
#include "kb/xml_tree.hpp"

#include <libxml/parser.h>
#include <map>
#include <optional>
#include <vector>
#include <zip.h>

#include <fmt/format.h>

namespace swarm::kb {

namespace {

/// word/document.xml of a large report is a few MB; more is a zip bomb or not prose.
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{64} * 1024 * 1024;

struct ZipClose {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

using ZipPtr = std::unique_ptr<zip_t, ZipClose>;

struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// A part of the archive; nullopt when absent, an error when damaged or too large.
core::Result<std::optional<std::string>> read_part(zip_t* archive, const char* name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive, name, 0, &stat) != 0) {
        return std::optional<std::string>{};
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) {
        return unreadable(fmt::format("docx: {} too large (limit {} bytes)", name, kMaxPartBytes));
    }
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen(archive, name, 0));
    if (!file) {
        return unreadable(fmt::format("docx: damaged zip archive ({})", zip_strerror(archive)));
    }
    std::string data(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file.get(), data.data(), stat.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
        return unreadable(fmt::format("docx: damaged zip archive ({} cannot be read: {})", name,
                                      zip_file_strerror(file.get())));
    }
    return std::optional<std::string>{std::move(data)};
}

XmlDocPtr parse_xml(const std::string& data) {
    return XmlDocPtr(xmlReadMemory(data.data(), static_cast<int>(data.size()), nullptr, nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

/// styles.xml: style id -> lower-case style name ("Heading1" -> "heading 1"). Word writes the
/// id in the user's language ("berschrift1"); the name stays English.
std::map<std::string, std::string> style_names(const std::optional<std::string>& styles) {
    std::map<std::string, std::string> names;
    XmlDocPtr doc = styles ? parse_xml(*styles) : nullptr;
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    for (const xmlNode* s = root != nullptr ? root->children : nullptr; s != nullptr; s = s->next) {
        if (xml_is(s, "style")) {
            names[xml_attribute(s, "styleId")] =
                core::text::ascii_lower(xml_attribute(xml_child(s, "name"), "val"));
        }
    }
    return names;
}

/// The visible text under `node`: w:t runs, tabs and breaks as spaces; deleted text and field
/// codes left out.
void collect_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        const std::string_view name = xml_name(c);
        if (name == "t") {
            xmlChar* text = xmlNodeGetContent(c);
            out += text != nullptr ? reinterpret_cast<const char*>(text) : "";  // NOLINT
            xmlFree(text);
        } else if (name == "tab" || name == "br" || name == "cr" || name == "p") {
            out += ' ';
            if (name == "p") {
                collect_text(c, out);
            }
        } else if (!name.empty() && name != "delText" && name != "instrText" && name != "pPr" &&
                   name != "rPr") {
            collect_text(c, out);
        }
    }
}

class DocxWriter {
public:
    explicit DocxWriter(std::map<std::string, std::string> styles) : styles_(std::move(styles)) {}

    void blocks(const xmlNode* parent) {
        for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
            const std::string_view name = xml_name(c);
            if (name == "p") {
                paragraph(c);
            } else if (name == "tbl") {
                table(c);
            } else if (name == "sdt" || name == "sdtContent" || name == "customXml") {
                blocks(c);  // content controls wrap ordinary paragraphs
            }
        }
    }

    MarkdownOut& out() { return out_; }

private:
    /// 1..6 for Title and Heading 1..6 (by style name, else id), or the outline level; else 0.
    int heading_level(const xmlNode* props) const {
        const std::string id = xml_attribute(xml_child(props, "pStyle"), "val");
        const auto named = styles_.find(id);
        const std::string style =
            named != styles_.end() ? named->second : core::text::ascii_lower(id);
        if (style == "title") {
            return 1;
        }
        for (const std::string_view prefix : {"heading ", "heading"}) {
            if (style.size() == prefix.size() + 1 && style.rfind(prefix, 0) == 0 &&
                style.back() >= '1' && style.back() <= '9') {
                return std::min(style.back() - '0', 6);
            }
        }
        const std::string outline = xml_attribute(xml_child(props, "outlineLvl"), "val");
        if (outline.size() == 1 && outline[0] >= '0' && outline[0] <= '5') {
            return outline[0] - '0' + 1;
        }
        return 0;
    }

    bool is_list(const xmlNode* props) const {
        if (xml_child(props, "numPr") != nullptr) {
            return true;
        }
        const std::string id = xml_attribute(xml_child(props, "pStyle"), "val");
        const auto named = styles_.find(id);
        const std::string style =
            named != styles_.end() ? named->second : core::text::ascii_lower(id);
        return style.find("list") != std::string::npos;
    }

    void paragraph(const xmlNode* p) {
        std::string text;
        collect_text(p, text);
        const xmlNode* props = xml_child(p, "pPr");
        if (const int level = heading_level(props); level > 0) {
            out_.heading(level, text);
        } else if (is_list(props)) {
            out_.item(text);
        } else {
            out_.paragraph(text);
        }
    }

    void table(const xmlNode* tbl) {
        for (const xmlNode* row = tbl->children; row != nullptr; row = row->next) {
            if (!xml_is(row, "tr")) {
                continue;
            }
            std::vector<std::string> cells;
            for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
                if (xml_is(cell, "tc")) {
                    collect_text(cell, cells.emplace_back());
                }
            }
            out_.row(cells);
        }
    }

    std::map<std::string, std::string> styles_;
    MarkdownOut out_;
};

core::Result<ZipPtr> open_archive(std::string_view bytes) {
    // Password-protected Office files are OLE compound files, as are legacy .doc files.
    if (bytes.rfind("\xD0\xCF\x11\xE0", 0) == 0) {
        return unreadable("docx: encrypted or legacy Word file (not a zip archive)");
    }
    if (bytes.rfind("PK", 0) != 0) {
        return unreadable("docx: not a zip archive");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source != nullptr ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (archive == nullptr) {
        zip_source_free(source);
        std::string reason =
            fmt::format("docx: damaged zip archive ({})", zip_error_strerror(&error));
        zip_error_fini(&error);
        return unreadable(std::move(reason));
    }
    zip_error_fini(&error);
    return ZipPtr(archive);
}

}  // namespace

core::Result<std::string> docx_to_markdown(std::string_view bytes) {
    xml_init_parser();
    SWARM_TRY_ASSIGN(auto archive, open_archive(bytes));
    SWARM_TRY_ASSIGN(const auto document, read_part(archive.get(), "word/document.xml"));
    if (!document) {
        return unreadable("docx: no word/document.xml (not a Word document)");
    }
    SWARM_TRY_ASSIGN(const auto styles, read_part(archive.get(), "word/styles.xml"));
    XmlDocPtr doc = parse_xml(*document);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) {
        return unreadable("docx: word/document.xml is not well-formed XML");
    }
    const xmlNode* body = xml_child(root, "body");
    if (body == nullptr) {
        return unreadable("docx: no text");
    }
    DocxWriter writer(style_names(styles));
    writer.blocks(body);
    if (writer.out().empty()) {
        return unreadable("docx: no text");
    }
    return writer.out().take();
}

}  // namespace swarm::kb
