// `content-swarm parse`: split one model output into per-platform items (the tolerant parser).
#include "cli/common.hpp"
#include "codec/result_json.hpp"
#include "core/parse/section_parser.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {
namespace {

struct ParseCommandOptions {
    std::string platforms;  // comma-separated
    std::string file;
};

core::Result<std::vector<core::Platform>> platforms_from(const std::string& list,
                                                         const std::string& option) {
    std::vector<std::string> names;
    for (std::size_t start = 0; start <= list.size();) {
        auto end = list.find(',', start);
        end = end == std::string::npos ? list.size() : end;
        names.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    std::vector<core::Platform> out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto p = core::platform_from_name(names[i]);
        if (!p) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              fmt::format("unknown platform \"{}\"; known: {}", names[i],
                                          core::known_platform_list()),
                              fmt::format("{}[{}]", option, i));
        }
        if (std::find(out.begin(), out.end(), *p) == out.end()) {
            out.push_back(*p);
        }
    }
    return out;
}

int run(const ParseCommandOptions& opts) {
    auto platforms = platforms_from(opts.platforms, "--platforms");
    if (!platforms) {
        return report_error(platforms.error());
    }
    auto text = read_input(opts.file);
    if (!text) {
        return report_error(text.error());
    }
    const auto result = core::parse_model_output(*text, core::ParseOptions{*platforms});
    fmt::print("{}\n", codec::encode_parse_result(result).dump(2));
    if (result.missing_platforms.empty()) {
        return kExitOk;
    }
    return result.items.empty() ? kExitFailed : kExitPartial;
}

}  // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ParseCommandOptions>();
    auto* cmd = app.add_subcommand(
        "parse",
        "Split a model output into items per platform; exit 3 if a platform is missing, 1 if all "
        "are");
    cmd->add_option("--platforms", opts->platforms,
                    "Requested platforms, comma-separated: " + core::known_platform_list())
        ->required();
    cmd->add_option("file", opts->file, "Model output file, or - for stdin (default)");
    cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

}  // namespace swarm::cli
