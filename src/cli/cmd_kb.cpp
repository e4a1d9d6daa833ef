// `content-swarm kb add|search`: a persistent knowledge base in a SQLite file.
#include "cli/common.hpp"
#include "kb/sqlite_knowledge_base.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {
namespace {

struct KbOptions {
    std::string db;
    std::vector<std::string> paths;
    std::string query;
    std::size_t limit = 5;
    bool json = false;
};

/// --db, else CONTENT_SWARM_DB, else ./content-swarm.db; accepts "sqlite:PATH" or a plain path.
/// The knowledge base lives beside that database in PATH.kb, exactly where `serve` looks.
core::Result<std::string> database_path(const std::string& option) {
    std::string url = option;
    if (url.empty()) {
        const char* env = std::getenv("CONTENT_SWARM_DB");  // NOLINT(concurrency-mt-unsafe)
        url = env != nullptr && *env != '\0' ? env : "sqlite:content-swarm.db";
    }
    if (url.rfind("sqlite:", 0) == 0) {
        url = url.substr(7);
    }
    if (url.find("://") != std::string::npos || url.empty()) {
        return core::fail(
            core::ErrorCode::kInvalidArgument,
            fmt::format("\"{}\" is not supported here; use sqlite:PATH or a file path",
                        option.empty() ? "CONTENT_SWARM_DB" : option),
            "--db");
    }
    return url + ".kb";
}

core::Result<std::unique_ptr<kb::SqliteKnowledgeBase>> open_kb(const std::string& option) {
    SWARM_TRY_ASSIGN(auto path, database_path(option));
    return kb::SqliteKnowledgeBase::open(path);
}

int run_add(const KbOptions& opts) {
    auto kb = open_kb(opts.db);
    if (!kb) {
        return report_error(kb.error());
    }
    std::vector<std::filesystem::path> paths(opts.paths.begin(), opts.paths.end());
    auto report = (*kb)->add_paths(paths);
    if (!report) {
        return report_error(report.error());
    }
    // Skipped files go to stderr in both modes, so a person sees them even when --json output
    // is piped into a program; the JSON lists them too.
    for (const auto& s : report->skipped) {
        fmt::print(stderr, "content-swarm: warning: skipped {}: {}\n", s.path, s.reason);
    }
    const bool nothing_usable =
        report->added.empty() && report->replaced.empty() && report->unchanged.empty();
    if (opts.json) {
        nlohmann::json skipped = nlohmann::json::array();
        for (const auto& s : report->skipped) {
            skipped.push_back({{"path", s.path}, {"reason", s.reason}});
        }
        const nlohmann::json out{{"added", report->added},
                                 {"replaced", report->replaced},
                                 {"unchanged", report->unchanged},
                                 {"skipped", skipped},
                                 {"chunks", report->chunks}};
        fmt::print("{}\n", out.dump(2));
        return nothing_usable ? kExitUsage : kExitOk;
    }
    for (const auto& d : report->added) {
        fmt::print("added     {}\n", d);
    }
    for (const auto& d : report->replaced) {
        fmt::print("replaced  {}\n", d);
    }
    for (const auto& d : report->unchanged) {
        fmt::print("unchanged {}\n", d);
    }
    fmt::print("{} chunk(s) written\n", report->chunks);
    return nothing_usable ? kExitUsage : kExitOk;
}

int run_search(const KbOptions& opts) {
    auto kb = open_kb(opts.db);
    if (!kb) {
        return report_error(kb.error());
    }
    auto hits = (*kb)->search(opts.query, opts.limit);
    if (!hits) {
        return report_error(hits.error());
    }
    if (opts.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& h : *hits) {
            out.push_back({{"id", h.id},
                           {"document", h.document},
                           {"heading", h.heading},
                           {"score", h.score},
                           {"snippet", h.snippet},
                           {"text", h.text}});
        }
        fmt::print("{}\n", out.dump(2));
        return kExitOk;
    }
    if (hits->empty()) {
        fmt::print(stderr, "no passage matches \"{}\"\n", opts.query);
    }
    int rank = 1;
    for (const auto& h : *hits) {
        fmt::print("{}. {} > {}  (score {:.3f})\n   {}\n", rank++, h.document, h.heading, h.score,
                   h.snippet.empty() ? h.text : h.snippet);
    }
    return kExitOk;
}

}  // namespace

void add_kb_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<KbOptions>();
    auto* kb = app.add_subcommand("kb", "Manage the knowledge base (SQLite FTS5)");
    kb->require_subcommand(1);
    kb->add_option("--db", opts->db,
                   "Database: sqlite:PATH or a path (default: $CONTENT_SWARM_DB or "
                   "content-swarm.db)");
    auto* add = kb->add_subcommand(
        "add", "Ingest files or folders (.md, .markdown, .txt, .pdf, .docx, .html, .htm)");
    add->add_option("paths", opts->paths, "Files or folders")->required();
    add->add_flag("--json", opts->json,
                  "Print {added, replaced, unchanged, skipped:[{path, reason}], chunks}");
    add->callback([opts, &exit_code] { exit_code = run_add(*opts); });
    auto* search = kb->add_subcommand("search", "Ranked passages with source and snippet");
    search->add_option("query", opts->query, "Words to search for")->required();
    search->add_option("--limit", opts->limit, "Number of results (1-100)")
        ->check(CLI::Range(1, 100));
    search->add_flag("--json", opts->json, "Print results as JSON");
    search->callback([opts, &exit_code] { exit_code = run_search(*opts); });
}

}  // namespace swarm::cli
