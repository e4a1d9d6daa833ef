// Finding and reading the files to ingest: folders walked recursively in sorted order (hidden
// entries ignored, every other file listed or reported skipped with a reason), each file read
// in its format (document_formats) and checked before anything is stored.
#pragma once

#include "core/knowledge/document_rules.hpp"
#include "kb/ingest_report.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
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

/// .md .markdown .txt .pdf .docx .html .htm, case-insensitive (document_formats.hpp).
bool is_supported_file(const std::filesystem::path& path);

/// The files to ingest for `paths`. Missing paths, unsupported files (given directly or found
/// in a folder: "unsupported file type .xlsx (supported: ...)"), other non-folder entries and a
/// second file with an already listed document name are reported as skipped. Hidden files
/// and folders (".git", ".DS_Store") are neither listed nor reported.
SourceListing list_sources(std::span<const std::filesystem::path> paths);

struct LoadedText {
    std::string content;
    std::string skip_reason;  // non-empty: the file must be skipped, content is unset
};

/// Reads a whole file (at most `max_bytes`, by default its format's source_limit) and turns it
/// into the text to chunk with read_document(): the skip reason is the reader's ("pdf:
/// encrypted (needs a password)", "binary file", ...).
LoadedText read_source(const std::filesystem::path& path,
                       std::optional<std::uintmax_t> max_bytes = std::nullopt);

}  // namespace swarm::kb
