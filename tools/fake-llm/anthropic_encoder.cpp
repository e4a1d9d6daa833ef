// Anthropic Messages on the wire: named SSE events (message_start ... message_stop, ping, error),
// the non-streamed message, and {"type":"error","error":{...}} bodies (reference 3.5-3.6).
#include "provider.hpp"

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {
namespace {

using ojson = nlohmann::ordered_json;

// A ping between tokens now and then, as the API does on long streams.
constexpr std::size_t kPingEveryTokens = 25;

std::string message_id(std::uint64_t seq) {
    return "msg_fake" + std::to_string(seq);
}

std::string tool_use_id(std::uint64_t seq) {
    return "toolu_fake" + std::to_string(seq);
}

const char* stop_reason(Finish finish) {
    switch (finish) {
        case Finish::kLength:
            return "max_tokens";
        case Finish::kToolUse:
            return "tool_use";
        case Finish::kStop:
            break;
    }
    return "end_turn";
}

std::string event(const char* name, const ojson& data) {
    return sse_event(name, data.dump());
}

class AnthropicEncoder final : public StreamEncoder {
public:
    explicit AnthropicEncoder(ReplyContext context) : context_(std::move(context)) {}

    std::string content_type() const override { return "text/event-stream; charset=utf-8"; }

    HeaderList headers() const override {
        return {{"cache-control", "no-cache"},
                {"request-id", "req_fake" + std::to_string(context_.seq)},
                {"anthropic-organization-id", "00000000-0000-4000-8000-00000000fa4e"}};
    }

    std::string begin() override {
        const ojson message{
            {"id", message_id(context_.seq)},
            {"type", "message"},
            {"role", "assistant"},
            {"model", context_.model},
            {"content", ojson::array()},
            {"stop_reason", nullptr},
            {"stop_sequence", nullptr},
            {"usage", {{"input_tokens", context_.input_tokens}, {"output_tokens", 1}}}};
        ojson block{{"type", "text"}, {"text", ""}};
        if (context_.tool_name) {
            block = {{"type", "tool_use"},
                     {"id", tool_use_id(context_.seq)},
                     {"name", *context_.tool_name},
                     {"input", ojson::object()}};
        }
        return event("message_start", {{"type", "message_start"}, {"message", message}}) +
               event("content_block_start", {{"type", "content_block_start"},
                                             {"index", 0},
                                             {"content_block", std::move(block)}}) +
               ping();
    }

    std::string token(std::string_view piece) override {
        if (!token_) {
            const auto slot = std::string(JsonTemplate::kSlot);
            ojson delta{{"type", "text_delta"}, {"text", slot}};
            if (context_.tool_name) {
                delta = {{"type", "input_json_delta"}, {"partial_json", slot}};
            }
            token_.emplace(
                ojson{{"type", "content_block_delta"}, {"index", 0}, {"delta", std::move(delta)}}
                    .dump());
        }
        auto out = sse_event("content_block_delta", token_->fill(piece));
        if (++tokens_ % kPingEveryTokens == 0) {
            out += ping();
        }
        return out;
    }

    std::string end(Finish finish, Usage usage) override {
        return event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}}) +
               event("message_delta",
                     {{"type", "message_delta"},
                      {"delta", {{"stop_reason", stop_reason(finish)}, {"stop_sequence", nullptr}}},
                      {"usage", {{"output_tokens", usage.output_tokens}}}}) +
               event("message_stop", {{"type", "message_stop"}});
    }

    std::string malformed() override { return sse_event("content_block_delta", "{not json"); }

    std::string bad_crc(std::string_view /*piece*/) override { return malformed(); }

    std::string mid_stream_error() override {
        return event("error",
                     {{"type", "error"},
                      {"error", {{"type", "overloaded_error"}, {"message", "Overloaded"}}}});
    }

    std::string ping() override { return event("ping", {{"type", "ping"}}); }

private:
    ReplyContext context_;
    std::optional<JsonTemplate> token_;  // the content_block_delta, built on first use
    std::size_t tokens_ = 0;
};

}  // namespace

std::unique_ptr<StreamEncoder> make_anthropic_encoder(ReplyContext context) {
    return std::make_unique<AnthropicEncoder>(std::move(context));
}

HttpAnswer anthropic_complete(const ReplyContext& context, std::string_view text, Finish finish,
                              Usage usage) {
    ojson block{{"type", "text"}, {"text", text}};
    if (context.tool_name) {
        auto input = ojson::parse(text, nullptr, false);
        block = {{"type", "tool_use"},
                 {"id", tool_use_id(context.seq)},
                 {"name", *context.tool_name},
                 {"input", input.is_discarded() ? ojson(text) : std::move(input)}};
    }
    const ojson body{
        {"id", message_id(context.seq)},
        {"type", "message"},
        {"role", "assistant"},
        {"model", context.model},
        {"content", ojson::array({std::move(block)})},
        {"stop_reason", stop_reason(finish)},
        {"stop_sequence", nullptr},
        {"usage", {{"input_tokens", usage.input_tokens}, {"output_tokens", usage.output_tokens}}}};
    HttpAnswer answer;
    answer.headers = {{"request-id", "req_fake" + std::to_string(context.seq)}};
    answer.body = body.dump();
    return answer;
}

HttpAnswer anthropic_error(int status, std::string_view type, std::string_view message,
                           std::optional<double> retry_after_s) {
    HttpAnswer answer;
    answer.status = status;
    answer.body = ojson{{"type", "error"},
                        {"error", {{"type", type}, {"message", message}}},
                        {"request_id", "req_fake_error"}}
                      .dump();
    add_retry_after(answer.headers, retry_after_s);
    return answer;
}

}  // namespace swarm::fake_llm
