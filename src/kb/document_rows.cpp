#include "kb/document_rows.hpp"

#include "kb/source_files.hpp"

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

core::Result<void> bad_name(std::string message) {
    return core::fail(core::ErrorCode::kInvalidArgument, std::move(message), "name");
}

}  // namespace

core::Result<void> check_document_name(std::string_view name) {
    if (name.empty()) {
        return bad_name("a document needs a name");
    }
    if (!is_valid_utf8(name)) {
        return bad_name("must be UTF-8 text");
    }
    std::size_t chars = 0;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        chars += (byte & 0xC0U) != 0x80U ? 1 : 0;  // count lead bytes: one per code point
        if (byte < 0x20U || byte == 0x7FU) {
            return bad_name("must not contain control characters");
        }
    }
    if (chars > kMaxDocumentNameChars) {
        return bad_name("must be at most 200 characters");
    }
    if (name.front() == '/') {
        return bad_name("must be relative (no leading '/')");
    }
    if (name.find("..") != std::string_view::npos) {
        return bad_name("must not contain \"..\"");
    }
    return {};
}

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
