// The documents table as the DocumentLibrary port sees it: one document's info and
// stored text, and the list. Callers hold the knowledge base's lock around every call.
#pragma once

#include "core/knowledge/document_rules.hpp"
#include "core/ports/document_library.hpp"
#include "core/result.hpp"
#include "sqlite/connection.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::kb {

using core::knowledge::check_document_name;  // the name rules, shared by every backend

/// The document's row, or nullopt when no document has the name.
core::Result<std::optional<core::DocumentInfo>> read_document_info(sqlite::Connection& db,
                                                                   const std::string& name);

/// Every document, by name.
core::Result<std::vector<core::DocumentInfo>> read_document_list(sqlite::Connection& db);

/// The text as ingested; for a document stored before schema version 2 (no text kept), its
/// passages joined by blank lines. nullopt when no document has the name.
core::Result<std::optional<std::string>> read_document_text(sqlite::Connection& db,
                                                            const std::string& name);

}  // namespace swarm::kb
