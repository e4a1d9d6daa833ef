// One model request end to end: the provider's credential checks, recording, script matching,
// then an error, a complete JSON answer or a streamed reply (stream_writer.cpp).
#include "llm_request.hpp"
#include "session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace swarm::fake_llm::detail {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::string_view kAgentHeader = "x-content-swarm-agent";

/// parse_llm_request, with a field of the wrong type (a json exception) as an error.
tl::expected<LlmRequest, std::string> parse_checked(Provider provider, const nlohmann::json& body,
                                                    const std::string& path_model) {
    try {
        return parse_llm_request(provider, body, path_model);
    } catch (const nlohmann::json::exception& e) {
        return tl::unexpected(std::string("invalid request: ") + e.what());
    }
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

nlohmann::json header_json(const Request& req) {
    auto out = nlohmann::json::object();
    for (const auto& field : req) {
        const auto name = lower(field.name_string());
        const std::string value(field.value());
        if (out.contains(name)) {
            out[name] = out[name].get<std::string>() + ", " + value;
        } else {
            out[name] = value;
        }
    }
    return out;
}

std::string header(const nlohmann::json& headers, const std::string& name) {
    return headers.contains(name) ? headers[name].get<std::string>() : std::string();
}

namespace {

/// Anthropic wants x-api-key and anthropic-version; the answer is its own error when missing.
std::optional<HttpAnswer> check_anthropic(const nlohmann::json& headers) {
    if (header(headers, "x-api-key").empty()) {
        return anthropic_error(401, "authentication_error", "x-api-key header is required");
    }
    if (header(headers, "anthropic-version").empty()) {
        return anthropic_error(400, "invalid_request_error",
                               "anthropic-version: header is required");
    }
    return std::nullopt;
}

}  // namespace

/// Bedrock: a Bearer API key, or a SigV4 header scoped to the "bedrock" service (the signature
/// itself is not verified: the fake knows no secrets).
std::optional<HttpAnswer> check_bedrock(const nlohmann::json& headers) {
    const auto auth = header(headers, "authorization");
    if (auth.empty()) {
        return bedrock_error(403, "MissingAuthenticationTokenException",
                             "Missing Authentication Token");
    }
    if (auth.starts_with("Bearer ") && auth.size() > 7) {
        return std::nullopt;
    }
    if (!auth.starts_with("AWS4-HMAC-SHA256 ") || auth.find("Credential=") == std::string::npos ||
        auth.find("SignedHeaders=") == std::string::npos ||
        auth.find("Signature=") == std::string::npos) {
        return bedrock_error(403, "IncompleteSignatureException",
                             "Authorization header requires 'Credential', 'Signature' and "
                             "'SignedHeaders' parameters.");
    }
    if (auth.find("/bedrock/aws4_request") == std::string::npos) {
        return bedrock_error(403, "InvalidSignatureException",
                             "Credential should be scoped to correct service: 'bedrock'.");
    }
    if (header(headers, "x-amz-date").empty() && header(headers, "date").empty()) {
        return bedrock_error(403, "IncompleteSignatureException",
                             "Authorization header requires existence of either a 'X-Amz-Date' "
                             "or a 'Date' header.");
    }
    const bool token_signed = auth.find("x-amz-security-token") != std::string::npos;
    if (token_signed && header(headers, "x-amz-security-token").empty()) {
        return bedrock_error(403, "UnrecognizedClientException",
                             "The security token included in the request is invalid.");
    }
    return std::nullopt;
}

RequestRecord make_record(const Request& req, Provider provider, const nlohmann::json& headers) {
    RequestRecord record;
    record.method = std::string(req.method_string());
    record.path = std::string(req.target());
    record.agent = header(headers, std::string(kAgentHeader));
    record.provider = std::string(provider_name(provider));
    record.headers = headers;
    record.body = nlohmann::json::parse(req.body(), nullptr, false);
    if (record.body.is_discarded()) {
        record.body = req.body();
    }
    record.aws_security_token = headers.contains("x-amz-security-token");
    return record;
}

namespace {

std::optional<std::string> tool_for(const LlmRequest& llm, const Plan& plan) {
    if (llm.forced_tool) {
        return llm.forced_tool;
    }
    if (plan.tool_calls) {
        return llm.first_tool.value_or("tool");
    }
    return std::nullopt;
}

}  // namespace

net::awaitable<bool> refuse(Stream& stream, const Shared& shared, std::uint64_t seq,
                            const Request& req, HttpAnswer answer) {
    shared.recorder.set_status(seq, answer.status);
    const bool ok =
        co_await write_answer(stream, shared, std::move(answer), req.version(), req.keep_alive());
    shared.recorder.finish(seq, 0);
    co_return ok;
}

namespace {

/// The non-streamed reply: the whole generation time, then one JSON body (or the fault).
net::awaitable<bool> play_complete(Stream& stream, const Shared& shared, std::uint64_t seq,
                                   Provider provider, const ReplyContext& context, StreamPlan plan,
                                   const Request& req) {
    auto delay = plan.ttft;
    if (plan.tokens_per_second > 0) {
        delay += std::chrono::milliseconds(static_cast<std::int64_t>(
            1000.0 * static_cast<double>(plan.pieces.size()) / plan.tokens_per_second));
    }
    co_await sleep_until(stream, std::chrono::steady_clock::now() + delay);
    std::string text;
    for (const auto& piece : plan.pieces) {
        text += piece;
    }
    const auto kind = plan.fault.kind;
    if (kind == FaultKind::kDisconnect || kind == FaultKind::kStall) {
        if (kind == FaultKind::kStall) {
            co_await hold_open(stream, shared);
        }
        shared.recorder.finish(seq, 0);
        co_return false;
    }
    plan.usage.output_tokens = plan.pieces.size();
    auto answer = kind == FaultKind::kNone
                      ? complete_answer(provider, context, text, plan.finish, plan.usage)
                      : late_fault_answer(provider, context, plan.fault, text);
    shared.recorder.set_status(seq, answer.status);
    const bool ok =
        co_await write_answer(stream, shared, std::move(answer), req.version(), req.keep_alive());
    shared.recorder.finish(seq, kind == FaultKind::kNone ? plan.pieces.size() : 0);
    co_return ok;
}

}  // namespace

net::awaitable<bool> serve_model(Stream& stream, const Shared& shared, const Request& req,
                                 Provider provider, std::string path_model) {
    const auto headers = header_json(req);
    const auto seq = shared.recorder.add(make_record(req, provider, headers));
    auto denied = provider == Provider::kAnthropic ? check_anthropic(headers)
                  : provider == Provider::kBedrock ? check_bedrock(headers)
                                                   : std::nullopt;
    if (denied) {
        co_return co_await refuse(stream, shared, seq, req, std::move(*denied));
    }
    const auto body = nlohmann::json::parse(req.body(), nullptr, false);
    if (body.is_discarded()) {
        co_return co_await refuse(stream, shared, seq, req,
                                  request_error(provider, 400, "the body is not valid JSON"));
    }
    const auto llm = parse_checked(provider, body, path_model);
    if (!llm) {
        co_return co_await refuse(stream, shared, seq, req,
                                  request_error(provider, 400, llm.error()));
    }
    const auto agent = header(headers, std::string(kAgentHeader));
    auto plan = shared.book.choose({provider, agent, llm->model, llm->prompt});
    shared.recorder.set_reply(seq, plan.source, llm->model, plan.fault.name);
    if (plan.fault.kind == FaultKind::kStatus || plan.fault.kind == FaultKind::kInsufficientQuota) {
        co_return co_await refuse(stream, shared, seq, req, fault_answer(provider, plan.fault));
    }
    ReplyContext context{seq, llm->model, tool_for(*llm, plan), llm->include_usage,
                         estimate_tokens(llm->prompt)};
    StreamPlan stream_plan{split_pieces(plan.text),
                           plan.fault,
                           plan.ttft,
                           plan.tokens_per_second,
                           context.tool_name ? Finish::kToolUse : Finish::kStop,
                           Usage{context.input_tokens, 0}};
    if (plan.finish_length || (llm->max_tokens && stream_plan.pieces.size() > *llm->max_tokens)) {
        // A real model stops at max_tokens; the script can ask for "length" on its own too.
        stream_plan.pieces.resize(std::min(stream_plan.pieces.size(),
                                           llm->max_tokens.value_or(stream_plan.pieces.size())));
        stream_plan.finish = Finish::kLength;
    }
    if (!llm->stream) {
        co_return co_await play_complete(stream, shared, seq, provider, context,
                                         std::move(stream_plan), req);
    }
    auto encoder = make_stream_encoder(provider, context);
    co_return co_await play_stream(stream, shared, seq, *encoder, std::move(stream_plan),
                                   req.version(), req.keep_alive());
}

}  // namespace swarm::fake_llm::detail
