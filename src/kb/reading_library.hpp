// A DocumentLibrary that reads PDF, DOCX and HTML uploads before storing them: the file's bytes
// go in, the Markdown the readers make is what the wrapped library stores and chunks.
#pragma once

#include "core/ports/document_library.hpp"

namespace swarm::kb {

/// Wraps any library (SQLite or PostgreSQL) without owning it. A name ending in .pdf, .docx,
/// .html or .htm has its content read (document_formats.hpp) and stored under the same name;
/// an unreadable one is kInvalidArgument on "content" with the reason ("cannot be read: pdf:
/// encrypted (needs a password)") and nothing is stored. Other names pass through unchanged.
class ReadingLibrary final : public core::DocumentLibrary {
public:
    explicit ReadingLibrary(core::DocumentLibrary& inner) : inner_(inner) {}

    core::Result<core::DocumentChange> put_document(const std::string& name,
                                                    std::string_view content) override;

    core::Result<std::vector<core::DocumentInfo>> list_documents() override {
        return inner_.list_documents();
    }

    core::Result<std::string> document_text(const std::string& name) override {
        return inner_.document_text(name);
    }

    core::Result<void> delete_document(const std::string& name) override {
        return inner_.delete_document(name);
    }

private:
    core::DocumentLibrary& inner_;
};

}  // namespace swarm::kb
