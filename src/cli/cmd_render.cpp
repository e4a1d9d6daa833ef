// `content-swarm render`: re-draws the cards, slides and deck files of a result.json after its
// text was edited, in place.
#include "app/llm_settings.hpp"
#include "app/rerender.hpp"
#include "app/visuals.hpp"
#include "cli/common.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace swarm::cli {
namespace {

struct RenderOptions {
    std::string result;
    std::string item;
    bool quiet = false;
};

int run(const RenderOptions& opts) {
    auto visuals = app::configure_visuals(app::process_env(), true);
    if (!visuals) {
        return report_error(visuals.error());
    }
    app::RenderRequest request{opts.result, std::nullopt};
    if (!opts.item.empty()) {
        request.item = opts.item;
    }
    auto outcome = app::run_render(request, *visuals->renderer, visuals->image_model.get());
    if (!outcome) {
        return report_error(outcome.error());
    }
    if (!opts.quiet) {
        fmt::print(stderr, "rendered: {}\n", fmt::join(outcome->rendered, ", "));
        for (const auto& note : outcome->notes) {
            fmt::print(stderr, "  note: {}\n", note);
        }
        fmt::print(stderr, "written:\n");
        for (const auto& path : outcome->written) {
            fmt::print(stderr, "  {}\n", path.string());
        }
    }
    return kExitOk;
}

}  // namespace

void add_render_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<RenderOptions>();
    auto* cmd = app.add_subcommand(
        "render", "Re-draw the cards, slides and deck files of a result.json after editing it");
    cmd->add_option("--result", opts->result, "result.json written by generate (updated in place)")
        ->required();
    cmd->add_option("--item", opts->item,
                    "Only this item: its id (\"<job>-linkedin\") or a platform name; default: all");
    cmd->add_flag("-q,--quiet", opts->quiet, "No summary on stderr");
    cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

}  // namespace swarm::cli
