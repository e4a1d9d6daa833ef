#include "kb/document_rows.hpp"

namespace swarm::kb {

namespace {

core::DocumentInfo info_from_row(const sqlite::Statement& stmt) {
    return core::DocumentInfo{stmt.column_text(0), stmt.column_text(1),
                              static_cast<std::size_t>(stmt.column_int(2)),
                              static_cast<std::size_t>(stmt.column_int(3))};
}

core::Result<std::string> joined_chunks(sqlite::Connection& db, const std::string& name) {
    auto stmt = db.prepare(
        "SELECT c.text FROM chunks AS c JOIN documents AS d ON d.id = c.document_id "
        "WHERE d.name = ?1 ORDER BY c.ordinal");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    if (auto ok = stmt->bind_all(name); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    std::string text;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return text;
        }
        text += text.empty() ? "" : "\n\n";
        text += stmt->column_text(0);
    }
}

}  // namespace

core::Result<std::optional<core::DocumentInfo>> read_document_info(sqlite::Connection& db,
                                                                   const std::string& name) {
    auto stmt = db.prepare(
        "SELECT name, content_hash, byte_size, chunk_count FROM documents WHERE name = ?1");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    if (auto ok = stmt->bind_all(name); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<core::DocumentInfo>();
    }
    return std::optional<core::DocumentInfo>(info_from_row(*stmt));
}

core::Result<std::vector<core::DocumentInfo>> read_document_list(sqlite::Connection& db) {
    auto stmt = db.prepare(
        "SELECT name, content_hash, byte_size, chunk_count FROM documents ORDER BY name");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    std::vector<core::DocumentInfo> documents;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return tl::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return documents;
        }
        documents.push_back(info_from_row(*stmt));
    }
}

core::Result<std::optional<std::string>> read_document_text(sqlite::Connection& db,
                                                            const std::string& name) {
    auto stmt = db.prepare("SELECT text FROM documents WHERE name = ?1");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    if (auto ok = stmt->bind_all(name); !ok) {
        return tl::unexpected(std::move(ok.error()));
    }
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<std::string>();
    }
    if (!stmt->column_is_null(0)) {
        return std::optional<std::string>(stmt->column_text(0));
    }
    auto joined = joined_chunks(db, name);
    if (!joined) {
        return tl::unexpected(std::move(joined.error()));
    }
    return std::optional<std::string>(std::move(*joined));
}

}  // namespace swarm::kb
