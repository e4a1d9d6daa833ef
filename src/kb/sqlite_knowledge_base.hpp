// The knowledge base on SQLite FTS5: ingests documents (Markdown, text, PDF, DOCX, HTML) chunked
// by heading and paragraph (keeping source file and heading per chunk) and answers BM25-ranked
// searches.
#pragma once

#include "core/ports/document_library.hpp"
#include "core/ports/knowledge_base.hpp"
#include "core/result.hpp"
#include "kb/ingest_report.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::kb {

/// content_hash is the SHA-256 of the ingested bytes, lower-case hex.
using DocumentInfo = core::DocumentInfo;

/// Thread-safety: one SQLite connection per instance; every public method takes an internal
/// mutex, so one instance may be shared by threads (concurrent search() calls are serialised).
/// Several instances or processes may open the same file: WAL mode lets readers run beside a
/// writer, and a locked database is waited for up to 5 s before an operation fails (kIo).
/// Errors: SQLite failures are kIo with the database path in the message; nothing throws.
class SqliteKnowledgeBase final : public core::KnowledgeBase, public core::DocumentLibrary {
public:
    /// Opens (and creates) the database at `path`; ":memory:" for a private in-memory one.
    /// Creates or migrates the schema (PRAGMA user_version).
    static core::Result<std::unique_ptr<SqliteKnowledgeBase>> open(const std::string& path);

    ~SqliteKnowledgeBase() override;
    SqliteKnowledgeBase(const SqliteKnowledgeBase&) = delete;
    SqliteKnowledgeBase& operator=(const SqliteKnowledgeBase&) = delete;

    /// Ingests files and folders (recursively: .md, .markdown, .txt, and .pdf, .docx, .html,
    /// .htm read into Markdown; see document_formats.hpp). A document's name is its path
    /// relative to the folder given, or its file name when a file is given directly. Folders
    /// are walked in sorted order, hidden files and folders ignored. Missing paths, unsupported
    /// and unusable files (empty, binary, not UTF-8, too large, "pdf: encrypted ...") are
    /// reported in `skipped` and write nothing; the call fails only when the database fails.
    core::Result<IngestReport> add_paths(std::span<const std::filesystem::path> paths);

    /// Ingests one document from memory (put_document builds on it). Same replace semantics: a
    /// changed document's chunks are replaced in one transaction, an unchanged one is left
    /// alone. `name` must not be empty (kInvalidArgument); a name ending in .txt is plain text,
    /// anything else Markdown.
    core::Result<IngestReport> add_document(const std::string& name, std::string_view content);

    /// Deletes a document and its chunks; false when no document has that name.
    core::Result<bool> remove_document(const std::string& name);

    /// Every stored document, by name.
    core::Result<std::vector<DocumentInfo>> list_documents() override;

    /// The DocumentLibrary port: add_document with strict checks (check_document_name; text
    /// that add_document would skip is kInvalidArgument on "content"). Unchanged text reports
    /// neither created nor replaced.
    core::Result<core::DocumentChange> put_document(const std::string& name,
                                                    std::string_view content) override;

    /// The text as ingested (kNotFound, field "name").
    core::Result<std::string> document_text(const std::string& name) override;

    /// remove_document, with kNotFound (field "name") when absent.
    core::Result<void> delete_document(const std::string& name) override;

    core::Result<std::size_t> document_count();

    /// BM25 (heading weighted 2, body 1) over porter-stemmed words of `query`; any text is
    /// accepted (FTS5 syntax is not interpreted) and a query of only stop-words or punctuation
    /// returns nothing. Passages carry a snippet with matches in [brackets].
    core::Result<std::vector<core::Passage>> search(std::string_view query,
                                                    std::size_t limit) override;

    /// Every chunk, by document name then position.
    core::Result<std::vector<core::Passage>> all_passages() override;

private:
    struct Impl;
    explicit SqliteKnowledgeBase(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace swarm::kb
