#include "llm/openai_stream.hpp"

#include "llm/stream_exchange.hpp"

#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::llm {

namespace {

using Json = nlohmann::json;

const Json* member(const Json& object, const char* name) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string_view string_member(const Json& object, const char* name) {
    const Json* value = member(object, name);
    return value != nullptr && value->is_string()
               ? std::string_view(value->get_ref<const std::string&>())
               : std::string_view();
}

std::optional<core::LlmUsage> read_usage(const Json& object) {
    const Json* usage = member(object, "usage");
    if (usage == nullptr || !usage->is_object()) {
        return std::nullopt;
    }
    core::LlmUsage out;
    const Json* input = member(*usage, "prompt_tokens");
    const Json* output = member(*usage, "completion_tokens");
    if (input != nullptr && input->is_number_integer()) {
        out.input_tokens = input->get<std::int64_t>();
    }
    if (output != nullptr && output->is_number_integer()) {
        out.output_tokens = output->get<std::int64_t>();
    }
    return out;
}

}  // namespace

OpenAiStreamDecoder::OpenAiStreamDecoder(ErrorContext context, const core::LlmDeltaSink& on_delta)
    : context_(std::move(context)), on_delta_(on_delta) {}

std::string OpenAiStreamDecoder::normalize_finish_reason(std::string_view reason) {
    if (reason == "tool_calls" || reason == "function_call") {
        return "tool_use";
    }
    return std::string(reason);  // stop, length, content_filter keep their names
}

void OpenAiStreamDecoder::emit(std::string_view text) {
    if (text.empty()) {
        return;
    }
    delta_emitted_ = true;
    if (on_delta_) {
        on_delta_(text);
    }
}

bool OpenAiStreamDecoder::fail(AttemptResult failure) {
    failure.delta_emitted = delta_emitted_;
    failure_ = std::move(failure);
    return false;
}

bool OpenAiStreamDecoder::on_event(const SseEvent& event) {
    if (event.data == "[DONE]") {
        done_ = true;
        return false;
    }
    const Json chunk = Json::parse(event.data, nullptr, false);
    if (chunk.is_discarded() || !chunk.is_object()) {
        return fail(final_error(context_, core::ErrorCode::kUpstream, "malformed stream chunk",
                                delta_emitted_));
    }
    if (event.event == "error" || member(chunk, "error") != nullptr) {
        return fail(classify_stream_error(context_, parse_error_body(event.data), delta_emitted_));
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

AttemptResult OpenAiStreamDecoder::build_response(std::size_t prompt_chars) {
    if (!refusal_.empty()) {
        return final_error(context_, core::ErrorCode::kUpstream, "refused: " + clip_text(refusal_),
                           delta_emitted_);
    }
    core::LlmResponse response;
    response.text = content_;
    if (response.text.empty() && !tool_arguments_.empty()) {
        response.text = tool_arguments_.begin()->second;
    }
    response.stop_reason = normalize_finish_reason(finish_reason_);
    return completed_attempt(std::move(response), usage_, prompt_chars, context_, delta_emitted_);
}

AttemptResult OpenAiStreamDecoder::finish(std::size_t prompt_chars) {
    if (failure_) {
        return *failure_;
    }
    if (!done_ && finish_reason_.empty()) {
        auto result = final_error(context_, core::ErrorCode::kUnavailable, "stream ended early",
                                  delta_emitted_);
        result.retryable = !delta_emitted_;
        return result;
    }
    return build_response(prompt_chars);
}

AttemptResult OpenAiStreamDecoder::parse_whole(std::string_view body, std::size_t prompt_chars) {
    const Json json = Json::parse(body, nullptr, false);
    const Json* choices = json.is_discarded() ? nullptr : member(json, "choices");
    if (choices == nullptr || !choices->is_array() || choices->empty()) {
        if (!json.is_discarded() && member(json, "error") != nullptr) {
            return classify_stream_error(context_, parse_error_body(body), false);
        }
        return final_error(context_, core::ErrorCode::kUpstream, "malformed completion", false);
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
