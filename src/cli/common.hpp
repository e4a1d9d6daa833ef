// Shared pieces of the CLI commands: error reporting with the exit-code contract
// (cli/exit_codes.hpp) and reading an input text from a file or stdin.
#pragma once

#include "cli/exit_codes.hpp"
#include "core/result.hpp"

#include <string>

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}  // namespace CLI

namespace swarm::cli {

/// Prints "content-swarm: error: <field>: <message>" to stderr; returns exit_code_for its code.
int report_error(const core::Error& error);

/// Reads FILE, or stdin when the name is "-" or empty; at most 8 MiB.
core::Result<std::string> read_input(const std::string& name);

/// Each command adds itself to the app; its callback stores the command's exit code.
void add_version_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_render_command(CLI::App& app, int& exit_code);
void add_parse_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_kb_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_deploy_command(CLI::App& app, int& exit_code);
void add_worker_command(CLI::App& app, int& exit_code);
void add_admin_command(CLI::App& app, int& exit_code);

}  // namespace swarm::cli
