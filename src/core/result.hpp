// Expected failures as values: one Error type with a code, a client-safe message and the field it
// concerns. Every layer returns Result<T>; adapters translate their library errors at their edge.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace swarm::core {

enum class ErrorCode {
    kInvalidArgument,  // bad input: names the field and what is allowed
    kNotFound,
    kAlreadyExists,
    kFailedPrecondition,  // e.g. an empty knowledge base
    kResourceExhausted,
    kDeadlineExceeded,
    kUnavailable,
    kCancelled,
    kUpstream,
    kIo,                // a file or database could not be read or written
    kUnauthenticated,   // no credentials, or credentials that are not valid (HTTP 401)
    kPermissionDenied,  // valid credentials whose role may not do this (HTTP 403 "forbidden")
    kInternal,
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;  // safe to show a user; never contains secrets
    std::string field;    // the input field at fault ("platforms[2]"), empty if none
    std::string detail;   // extra context for logs
    /// When the caller may try again (a full queue, a rate limit): the HTTP error response sends
    /// it as Retry-After. nullopt: no hint.
    std::optional<std::chrono::seconds> retry_after{};
};

template <class T>
using Result = tl::expected<T, Error>;

/// Builds the unexpected value for a failing Result: `return fail(ErrorCode::kNotFound, "...")`.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string field = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), {}});
}

/// Forwards a failure to the caller: `SWARM_TRY(store.save(item));` returns the error of a failed
/// Result (of any value type) from the enclosing function and discards a successful value.
#define SWARM_TRY(expr)                                                    \
    do {                                                                   \
        if (auto&& swarm_try_result_ = (expr); !swarm_try_result_) {       \
            return ::tl::unexpected(std::move(swarm_try_result_).error()); \
        }                                                                  \
    } while (false)

#define SWARM_DETAIL_CONCAT_INNER(a, b) a##b
#define SWARM_DETAIL_CONCAT(a, b) SWARM_DETAIL_CONCAT_INNER(a, b)

/// Declares or assigns the value of a successful Result, or forwards its failure to the caller:
/// `SWARM_TRY_ASSIGN(auto rows, db.query(...));` `SWARM_TRY_ASSIGN(config.port, parse_port(v));`
#define SWARM_TRY_ASSIGN(lhs, expr) \
    SWARM_DETAIL_TRY_ASSIGN(SWARM_DETAIL_CONCAT(swarm_try_value_, __LINE__), lhs, expr)
// tmp is a name made by SWARM_TRY_ASSIGN and lhs a declaration; neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define SWARM_DETAIL_TRY_ASSIGN(tmp, lhs, expr)          \
    auto tmp = (expr);                                   \
    if (!tmp) {                                          \
        return ::tl::unexpected(std::move(tmp).error()); \
    }                                                    \
    lhs = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)

/// Stable snake_case name of a code ("invalid_argument"), used in JSON error bodies.
std::string_view to_string(ErrorCode code);

/// "field: message" when a field is set, else the message alone.
std::string describe(const Error& error);

}  // namespace swarm::core
