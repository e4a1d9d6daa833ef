// What the fake model server reads from a provider request (model, prompt text, streaming, usage
// and tool options), and how a reply text is cut into word-ish tokens and prompts are counted.
#pragma once

#include "script.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace swarm::fake_llm {

struct LlmRequest {
    Provider provider = Provider::kOpenAi;
    std::string model;
    std::string prompt;  // system and message texts, joined with "\n"
    bool stream = false;
    bool include_usage = false;  // OpenAI stream_options.include_usage
    std::optional<std::size_t> max_tokens;
    std::optional<std::string> forced_tool;  // the tool the request's tool choice names
    std::optional<std::string> first_tool;   // the first declared tool
};

/// Reads a request body; `path_model` is the {modelId} of a Bedrock path. The error is a message
/// for a 400 in the provider's shape.
tl::expected<LlmRequest, std::string> parse_llm_request(Provider provider,
                                                        const nlohmann::json& body,
                                                        std::string_view path_model);

/// Word-ish pieces: each is leading whitespace plus a run of non-space characters (trailing
/// whitespace joins the last piece), so concatenating them gives back `text` exactly.
std::vector<std::string> split_pieces(std::string_view text);

/// About one token per four characters of prompt, at least 1.
std::size_t estimate_tokens(std::string_view prompt);

}  // namespace swarm::fake_llm
