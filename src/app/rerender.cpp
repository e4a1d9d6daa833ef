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

constexpr std::size_t kMaxResultBytes = 64U * 1024U * 1024U;
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

}  // namespace

core::Result<RenderOutcome> run_render(const RenderRequest& request, core::Renderer& renderer,
                                       core::ImageModel* image_model) {
    auto text = read_text_file(request.result_file, kField, kMaxResultBytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("items") || !doc["items"].is_array()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a result document (a JSON object with \"items\", "
                                "as `generate` writes it)",
                                request.result_file.string()),
                    kField);
    }
    core::BrandRules brand;
    if (const auto it = doc.find("brand"); it != doc.end() && it->is_object()) {
        auto decoded = codec::decode_brand(*it, "brand");
        if (!decoded) {
            return tl::unexpected(with_field(decoded.error(), "result"));
        }
        brand = std::move(*decoded);
    }
    std::vector<core::ContentItem> items;
    std::vector<std::size_t> positions;
    std::vector<std::string> known;
    auto& array = doc["items"];
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto item = codec::decode_item(array[i]);
        if (!item) {
            return tl::unexpected(with_field(item.error(), fmt::format("items[{}]", i)));
        }
        known.push_back(item->id);
        if (selected(*item, request.item)) {
            items.push_back(std::move(*item));
            positions.push_back(i);
        }
    }
    if (items.empty()) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("no item \"{}\" in {}; items: {}", request.item.value_or(""),
                                request.result_file.string(),
                                known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "))),
                    request.item ? "--item" : kField);
    }
    MemoryMediaStore media;
    const core::agents::DesignDeps deps{&renderer, &media, image_model, {}};
    RenderOutcome outcome;
    for (auto& item : items) {
        auto design = core::agents::design_item(item, nullptr, brand, deps);
        outcome.notes.insert(outcome.notes.end(), design.notes.begin(), design.notes.end());
        outcome.rendered.push_back(item.id);
    }
    const fs::path dir = request.result_file.parent_path().empty()
                             ? fs::path(".")
                             : request.result_file.parent_path();
    for (const auto& item : items) {
        remove_media_files(dir, item.platform);
    }
    if (auto ok = write_media_files(dir, media, items, outcome.written); !ok) {
        return tl::unexpected(ok.error());
    }
    for (std::size_t k = 0; k < items.size(); ++k) {
        array[positions[k]] = codec::encode_item(items[k]);
        const auto md = dir / fmt::format("{}.md", core::to_string(items[k].platform));
        if (auto ok = write_file_atomically(md, render_markdown(items[k])); !ok) {
            return tl::unexpected(ok.error());
        }
        outcome.written.push_back(md);
    }
    if (auto ok = write_file_atomically(request.result_file, doc.dump(2) + "\n"); !ok) {
        return tl::unexpected(ok.error());
    }
    outcome.written.push_back(request.result_file);
    return outcome;
}

}  // namespace swarm::app
