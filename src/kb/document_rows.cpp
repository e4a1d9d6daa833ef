#include "kb/document_rows.hpp"

namespace swarm::kb {

namespace {

core::DocumentInfo info_from_row(const sqlite::Statement& row) {
    return core::DocumentInfo{row.column_text(0), row.column_text(1),
                              static_cast<std::size_t>(row.column_int(2)),
                              static_cast<std::size_t>(row.column_int(3))};
}

std::string text_of(const sqlite::Statement& row) {
    return row.column_text(0);
}

core::Result<std::string> joined_chunks(sqlite::Connection& db, const std::string& name) {
    SWARM_TRY_ASSIGN(
        const auto chunks,
        db.query_all("SELECT c.text FROM chunks AS c JOIN documents AS d ON d.id = c.document_id "
                     "WHERE d.name = ?1 ORDER BY c.ordinal",
                     text_of, name));
    std::string text;
    for (const auto& chunk : chunks) {
        text += text.empty() ? "" : "\n\n";
        text += chunk;
    }
    return text;
}

}  // namespace

core::Result<std::optional<core::DocumentInfo>> read_document_info(sqlite::Connection& db,
                                                                   const std::string& name) {
    return db.query_one(
        "SELECT name, content_hash, byte_size, chunk_count FROM documents WHERE name = ?1",
        info_from_row, name);
}

core::Result<std::vector<core::DocumentInfo>> read_document_list(sqlite::Connection& db) {
    return db.query_all(
        "SELECT name, content_hash, byte_size, chunk_count FROM documents ORDER BY name",
        info_from_row);
}

core::Result<std::optional<std::string>> read_document_text(sqlite::Connection& db,
                                                            const std::string& name) {
    // NULL text: a document stored before schema version 2, read back from its passages.
    SWARM_TRY_ASSIGN(const auto stored,
                     db.query_one(
                         "SELECT text FROM documents WHERE name = ?1",
                         [](const sqlite::Statement& row) -> std::optional<std::string> {
                             if (row.column_is_null(0)) {
                                 return std::nullopt;
                             }
                             return row.column_text(0);
                         },
                         name));
    if (!stored) {
        return std::optional<std::string>();
    }
    if (*stored) {
        return *stored;
    }
    SWARM_TRY_ASSIGN(auto joined, joined_chunks(db, name));
    return std::optional<std::string>(std::move(joined));
}

}  // namespace swarm::kb
