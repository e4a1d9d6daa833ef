// The knowledge base on PostgreSQL full-text search: documents shared by every replica, cut by
// core's chunker (the same passages as the SQLite FTS5 base), ranked with ts_rank_cd.
#pragma once

#include "core/model/workspace.hpp"
#include "core/ports/document_library.hpp"
#include "core/ports/knowledge_base.hpp"
#include "storage/postgres/pg_database.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::storage {

/// Both knowledge-base ports on the `kb_documents` / `kb_chunks` tables (migration 0003).
/// Search: the query's words (core::knowledge::query_terms, stop-words dropped) OR-ed through
/// websearch_to_tsquery('english'), matched against a GIN-indexed tsvector of heading (weight A)
/// and body (weight B), ranked by ts_rank_cd with heading matches worth twice body ones; the
/// snippet comes from ts_headline with matches in [brackets]. Scores are PostgreSQL's, not
/// comparable with SQLite's BM25 (only the order means something). Word matching follows the
/// 'english' configuration: no diacritic folding (SQLite folds "café" to "cafe").
/// Thread-safe (see PgDatabase); replicas may add, replace and search concurrently: a document
/// name is arbitrated by its UNIQUE index, and a replace swaps the chunks in one transaction.
class PgKnowledgeBase final : public core::KnowledgeBase, public core::DocumentLibrary {
public:
    /// The base of one workspace: every query reads and writes only its documents.
    PgKnowledgeBase(std::shared_ptr<PgDatabase> db, core::WorkspaceId workspace)
        : db_(std::move(db)), workspace_(std::move(workspace)) {}

    core::Result<std::vector<core::Passage>> search(std::string_view query,
                                                    std::size_t limit) override;
    core::Result<std::vector<core::Passage>> all_passages() override;

    /// Adds or replaces a document (unchanged text writes nothing and reports neither created
    /// nor replaced). kInvalidArgument: a bad name ("name"); text that is empty, binary, not
    /// UTF-8, over 16 MiB or without any text to index ("content").
    core::Result<core::DocumentChange> put_document(const std::string& name,
                                                    std::string_view content) override;
    core::Result<std::vector<core::DocumentInfo>> list_documents() override;
    core::Result<std::string> document_text(const std::string& name) override;
    core::Result<void> delete_document(const std::string& name) override;

private:
    std::shared_ptr<PgDatabase> db_;
    core::WorkspaceId workspace_;
};

}  // namespace swarm::storage
