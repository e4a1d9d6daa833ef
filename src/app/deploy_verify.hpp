// `deploy verify`: polls /version through the load balancer until N distinct instances report
// the expected build, failing when time runs out or an instance keeps answering another build.
#pragma once

#include "app/http_fetcher.hpp"
#include "core/result.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::app {

/// What --expect names: a version ("0.1.0", "v0.1.0") or a git sha prefix of 7+ hex digits.
struct ExpectedBuild {
    std::string text;  // as given
    bool matches(std::string_view version, std::string_view git_sha) const;
};

/// Errors name `field` (the option): empty text, or a hex prefix shorter than 7 digits.
core::Result<ExpectedBuild> parse_expected_build(std::string_view text, const std::string& field);

/// "500ms", "30s", "10m", "1h" or a bare number of seconds; errors name `field`.
core::Result<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                       const std::string& field);

/// "http://host[:port][/prefix]" without the trailing slash; errors name `field`.
core::Result<std::string> parse_base_url(std::string_view text, const std::string& field);

struct VerifyOptions {
    std::string base_url;
    ExpectedBuild expect;
    int replicas = 1;
    std::chrono::milliseconds timeout{std::chrono::minutes(10)};
    std::chrono::milliseconds interval{500};
    /// How long one instance may keep answering another build (old tasks draining in a rolling
    /// update) before that counts as a failed deploy.
    std::chrono::milliseconds grace{std::chrono::minutes(2)};
    /// Consecutive answers of the expected build needed once N instances were seen, so a stray
    /// old target behind the balancer gets a chance to show up; 0: max(10, 5 x replicas).
    int confirm = 0;
    std::chrono::milliseconds request_timeout{std::chrono::seconds(5)};
};

struct InstanceRow {
    std::string instance_id;
    std::string version;
    std::string git_sha;
    std::string started_at;
    bool expected = false;
    int answers = 0;
    std::chrono::steady_clock::time_point first_seen;
    std::chrono::steady_clock::time_point last_seen;
};

enum class VerifyOutcome { kRunning, kVerified, kTimedOut, kOtherBuild };

struct VerifyReport {
    VerifyOutcome outcome = VerifyOutcome::kRunning;
    std::string reason;                  // one line for the user
    std::vector<InstanceRow> instances;  // in the order first seen
    int polls = 0;
    int errors = 0;  // polls without a usable /version answer
    std::string last_error;
    int streak = 0;  // consecutive answers of the expected build

    int expected_instances() const;
};

/// Called after every poll; `changed` is true when a row was added or changed its build.
using VerifyObserver = std::function<void(const VerifyReport& report, bool changed)>;

VerifyReport verify_rollout(const VerifyOptions& options, HttpFetcher& http, Pacer& pacer,
                            const VerifyObserver& observer = {});

/// The table: instance, version, git_sha (12), started_at, last seen, answers, build.
std::string format_instance_table(const VerifyReport& report,
                                  std::chrono::steady_clock::time_point now);

}  // namespace swarm::app
