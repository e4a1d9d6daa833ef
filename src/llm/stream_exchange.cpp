#include "llm/stream_exchange.hpp"

#include <algorithm>
#include <array>
#include <random>

namespace swarm::llm {

namespace {

bool contains_json(const std::optional<std::string>& content_type) {
    return content_type && content_type->find("json") != std::string::npos;
}

}  // namespace

ExchangeResult run_exchange(HttpTransport& transport, const HttpRequest& request,
                            const SseDecoder::EventHandler& on_event, const std::stop_token& stop,
                            const ExchangeLimits& limits) {
    ExchangeResult result;
    SseDecoder decoder(limits.max_event);
    bool consumer_done = false;
    HttpStreamHandlers handlers;
    handlers.on_head = [&result](const HttpResponseHead& head) {
        result.success_status = head.status >= 200 && head.status < 300;
        result.json_body = result.success_status && contains_json(head.header("content-type"));
    };
    handlers.on_body = [&](std::string_view bytes) {
        if (!result.success_status || result.json_body) {
            const std::size_t limit =
                result.success_status ? limits.max_json_body : limits.max_error_body;
            if (result.body.size() + bytes.size() > limit) {
                result.body.append(bytes.substr(0, limit - result.body.size()));
                if (result.success_status) {
                    result.decode_error =
                        core::Error{core::ErrorCode::kUpstream,
                                    "JSON answer larger than " + std::to_string(limit) + " bytes",
                                    {},
                                    {}};
                }
                consumer_done = true;
                return false;
            }
            result.body.append(bytes);
            return true;
        }
        auto fed = decoder.feed(bytes, [&](const SseEvent& event) {
            consumer_done = !on_event(event);
            return !consumer_done;
        });
        if (!fed) {
            result.decode_error = fed.error();
            consumer_done = true;
        }
        return !consumer_done;
    };
    result.outcome = transport.post_stream(request, handlers, stop);
    if (consumer_done && result.outcome.error &&
        result.outcome.error->code == core::ErrorCode::kCancelled && !stop.stop_requested()) {
        result.outcome.error.reset();  // we ended the transfer ourselves
    }
    return result;
}

AttemptResult run_attempt(HttpTransport& transport, const HttpRequest& request,
                          const ErrorContext& context, ReplyDecoder& decoder,
                          std::size_t prompt_chars, const std::stop_token& stop) {
    const auto exchange = run_exchange(
        transport, request, [&decoder](const SseEvent& event) { return decoder.on_event(event); },
        stop);
    const auto& outcome = exchange.outcome;
    if (outcome.head.status != 0 && !exchange.success_status) {
        return classify_http_error(context, outcome.head, exchange.body);
    }
    if (outcome.error) {
        return classify_transport_error(context, *outcome.error, decoder.delta_emitted());
    }
    if (exchange.decode_error) {
        return final_error(context, core::ErrorCode::kUpstream, exchange.decode_error->message,
                           decoder.delta_emitted());
    }
    if (exchange.json_body) {
        return decoder.parse_whole(exchange.body, prompt_chars);
    }
    return decoder.finish(prompt_chars);
}

std::string make_idempotency_key() {
    static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                  '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::random_device device;
    std::string key;
    key.reserve(32);
    for (int i = 0; i < 32; ++i) {
        key.push_back(kHex[device() % kHex.size()]);
    }
    return key;
}

StreamDecoderBase::StreamDecoderBase(ErrorContext context, const core::LlmDeltaSink& on_delta)
    : context_(std::move(context)), on_delta_(on_delta) {}

void StreamDecoderBase::emit(std::string_view text) {
    if (text.empty()) {
        return;
    }
    delta_emitted_ = true;
    if (on_delta_) {
        on_delta_(text);
    }
}

bool StreamDecoderBase::fail(AttemptResult failure) {
    failure.delta_emitted = delta_emitted_;
    failure_ = std::move(failure);
    return false;
}

AttemptResult StreamDecoderBase::finish(std::size_t prompt_chars) {
    if (failure_) {
        return *failure_;
    }
    if (!ended()) {
        auto result = final_error(context_, core::ErrorCode::kUnavailable, "stream ended early",
                                  delta_emitted_);
        result.retryable = !delta_emitted_;
        return result;
    }
    return build_response(prompt_chars);
}

core::Result<core::LlmResponse> complete_call(const core::LlmRequest& request, const CallPlan& plan,
                                              const BodyBuilder& build_body,
                                              const BodyAttempt& attempt,
                                              const std::stop_token& stop) {
    if (auto invalid = validate_request(request)) {
        return tl::unexpected(std::move(*invalid));
    }
    SWARM_TRY_ASSIGN(const auto body, build_body());
    const auto deadline = call_deadline(request, plan.total, now_of(plan.env));
    auto result = call_with_retries(
        plan.retry, [&](int) { return attempt(body, deadline); }, stop, deadline, plan.env);
    if (result) {
        apply_cost(result->usage, plan.prices, plan.model);
    }
    return result;
}

std::chrono::steady_clock::time_point now_of(const RetryEnv& env) {
    return env.now ? env.now() : std::chrono::steady_clock::now();
}

void finish_http_request(HttpRequest& http, const core::LlmRequest& request,
                         const std::vector<std::pair<std::string, std::string>>& extra_headers,
                         const CallTimeouts& timeouts,
                         std::chrono::steady_clock::time_point deadline, const RetryEnv& env) {
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    http.headers.insert(http.headers.end(), extra_headers.begin(), extra_headers.end());
    apply_timeouts(http, timeouts, deadline, now_of(env));
}

std::int64_t estimate_tokens(std::size_t characters) {
    return static_cast<std::int64_t>((characters + 3) / 4);
}

AttemptResult completed_attempt(core::LlmResponse response,
                                const std::optional<core::LlmUsage>& usage,
                                std::size_t prompt_chars, const ErrorContext& context,
                                bool delta_emitted) {
    if (usage) {
        response.usage = *usage;
    } else {
        response.usage.input_tokens = estimate_tokens(prompt_chars);
        response.usage.output_tokens = estimate_tokens(response.text.size());
        response.usage.usage_estimated = true;
    }
    response.provider = context.provider;
    response.model = context.model;
    AttemptResult result;
    result.response = std::move(response);
    result.delta_emitted = delta_emitted;
    return result;
}

std::size_t prompt_characters(const core::LlmRequest& request) {
    std::size_t total = request.system.size();
    for (const auto& message : request.messages) {
        total += message.text.size();
    }
    return total;
}

void apply_cost(core::LlmUsage& usage, const PriceTable* prices, const std::string& model) {
    if (prices == nullptr) {
        usage.cost_usd = 0;
        usage.cost_known = false;
        return;
    }
    const auto cost = prices->cost(model, usage.input_tokens, usage.output_tokens);
    usage.cost_usd = cost.usd;
    usage.cost_known = cost.known;
}

std::chrono::steady_clock::time_point call_deadline(const core::LlmRequest& request,
                                                    std::chrono::milliseconds fallback,
                                                    std::chrono::steady_clock::time_point now) {
    return now + (request.deadline.count() > 0 ? request.deadline : fallback);
}

void apply_timeouts(HttpRequest& http, const CallTimeouts& timeouts,
                    std::chrono::steady_clock::time_point deadline,
                    std::chrono::steady_clock::time_point now) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    http.connect_timeout = timeouts.connect;
    http.idle_timeout = timeouts.idle;
    http.total_timeout = std::max(std::chrono::milliseconds(1), std::min(timeouts.total, left));
}

std::optional<core::Error> validate_request(const core::LlmRequest& request) {
    if (request.messages.empty()) {
        return core::Error{
            core::ErrorCode::kInvalidArgument, "at least one message is required", "messages", {}};
    }
    if (request.max_tokens <= 0) {
        return core::Error{core::ErrorCode::kInvalidArgument, "must be positive", "max_tokens", {}};
    }
    return std::nullopt;
}

}  // namespace swarm::llm
