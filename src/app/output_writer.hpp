// Writes a finished job to an output folder: one Markdown file per item, schedule.ics and
// result.json. result.json is written last and atomically, so a folder with a result.json is
// always complete; a previous run's files are removed first.
#pragma once

#include "core/model/job.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <vector>

namespace swarm::app {

/// Creates the folder if needed and checks that it is writable (field "--out").
core::Result<void> prepare_output_dir(const std::filesystem::path& dir);

struct OutputOptions {
    std::chrono::sys_seconds stamp{};  // DTSTAMP of the calendar
    std::string product_name;
    /// Model outputs as received (before parsing): written to raw/NNN-agent.txt with
    /// raw/index.json. Empty for offline runs: no raw/ folder.
    std::vector<core::RawOutputRecord> raw_outputs;
    /// Where the items' media (/media/{id} URLs) are: each object is written to media/ (cards,
    /// slides) or <platform>.pdf / .pptx, and result.json and the Markdown files link the files.
    /// Null: media entries are written as they are.
    core::MediaStore* media = nullptr;
};

core::Result<std::vector<std::filesystem::path>> write_outputs(const std::filesystem::path& dir,
                                                               const core::Job& job,
                                                               const OutputOptions& options);

/// Writes the items' stored media (/media/{id} URLs) into `dir`: cards and slides under media/,
/// decks as <platform>.pdf and <platform>.pptx; each entry's url becomes the file's path relative
/// to `dir`. kInternal when an entry's object is not in the store.
core::Result<void> write_media_files(const std::filesystem::path& dir, core::MediaStore& store,
                                     std::vector<core::ContentItem>& items,
                                     std::vector<std::filesystem::path>& written);

/// Removes a platform's media files written by an earlier run (before re-rendering it).
void remove_media_files(const std::filesystem::path& dir, core::Platform platform);

/// Writes through a temporary file and a rename, so readers never see half a file.
core::Result<void> write_file_atomically(const std::filesystem::path& path,
                                         std::string_view content);

/// The name of the result document inside an output folder.
inline constexpr const char* kResultFileName = "result.json";

/// The result document exactly as result.json holds it and `generate --json` prints it (one
/// document, so a script may read either): pretty-printed JSON and a final newline. Media urls
/// are whatever the items carry: after write_outputs, paths relative to the output folder.
std::string result_document(const core::Job& job);

/// The Markdown document of one item (title, body or parts, hashtags, schedule, quality, sources).
std::string render_markdown(const core::ContentItem& item);

}  // namespace swarm::app
