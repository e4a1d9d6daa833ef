#include "llm/retry_policy.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <random>
#include <string_view>
#include <thread>

namespace swarm::llm {

namespace {

using std::chrono::milliseconds;

std::optional<double> parse_number(std::string_view text) {
    text = core::text::trim(text);
    if (text.empty() || text.size() > 32) {
        return std::nullopt;
    }
    // std::from_chars for double is available in GCC 12.
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

/// RFC 7231 IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
    std::tm tm{};
    const std::string copy(core::text::trim(text));
    const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    const std::time_t seconds = timegm(&tm);
    if (seconds == static_cast<std::time_t>(-1)) {
        return std::nullopt;
    }
    return std::chrono::system_clock::from_time_t(seconds);
}

core::Result<core::LlmResponse> with_attempts(core::Result<core::LlmResponse> result,
                                              int attempts) {
    if (result) {
        result->attempts = attempts;
    } else if (attempts > 1) {
        auto& detail = result.error().detail;
        detail += (detail.empty() ? "" : "; ") + std::string("after ") + std::to_string(attempts) +
                  " attempts";
    }
    return result;
}

}  // namespace

bool interruptible_sleep(milliseconds delay, const std::stop_token& stop) {
    const auto until = std::chrono::steady_clock::now() + delay;
    while (!stop.stop_requested()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= until) {
            return true;
        }
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            until - now, std::chrono::milliseconds(50)));
    }
    return false;
}

milliseconds backoff_delay(const RetryPolicy& policy, int retry_index, double unit_random) {
    const int shift = std::clamp(retry_index, 0, 30);
    const double raw = static_cast<double>(policy.base.count()) * std::pow(2.0, shift);
    const double capped = std::min(raw, static_cast<double>(policy.cap.count()));
    const double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(unit_random, 0.0, 1.0);
    return milliseconds(static_cast<milliseconds::rep>(capped * (1.0 - jitter)));
}

bool is_retryable_status(long status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

bool should_retry_response(const HttpResponseHead& head) {
    if (const auto header = head.header("x-should-retry")) {
        const auto value = core::text::trim(*header);
        if (value == "true") {
            return true;
        }
        if (value == "false") {
            return false;
        }
    }
    return is_retryable_status(head.status);
}

std::optional<milliseconds> parse_retry_after(const HttpResponseHead& head,
                                              std::chrono::system_clock::time_point now) {
    if (const auto ms = head.header("retry-after-ms")) {
        if (const auto value = parse_number(*ms); value && *value >= 0) {
            return milliseconds(static_cast<milliseconds::rep>(*value));
        }
    }
    const auto header = head.header("retry-after");
    if (!header) {
        return std::nullopt;
    }
    if (const auto seconds = parse_number(*header)) {
        if (*seconds < 0) {
            return std::nullopt;
        }
        return milliseconds(static_cast<milliseconds::rep>(*seconds * 1000.0));
    }
    if (const auto when = parse_http_date(*header)) {
        const auto wait = std::chrono::duration_cast<milliseconds>(*when - now);
        return std::max(wait, milliseconds(0));
    }
    return std::nullopt;
}

core::Result<core::LlmResponse> call_with_retries(
    const RetryPolicy& policy, const std::function<AttemptResult(int attempt)>& attempt,
    const std::stop_token& stop, std::chrono::steady_clock::time_point deadline,
    const RetryEnv& env) {
    const SteadyNow now = env.now ? env.now : [] {
        return std::chrono::steady_clock::now();
    };
    const Sleeper sleep = env.sleep ? env.sleep : Sleeper(interruptible_sleep);
    std::mt19937_64 rng(env.jitter_seed != 0 ? env.jitter_seed : std::random_device{}());
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    for (int number = 1;; ++number) {
        if (stop.stop_requested()) {
            return core::fail(core::ErrorCode::kCancelled, "model call cancelled");
        }
        if (now() >= deadline) {
            return with_attempts(
                core::fail(core::ErrorCode::kDeadlineExceeded, "model call deadline passed"),
                number - 1);
        }
        AttemptResult result = attempt(number);
        if (result.response || !result.retryable || result.delta_emitted ||
            number > policy.max_retries) {
            return with_attempts(std::move(result.response), number);
        }
        const int retry_index = number - 1;
        milliseconds wait = backoff_delay(policy, retry_index, unit(rng));
        if (result.retry_after) {
            if (*result.retry_after > policy.max_retry_after) {
                auto error = result.response.error();
                error.code = core::ErrorCode::kUnavailable;
                error.message +=
                    "; not retried: server asks to wait " +
                    std::to_string(result.retry_after->count() / 1000) + " s, more than the " +
                    std::to_string(policy.max_retry_after.count() / 1000) + " s allowed";
                return with_attempts(tl::unexpected(std::move(error)), number);
            }
            wait = *result.retry_after;
        }
        if (now() + wait >= deadline) {
            auto error = result.response.error();
            error.code = core::ErrorCode::kDeadlineExceeded;
            error.message += "; the deadline passes before the next retry";
            return with_attempts(tl::unexpected(std::move(error)), number);
        }
        if (!sleep(wait, stop)) {
            return core::fail(core::ErrorCode::kCancelled, "model call cancelled");
        }
    }
}

}  // namespace swarm::llm
