#include "kb/html_reader.hpp"

#include "core/knowledge/document_rules.hpp"
#include "kb/document_formats.hpp"
#include "kb/markdown_out.hpp"
#include "kb/xml_tree.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <libxml/HTMLparser.h>
#include <vector>

namespace swarm::kb {

namespace {

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::ranges::find(names, name) != names.end();
}

/// Page furniture and code: not what the document says.
bool is_dropped(std::string_view name) {
    return one_of(name, {"head", "script", "style", "nav", "footer", "header", "aside", "noscript",
                         "template", "svg", "iframe", "object", "button", "select", "form"});
}

/// Elements that end the text before them and start a new block.
bool is_block(std::string_view name) {
    return one_of(name,
                  {"p",     "div",   "section", "article", "main",    "blockquote", "pre",
                   "ul",    "ol",    "dl",      "dt",      "dd",      "table",      "thead",
                   "tbody", "tfoot", "tr",      "li",      "figure",  "figcaption", "address",
                   "hr",    "body",  "html",    "details", "summary", "caption",    "center"});
}

/// Not shown to a reader: the `hidden` attribute or an inline display:none (wiki stores, menus).
bool is_hidden(const xmlNode* node) {
    if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden")) != nullptr) {  // NOLINT
        return true;
    }
    std::string style = xml_attribute(node, "style");
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos;
}

int heading_level(std::string_view name) {
    if (name.size() == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
        name[1] <= '6') {
        return name[1] - '0';
    }
    return 0;
}

/// Text of a subtree (dropped elements left out), for headings and table cells.
void inline_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            out +=
                c->content != nullptr ? reinterpret_cast<const char*>(c->content) : "";  // NOLINT
        } else if (c->type == XML_ELEMENT_NODE && !is_dropped(xml_name(c))) {
            out += xml_is(c, "br") ? " " : "";
            inline_text(c, out);
            out += is_block(xml_name(c)) ? " " : "";
        }
    }
}

class HtmlWriter {
public:
    /// `first` and its following siblings.
    void walk(const xmlNode* first) {
        for (const xmlNode* c = first; c != nullptr; c = c->next) {
            if (out_.size() > core::knowledge::kMaxDocumentBytes) {
                return;  // read_document reports the text as too large
            }
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                text_ += c->content != nullptr
                             ? reinterpret_cast<const char*>(c->content)  // NOLINT
                             : "";
                continue;
            }
            if (c->type != XML_ELEMENT_NODE) {
                continue;
            }
            element(c);
        }
    }

    void flush() {
        item_ ? out_.item(text_) : out_.paragraph(text_);
        text_.clear();
        item_ = false;
    }

    MarkdownOut& out() { return out_; }

private:
    void element(const xmlNode* c) {
        const std::string_view name = xml_name(c);
        if (is_dropped(name) || is_hidden(c)) {
            return;
        }
        if (const int level = heading_level(name); level > 0) {
            flush();
            std::string heading;
            inline_text(c, heading);
            out_.heading(level, heading);
        } else if (name == "tr") {
            flush();
            row(c);
        } else if (name == "li") {
            flush();
            item_ = true;
            walk(c->children);
            flush();
        } else if (name == "br") {
            text_ += ' ';
        } else if (is_block(name)) {
            flush();
            walk(c->children);
            flush();
        } else {
            walk(c->children);  // inline: a, span, em, strong, code ...
        }
    }

    void row(const xmlNode* tr) {
        std::vector<std::string> cells;
        for (const xmlNode* cell = tr->children; cell != nullptr; cell = cell->next) {
            if (xml_is(cell, "td") || xml_is(cell, "th")) {
                inline_text(cell, cells.emplace_back());
            }
        }
        out_.row(cells);
    }

    MarkdownOut out_;
    std::string text_;
    bool item_ = false;
};

}  // namespace

core::Result<std::string> html_to_markdown(std::string_view bytes) {
    if (std::memchr(bytes.data(), '\0', std::min<std::size_t>(bytes.size(), 8192)) != nullptr) {
        return unreadable("html: binary file");
    }
    xml_init_parser();
    // Valid UTF-8 is read as UTF-8 (the common case without a <meta charset>); anything else
    // is left to the document's declaration, else ISO-8859-1, as browsers do.
    const char* encoding = core::knowledge::is_valid_utf8(bytes) ? "UTF-8" : nullptr;
    XmlDocPtr doc(htmlReadMemory(
        bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding,
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) {
        return unreadable("html: no text");
    }
    HtmlWriter writer;
    writer.walk(root);
    writer.flush();
    if (writer.out().empty()) {
        return unreadable("html: no text");
    }
    return writer.out().take();
}

}  // namespace swarm::kb
