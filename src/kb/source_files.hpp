// Finding and reading the files to ingest: folders walked recursively in sorted order (hidden
// entries skipped), each file checked to be non-empty UTF-8 text before anything is stored.
#pragma once

#include "kb/ingest_report.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::kb {

/// Larger files are skipped ("too large"): a knowledge base holds prose, not data dumps.
inline constexpr std::uintmax_t kMaxDocumentBytes = std::uintmax_t{16} * 1024 * 1024;

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

/// Why `content` cannot be ingested ("empty", "binary file", "not valid UTF-8 text"), or "".
std::string text_problem(std::string_view content);

/// Strict UTF-8 (RFC 3629): no overlong forms, surrogates or code points above U+10FFFF.
bool is_valid_utf8(std::string_view bytes);

struct LoadedText {
    std::string content;
    std::string skip_reason;  // non-empty: the file must be skipped, content is unset
};

/// Reads a whole file (at most `max_bytes`) and checks it with text_problem().
LoadedText read_source(const std::filesystem::path& path,
                       std::uintmax_t max_bytes = kMaxDocumentBytes);

}  // namespace swarm::kb
