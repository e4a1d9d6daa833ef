// Port: the knowledge base's documents as a resource (add, list, get, remove), beside the
// KnowledgeBase port used for search. Implemented by kb::SqliteKnowledgeBase.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

struct DocumentInfo {
    std::string name;
    std::string content_hash;
    std::size_t byte_size = 0;
    std::size_t chunk_count = 0;
};

struct DocumentChange {
    DocumentInfo document;
    bool created = false;   // new name
    bool replaced = false;  // same name, changed content
};

class DocumentLibrary {
public:
    virtual ~DocumentLibrary() = default;

    /// Adds or replaces a Markdown/text document. kInvalidArgument (field "content") for text
    /// that is empty, not UTF-8 or binary; kInvalidArgument (field "name") for a bad name.
    virtual Result<DocumentChange> put_document(const std::string& name,
                                                std::string_view content) = 0;
    virtual Result<std::vector<DocumentInfo>> list_documents() = 0;
    /// The stored text. kNotFound.
    virtual Result<std::string> document_text(const std::string& name) = 0;
    /// kNotFound.
    virtual Result<void> delete_document(const std::string& name) = 0;
};

}  // namespace swarm::core
