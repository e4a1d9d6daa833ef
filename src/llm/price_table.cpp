#include "llm/price_table.hpp"

#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::llm {

namespace {

core::Result<double> read_price(const nlohmann::json& entry, const std::string& model,
                                const char* name) {
    const std::string field = "prices[\"" + model + "\"]." + name;
    const auto it = entry.find(name);
    if (it == entry.end()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "missing", field);
    }
    if (!it->is_number()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be a number", field);
    }
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < 0) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be a non-negative number",
                          field);
    }
    return value;
}

}  // namespace

PriceTable::PriceTable(std::map<std::string, ModelPrice, std::less<>> prices)
    : prices_(std::move(prices)) {}

core::Result<PriceTable> PriceTable::parse(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text, nullptr, false);
    if (json.is_discarded()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "not valid JSON", "prices");
    }
    if (!json.is_object()) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be an object of model name to prices", "prices");
    }
    std::map<std::string, ModelPrice, std::less<>> prices;
    for (const auto& [model, entry] : json.items()) {
        if (!entry.is_object()) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              "must be an object with input_per_mtok and output_per_mtok",
                              "prices[\"" + model + "\"]");
        }
        SWARM_TRY_ASSIGN(const auto input, read_price(entry, model, "input_per_mtok"));
        SWARM_TRY_ASSIGN(const auto output, read_price(entry, model, "output_per_mtok"));
        prices.emplace(model, ModelPrice{input, output});
    }
    return PriceTable(std::move(prices));
}

std::optional<ModelPrice> PriceTable::find(std::string_view model) const {
    if (const auto it = prices_.find(model); it != prices_.end()) {
        return it->second;
    }
    std::optional<ModelPrice> best;
    std::size_t best_length = 0;
    for (const auto& [name, price] : prices_) {
        if (!name.empty() && model.starts_with(name) && name.size() > best_length) {
            best = price;
            best_length = name.size();
        }
    }
    return best;
}

CostEstimate PriceTable::cost(std::string_view model, std::int64_t input_tokens,
                              std::int64_t output_tokens) const {
    const auto price = find(model);
    if (!price) {
        return {};
    }
    return {static_cast<double>(input_tokens) * price->input_per_mtok / 1e6 +
                static_cast<double>(output_tokens) * price->output_per_mtok / 1e6,
            true};
}

}  // namespace swarm::llm
