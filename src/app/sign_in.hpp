// Signing people in, throttled: per account (failures counted in the database, so every replica
// sees them; after `lock_after` failures in a row the account is locked for a time that doubles
// with each further failure) and per client address (failures counted in this process). A locked
// account is not tried at all, so a guess made during the lock learns nothing.
#pragma once

#include "app/people.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/people_store.hpp"
#include "core/result.hpp"
#include "crypto/sodium.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace swarm::app {

struct SignInPolicy {
    std::int64_t lock_after = 5;                   // failures in a row before a lock
    std::chrono::seconds first_lock{30};           // the first lock; doubles per failure after
    std::chrono::seconds longest_lock{15 * 60};    // locks never exceed this
    std::int64_t address_failures = 20;            // failures from one address before a lock
    std::chrono::seconds address_window{15 * 60};  // ... within this window
};

struct SignedIn {
    core::UserRecord user;
    IssuedSession session;
};

/// Thread-safe.
class SignIn {
public:
    SignIn(core::PeopleStore& people, const core::Clock& clock, SignInPolicy policy,
           crypto::PasswordCost cost);

    /// A new session for the email and password. kUnauthenticated (field "password") when
    /// either is wrong (one answer for both, in about the same time); kResourceExhausted with
    /// retry_after when the account or the address is locked (the message names which);
    /// kInvalidArgument for an email that is not an address.
    core::Result<SignedIn> sign_in(std::string_view email, std::string_view password,
                                   const std::string& address, std::string_view user_agent);

    /// How long an account is locked after `failures` failures in a row (none below lock_after).
    std::chrono::seconds lock_for(std::int64_t failures) const;

private:
    struct Tally {
        std::int64_t failures = 0;
        core::Timestamp window_start;
        core::Timestamp locked_until;
    };

    /// Seconds until `key`'s lock ends, or 0.
    std::int64_t locked_for(const std::string& key, core::Timestamp now);
    /// Counts a failure for `key` (an address, or an email without an account).
    void count_failure(const std::string& key, core::Timestamp now, std::int64_t limit,
                       bool backoff);

    core::PeopleStore& people_;
    const core::Clock& clock_;
    SignInPolicy policy_;
    crypto::PasswordCost cost_;
    std::string decoy_hash_;  // verified for unknown emails, so they take as long as known ones
    std::mutex mutex_;
    std::unordered_map<std::string, Tally> tallies_;
};

}  // namespace swarm::app
