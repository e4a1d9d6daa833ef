// Finding and reading the files to ingest: folders walked recursively in sorted order (hidden
// entries skipped), each file checked to be non-empty UTF-8 text before anything is stored.
#pragma once

#include "core/knowledge/document_rules.hpp"
#include "kb/ingest_report.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::kb {

// The document rules live in core (every knowledge-base backend applies them).
using core::knowledge::is_valid_utf8;
using core::knowledge::kMaxDocumentBytes;
using core::knowledge::text_problem;

struct SourceFile {
    std::filesystem::path path;
    std::string name;  // relative to the folder given ("sub/notes.md"), or the file name
};

struct SourceListing {
    std::vector<SourceFile> files;  // folder by folder as given, each folder sorted by name
    std::vector<SkippedFile> skipped;
};

/// .md, .markdown and .txt, case-insensitive.
bool is_supported_file(const std::filesystem::path& path);

/// The files to ingest for `paths`. Missing paths, unsupported files given directly and a
/// second file with an already listed document name are reported as skipped.
SourceListing list_sources(std::span<const std::filesystem::path> paths);

struct LoadedText {
    std::string content;
    std::string skip_reason;  // non-empty: the file must be skipped, content is unset
};

/// Reads a whole file (at most `max_bytes`) and checks it with text_problem().
LoadedText read_source(const std::filesystem::path& path,
                       std::uintmax_t max_bytes = kMaxDocumentBytes);

}  // namespace swarm::kb
