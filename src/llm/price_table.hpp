// USD prices per million input and output tokens by model name, loaded from configuration (no
// built-in list prices: they cannot be verified offline), used to estimate each call's cost.
#pragma once

#include "core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::llm {

struct ModelPrice {
    double input_per_mtok = 0;
    double output_per_mtok = 0;
};

struct CostEstimate {
    double usd = 0;
    bool known = false;  // false: no price for the model, usd is 0
};

/// Immutable after construction; safe to share between threads.
class PriceTable {
public:
    PriceTable() = default;
    explicit PriceTable(std::map<std::string, ModelPrice, std::less<>> prices);

    /// Parses `{"gpt-4o-mini":{"input_per_mtok":0.15,"output_per_mtok":0.6}, ...}`. Errors are
    /// kInvalidArgument naming the field, e.g. `prices["gpt-4o"].output_per_mtok`.
    static core::Result<PriceTable> parse(std::string_view json_text);

    /// Exact model name first, then the longest configured name that prefixes it.
    std::optional<ModelPrice> find(std::string_view model) const;

    /// input * input_per_mtok / 1e6 + output * output_per_mtok / 1e6.
    CostEstimate cost(std::string_view model, std::int64_t input_tokens,
                      std::int64_t output_tokens) const;

    bool empty() const { return prices_.empty(); }

private:
    std::map<std::string, ModelPrice, std::less<>> prices_;
};

}  // namespace swarm::llm
