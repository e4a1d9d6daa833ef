// Loading files and folders into any DocumentLibrary (the PostgreSQL knowledge base at server
// start): the same file walk and checks as SqliteKnowledgeBase::add_paths, through the port.
#pragma once

#include "core/ports/document_library.hpp"
#include "core/result.hpp"
#include "kb/ingest_report.hpp"

#include <filesystem>
#include <span>

namespace swarm::kb {

/// Puts every usable file of `paths` (see list_sources) into `library`. Files it refuses with
/// kInvalidArgument, and unreadable or unsupported ones, are reported in `skipped`; the call fails
/// only on any other library error.
core::Result<IngestReport> ingest_paths(core::DocumentLibrary& library,
                                        std::span<const std::filesystem::path> paths);

}  // namespace swarm::kb
