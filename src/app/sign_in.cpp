#include "app/sign_in.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::app {
namespace {

constexpr std::size_t kMaxTallies = 100000;

tl::unexpected<core::Error> wrong_credentials() {
    return core::fail(core::ErrorCode::kUnauthenticated, "the email or the password is wrong",
                      "password");
}

tl::unexpected<core::Error> throttled(std::string message, std::int64_t seconds,
                                      std::string field) {
    core::Error error{core::ErrorCode::kResourceExhausted,
                      fmt::format("{}; try again in {} s", message, seconds),
                      std::move(field),
                      {}};
    error.retry_after = std::chrono::seconds(std::max<std::int64_t>(1, seconds));
    return tl::unexpected(std::move(error));
}

std::int64_t seconds_until(core::Timestamp until, core::Timestamp now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(until - now).count();
    return std::max<std::int64_t>(0, left);
}

}  // namespace

SignIn::SignIn(core::PeopleStore& people, const core::Clock& clock, SignInPolicy policy,
               crypto::PasswordCost cost)
    : people_(people), clock_(clock), policy_(policy), cost_(cost) {
    auto decoy = crypto::hash_password(crypto::random_token(16), cost_);
    decoy_hash_ = decoy ? std::move(*decoy) : std::string();
}

std::chrono::seconds SignIn::lock_for(std::int64_t failures) const {
    if (failures < policy_.lock_after) {
        return std::chrono::seconds(0);
    }
    auto lock = policy_.first_lock;
    for (std::int64_t i = policy_.lock_after; i < failures && lock < policy_.longest_lock; ++i) {
        lock *= 2;
    }
    return std::min(lock, policy_.longest_lock);
}

std::int64_t SignIn::locked_for(const std::string& key, core::Timestamp now) {
    const std::lock_guard lock(mutex_);
    const auto it = tallies_.find(key);
    return it == tallies_.end() ? 0 : seconds_until(it->second.locked_until, now);
}

void SignIn::count_failure(const std::string& key, core::Timestamp now, std::int64_t limit,
                           bool backoff) {
    const std::lock_guard lock(mutex_);
    if (tallies_.size() >= kMaxTallies) {
        std::erase_if(tallies_, [&](const auto& entry) {
            return entry.second.locked_until <= now &&
                   now - entry.second.window_start >= policy_.address_window;
        });
        if (tallies_.size() >= kMaxTallies) {
            tallies_.clear();
        }
    }
    auto& tally = tallies_[key];
    if (tally.failures == 0 || now - tally.window_start >= policy_.address_window) {
        tally.failures = 0;
        tally.window_start = now;
    }
    ++tally.failures;
    if (tally.failures >= limit) {
        tally.locked_until = now + (backoff ? lock_for(tally.failures) : policy_.address_window);
    }
}

core::Result<SignedIn> SignIn::sign_in(std::string_view email_text, std::string_view password,
                                       const std::string& address, std::string_view user_agent) {
    SWARM_TRY_ASSIGN(const auto email, normalize_email(email_text, "email"));
    const auto now = clock_.now();
    const auto address_key = "address:" + address;
    if (const auto wait = locked_for(address_key, now); wait > 0) {
        return throttled("too many failed sign-ins from this address", wait, "address");
    }
    SWARM_TRY_ASSIGN(const auto user, people_.find_user_by_email(email));
    if (!user) {
        // An email without an account is throttled like one with (in this process), so the
        // answers do not tell which emails have accounts.
        const auto email_key = "email:" + email;
        if (const auto wait = locked_for(email_key, now); wait > 0) {
            return throttled("too many failed sign-ins for this account", wait, "email");
        }
        (void)crypto::verify_password(decoy_hash_, password);
        count_failure(email_key, now, policy_.lock_after, true);
        count_failure(address_key, now, policy_.address_failures, false);
        return wrong_credentials();
    }
    if (user->locked_until && *user->locked_until > now) {
        return throttled("too many failed sign-ins for this account",
                         seconds_until(*user->locked_until, now), "email");
    }
    if (!crypto::verify_password(user->password_hash, password)) {
        count_failure(address_key, now, policy_.address_failures, false);
        SWARM_TRY_ASSIGN(const auto failures, people_.count_failed_sign_in(user->id));
        if (const auto lock = lock_for(failures); lock.count() > 0) {
            SWARM_TRY(people_.lock_user(user->id, now + lock));
        }
        return wrong_credentials();
    }
    if (user->failed_sign_ins > 0 || user->locked_until) {
        SWARM_TRY(people_.clear_failed_sign_ins(user->id));
    }
    if (crypto::password_needs_rehash(user->password_hash, cost_)) {
        if (auto rehashed = crypto::hash_password(password, cost_)) {
            (void)people_.set_password(user->id, *rehashed);  // best effort: the old hash works
        }
    }
    SWARM_TRY_ASSIGN(auto session, issue_session(people_, user->id, address, user_agent));
    return SignedIn{*user, std::move(session)};
}

}  // namespace swarm::app
