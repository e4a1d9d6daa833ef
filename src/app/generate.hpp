// The generate use case of the CLI: load and validate a brief, ingest its knowledge base, run the
// pipeline and write the output folder (the server's workers run jobs through core's JobRunner).
#pragma once

#include "core/model/job.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_sink.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace swarm::app {

struct GenerateRequest {
    std::filesystem::path brief_file;
    std::optional<std::filesystem::path> kb_dir;   // overrides the brief's "kb"
    std::optional<std::filesystem::path> out_dir;  // no files are written when unset
    std::optional<std::string> start;              // earliest schedule slot: YYYY-MM-DD[THH:MM]
    std::optional<std::filesystem::path>
        llm_config;       // --llm-config (else CONTENT_SWARM_LLM_CONFIG)
    bool visuals = true;  // --no-visuals: no cards, slides or deck files
};

struct GenerateOutcome {
    core::Job job;
    std::filesystem::path kb_dir;
    std::vector<std::string> kb_warnings;        // files skipped while ingesting
    std::vector<std::filesystem::path> written;  // files written to out_dir, result.json last
    std::string llm_description;                 // which model each agent used ("offline" ...)
    std::string visuals_description;             // "cairo renderer, no image model", "off"
};

/// Bad input (brief, knowledge base, output folder, start) is an error with a field name;
/// a job that ends partial or failed is not an error (see outcome.job.status).
core::Result<GenerateOutcome> run_generate(const GenerateRequest& request, core::EventSink& events,
                                           core::Clock& clock);

/// Reads a whole file with a size limit; kInvalidArgument naming `field` when unreadable.
core::Result<std::string> read_text_file(const std::filesystem::path& path,
                                         const std::string& field, std::size_t max_bytes);

/// Parses YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC) into seconds since the epoch.
core::Result<std::chrono::sys_seconds> parse_start(const std::string& text);

}  // namespace swarm::app
