#include "app/key_authenticator.hpp"

#include "app/access_keys.hpp"
#include "core/text/utf8.hpp"
#include "crypto/sodium.hpp"

namespace swarm::app {
namespace {

constexpr std::size_t kMaxRemembered = 4096;

}  // namespace

core::Result<std::optional<std::string>> bearer_token(const http::Request& request) {
    const auto header = request.header("authorization");
    if (!header) {
        return std::nullopt;
    }
    std::string_view value = *header;
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() <= kScheme.size() ||
        core::text::ascii_lower(value.substr(0, kScheme.size())) != kScheme) {
        return core::fail(core::ErrorCode::kUnauthenticated, "use Authorization: Bearer <API key>",
                          "Authorization");
    }
    value.remove_prefix(kScheme.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    if (value.empty()) {
        return core::fail(core::ErrorCode::kUnauthenticated, "use Authorization: Bearer <API key>",
                          "Authorization");
    }
    return std::optional<std::string>(std::string(value));
}

core::Result<core::access::Principal> KeyAuthenticator::authenticate(const http::Request& request) {
    SWARM_TRY_ASSIGN(const auto token, bearer_token(request));
    if (!token) {
        if (options_.anonymous) {
            return *options_.anonymous;
        }
        return core::fail(core::ErrorCode::kUnauthenticated,
                          "this needs an API key: send Authorization: Bearer <key> (make one with "
                          "`content-swarm admin create-key`)",
                          "Authorization");
    }
    const auto now = clock_.now();
    SWARM_TRY_ASSIGN(const auto record, check_key(store_, *token, now));
    auto principal = principal_of(record);
    const auto digest = crypto::secret_digest(*token);
    const auto steady = std::chrono::steady_clock::now();
    bool touch = false;
    {
        const std::lock_guard lock(mutex_);
        if (checked_.size() >= kMaxRemembered) {
            checked_.clear();
        }
        auto [it, inserted] = checked_.try_emplace(digest);
        touch = inserted || steady - it->second.touched_at >= options_.touch_every;
        it->second.principal = principal;
        it->second.expires_at = record.expires_at;
        it->second.checked_at = steady;
        if (touch) {
            it->second.touched_at = steady;
        }
    }
    if (touch) {
        // Best effort: a failed write of the last use does not refuse the request.
        (void)store_.touch_key(record.id, now);
    }
    return principal;
}

std::optional<core::access::Principal> KeyAuthenticator::authenticate_cached(
    const http::Request& request) {
    auto token = bearer_token(request);
    if (!token || !*token) {
        if (token && options_.anonymous) {
            return options_.anonymous;
        }
        return std::nullopt;  // the lane answers with the reason
    }
    const auto digest = crypto::secret_digest(**token);
    const std::lock_guard lock(mutex_);
    const auto it = checked_.find(digest);
    if (it == checked_.end() ||
        std::chrono::steady_clock::now() - it->second.checked_at >= options_.trust_for ||
        (it->second.expires_at && *it->second.expires_at <= clock_.now())) {
        return std::nullopt;
    }
    return it->second.principal;
}

}  // namespace swarm::app
