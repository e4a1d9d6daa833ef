#include "llm_request.hpp"

#include <algorithm>
#include <cctype>

namespace swarm::fake_llm {
namespace {

using nlohmann::json;
using Error = tl::unexpected<std::string>;

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

void append(std::string& out, std::string_view text) {
    if (text.empty()) {
        return;
    }
    if (!out.empty()) {
        out += '\n';
    }
    out += text;
}

/// A string, or an array of blocks whose "text" fields count (OpenAI parts, Anthropic and
/// Bedrock content blocks; images and tool results carry no prompt text here).
void append_content(std::string& out, const json& content) {
    if (content.is_string()) {
        append(out, content.get_ref<const std::string&>());
    } else if (content.is_array()) {
        for (const auto& block : content) {
            if (block.is_object() && block.contains("text") && block["text"].is_string()) {
                append(out, block["text"].get_ref<const std::string&>());
            }
        }
    }
}

tl::expected<void, std::string> read_messages(const json& body, std::string& prompt) {
    if (!body.contains("messages") || !body["messages"].is_array()) {
        return Error("messages: field required");
    }
    for (const auto& message : body["messages"]) {
        if (!message.is_object() || !message.contains("role")) {
            return Error("messages: each message needs a role");
        }
        if (message.contains("content")) {
            append_content(prompt, message["content"]);
        }
    }
    return {};
}

std::optional<std::string> string_at(const json& value, const json::json_pointer& pointer) {
    if (value.contains(pointer) && value[pointer].is_string()) {
        return value[pointer].get<std::string>();
    }
    return std::nullopt;
}

void read_openai(const json& body, LlmRequest& req) {
    req.include_usage = body.value("/stream_options/include_usage"_json_pointer, false);
    for (const char* key : {"max_completion_tokens", "max_tokens"}) {
        if (body.contains(key) && body[key].is_number_unsigned()) {
            req.max_tokens = body[key].get<std::size_t>();
        }
    }
    req.forced_tool = string_at(body, "/tool_choice/function/name"_json_pointer);
    req.first_tool = string_at(body, "/tools/0/function/name"_json_pointer);
}

void read_anthropic(const json& body, LlmRequest& req) {
    if (body.contains("max_tokens") && body["max_tokens"].is_number_unsigned()) {
        req.max_tokens = body["max_tokens"].get<std::size_t>();
    }
    if (body.value("/tool_choice/type"_json_pointer, std::string()) == "tool") {
        req.forced_tool = string_at(body, "/tool_choice/name"_json_pointer);
    }
    req.first_tool = string_at(body, "/tools/0/name"_json_pointer);
}

void read_bedrock(const json& body, LlmRequest& req) {
    const auto max = "/inferenceConfig/maxTokens"_json_pointer;
    if (body.contains(max) && body[max].is_number_unsigned()) {
        req.max_tokens = body[max].get<std::size_t>();
    }
    req.forced_tool = string_at(body, "/toolConfig/toolChoice/tool/name"_json_pointer);
    req.first_tool = string_at(body, "/toolConfig/tools/0/toolSpec/name"_json_pointer);
}

}  // namespace

tl::expected<LlmRequest, std::string> parse_llm_request(Provider provider, const json& body,
                                                        std::string_view path_model) {
    if (!body.is_object()) {
        return Error("the request body must be a JSON object");
    }
    LlmRequest req;
    req.provider = provider;
    if (provider == Provider::kBedrock) {
        req.model = std::string(path_model);
        req.stream = true;  // converse-stream
    } else {
        if (!body.contains("model") || !body["model"].is_string()) {
            return Error("model: field required");
        }
        req.model = body["model"].get<std::string>();
        req.stream = body.value("stream", false);
    }
    if (provider == Provider::kAnthropic && !body.contains("max_tokens")) {
        return Error("max_tokens: Field required");  // Anthropic requires it
    }
    if (body.contains("system")) {
        append_content(req.prompt, body["system"]);
    }
    if (auto messages = read_messages(body, req.prompt); !messages) {
        return Error(messages.error());
    }
    switch (provider) {
        case Provider::kOpenAi:
            read_openai(body, req);
            break;
        case Provider::kAnthropic:
            read_anthropic(body, req);
            break;
        case Provider::kBedrock:
            read_bedrock(body, req);
            break;
    }
    return req;
}

std::vector<std::string> split_pieces(std::string_view text) {
    std::vector<std::string> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto start = i;
        while (i < text.size() && is_space(text[i])) {
            ++i;
        }
        while (i < text.size() && !is_space(text[i])) {
            ++i;
        }
        if (i == text.size() && !pieces.empty() &&
            std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), is_space)) {
            pieces.back() += text.substr(start);  // trailing whitespace joins the last piece
        } else {
            pieces.emplace_back(text.substr(start, i - start));
        }
    }
    return pieces;
}

std::size_t estimate_tokens(std::string_view prompt) {
    return std::max<std::size_t>(1, prompt.size() / 4);
}

}  // namespace swarm::fake_llm
