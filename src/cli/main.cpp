// content-swarm: one binary, one subcommand per file in this folder.
#include "cli/common.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{
        "content-swarm: one brief in, ready-to-publish LinkedIn, X and pitch-deck content "
        "out, grounded in your own documents."};
    app.require_subcommand(1);
    app.set_version_flag("--version", [] { return std::string("content-swarm (see `version`)"); });
    int exit_code = swarm::cli::kExitOk;
    swarm::cli::add_version_command(app, exit_code);
    swarm::cli::add_generate_command(app, exit_code);
    swarm::cli::add_parse_command(app, exit_code);
    swarm::cli::add_validate_command(app, exit_code);
    swarm::cli::add_kb_command(app, exit_code);
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
