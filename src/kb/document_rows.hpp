// The documents table as the DocumentLibrary port sees it: name rules, one document's info and
// stored text, and the list. Callers hold the knowledge base's lock around every call.
#pragma once

#include "core/ports/document_library.hpp"
#include "core/result.hpp"
#include "sqlite/connection.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::kb {

inline constexpr std::size_t kMaxDocumentNameChars = 200;

/// kInvalidArgument (field "name") unless the name is 1..200 characters of UTF-8 without control
/// characters, does not start with '/' and does not contain "..".
core::Result<void> check_document_name(std::string_view name);

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
