#include "app/rerender.hpp"

#include "app/generate.hpp"
#include "app/memory_media_store.hpp"
#include "app/output_writer.hpp"
#include "codec/brief_json.hpp"
#include "codec/item_json.hpp"
#include "codec/result_json.hpp"
#include "core/agents/designer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;
using nlohmann::json;

constexpr std::size_t kMaxResultBytes = std::size_t{64} * 1024 * 1024;
constexpr const char* kField = "--result";

core::Error with_field(core::Error error, const std::string& prefix) {
    error.message = fmt::format("{}: {}", error.field.empty() ? prefix : prefix + "." + error.field,
                                error.message);
    error.field = kField;
    return error;
}

bool selected(const core::ContentItem& item, const std::optional<std::string>& wanted) {
    return !wanted || *wanted == item.id || *wanted == core::to_string(item.platform);
}

/// A result document as read: the JSON (rewritten in place), its brand and the chosen items with
/// their positions in doc["items"].
// NOLINTNEXTLINE(bugprone-exception-escape): tidy 14 sees a throw in nlohmann::json's noexcept move
struct ResultDocument {
    json doc;
    core::BrandRules brand;
    std::vector<core::ContentItem> items;
    std::vector<std::size_t> positions;
};

core::Result<json> read_result_json(const fs::path& file) {
    SWARM_TRY_ASSIGN(auto text, read_text_file(file, kField, kMaxResultBytes));
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("items") || !doc["items"].is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a result document (a JSON object with \"items\", "
                                "as `generate` writes it)",
                                file.string()),
                    kField);
    }
    return doc;
}

core::Result<ResultDocument> read_result(const RenderRequest& request) {
    ResultDocument out;
    SWARM_TRY_ASSIGN(out.doc, read_result_json(request.result_file));
    if (const auto it = out.doc.find("brand"); it != out.doc.end() && it->is_object()) {
        auto decoded = codec::decode_brand(*it, "brand");
        if (!decoded) {
            return tl::unexpected(with_field(decoded.error(), "result"));
        }
        out.brand = std::move(*decoded);
    }
    std::vector<std::string> known;
    const auto& array = out.doc["items"];
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto item = codec::decode_item(array[i]);
        if (!item) {
            return tl::unexpected(with_field(item.error(), fmt::format("items[{}]", i)));
        }
        known.push_back(item->id);
        if (selected(*item, request.item)) {
            out.items.push_back(std::move(*item));
            out.positions.push_back(i);
        }
    }
    if (out.items.empty()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("no item \"{}\" in {}; items: {}", request.item.value_or(""),
                                request.result_file.string(),
                                known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "))),
                    request.item ? "--item" : kField);
    }
    return out;
}

/// The media files, each item's Markdown file and result.json last (each written atomically).
core::Result<void> write_rendered(const fs::path& result_file, ResultDocument& result,
                                  MemoryMediaStore& media, RenderOutcome& outcome) {
    const fs::path dir =
        result_file.parent_path().empty() ? fs::path(".") : result_file.parent_path();
    for (const auto& item : result.items) {
        remove_media_files(dir, item.platform);
    }
    SWARM_TRY(write_media_files(dir, media, result.items, outcome.written));
    auto& array = result.doc["items"];
    for (std::size_t k = 0; k < result.items.size(); ++k) {
        const auto& item = result.items[k];
        array[result.positions[k]] = codec::encode_item(item);
        const auto md = dir / fmt::format("{}.md", core::to_string(item.platform));
        SWARM_TRY(write_file_atomically(md, render_markdown(item)));
        outcome.written.push_back(md);
    }
    SWARM_TRY(write_file_atomically(result_file, result.doc.dump(2) + "\n"));
    outcome.written.push_back(result_file);
    return {};
}

}  // namespace

core::Result<RenderOutcome> run_render(const RenderRequest& request, core::Renderer& renderer,
                                       core::ImageModel* image_model) {
    SWARM_TRY_ASSIGN(auto result, read_result(request));
    MemoryMediaStore media;
    const core::agents::DesignDeps deps{
        .renderer = &renderer, .media = &media, .image_model = image_model};
    RenderOutcome outcome;
    for (auto& item : result.items) {
        auto design = core::agents::design_item(item, nullptr, result.brand, deps);
        outcome.notes.insert(outcome.notes.end(), design.notes.begin(), design.notes.end());
        outcome.rendered.push_back(item.id);
    }
    SWARM_TRY(write_rendered(request.result_file, result, media, outcome));
    return outcome;
}

}  // namespace swarm::app
