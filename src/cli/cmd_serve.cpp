// `content-swarm serve`: runs the HTTP server; options override the environment.
#include "app/media_config.hpp"
#include "app/server.hpp"
#include "cli/common.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>

namespace swarm::cli {
namespace {

struct ServeOptions {
    std::string listen;
    int drain_seconds = -1;
    std::vector<std::string> cors_origins;
    std::string db;
    std::string media;
    std::string kb_dir;
    int workers = -1;
    int queue = -1;
    std::string llm_config;
    bool no_worker = false;
    bool dev_no_auth = false;
    std::vector<std::string> allowed_hosts;
    app::ServerRole role = app::ServerRole::kApiAndWorkers;
};

int run_serve(const ServeOptions& opts) {
    auto config = app::server_config_from_env(app::process_env());
    if (!config) {
        return report_error(config.error());
    }
    if (!opts.listen.empty()) {
        auto listen = app::parse_listen(opts.listen, "--listen");
        if (!listen) {
            return report_error(listen.error());
        }
        config->listen = *listen;
    }
    if (opts.drain_seconds >= 0) {
        config->drain_deadline = std::chrono::seconds(opts.drain_seconds);
    }
    if (!opts.cors_origins.empty()) {
        config->cors_origins = opts.cors_origins;
    }
    if (!opts.db.empty()) {
        config->db = opts.db;
    }
    if (!opts.media.empty()) {
        if (auto media = app::parse_media_location(opts.media, "--media"); !media) {
            return report_error(media.error());
        }
        config->media = opts.media;
    }
    config->kb_dir = opts.kb_dir;
    config->access.dev_no_auth = opts.dev_no_auth;
    if (!opts.allowed_hosts.empty()) {
        config->access.allowed_hosts = opts.allowed_hosts;
    }
    if (opts.workers >= 0) {
        config->workers = opts.workers;
    }
    if (opts.queue >= 0) {
        config->queue_capacity = opts.queue;
    }
    if (!opts.llm_config.empty()) {
        config->llm_config = opts.llm_config;
    }
    config->role = opts.role;
    if (opts.no_worker) {
        config->role = app::ServerRole::kApiOnly;
        config->workers = 0;
    } else if (opts.role == app::ServerRole::kWorkersOnly && config->workers == 0) {
        return report_error(core::Error{core::ErrorCode::kInvalidArgument,
                                        "a worker needs at least one worker thread",
                                        "--workers",
                                        {}});
    }
    auto code = app::run_server(*config);
    return code ? *code : report_error(code.error());
}

}  // namespace

namespace {

/// The options serve and worker share.
void add_common_options(CLI::App* cmd, ServeOptions& opts) {
    cmd->add_option("--listen", opts.listen,
                    "HOST:PORT to listen on (default 127.0.0.1:8080, or CONTENT_SWARM_LISTEN)");
    cmd->add_option("--drain-seconds", opts.drain_seconds,
                    "Seconds to finish in-flight work after SIGTERM (default 25)")
        ->check(CLI::Range(0, 3600));
    cmd->add_option("--db", opts.db,
                    "Database: sqlite:PATH or postgres://USER@HOST:PORT/DB (default "
                    "CONTENT_SWARM_DB or sqlite:content-swarm.db)");
    cmd->add_option("--media", opts.media,
                    "Media store: folder:PATH, db (the --db database) or "
                    "s3://BUCKET[/PREFIX]?region=R&endpoint=URL (default CONTENT_SWARM_MEDIA, "
                    "else a media folder beside the SQLite file; with PostgreSQL the database)");
    cmd->add_option("--kb", opts.kb_dir,
                    "Folder of .md/.txt documents loaded into the knowledge base at start")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--workers", opts.workers,
                    "Job worker threads (default 2; serve: 0 = API only, jobs wait in the queue)")
        ->check(CLI::Range(0, 64));
    cmd->add_option("--llm-config", opts.llm_config,
                    "Language-model configuration file (JSON; default: CONTENT_SWARM_LLM_CONFIG, "
                    "else the CONTENT_SWARM_LLM_* variables, else offline)");
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "Run the HTTP server (stops gracefully on SIGTERM)");
    add_common_options(cmd, *opts);
    cmd->add_option(
        "--cors-origin", opts->cors_origins,
        "Allowed browser origin, exact or *; repeatable (or CONTENT_SWARM_CORS_ORIGINS)");
    cmd->add_option("--queue", opts->queue,
                    "Queued jobs accepted before submit answers 429 (default 100)")
        ->check(CLI::Range(1, 1'000'000));
    cmd->add_flag("--no-worker", opts->no_worker,
                  "API only: run no jobs here (workers elsewhere share the database)");
    cmd->add_option("--allowed-host", opts->allowed_hosts,
                    "Host name API requests may name, repeatable (or CONTENT_SWARM_ALLOWED_HOSTS; "
                    "default: the loopback names when listening on loopback)");
    cmd->add_flag("--dev-no-auth", opts->dev_no_auth,
                  "DEVELOPMENT ONLY, loopback only: requests without a key act as the owner of "
                  "workspace \"default\"");
    cmd->callback([opts, &exit_code] { exit_code = run_serve(*opts); });
}

void add_worker_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ServeOptions>();
    opts->role = app::ServerRole::kWorkersOnly;
    auto* cmd = app.add_subcommand(
        "worker", "Run job workers only; HTTP serves /livez, /readyz, /version and /metrics");
    add_common_options(cmd, *opts);
    cmd->callback([opts, &exit_code] { exit_code = run_serve(*opts); });
}

}  // namespace swarm::cli
