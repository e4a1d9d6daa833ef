#include "llm/openai_stream.hpp"

#include "llm/json_fields.hpp"
#include "llm/stream_exchange.hpp"

#include <utility>

namespace swarm::llm {

namespace {

using json::int_member;
using json::Json;
using json::member;
using json::string_member;

std::optional<core::LlmUsage> read_usage(const Json& object) {
    const Json* usage = member(object, "usage");
    if (usage == nullptr || !usage->is_object()) {
        return std::nullopt;
    }
    core::LlmUsage out;
    out.input_tokens = int_member(usage, "prompt_tokens").value_or(out.input_tokens);
    out.output_tokens = int_member(usage, "completion_tokens").value_or(out.output_tokens);
    return out;
}

}  // namespace

OpenAiStreamDecoder::OpenAiStreamDecoder(ErrorContext context, const core::LlmDeltaSink& on_delta)
    : StreamDecoderBase(std::move(context), on_delta) {}

std::string OpenAiStreamDecoder::normalize_finish_reason(std::string_view reason) {
    if (reason == "tool_calls" || reason == "function_call") {
        return "tool_use";
    }
    return std::string(reason);  // stop, length, content_filter keep their names
}

bool OpenAiStreamDecoder::on_event(const SseEvent& event) {
    if (event.data == "[DONE]") {
        done_ = true;
        return false;
    }
    const Json chunk = Json::parse(event.data, nullptr, false);
    if (chunk.is_discarded() || !chunk.is_object()) {
        return fail(final_error(context(), core::ErrorCode::kUpstream, "malformed stream chunk",
                                delta_emitted()));
    }
    if (event.event == "error" || member(chunk, "error") != nullptr) {
        return fail(
            classify_stream_error(context(), parse_error_body(event.data), delta_emitted()));
    }
    if (auto usage = read_usage(chunk)) {
        usage_ = usage;
    }
    const Json* choices = member(chunk, "choices");
    if (choices == nullptr || !choices->is_array()) {
        return true;
    }
    for (const auto& choice : *choices) {
        const Json* index = member(choice, "index");
        if (index != nullptr && index->is_number_integer() && index->get<int>() != 0) {
            continue;  // only the first choice is requested (n = 1)
        }
        if (const Json* delta = member(choice, "delta")) {
            const auto content = string_member(*delta, "content");
            content_.append(content);
            emit(content);
            refusal_.append(string_member(*delta, "refusal"));
            const Json* calls = member(*delta, "tool_calls");
            for (const auto& call :
                 calls != nullptr && calls->is_array() ? *calls : Json::array()) {
                const Json* call_index = member(call, "index");
                const long long at = call_index != nullptr && call_index->is_number_integer()
                                         ? call_index->get<long long>()
                                         : 0;
                const Json* function = member(call, "function");
                const auto arguments = function != nullptr ? string_member(*function, "arguments")
                                                           : std::string_view();
                tool_arguments_[at].append(arguments);
                if (content_.empty() && at == tool_arguments_.begin()->first) {
                    emit(arguments);
                }
            }
        }
        const auto finish = string_member(choice, "finish_reason");
        if (!finish.empty()) {
            finish_reason_ = finish;
        }
    }
    return true;
}

bool OpenAiStreamDecoder::ended() const {
    return done_ || !finish_reason_.empty();
}

AttemptResult OpenAiStreamDecoder::build_response(std::size_t prompt_chars) {
    if (!refusal_.empty()) {
        return final_error(context(), core::ErrorCode::kUpstream, "refused: " + clip_text(refusal_),
                           delta_emitted());
    }
    core::LlmResponse response;
    response.text = content_;
    if (response.text.empty() && !tool_arguments_.empty()) {
        response.text = tool_arguments_.begin()->second;
    }
    response.stop_reason = normalize_finish_reason(finish_reason_);
    return completed_attempt(std::move(response), usage_, prompt_chars, context(), delta_emitted());
}

AttemptResult OpenAiStreamDecoder::parse_whole(std::string_view body, std::size_t prompt_chars) {
    const Json json = Json::parse(body, nullptr, false);
    const Json* choices = json.is_discarded() ? nullptr : member(json, "choices");
    if (choices == nullptr || !choices->is_array() || choices->empty()) {
        if (!json.is_discarded() && member(json, "error") != nullptr) {
            return classify_stream_error(context(), parse_error_body(body), false);
        }
        return final_error(context(), core::ErrorCode::kUpstream, "malformed completion", false);
    }
    const Json& choice = choices->front();
    if (const Json* message = member(choice, "message")) {
        content_ = string_member(*message, "content");
        refusal_ = string_member(*message, "refusal");
        const Json* calls = member(*message, "tool_calls");
        long long at = 0;
        for (const auto& call : calls != nullptr && calls->is_array() ? *calls : Json::array()) {
            const Json* function = member(call, "function");
            tool_arguments_[at++] =
                function != nullptr ? string_member(*function, "arguments") : std::string_view();
        }
    }
    finish_reason_ = string_member(choice, "finish_reason");
    usage_ = read_usage(json);
    const std::string text =
        content_.empty() && !tool_arguments_.empty() ? tool_arguments_.begin()->second : content_;
    if (refusal_.empty()) {
        emit(text);
    }
    return build_response(prompt_chars);
}

}  // namespace swarm::llm
