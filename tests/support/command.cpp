#include "support/command.hpp"

#include "support/test_paths.hpp"

#include <cstdlib>
#include <fstream>
#include <sys/wait.h>

namespace swarm::test {
namespace {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace

CommandResult run_cli(const std::vector<std::string>& args, const std::string& input,
                      const std::filesystem::path& cwd) {
    const TempDir io;
    const auto in_path = io.path() / "stdin";
    const auto out_path = io.path() / "stdout";
    const auto err_path = io.path() / "stderr";
    {
        std::ofstream in(in_path, std::ios::binary);
        in << input;
    }
    std::string cmd;
    if (!cwd.empty()) {
        cmd += "cd " + shell_quote(cwd.string()) + " && ";
    }
    cmd += shell_quote((binary_dir() / "content-swarm").string());
    for (const auto& a : args) {
        cmd += " " + shell_quote(a);
    }
    cmd += " <" + shell_quote(in_path.string()) + " >" + shell_quote(out_path.string()) + " 2>" +
           shell_quote(err_path.string());
    const int status = std::system(cmd.c_str());  // NOLINT(concurrency-mt-unsafe,cert-env33-c)
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

}  // namespace swarm::test
