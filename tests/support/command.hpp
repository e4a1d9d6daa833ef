// Runs the real content-swarm binary as a user would, capturing exit code, stdout and stderr.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace swarm::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs build/content-swarm with the arguments (no shell interpretation of them); `input` is
/// fed to stdin. The working directory is `cwd` when given.
CommandResult run_cli(const std::vector<std::string>& args, const std::string& input = {},
                      const std::filesystem::path& cwd = {});

}  // namespace swarm::test
