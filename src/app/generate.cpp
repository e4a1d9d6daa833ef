#include "app/generate.hpp"

#include "app/llm_settings.hpp"
#include "app/memory_media_store.hpp"
#include "app/memory_raw_output_store.hpp"
#include "app/output_writer.hpp"
#include "app/version.hpp"
#include "app/visuals.hpp"
#include "codec/brief_json.hpp"
#include "core/agents/pipeline.hpp"
#include "core/knowledge/document_scope.hpp"
#include "kb/sqlite_knowledge_base.hpp"
#include "tz/date_time_zones.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace swarm::app {
namespace {

using core::ErrorCode;
using core::fail;
namespace fs = std::filesystem;

constexpr std::size_t kMaxBriefBytes = std::size_t{1024} * 1024;

/// FNV-1a: a stable, dependency-free fingerprint for deterministic job ids.
void fnv1a(std::uint64_t& h, std::string_view data) {
    for (const char c : data) {
        h ^= static_cast<std::uint8_t>(c);
        h *= 0x100000001b3ULL;
    }
}

core::Result<fs::path> resolve_kb(const GenerateRequest& request, const core::Brief& brief) {
    fs::path dir;
    if (request.kb_dir) {
        dir = *request.kb_dir;
    } else if (!brief.kb.empty()) {
        dir = request.brief_file.parent_path() / brief.kb;
    } else {
        return fail(ErrorCode::kInvalidArgument,
                    "the brief names no knowledge base; set \"kb\" in the brief (a folder "
                    "relative to the brief file) or pass --kb DIR",
                    "kb");
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a folder; the knowledge base must be a folder of "
                                ".md, .txt, .pdf, .docx or .html files",
                                dir.string()),
                    request.kb_dir ? "--kb" : "kb");
    }
    return dir;
}

core::Result<std::string> job_id_for(const std::string& brief_text, core::KnowledgeBase& kb) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    fnv1a(h, brief_text);
    SWARM_TRY_ASSIGN(auto passages, kb.all_passages());
    for (const auto& p : passages) {
        fnv1a(h, p.document);
        fnv1a(h, p.text);
    }
    return fmt::format("job-{:016x}", h);
}

}  // namespace

core::Result<std::string> read_text_file(const fs::path& path, const std::string& field,
                                         std::size_t max_bytes) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" does not exist or is not a file", path.string()), field);
    }
    const auto size = fs::file_size(path, ec);
    if (ec || size > max_bytes) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is larger than {} bytes", path.string(), max_bytes), field);
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" could not be read", path.string()), field);
    }
    return ss.str();
}

core::Result<std::chrono::sys_seconds> parse_start(const std::string& text) {
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    unsigned hh = 0;
    unsigned mm = 0;
    char tail = '\0';
    const int n =
        std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u%c", &y, &mo, &d, &hh, &mm, &tail);  // NOLINT
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo},
                                          std::chrono::day{d}};
    const bool shape_ok = (n == 3 && text.size() == 10) || (n == 5 && text.size() == 16);
    if (!shape_ok || !ymd.ok() || hh > 23 || mm > 59) {
        return fail(
            ErrorCode::kInvalidArgument,
            fmt::format("\"{}\" is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)", text),
            "--start");
    }
    return std::chrono::sys_seconds{std::chrono::sys_days{ymd}} + std::chrono::hours{hh} +
           std::chrono::minutes{mm};
}

namespace {

struct LoadedBrief {
    std::string text;  // the file as read: part of the job's fingerprint
    core::Brief brief;
    std::optional<std::chrono::sys_seconds> start;
};

/// Everything about the request that can be checked before any work: brief, start, time zone.
core::Result<LoadedBrief> load_brief(const GenerateRequest& request, const core::TimeZones& zones) {
    SWARM_TRY_ASSIGN(auto text, read_text_file(request.brief_file, "--brief", kMaxBriefBytes));
    SWARM_TRY_ASSIGN(auto brief, codec::decode_brief(text));
    if (!brief.brand_profile.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "names a stored brand profile, which only the server keeps; inline the "
                          "brand object instead, or submit the brief to the server",
                          "brand_profile");
    }
    LoadedBrief loaded{std::move(text), std::move(brief), std::nullopt};
    if (request.start) {
        SWARM_TRY_ASSIGN(auto parsed, parse_start(*request.start));
        loaded.start = parsed;
    }
    SWARM_TRY(zones.check(loaded.brief.timezone));
    return loaded;
}

/// "; skipped: a.pdf (pdf: encrypted ...), ..." so a failing run still says why files were refused.
std::string skipped_summary(const std::vector<kb::SkippedFile>& skipped) {
    constexpr std::size_t kListed = 5;
    std::string out;
    for (std::size_t i = 0; i < skipped.size() && i < kListed; ++i) {
        out += fmt::format("{} {} ({})", i == 0 ? "; skipped:" : ",", skipped[i].path,
                           skipped[i].reason);
    }
    if (skipped.size() > kListed) {
        out += fmt::format(" and {} more", skipped.size() - kListed);
    }
    return out;
}

/// A private in-memory knowledge base of the folder; an error when nothing in it is usable.
core::Result<std::unique_ptr<kb::SqliteKnowledgeBase>> ingest(const fs::path& dir,
                                                              const std::string& field,
                                                              std::vector<std::string>& warnings) {
    SWARM_TRY_ASSIGN(auto kb, kb::SqliteKnowledgeBase::open(":memory:"));
    const std::array<fs::path, 1> roots{dir};
    SWARM_TRY_ASSIGN(auto report, kb->add_paths(roots));
    for (const auto& s : report.skipped) {
        warnings.push_back(fmt::format("skipped {}: {}", s.path, s.reason));
    }
    auto documents = kb->document_count();
    if (!documents || *documents == 0) {
        // The folder is the caller's input (--kb or the brief's "kb"): bad input, as in validate.
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("knowledge base folder \"{}\" has no readable documents "
                                "(.md, .markdown, .txt, .pdf, .docx, .html, .htm){}",
                                dir.string(), skipped_summary(report.skipped)),
                    field);
    }
    return kb;
}

/// The brief's documents must be in the folder (a misspelt name would run on nothing): an error
/// naming the first missing one as the brief file writes it, with the names the folder has.
core::Result<void> check_folder_documents(const LoadedBrief& loaded, kb::SqliteKnowledgeBase& kb,
                                          const fs::path& dir) {
    const auto& wanted = loaded.brief.documents;
    if (wanted.empty()) {
        return {};
    }
    SWARM_TRY_ASSIGN(const auto known, kb.list_documents());
    const auto missing = core::knowledge::first_unknown_document(wanted, known);
    if (!missing) {
        return {};
    }
    constexpr std::size_t kListed = 10;
    std::string names;
    for (std::size_t i = 0; i < known.size() && i < kListed; ++i) {
        names += (i == 0 ? "" : ", ") + known[i].name;
    }
    if (known.size() > kListed) {
        names += fmt::format(" and {} more", known.size() - kListed);
    }
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("\"{}\" is not a document in \"{}\"; its documents: {}",
                            wanted[*missing], dir.string(), names),
                codec::document_field(loaded.text, wanted[*missing]));
}

}  // namespace

core::Result<GenerateOutcome> run_generate(const GenerateRequest& request, core::EventSink& events,
                                           core::Clock& clock) {
    tz::DateTimeZones zones;
    SWARM_TRY_ASSIGN(auto loaded, load_brief(request, zones));
    SWARM_TRY_ASSIGN(auto kb_dir, resolve_kb(request, loaded.brief));
    GenerateOutcome outcome;
    outcome.kb_dir = kb_dir;
    SWARM_TRY_ASSIGN(auto kb, ingest(kb_dir, request.kb_dir ? "--kb" : "kb", outcome.kb_warnings));
    SWARM_TRY(check_folder_documents(loaded, *kb, kb_dir));
    if (request.out_dir) {
        SWARM_TRY(prepare_output_dir(*request.out_dir));
    }
    SWARM_TRY_ASSIGN(auto job_id, job_id_for(loaded.text, *kb));
    SWARM_TRY_ASSIGN(auto llm, configure_llm(process_env(), request.llm_config));
    outcome.llm_description = llm.description;
    SWARM_TRY_ASSIGN(auto visuals, configure_visuals(process_env(), request.visuals));
    outcome.visuals_description = visuals.description;
    MemoryRawOutputStore raw_outputs;
    MemoryMediaStore media;
    const auto from = loaded.start.value_or(std::chrono::floor<std::chrono::seconds>(clock.now()));
    core::PipelineDeps deps{*kb, zones, clock, events, {}, &llm.agents, &raw_outputs};
    if (visuals.renderer) {
        deps.renderer = visuals.renderer.get();
        deps.media = &media;
        deps.image_model = visuals.image_model.get();
    }
    SWARM_TRY_ASSIGN(auto job,
                     core::run_pipeline(loaded.brief, deps, core::PipelineOptions{job_id, from}));
    outcome.job = std::move(job);
    // Skipped knowledge-base files travel in the result document too (--json, result.json).
    for (const auto& warning : outcome.kb_warnings) {
        outcome.job.notes.push_back("knowledge base: " + warning);
    }
    if (request.out_dir) {
        OutputOptions output{from, "content-swarm " + build_info().version, {}, &media};
        if (auto raw = raw_outputs.list(core::WorkspaceId(""), job_id)) {
            output.raw_outputs = std::move(*raw);
        }
        SWARM_TRY_ASSIGN(auto written, write_outputs(*request.out_dir, outcome.job, output));
        outcome.written = std::move(written);
    }
    return outcome;
}

}  // namespace swarm::app
