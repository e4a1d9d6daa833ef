// The small part of libxml2's tree the DOCX and HTML readers share: local names, attributes by
// local name, owned documents, and the parser set up once for the process.
#pragma once

#include <libxml/tree.h>
#include <memory>
#include <string>
#include <string_view>

namespace swarm::kb {

struct XmlDocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// xmlInitParser, once: libxml2 asks for it before threads parse concurrently.
void xml_init_parser();

/// The element's name without its namespace prefix ("p" for w:p); "" for other nodes.
std::string_view xml_name(const xmlNode* node);

bool xml_is(const xmlNode* node, std::string_view name);

/// The value of the attribute with this local name (any namespace), or "".
std::string xml_attribute(const xmlNode* node, std::string_view name);

/// The first child element with this local name, or nullptr.
const xmlNode* xml_child(const xmlNode* node, std::string_view name);

}  // namespace swarm::kb
