#include "storage/postgres/pg_knowledge_base.hpp"

#include "core/knowledge/chunker.hpp"
#include "core/knowledge/document_rules.hpp"
#include "core/knowledge/inline_markup.hpp"
#include "core/knowledge/query_terms.hpp"
#include "core/text/sha256.hpp"
#include "storage/postgres/pg_codec.hpp"

#include <algorithm>
#include <limits>
#include <optional>

namespace swarm::storage {

namespace {

namespace knowledge = core::knowledge;

// Heading (A) weighs 1.0, body (B) 0.5: heading matches count twice, as in the SQLite base.
constexpr std::string_view kSearchSql = R"sql(
    SELECT c.chunk_id, d.name, c.heading, c.text,
           ts_rank_cd('{0.1, 0.2, 0.5, 1.0}', c.search, q.query) AS score,
           ts_headline('english', c.plain, q.query,
                       'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1')
    FROM kb_chunks AS c
    JOIN kb_documents AS d ON d.id = c.document_id
    CROSS JOIN (SELECT websearch_to_tsquery('english', $1) AS query) AS q
    WHERE c.search @@ q.query AND d.workspace_id = $3
    ORDER BY score DESC, d.name, c.ordinal
    LIMIT $2)sql";

constexpr std::string_view kAllPassagesSql = R"sql(
    SELECT c.chunk_id, d.name, c.heading, c.text
    FROM kb_chunks AS c JOIN kb_documents AS d ON d.id = c.document_id
    WHERE d.workspace_id = $1
    ORDER BY d.name, c.ordinal)sql";

core::Passage passage_from_row(const pqxx::row& row) {
    core::Passage passage;
    passage.id = pg_text(row[0]);
    passage.document = pg_text(row[1]);
    passage.heading = pg_text(row[2]);
    passage.text = pg_text(row[3]);
    return passage;
}

core::DocumentInfo info_from_row(const pqxx::row& row) {
    return core::DocumentInfo{pg_text(row[0]), pg_text(row[1]),
                              static_cast<std::size_t>(pg_int(row[2])),
                              static_cast<std::size_t>(pg_int(row[3]))};
}

tl::unexpected<core::Error> bad_content(const std::string& reason) {
    return core::fail(core::ErrorCode::kInvalidArgument, "cannot be stored: " + reason, "content");
}

tl::unexpected<core::Error> not_found() {
    return core::fail(core::ErrorCode::kNotFound, "no such document", "name");
}

/// Replaces the chunks of document `id` (its old ones, if any, go first).
void write_chunks(pqxx::work& tx, std::int64_t id, const std::string& name,
                  const std::vector<knowledge::Chunk>& chunks) {
    tx.exec_params("DELETE FROM kb_chunks WHERE document_id = $1", id);
    std::int64_t ordinal = 0;
    for (const auto& chunk : chunks) {
        ++ordinal;  // 1-based: "traction.md#1" is the first passage
        tx.exec_params(
            "INSERT INTO kb_chunks (document_id, ordinal, chunk_id, heading, text, plain, search) "
            "VALUES ($1, $2, $3, $4, $5, $6, "
            "setweight(to_tsvector('english', $4), 'A') || "
            "setweight(to_tsvector('english', $6), 'B'))",
            id, ordinal, name + "#" + std::to_string(ordinal), chunk.heading, chunk.text,
            knowledge::strip_inline_markup(chunk.text));
    }
}

}  // namespace

core::Result<std::vector<core::Passage>> PgKnowledgeBase::search(std::string_view query,
                                                                 std::size_t limit) {
    const auto terms = knowledge::query_terms(query);
    if (limit == 0 || terms.empty()) {
        return std::vector<core::Passage>();
    }
    // Any of the words, as the SQLite base does: "a or b or c" to websearch_to_tsquery. The
    // terms are runs of letters and digits, so no other operator can reach the parser.
    std::string expression;
    for (const auto& term : terms) {
        expression += expression.empty() ? term : " or " + term;
    }
    const auto max_rows = static_cast<std::int64_t>(std::min<std::size_t>(
        limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::Passage>> {
        std::vector<core::Passage> passages;  // here: the body may run twice (a reconnect)
        for (const auto& row :
             tx.exec_params(std::string(kSearchSql), expression, max_rows, workspace_.str())) {
            passages.push_back(passage_from_row(row));
            passages.back().score = pg_double(row[4]);
            std::string snippet = pg_text(row[5]);
            std::replace(snippet.begin(), snippet.end(), '\n', ' ');
            passages.back().snippet = std::move(snippet);
        }
        return passages;
    });
}

core::Result<std::vector<core::Passage>> PgKnowledgeBase::all_passages() {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::Passage>> {
        std::vector<core::Passage> passages;
        for (const auto& row : tx.exec_params(std::string(kAllPassagesSql), workspace_.str())) {
            passages.push_back(passage_from_row(row));
        }
        return passages;
    });
}

core::Result<core::DocumentChange> PgKnowledgeBase::put_document(const std::string& name,
                                                                 std::string_view content) {
    SWARM_TRY(knowledge::check_document_name(name));
    if (auto problem = knowledge::text_problem(content); !problem.empty()) {
        return bad_content(problem);
    }
    if (content.size() > knowledge::kMaxDocumentBytes) {
        return bad_content("too large");
    }
    const auto chunks = knowledge::chunk_document(content, knowledge::format_for_name(name));
    if (chunks.empty()) {
        return bad_content("no text to index");
    }
    const std::string hash = core::sha256_hex(content);
    const std::string text(content);
    const auto count = static_cast<std::int64_t>(chunks.size());
    const auto size = static_cast<std::int64_t>(content.size());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::DocumentChange> {
        core::DocumentChange change;
        change.document = {name, hash, content.size(), chunks.size()};
        // The UNIQUE name arbitrates replicas adding one document together: the second waits,
        // inserts nothing, then finds the first's row below (same text: unchanged).
        const auto inserted = tx.exec_params(
            "INSERT INTO kb_documents (name, content_hash, chunker_version, byte_size, "
            "chunk_count, text, workspace_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id",
            name, hash, knowledge::kChunkerVersion, size, count, text, workspace_.str());
        if (!inserted.empty()) {
            write_chunks(tx, pg_int(inserted[0][0]), name, chunks);
            change.created = true;
            return change;
        }
        const auto existing = tx.exec_params(
            "SELECT id, content_hash, chunker_version FROM kb_documents WHERE name = $1 "
            "AND workspace_id = $2 FOR UPDATE",
            name, workspace_.str());
        if (existing.empty()) {
            return core::fail(core::ErrorCode::kUnavailable,
                              "the document was deleted while being replaced; try again", "name");
        }
        if (pg_text(existing[0][1]) == hash &&
            pg_int(existing[0][2]) == knowledge::kChunkerVersion) {
            return change;  // unchanged: nothing written
        }
        const auto id = pg_int(existing[0][0]);
        tx.exec_params(
            "UPDATE kb_documents SET content_hash = $2, chunker_version = $3, byte_size = $4, "
            "chunk_count = $5, text = $6 WHERE id = $1",
            id, hash, knowledge::kChunkerVersion, size, count, text);
        write_chunks(tx, id, name, chunks);
        change.replaced = true;
        return change;
    });
}

core::Result<std::vector<core::DocumentInfo>> PgKnowledgeBase::list_documents() {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::DocumentInfo>> {
        std::vector<core::DocumentInfo> documents;
        for (const auto& row : tx.exec_params("SELECT name, content_hash, byte_size, chunk_count "
                                              "FROM kb_documents WHERE workspace_id = $1 "
                                              "ORDER BY name",
                                              workspace_.str())) {
            documents.push_back(info_from_row(row));
        }
        return documents;
    });
}

core::Result<std::string> PgKnowledgeBase::document_text(const std::string& name) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::string> {
        const auto rows =
            tx.exec_params("SELECT text FROM kb_documents WHERE name = $1 AND workspace_id = $2",
                           name, workspace_.str());
        if (rows.empty()) {
            return not_found();
        }
        return pg_text(rows[0][0]);
    });
}

core::Result<void> PgKnowledgeBase::delete_document(const std::string& name) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        // The chunks go with it (ON DELETE CASCADE), in the same transaction.
        const auto rows = tx.exec_params(
            "DELETE FROM kb_documents WHERE name = $1 AND workspace_id = $2 RETURNING id", name,
            workspace_.str());
        if (rows.empty()) {
            return not_found();
        }
        return {};
    });
}

}  // namespace swarm::storage
