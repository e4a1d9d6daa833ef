#include "kb/xml_tree.hpp"

#include <libxml/parser.h>
#include <mutex>

namespace swarm::kb {

void xml_init_parser() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

std::string_view xml_name(const xmlNode* node) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) {
        return {};
    }
    return reinterpret_cast<const char*>(node->name);  // NOLINT: libxml2 strings are UTF-8
}

bool xml_is(const xmlNode* node, std::string_view name) {
    return xml_name(node) == name;
}

std::string xml_attribute(const xmlNode* node, std::string_view name) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE) {
        return {};
    }
    for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
        if (attr->name != nullptr &&
            std::string_view(reinterpret_cast<const char*>(attr->name)) == name) {       // NOLINT
            xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(attr));  // NOLINT
            std::string out =
                value != nullptr ? reinterpret_cast<const char*>(value) : "";  // NOLINT
            xmlFree(value);
            return out;
        }
    }
    return {};
}

const xmlNode* xml_child(const xmlNode* node, std::string_view name) {
    for (const xmlNode* c = node != nullptr ? node->children : nullptr; c != nullptr; c = c->next) {
        if (xml_is(c, name)) {
            return c;
        }
    }
    return nullptr;
}

}  // namespace swarm::kb
