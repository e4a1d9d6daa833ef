// `content-swarm validate`: the validator report for one text on one platform, optionally with
// the brand rules of a brief and grounding against a knowledge-base folder.
#include "app/generate.hpp"
#include "cli/common.hpp"
#include "codec/brief_json.hpp"
#include "codec/result_json.hpp"
#include "core/parse/section_parser.hpp"
#include "core/text/utf8.hpp"
#include "core/validate/validator.hpp"
#include "kb/sqlite_knowledge_base.hpp"

#include <array>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {
namespace {

struct ValidateOptions {
    std::string platform;
    std::string file;
    std::string brief;
    std::string kb;
};

/// The item as published: the text itself is the body; the parser only supplies the structure
/// (thread posts, slides, hashtags), so leaked reasoning in the text is still seen.
core::ContentItem item_from_text(core::Platform platform, const std::string& text) {
    core::ContentItem item;
    item.platform = platform;
    item.body = std::string(core::text::trim(text));
    auto parsed = core::parse_model_output(text, core::ParseOptions{{platform}});
    if (!parsed.items.empty()) {
        item.parts = parsed.items.front().parts;
        item.hashtags = parsed.items.front().hashtags;
    }
    return item;
}

core::Result<std::vector<core::Passage>> load_passages(const std::string& dir) {
    SWARM_TRY_ASSIGN(auto kb, kb::SqliteKnowledgeBase::open(":memory:"));
    const std::array<std::filesystem::path, 1> roots{dir};
    SWARM_TRY_ASSIGN(auto report, kb->add_paths(roots));
    auto passages = kb->all_passages();
    if (passages && passages->empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("\"{}\" holds no readable documents (.md, .markdown, .txt, "
                                      ".pdf, .docx, .html, .htm)",
                                      dir),
                          "--kb");
    }
    return passages;
}

int run(const ValidateOptions& opts) {
    const auto platform = core::platform_from_name(opts.platform);
    if (!platform) {
        return report_error(core::Error{core::ErrorCode::kInvalidArgument,
                                        fmt::format("unknown platform \"{}\"; known: {}",
                                                    opts.platform, core::known_platform_list()),
                                        "--platform",
                                        {}});
    }
    std::optional<core::Brief> brief;
    if (!opts.brief.empty()) {
        auto text = app::read_text_file(opts.brief, "--brief", std::size_t{1024} * 1024);
        auto decoded = text ? codec::decode_brief(*text) : tl::unexpected(text.error());
        if (!decoded) {
            return report_error(decoded.error());
        }
        brief = std::move(*decoded);
    }
    std::vector<core::Passage> passages;
    if (!opts.kb.empty()) {
        auto loaded = load_passages(opts.kb);
        if (!loaded) {
            return report_error(loaded.error());
        }
        passages = std::move(*loaded);
    }
    auto text = read_input(opts.file);
    if (!text) {
        return report_error(text.error());
    }
    auto item = item_from_text(*platform, *text);
    item.quality = core::validate_item(
        item, core::ValidationContext{brief ? &brief->brand : nullptr, passages});
    const auto report = codec::encode_validation(item);
    fmt::print("{}\n", report.dump(2));
    return report.at("valid").get<bool>() ? kExitOk : kExitFailed;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ValidateOptions>();
    auto* cmd = app.add_subcommand(
        "validate", "Check one text against a platform's rules; exit 1 if any error is found");
    cmd->add_option("--platform", opts->platform, "One of: " + core::known_platform_list())
        ->required();
    cmd->add_option("file", opts->file, "Text file, or - for stdin (default)");
    cmd->add_option("--brief", opts->brief, "Apply this brief's brand rules");
    cmd->add_option("--kb", opts->kb,
                    "Check numbers and claims against this knowledge base folder");
    cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

}  // namespace swarm::cli
