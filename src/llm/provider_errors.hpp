// Turns failed provider exchanges (HTTP error bodies, mid-stream error events, transport errors)
// into classified attempt results whose messages name provider, model and status, never the key.
#pragma once

#include "core/result.hpp"
#include "llm/http_transport.hpp"
#include "llm/retry_policy.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace swarm::llm {

/// Who is failing, for messages; `secret` (the API key or AWS secret) is redacted from all text.
struct ErrorContext {
    std::string provider;
    std::string model;
    std::string secret;
};

/// The fields of a provider error body. Understands OpenAI `{"error":{message,type,code}}`
/// (code a string or, for llama.cpp, a number), Anthropic `{"type":"error","error":{type,
/// message,details:{error_code}}}` and a bare `{"message":...}`; unknown shapes leave fields empty.
struct ProviderErrorBody {
    std::string type;
    std::string code;
    std::string message;
    std::string details_code;  // Anthropic error.details.error_code
};

ProviderErrorBody parse_error_body(std::string_view body);

/// Money ran out: insufficient_quota, billing_error or enforced_spend_limit_reached.
bool is_quota_exhausted(const ProviderErrorBody& body);

/// Replaces every occurrence of `secret` (when at least 4 characters) with "[redacted]".
std::string redact_secret(std::string text, std::string_view secret);

/// At most `max_bytes` bytes (cut on a UTF-8 boundary) plus "..." when cut.
std::string clip_text(std::string_view text, std::size_t max_bytes = 300);

/// `openai model "gpt-4o-mini": <what>`, redacted.
std::string error_prefix(const ErrorContext& context);

/// Classifies a completed non-2xx exchange: quota → kResourceExhausted (never retried); a
/// retryable status (x-should-retry honoured) → kUnavailable with retry-after; else kUpstream.
/// Message: `<prefix>: HTTP <status>: <provider message, clipped>`; detail holds type/code.
AttemptResult classify_http_error(const ErrorContext& context, const HttpResponseHead& head,
                                  std::string_view body);

/// Classifies an error event inside a 2xx stream (`type` as the provider names it): quota →
/// kResourceExhausted; overloaded/api/rate-limit/timeout/server errors → kUnavailable, retryable
/// only when no delta reached the caller; anything else kUpstream.
AttemptResult classify_stream_error(const ErrorContext& context, const ProviderErrorBody& error,
                                    bool delta_emitted);

/// Classifies a transport failure: kUnavailable and kDeadlineExceeded (connect or idle timeout)
/// are retryable when no delta reached the caller; kCancelled and the rest are final.
AttemptResult classify_transport_error(const ErrorContext& context, const core::Error& error,
                                       bool delta_emitted);

/// A final (non-retryable) failure with the prefixed, redacted message.
AttemptResult final_error(const ErrorContext& context, core::ErrorCode code, std::string_view what,
                          bool delta_emitted);

}  // namespace swarm::llm
