// Bedrock ConverseStream on the wire: application/vnd.amazon.eventstream frames built with the
// project's encoder (src/llm/event_stream), and AWS JSON errors with x-amzn-errortype (3.7).
#include "llm/event_stream.hpp"
#include "provider.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {
namespace {

using ojson = nlohmann::ordered_json;
using llm::EventHeader;

// The service pads payloads with "p" so sizes do not leak the text; clients must ignore it.
constexpr std::string_view kPadding = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

std::string event_frame(std::string_view event_type, const std::string& payload) {
    const std::vector<EventHeader> headers{{":event-type", std::string(event_type)},
                                           {":content-type", std::string("application/json")},
                                           {":message-type", std::string("event")}};
    return llm::encode_event_stream_message(headers, payload);
}

std::string padded(ojson payload, std::size_t n) {
    payload["p"] = std::string(kPadding.substr(0, 1 + n % kPadding.size()));
    return payload.dump();
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

class BedrockEncoder final : public StreamEncoder {
public:
    explicit BedrockEncoder(ReplyContext context)
        : context_(std::move(context)), started_(std::chrono::steady_clock::now()) {}

    std::string content_type() const override { return "application/vnd.amazon.eventstream"; }

    HeaderList headers() const override { return {{"x-amzn-requestid", request_id()}}; }

    std::string begin() override {
        auto out = event_frame("messageStart", padded({{"role", "assistant"}}, 0));
        if (context_.tool_name) {
            const ojson start{{"toolUse",
                               {{"toolUseId", "tooluse_fake" + std::to_string(context_.seq)},
                                {"name", *context_.tool_name}}}};
            out += event_frame("contentBlockStart",
                               padded({{"contentBlockIndex", 0}, {"start", start}}, 1));
        }
        return out;
    }

    std::string token(std::string_view piece) override {
        ojson delta{{"text", piece}};
        if (context_.tool_name) {
            delta = {{"toolUse", {{"input", piece}}}};
        }
        return event_frame(
            "contentBlockDelta",
            padded({{"contentBlockIndex", 0}, {"delta", std::move(delta)}}, ++tokens_));
    }

    std::string end(Finish finish, Usage usage) override {
        const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started_)
                                 .count();
        const ojson metadata{{"usage",
                              {{"inputTokens", usage.input_tokens},
                               {"outputTokens", usage.output_tokens},
                               {"totalTokens", usage.input_tokens + usage.output_tokens}}},
                             {"metrics", {{"latencyMs", latency}}}};
        return event_frame("contentBlockStop", padded({{"contentBlockIndex", 0}}, 2)) +
               event_frame("messageStop", padded({{"stopReason", stop_reason(finish)}}, 3)) +
               event_frame("metadata", padded(metadata, 4));
    }

    std::string malformed() override { return event_frame("contentBlockDelta", "{not json"); }

    std::string bad_crc(std::string_view piece) override {
        auto frame = token(piece);
        frame.back() = static_cast<char>(frame.back() ^ 0x5A);  // the message CRC's last byte
        return frame;
    }

    std::string mid_stream_error() override {
        const std::vector<EventHeader> headers{
            {":exception-type", std::string("throttlingException")},
            {":content-type", std::string("application/json")},
            {":message-type", std::string("exception")}};
        const ojson payload{{"message", "Too many requests, please wait before trying again."}};
        return llm::encode_event_stream_message(headers, payload.dump());
    }

private:
    std::string request_id() const {
        return "fa4e0000-0000-4000-8000-" + std::to_string(100000000000 + context_.seq);
    }

    ReplyContext context_;
    std::chrono::steady_clock::time_point started_;
    std::size_t tokens_ = 0;
};

bool is_auth_error(std::string_view aws_type) {
    return aws_type == "MissingAuthenticationTokenException" ||
           aws_type == "IncompleteSignatureException" || aws_type == "InvalidSignatureException" ||
           aws_type == "UnrecognizedClientException";
}

}  // namespace

std::unique_ptr<StreamEncoder> make_bedrock_encoder(ReplyContext context) {
    return std::make_unique<BedrockEncoder>(std::move(context));
}

HttpAnswer bedrock_error(int status, std::string_view aws_type, std::string_view message,
                         std::optional<double> retry_after_s) {
    HttpAnswer answer;
    answer.status = status;
    // The real header carries the shape's namespace after a colon; clients keep the part before.
    const std::string_view ns = is_auth_error(aws_type)
                                    ? "http://internal.amazon.com/coral/com.amazon.coral.service/"
                                    : "http://internal.amazon.com/coral/com.amazon.bedrock/";
    answer.headers = {{"x-amzn-errortype", std::string(aws_type) + ":" + std::string(ns)},
                      {"x-amzn-requestid", "fa4e0000-0000-4000-8000-000000000000"}};
    answer.body = ojson{{"message", message}}.dump();
    add_retry_after(answer.headers, retry_after_s);
    return answer;
}

}  // namespace swarm::fake_llm
