// `content-swarm version`: the build identity as JSON.
#include "app/version.hpp"
#include "cli/common.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {

void add_version_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("version", "Print version, git revision and build time as JSON");
    cmd->callback([&exit_code] {
        const auto info = app::build_info();
        nlohmann::json out{{"version", info.version},
                           {"git_sha", info.git_sha},
                           {"build_time", info.build_time},
                           {"dirty", info.dirty}};
        if (info.git_sha == "unknown") {
            out["note"] = "built outside a git checkout: the revision is unknown";
        }
        fmt::print("{}\n", out.dump());
        exit_code = kExitOk;
    });
}

}  // namespace swarm::cli
