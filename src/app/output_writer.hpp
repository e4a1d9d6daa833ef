// Writes a finished job to an output folder: one Markdown file per item, schedule.ics and
// result.json. result.json is written last and atomically, so a folder with a result.json is
// always complete; a previous run's files are removed first.
#pragma once

#include "core/model/job.hpp"
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
};

core::Result<std::vector<std::filesystem::path>> write_outputs(const std::filesystem::path& dir,
                                                               const core::Job& job,
                                                               const OutputOptions& options);

/// The Markdown document of one item (title, body or parts, hashtags, schedule, quality, sources).
std::string render_markdown(const core::ContentItem& item);

}  // namespace swarm::app
