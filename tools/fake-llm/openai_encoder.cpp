// OpenAI Chat Completions on the wire: chat.completion.chunk SSE data lines ending in [DONE], the
// non-streamed chat.completion, and {"error":{...}} bodies (reference 3.2-3.4).
#include "provider.hpp"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {
namespace {

using ojson = nlohmann::ordered_json;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string completion_id(std::uint64_t seq) {
    const auto digits = std::to_string(seq);
    return "chatcmpl-fake" + std::string(12 - std::min<std::size_t>(12, digits.size()), '0') +
           digits;
}

std::string call_id(std::uint64_t seq) {
    return "call_fake" + std::to_string(seq);
}

const char* finish_name(Finish finish) {
    switch (finish) {
        case Finish::kLength:
            return "length";
        case Finish::kToolUse:
            return "tool_calls";
        case Finish::kStop:
            break;
    }
    return "stop";
}

ojson usage_json(Usage usage) {
    return {{"prompt_tokens", usage.input_tokens},
            {"completion_tokens", usage.output_tokens},
            {"total_tokens", usage.input_tokens + usage.output_tokens}};
}

class OpenAiEncoder final : public StreamEncoder {
public:
    explicit OpenAiEncoder(ReplyContext context)
        : context_(std::move(context)), id_(completion_id(context_.seq)), created_(unix_now()) {}

    std::string content_type() const override { return "text/event-stream; charset=utf-8"; }

    HeaderList headers() const override {
        return {{"cache-control", "no-cache"},
                {"x-request-id", "req_fake" + std::to_string(context_.seq)},
                {"openai-processing-ms", "1"}};
    }

    std::string begin() override {
        ojson delta{{"role", "assistant"}};
        if (context_.tool_name) {
            delta["content"] = nullptr;
            delta["tool_calls"] =
                ojson::array({{{"index", 0},
                               {"id", call_id(context_.seq)},
                               {"type", "function"},
                               {"function", {{"name", *context_.tool_name}, {"arguments", ""}}}}});
        } else {
            delta["content"] = "";
        }
        delta["refusal"] = nullptr;
        return data(chunk(std::move(delta), nullptr));
    }

    std::string token(std::string_view piece) override {
        if (context_.tool_name) {
            return data(
                chunk({{"tool_calls",
                        ojson::array({{{"index", 0}, {"function", {{"arguments", piece}}}}})}},
                      nullptr));
        }
        return data(chunk({{"content", piece}}, nullptr));
    }

    std::string end(Finish finish, Usage usage) override {
        std::string out = data(chunk(ojson::object(), finish_name(finish)));
        if (context_.include_usage) {
            auto last = head();
            last["choices"] = ojson::array();
            last["usage"] = usage_json(usage);
            out += data(last);
        }
        return out + "data: [DONE]\n\n";
    }

    std::string malformed() override { return "data: {not json\n\n"; }

    std::string bad_crc(std::string_view /*piece*/) override { return malformed(); }

    std::string mid_stream_error() override {
        const ojson error{{"error",
                           {{"message",
                             "The server had an error while processing your request. Sorry about "
                             "that!"},
                            {"type", "server_error"},
                            {"param", nullptr},
                            {"code", nullptr}}}};
        return data(error);
    }

private:
    static std::string data(const ojson& value) { return sse_event({}, value.dump()); }

    ojson head() const {
        return {{"id", id_},
                {"object", "chat.completion.chunk"},
                {"created", created_},
                {"model", context_.model},
                {"system_fingerprint", "fp_fake"}};
    }

    ojson chunk(ojson delta, const char* finish) const {
        auto out = head();
        ojson choice{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}};
        choice["finish_reason"] = finish != nullptr ? ojson(finish) : ojson(nullptr);
        out["choices"] = ojson::array({std::move(choice)});
        if (context_.include_usage) {
            out["usage"] = nullptr;  // every chunk but the last carries usage: null
        }
        return out;
    }

    ReplyContext context_;
    std::string id_;
    std::int64_t created_;
};

}  // namespace

std::unique_ptr<StreamEncoder> make_openai_encoder(ReplyContext context) {
    return std::make_unique<OpenAiEncoder>(std::move(context));
}

HttpAnswer openai_complete(const ReplyContext& context, std::string_view text, Finish finish,
                           Usage usage) {
    ojson message{{"role", "assistant"}};
    if (context.tool_name) {
        message["content"] = nullptr;
        message["tool_calls"] =
            ojson::array({{{"id", call_id(context.seq)},
                           {"type", "function"},
                           {"function", {{"name", *context.tool_name}, {"arguments", text}}}}});
    } else {
        message["content"] = text;
    }
    message["refusal"] = nullptr;
    const ojson body{{"id", completion_id(context.seq)},
                     {"object", "chat.completion"},
                     {"created", unix_now()},
                     {"model", context.model},
                     {"choices", ojson::array({{{"index", 0},
                                                {"message", std::move(message)},
                                                {"logprobs", nullptr},
                                                {"finish_reason", finish_name(finish)}}})},
                     {"usage", usage_json(usage)},
                     {"system_fingerprint", "fp_fake"}};
    HttpAnswer answer;
    answer.headers = {{"x-request-id", "req_fake" + std::to_string(context.seq)}};
    answer.body = body.dump();
    return answer;
}

HttpAnswer openai_error(int status, std::string_view type, std::string_view code,
                        std::string_view message, std::optional<double> retry_after_s) {
    ojson error{{"message", message}, {"type", type}, {"param", nullptr}};
    error["code"] = code.empty() ? ojson(nullptr) : ojson(code);
    HttpAnswer answer;
    answer.status = status;
    answer.body = ojson{{"error", std::move(error)}}.dump();
    add_retry_after(answer.headers, retry_after_s);
    return answer;
}

}  // namespace swarm::fake_llm
