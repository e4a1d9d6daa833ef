// `content-swarm generate`: run the whole pipeline once for a brief and write the results.
#include "app/generate.hpp"
#include "app/output_writer.hpp"
#include "app/system_clock.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"

#include <cstdio>
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace swarm::cli {
namespace {

// result.json of the largest deck is well under this; a bigger file is not ours.
constexpr std::size_t kMaxResultBytes = std::size_t{64} * 1024 * 1024;

struct GenerateOptions {
    std::string brief;
    std::string kb;
    std::string out;
    std::string start;
    std::string llm_config;
    bool json = false;
    bool quiet = false;
    bool no_visuals = false;
};

void print_summary(const app::GenerateOutcome& outcome) {
    const auto& job = outcome.job;
    fmt::print(stderr, "\nstatus: {} ({} of {} platforms)\n", core::to_string(job.status),
               job.items.size(), job.brief.platforms.size());
    fmt::print(stderr, "models: {}\n", outcome.llm_description);
    fmt::print(stderr, "visuals: {}\n", outcome.visuals_description);
    if (job.usage.model_calls > 0) {
        fmt::print(stderr, "usage: {} model call(s), {} input + {} output tokens, ~${:.4f}\n",
                   job.usage.model_calls, job.usage.input_tokens, job.usage.output_tokens,
                   job.usage.cost_usd);
    }
    for (const auto& item : job.items) {
        std::size_t errors = 0;
        for (const auto& i : item.quality.issues) {
            errors += i.severity == core::Severity::kError ? 1U : 0U;
        }
        fmt::print(stderr, "  {:<11} score {:.2f}, {} issue(s), {} error(s){}\n",
                   core::to_string(item.platform), item.quality.score, item.quality.issues.size(),
                   errors, item.schedule ? ", post at " + item.schedule->suggested_at : "");
    }
    for (const auto p : job.missing_platforms) {
        fmt::print(stderr, "  {:<11} MISSING\n", core::to_string(p));
    }
    for (const auto& note : job.notes) {
        fmt::print(stderr, "  note: {}\n", note);
    }
    if (!outcome.written.empty()) {
        fmt::print(stderr, "\nwritten:\n");
        for (const auto& path : outcome.written) {
            fmt::print(stderr, "  {}\n", path.string());
        }
    }
}

/// The one result document on stdout. With --out it is DIR/result.json byte for byte (read back,
/// so the two can never differ), its media urls paths relative to DIR. Without --out nothing is
/// written and no visuals are drawn (run() turns them off), so no url points at a file that does
/// not exist.
int print_result(const GenerateOptions& opts, const app::GenerateOutcome& outcome) {
    std::string document;
    if (opts.out.empty()) {
        document = app::result_document(outcome.job);
    } else {
        auto text = app::read_text_file(std::filesystem::path(opts.out) / app::kResultFileName,
                                        "--out", kMaxResultBytes);
        if (!text) {
            return report_error(text.error());
        }
        document = std::move(*text);
    }
    std::fwrite(document.data(), 1, document.size(), stdout);
    std::fflush(stdout);
    return kExitOk;
}

int run(const GenerateOptions& opts) {
    app::GenerateRequest request;
    request.brief_file = opts.brief;
    if (!opts.kb.empty()) {
        request.kb_dir = opts.kb;
    }
    if (!opts.out.empty()) {
        request.out_dir = opts.out;
    } else if (!opts.json) {
        request.out_dir = "content-swarm-out";
    }
    if (!opts.start.empty()) {
        request.start = opts.start;
    }
    if (!opts.llm_config.empty()) {
        request.llm_config = opts.llm_config;
    }
    // --json without --out writes no files, so cards, slides and decks would have nowhere to go.
    const bool nowhere_for_media = opts.json && opts.out.empty();
    request.visuals = !opts.no_visuals && !nowhere_for_media;
    if (nowhere_for_media && !opts.no_visuals && !opts.quiet) {
        fmt::print(stderr,
                   "content-swarm: no --out: text only, no cards, slides or deck files "
                   "(pass --out DIR for them)\n");
    }
    ProgressDisplay progress(stderr, opts.quiet);
    app::SystemClock clock;
    auto outcome = app::run_generate(request, progress, clock);
    if (!outcome) {
        return report_error(outcome.error());
    }
    for (const auto& warning : outcome->kb_warnings) {
        fmt::print(stderr, "content-swarm: warning: knowledge base: {}\n", warning);
    }
    if (!opts.quiet) {
        print_summary(*outcome);
    }
    if (opts.json) {
        if (const int printed = print_result(opts, *outcome); printed != kExitOk) {
            return printed;
        }
    }
    return exit_code_for(outcome->job.status);
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<GenerateOptions>();
    auto* cmd = app.add_subcommand(
        "generate",
        "Run research, writers, editor, designer and scheduler for a brief, offline by default");
    cmd->add_option("--brief", opts->brief, "Brief JSON file")->required();
    cmd->add_option("--kb", opts->kb,
                    "Knowledge-base folder (.md/.txt); overrides the brief's \"kb\"");
    cmd->add_option("--out", opts->out,
                    "Output folder for <platform>.md, media/, pitch_deck.pdf/.pptx, schedule.ics "
                    "and result.json "
                    "(default: content-swarm-out, or none with --json)");
    cmd->add_option("--start", opts->start,
                    "Earliest posting slot, YYYY-MM-DD or YYYY-MM-DDTHH:MM in UTC (default: now)");
    cmd->add_option("--llm-config", opts->llm_config,
                    "Language-model configuration file (JSON; default: CONTENT_SWARM_LLM_CONFIG, "
                    "else the CONTENT_SWARM_LLM_* variables, else offline)");
    cmd->add_flag("--no-visuals", opts->no_visuals,
                  "Skip the designer's cards, slides and deck files (PNG, PDF, PPTX)");
    cmd->add_flag("--json", opts->json,
                  "Print the result document on stdout: with --out, the same bytes as "
                  "DIR/result.json (media urls relative to DIR); without --out, text only "
                  "(no files, no visuals)");
    cmd->add_flag("-q,--quiet", opts->quiet, "No progress or summary on stderr");
    cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

}  // namespace swarm::cli
