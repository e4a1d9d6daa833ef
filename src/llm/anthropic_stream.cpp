#include "llm/anthropic_stream.hpp"

#include "llm/json_fields.hpp"
#include "llm/stream_exchange.hpp"

#include <utility>

namespace swarm::llm {

namespace {

using json::int_member;
using json::Json;
using json::member;
using json::string_member;

long long block_index(const Json& event) {
    return int_member(&event, "index").value_or(0);
}

}  // namespace

AnthropicStreamDecoder::AnthropicStreamDecoder(ErrorContext context,
                                               const core::LlmDeltaSink& on_delta)
    : StreamDecoderBase(std::move(context), on_delta) {}

std::string AnthropicStreamDecoder::normalize_stop_reason(std::string_view reason) {
    if (reason == "end_turn") {
        return "stop";
    }
    if (reason == "max_tokens") {
        return "length";
    }
    return std::string(reason);  // tool_use, refusal and the rest keep their names
}

bool AnthropicStreamDecoder::on_event(const SseEvent& event) {
    const Json json = Json::parse(event.data, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return fail(final_error(context(), core::ErrorCode::kUpstream, "malformed stream event",
                                delta_emitted()));
    }
    std::string type(string_member(json, "type"));
    if (type.empty()) {
        type = event.event;
    }
    if (type == "error") {
        return fail(
            classify_stream_error(context(), parse_error_body(event.data), delta_emitted()));
    }
    if (type == "message_start") {
        const Json* message = member(json, "message");
        const Json* usage = message != nullptr ? member(*message, "usage") : nullptr;
        input_tokens_ = int_member(usage, "input_tokens");
        output_tokens_ = int_member(usage, "output_tokens");
    } else if (type == "content_block_start") {
        const Json* block = member(json, "content_block");
        if (block != nullptr && string_member(*block, "type") == "tool_use") {
            tool_inputs_[block_index(json)];  // input arrives as input_json_delta fragments
        }
    } else if (type == "content_block_delta") {
        const Json* delta = member(json, "delta");
        const auto delta_type = delta != nullptr ? string_member(*delta, "type") : "";
        if (delta_type == "text_delta") {
            const auto text = string_member(*delta, "text");
            text_.append(text);
            emit(text);
        } else if (delta_type == "input_json_delta") {
            const auto fragment = string_member(*delta, "partial_json");
            tool_inputs_[block_index(json)].append(fragment);
            emit(fragment);
        }  // thinking_delta, signature_delta, citations_delta: never published
    } else if (type == "message_delta") {
        const Json* delta = member(json, "delta");
        if (delta != nullptr && !string_member(*delta, "stop_reason").empty()) {
            stop_reason_ = string_member(*delta, "stop_reason");
        }
        const Json* usage = member(json, "usage");
        // output_tokens is cumulative: the last value is the total.
        if (const auto output = int_member(usage, "output_tokens")) {
            output_tokens_ = output;
        }
        if (const auto input = int_member(usage, "input_tokens")) {
            input_tokens_ = input;
        }
    } else if (type == "message_stop") {
        stopped_ = true;
        return false;
    }
    return true;  // ping, content_block_stop and unknown events
}

bool AnthropicStreamDecoder::ended() const {
    return stopped_ || !stop_reason_.empty();
}

AttemptResult AnthropicStreamDecoder::build_response(std::size_t prompt_chars) {
    core::LlmResponse response;
    response.text = tool_inputs_.empty() ? text_ : tool_inputs_.begin()->second;
    if (!tool_inputs_.empty() && response.text.empty()) {
        response.text = "{}";  // a tool called with no input fragments
    }
    response.stop_reason = normalize_stop_reason(stop_reason_);
    if (response.stop_reason == "refusal" && response.text.empty()) {
        return final_error(context(), core::ErrorCode::kUpstream, "refused without an answer",
                           delta_emitted());
    }
    std::optional<core::LlmUsage> usage;
    if (input_tokens_ || output_tokens_) {
        usage.emplace();
        usage->input_tokens = input_tokens_.value_or(0);
        usage->output_tokens = output_tokens_.value_or(0);
    }
    return completed_attempt(std::move(response), usage, prompt_chars, context(), delta_emitted());
}

AttemptResult AnthropicStreamDecoder::parse_whole(std::string_view body, std::size_t prompt_chars) {
    const Json json = Json::parse(body, nullptr, false);
    const Json* content = json.is_discarded() ? nullptr : member(json, "content");
    if (content == nullptr || !content->is_array()) {
        return final_error(context(), core::ErrorCode::kUpstream, "malformed message", false);
    }
    long long index = 0;
    for (const auto& block : *content) {
        const auto type = string_member(block, "type");
        if (type == "text") {
            text_.append(string_member(block, "text"));
        } else if (type == "tool_use") {
            const Json* input = member(block, "input");
            tool_inputs_[index] = input != nullptr ? input->dump() : "{}";
        }
        ++index;
    }
    stop_reason_ = string_member(json, "stop_reason");
    const Json* usage = member(json, "usage");
    input_tokens_ = int_member(usage, "input_tokens");
    output_tokens_ = int_member(usage, "output_tokens");
    emit(tool_inputs_.empty() ? text_ : tool_inputs_.begin()->second);
    return build_response(prompt_chars);
}

}  // namespace swarm::llm
