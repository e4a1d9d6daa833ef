// `deploy verify --canary`: one real generation through the load balancer, checked the way a
// user would notice a broken deploy: every platform, every hard rule, every media URL.
#pragma once

#include "app/http_fetcher.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace swarm::app {

struct CanaryOptions {
    std::string base_url;
    std::string brief_json;  // the job to submit; default_canary_brief() when empty
    std::chrono::milliseconds timeout{std::chrono::minutes(10)};
    std::chrono::milliseconds interval{std::chrono::seconds(1)};
    std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
    /// An API key (editor or owner) sent to base_url, never to other hosts media link to.
    std::string api_key;
};

struct CanaryCheck {
    std::string name;  // submit, finished, status, platforms, hard rules, media
    bool passed = false;
    std::string detail;
};

struct CanaryReport {
    bool passed = false;
    std::string job_id;
    std::string status;  // the job's last status
    std::vector<CanaryCheck> checks;
};

/// A small brief for all three platforms that the offline writer also satisfies.
std::string default_canary_brief();

/// Submits the brief (POST /api/v1/jobs), follows GET /api/v1/jobs/{id} until the job ends,
/// then checks: status succeeded, exactly one item per requested platform, no error-severity
/// quality issue, and every media[].url answering 200.
CanaryReport run_canary(const CanaryOptions& options, HttpFetcher& http, Pacer& pacer);

/// One line per check: "PASS name: detail" / "FAIL name: detail".
std::string format_canary(const CanaryReport& report);

}  // namespace swarm::app
