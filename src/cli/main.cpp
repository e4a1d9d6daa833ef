// content-swarm: one binary, one subcommand per file in this folder.
#include "app/version.hpp"
#include "cli/common.hpp"

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

namespace {

int run(int argc, char** argv) {
    CLI::App app{
        "content-swarm: one brief in, ready-to-publish LinkedIn, X and pitch-deck content "
        "out, grounded in your own documents."};
    app.require_subcommand(1);
    app.set_version_flag("--version",
                         [] { return "content-swarm " + swarm::app::build_info().version; });
    int exit_code = swarm::cli::kExitOk;
    swarm::cli::add_version_command(app, exit_code);
    swarm::cli::add_generate_command(app, exit_code);
    swarm::cli::add_render_command(app, exit_code);
    swarm::cli::add_parse_command(app, exit_code);
    swarm::cli::add_validate_command(app, exit_code);
    swarm::cli::add_kb_command(app, exit_code);
    swarm::cli::add_serve_command(app, exit_code);
    swarm::cli::add_deploy_command(app, exit_code);
    swarm::cli::add_worker_command(app, exit_code);
    swarm::cli::add_admin_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        (void)app.exit(e);
        return swarm::cli::kExitUsage;
    }
    return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    // Last line of defence: expected failures are values; anything thrown is a bug, reported
    // as such instead of an abort.
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "content-swarm: internal error: %s\n",
                     e.what());  // NOLINT(cppcoreguidelines-pro-type-vararg)
    } catch (...) {
        std::fprintf(
            stderr,
            "content-swarm: internal error\n");  // NOLINT(cppcoreguidelines-pro-type-vararg)
    }
    return swarm::cli::kExitFailed;
}
