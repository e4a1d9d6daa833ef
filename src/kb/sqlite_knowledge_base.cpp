#include "kb/sqlite_knowledge_base.hpp"

#include "core/knowledge/chunker.hpp"
#include "core/knowledge/inline_markup.hpp"
#include "core/knowledge/query_terms.hpp"
#include "core/text/sha256.hpp"
#include "kb/document_rows.hpp"
#include "kb/schema.hpp"
#include "kb/source_files.hpp"
#include "sqlite/connection.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>

namespace swarm::kb {

namespace {

using core::knowledge::Chunk;
using core::knowledge::chunk_document;
using core::knowledge::format_for_name;
using core::knowledge::kChunkerVersion;
using core::knowledge::strip_inline_markup;
using core::knowledge::to_match_expression;

// Heading matches weigh twice body matches; bm25() is lower-is-better, so the score negates it.
constexpr std::string_view kSearchSql = R"sql(
    SELECT c.chunk_id, d.name, c.heading, c.text, -bm25(chunks_fts, 2.0, 1.0) AS score,
           snippet(chunks_fts, 1, '[', ']', '…', 24)
    FROM chunks_fts
    JOIN chunks AS c ON c.id = chunks_fts.rowid
    JOIN documents AS d ON d.id = c.document_id
    WHERE chunks_fts MATCH ?1
    ORDER BY score DESC, d.name, c.ordinal
    LIMIT ?2)sql";

constexpr std::string_view kAllPassagesSql = R"sql(
    SELECT c.chunk_id, d.name, c.heading, c.text
    FROM chunks AS c JOIN documents AS d ON d.id = c.document_id
    ORDER BY d.name, c.ordinal)sql";

struct StoredDocument {
    std::int64_t id = 0;
    std::string content_hash;
    std::int64_t chunker_version = 0;
};

core::Result<std::optional<StoredDocument>> find_document(sqlite::Connection& db,
                                                          const std::string& name) {
    return db.query_one(
        "SELECT id, content_hash, chunker_version FROM documents WHERE name = ?1",
        [](const sqlite::Statement& row) {
            return StoredDocument{row.column_int(0), row.column_text(1), row.column_int(2)};
        },
        name);
}

/// Inserts the document row, or updates it and drops its old chunks (the delete trigger keeps
/// the FTS index in step). Returns the document id.
core::Result<std::int64_t> write_document(sqlite::Connection& db,
                                          const std::optional<StoredDocument>& old,
                                          const std::string& name, const std::string& hash,
                                          std::string_view text, std::size_t chunks) {
    if (!old) {
        SWARM_TRY(db.execute(
            "INSERT INTO documents (name, content_hash, chunker_version, byte_size, chunk_count, "
            "text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            name, hash, kChunkerVersion, text.size(), chunks, text));
        return db.last_insert_rowid();
    }
    SWARM_TRY(
        db.execute("UPDATE documents SET content_hash = ?2, chunker_version = ?3, byte_size = ?4, "
                   "chunk_count = ?5, text = ?6 WHERE id = ?1",
                   old->id, hash, kChunkerVersion, text.size(), chunks, text));
    SWARM_TRY(db.execute("DELETE FROM chunks WHERE document_id = ?1", old->id));
    return old->id;
}

core::Result<void> write_chunks(sqlite::Connection& db, std::int64_t document_id,
                                const std::string& name, const std::vector<Chunk>& chunks) {
    // Prepared once, run for every chunk.
    SWARM_TRY_ASSIGN(auto row, db.prepare("INSERT INTO chunks (document_id, ordinal, chunk_id, "
                                          "heading, text) VALUES (?1, ?2, ?3, ?4, ?5)"));
    SWARM_TRY_ASSIGN(auto index, db.prepare("INSERT INTO chunks_fts (rowid, heading, body) "
                                            "VALUES (?1, ?2, ?3)"));
    std::int64_t ordinal = 0;
    for (const Chunk& chunk : chunks) {
        ++ordinal;  // 1-based: "traction.md#1" is the first passage
        const std::string chunk_id = name + "#" + std::to_string(ordinal);
        SWARM_TRY(row.execute(document_id, ordinal, chunk_id, chunk.heading, chunk.text));
        SWARM_TRY(
            index.execute(db.last_insert_rowid(), chunk.heading, strip_inline_markup(chunk.text)));
    }
    return {};
}

core::Passage passage_from_row(const sqlite::Statement& stmt) {
    core::Passage passage;
    passage.id = stmt.column_text(0);
    passage.document = stmt.column_text(1);
    passage.heading = stmt.column_text(2);
    passage.text = stmt.column_text(3);
    return passage;
}

/// Stores one valid text document, replacing an older version in one transaction; `label`
/// names it in the report if it is skipped.
core::Result<void> store_document(sqlite::Connection& db, const std::string& name,
                                  const std::string& label, std::string_view content,
                                  IngestReport& report) {
    const std::string hash = core::sha256_hex(content);
    SWARM_TRY_ASSIGN(auto existing, find_document(db, name));
    if (existing && existing->content_hash == hash &&
        existing->chunker_version == kChunkerVersion) {
        report.unchanged.push_back(name);
        return {};
    }
    const std::vector<Chunk> chunks = chunk_document(content, format_for_name(name));
    if (chunks.empty()) {
        report.skipped.push_back({label, "no text to index"});
        return {};
    }
    SWARM_TRY_ASSIGN(auto txn, sqlite::Transaction::begin(db));
    // Looked up again under the write lock: another connection may have written meanwhile.
    SWARM_TRY_ASSIGN(existing, find_document(db, name));
    SWARM_TRY_ASSIGN(const auto id,
                     write_document(db, existing, name, hash, content, chunks.size()));
    SWARM_TRY(write_chunks(db, id, name, chunks));
    SWARM_TRY(txn.commit());
    (existing ? report.replaced : report.added).push_back(name);
    report.chunks += chunks.size();
    return {};
}

}  // namespace

struct SqliteKnowledgeBase::Impl {
    std::unique_ptr<sqlite::Connection> db;  // guarded by mutex
    std::mutex mutex;
};

SqliteKnowledgeBase::SqliteKnowledgeBase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteKnowledgeBase::~SqliteKnowledgeBase() = default;

core::Result<std::unique_ptr<SqliteKnowledgeBase>> SqliteKnowledgeBase::open(
    const std::string& path) {
    // The knowledge base's error contract: every SQLite failure is kIo and names the path; the
    // path is a plain file name, never parsed as a "file:" URI.
    sqlite::ConnectionOptions options;
    options.subject = "knowledge base";
    options.classify_errors = false;
    options.uri = false;
    SWARM_TRY_ASSIGN(auto db, sqlite::Connection::open(path, std::move(options)));
    SWARM_TRY(prepare_database(*db));
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(db);
    return std::unique_ptr<SqliteKnowledgeBase>(new SqliteKnowledgeBase(std::move(impl)));
}

core::Result<IngestReport> SqliteKnowledgeBase::add_paths(
    std::span<const std::filesystem::path> paths) {
    SourceListing listing = list_sources(paths);
    IngestReport report;
    report.skipped = std::move(listing.skipped);
    for (const SourceFile& file : listing.files) {
        // Files are read outside the lock so searches are not held up by disk I/O.
        LoadedText loaded = read_source(file.path);
        if (!loaded.skip_reason.empty()) {
            report.skipped.push_back({file.path.string(), std::move(loaded.skip_reason)});
            continue;
        }
        const std::lock_guard lock(impl_->mutex);
        SWARM_TRY(
            store_document(*impl_->db, file.name, file.path.string(), loaded.content, report));
    }
    return report;
}

core::Result<IngestReport> SqliteKnowledgeBase::add_document(const std::string& name,
                                                             std::string_view content) {
    if (name.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "a document needs a name", "name");
    }
    IngestReport report;
    if (auto problem = text_problem(content); !problem.empty()) {
        report.skipped.push_back({name, std::move(problem)});
        return report;
    }
    if (content.size() > kMaxDocumentBytes) {
        report.skipped.push_back({name, "too large"});
        return report;
    }
    const std::lock_guard lock(impl_->mutex);
    SWARM_TRY(store_document(*impl_->db, name, name, content, report));
    return report;
}

core::Result<bool> SqliteKnowledgeBase::remove_document(const std::string& name) {
    const std::lock_guard lock(impl_->mutex);
    SWARM_TRY(impl_->db->execute("DELETE FROM documents WHERE name = ?1", name));
    return impl_->db->changes() > 0;
}

core::Result<std::vector<DocumentInfo>> SqliteKnowledgeBase::list_documents() {
    const std::lock_guard lock(impl_->mutex);
    return read_document_list(*impl_->db);
}

core::Result<core::DocumentChange> SqliteKnowledgeBase::put_document(const std::string& name,
                                                                     std::string_view content) {
    SWARM_TRY(check_document_name(name));
    SWARM_TRY_ASSIGN(const auto report, add_document(name, content));
    if (!report.skipped.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "cannot be stored: " + report.skipped.front().reason, "content");
    }
    const std::lock_guard lock(impl_->mutex);
    SWARM_TRY_ASSIGN(auto info, read_document_info(*impl_->db, name));
    if (!info) {  // deleted by another connection in between
        return core::fail(core::ErrorCode::kNotFound, "no such document", "name");
    }
    return core::DocumentChange{std::move(*info), !report.added.empty(), !report.replaced.empty()};
}

core::Result<std::string> SqliteKnowledgeBase::document_text(const std::string& name) {
    const std::lock_guard lock(impl_->mutex);
    SWARM_TRY_ASSIGN(auto text, read_document_text(*impl_->db, name));
    if (!text) {
        return core::fail(core::ErrorCode::kNotFound, "no such document", "name");
    }
    return std::move(*text);
}

core::Result<void> SqliteKnowledgeBase::delete_document(const std::string& name) {
    SWARM_TRY_ASSIGN(const bool removed, remove_document(name));
    if (!removed) {
        return core::fail(core::ErrorCode::kNotFound, "no such document", "name");
    }
    return {};
}

core::Result<std::size_t> SqliteKnowledgeBase::document_count() {
    const std::lock_guard lock(impl_->mutex);
    SWARM_TRY_ASSIGN(const auto count, impl_->db->query_int("SELECT count(*) FROM documents"));
    return static_cast<std::size_t>(count);
}

core::Result<std::vector<core::Passage>> SqliteKnowledgeBase::search(std::string_view query,
                                                                     std::size_t limit) {
    const std::string expression = to_match_expression(query);
    if (limit == 0 || expression.empty()) {
        return std::vector<core::Passage>();
    }
    const auto max_rows = static_cast<std::int64_t>(std::min<std::size_t>(
        limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
    const std::lock_guard lock(impl_->mutex);
    return impl_->db->query_all(
        kSearchSql,
        [](const sqlite::Statement& row) {
            core::Passage passage = passage_from_row(row);
            passage.score = row.column_double(4);
            // One line for display: list items and table rows would otherwise break it up.
            passage.snippet = row.column_text(5);
            std::replace(passage.snippet.begin(), passage.snippet.end(), '\n', ' ');
            return passage;
        },
        expression, max_rows);
}

core::Result<std::vector<core::Passage>> SqliteKnowledgeBase::all_passages() {
    const std::lock_guard lock(impl_->mutex);
    return impl_->db->query_all(kAllPassagesSql, passage_from_row);
}

}  // namespace swarm::kb
