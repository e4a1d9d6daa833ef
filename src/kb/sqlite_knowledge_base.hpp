// The knowledge base on SQLite FTS5: ingests Markdown and text files chunked by heading and
// paragraph (keeping source file and heading per chunk) and answers BM25-ranked searches.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"

namespace swarm::kb {

struct SkippedFile {
    std::string path;
    std::string reason;  // "not valid UTF-8 text", "binary file", "unreadable: ..."
};

struct IngestReport {
    std::vector<std::string> added;      // document names newly ingested
    std::vector<std::string> replaced;   // changed documents whose chunks were replaced
    std::vector<std::string> unchanged;  // same content as stored: nothing done
    std::vector<SkippedFile> skipped;
    std::size_t chunks = 0;              // chunks written by this call
};

class SqliteKnowledgeBase final : public core::KnowledgeBase {
public:
    /// Opens (and creates) the database at `path`; ":memory:" for a private in-memory one.
    static core::Result<std::unique_ptr<SqliteKnowledgeBase>> open(const std::string& path);

    ~SqliteKnowledgeBase() override;
    SqliteKnowledgeBase(const SqliteKnowledgeBase&) = delete;
    SqliteKnowledgeBase& operator=(const SqliteKnowledgeBase&) = delete;

    /// Ingests files and folders (recursively: .md, .markdown, .txt). A document's name is its
    /// path relative to the folder given, or its file name when a file is given directly.
    core::Result<IngestReport> add_paths(std::span<const std::filesystem::path> paths);

    /// Ingests one document from memory (used by the API later). Same replace semantics.
    core::Result<IngestReport> add_document(const std::string& name, std::string_view content);

    core::Result<std::size_t> document_count();

    core::Result<std::vector<core::Passage>> search(std::string_view query,
                                                    std::size_t limit) override;
    core::Result<std::vector<core::Passage>> all_passages() override;

private:
    struct Impl;
    explicit SqliteKnowledgeBase(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace swarm::kb
