// Provider-agnostic retries for one logical model call: which HTTP answers are retryable, how long
// to wait (retry-after headers, capped exponential backoff with jitter), the deadline and stop.
#pragma once

#include "core/ports/llm_client.hpp"
#include "core/result.hpp"
#include "llm/http_transport.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace swarm::llm {

/// Defaults follow the OpenAI and Anthropic SDKs: 2 retries, 0.5 s doubling to 8 s, minus up to
/// 25 % jitter; a server asking to wait longer than max_retry_after is not retried.
struct RetryPolicy {
    int max_retries = 2;
    std::chrono::milliseconds base{500};
    std::chrono::milliseconds cap{8'000};
    double jitter = 0.25;
    std::chrono::milliseconds max_retry_after{120'000};
};

/// One attempt's result, classified by the provider. `retryable` is only consulted on error;
/// `delta_emitted` (some text already reached the caller) forbids any retry whatever else says.
struct AttemptResult {
    core::Result<core::LlmResponse> response;
    bool retryable = false;
    std::optional<std::chrono::milliseconds> retry_after;
    bool delta_emitted = false;
};

/// Waits `delay` unless `stop` is requested first; returns false when stopped.
using Sleeper = std::function<bool(std::chrono::milliseconds delay, std::stop_token stop)>;
using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

/// Injected time and randomness, so tests never sleep. Empty members use the real ones.
struct RetryEnv {
    Sleeper sleep;                  // empty: interruptible_sleep
    SteadyNow now;                  // empty: steady_clock::now
    std::uint64_t jitter_seed = 0;  // 0: seeded from std::random_device
};

/// Sleeps in slices of at most 50 ms, checking `stop`; false when stopped.
bool interruptible_sleep(std::chrono::milliseconds delay, const std::stop_token& stop);

/// The wait before retry number `retry_index` (0 for the first retry): min(cap, base * 2^n) minus
/// `jitter * unit_random` of it; `unit_random` is in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry_index,
                                        double unit_random);

/// 408, 409, 429 and every status >= 500 (including Anthropic's 529).
bool is_retryable_status(long status);

/// is_retryable_status, unless the server says `x-should-retry: true|false`.
bool should_retry_response(const HttpResponseHead& head);

/// `retry-after-ms` (milliseconds), else `retry-after` as seconds or an HTTP-date relative to
/// `now`. Negative or unparsable values give nullopt.
std::optional<std::chrono::milliseconds> parse_retry_after(
    const HttpResponseHead& head,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// Runs `attempt(n)` (n = 1, 2, ...) until it succeeds, fails for good, the retries run out, the
/// deadline passes (kDeadlineExceeded) or `stop` is requested (kCancelled). Waits retry_after when
/// given (fails kUnavailable without waiting when it exceeds policy.max_retry_after), else the
/// backoff. A wait that would cross the deadline is not started. Sets `attempts` on success; an
/// exhausted budget returns the last attempt's error with the attempt count appended to detail.
core::Result<core::LlmResponse> call_with_retries(
    const RetryPolicy& policy, const std::function<AttemptResult(int attempt)>& attempt,
    const std::stop_token& stop, std::chrono::steady_clock::time_point deadline,
    const RetryEnv& env = {});

}  // namespace swarm::llm
