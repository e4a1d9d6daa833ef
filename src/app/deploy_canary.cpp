#include "app/deploy_canary.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxJobBytes = 8U << 20;
constexpr std::size_t kMediaProbeBytes =
    std::size_t{64} * 1024;  // enough to see the answer, not the image

bool is_final(const std::string& status) {
    return status == "succeeded" || status == "partial" || status == "failed" ||
           status == "cancelled";
}

std::string snippet(const std::string& body) {
    constexpr std::size_t kMax = 300;
    return body.size() <= kMax ? body : body.substr(0, kMax) + "...";
}

std::string answer_text(const FetchReply& reply) {
    return reply.status == 0 ? "no answer: " + reply.error
                             : fmt::format("HTTP {} {}", reply.status, snippet(reply.body));
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

/// "/media/x.png" and "media/x.png" resolve against the base URL; other schemes are refused.
std::string resolve(const std::string& base, const std::string& url) {
    if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
        return url;
    }
    if (url.find("://") != std::string::npos || url.rfind("data:", 0) == 0) {
        return {};
    }
    return base + (url.rfind('/', 0) == 0 ? "" : "/") + url;
}

std::string text_at(const json& doc, const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// doc[key] when it is an array of objects' container, else an empty array: the canary reads
/// what a server answered and must not trip over a malformed document.
json array_at(const json& doc, const char* key) {
    const auto it = doc.is_object() ? doc.find(key) : doc.end();
    return it != doc.end() && it->is_array() ? *it : json::array();
}

json object_at(const json& doc, const char* key) {
    const auto it = doc.is_object() ? doc.find(key) : doc.end();
    return it != doc.end() && it->is_object() ? *it : json::object();
}

CanaryCheck check_platforms(const json& job) {
    std::map<std::string, int> count;
    for (const auto& item : array_at(job, "items")) {
        ++count[text_at(item, "platform")];
    }
    std::vector<std::string> problems;
    const auto requested = array_at(job, "requested_platforms");
    for (const auto& p : requested) {
        const auto name = p.is_string() ? p.get<std::string>() : p.dump();
        const int n = count[name];
        count.erase(name);
        if (n != 1) {
            problems.push_back(fmt::format("{}: {} items", name, n));
        }
    }
    for (const auto& [name, n] : count) {
        problems.push_back(fmt::format("{}: {} items for a platform not requested", name, n));
    }
    if (problems.empty()) {
        return {"platforms", !requested.empty(),
                requested.empty() ? "the job requested no platform"
                                  : "one item for each of " + requested.dump()};
    }
    return {"platforms", false, join(problems)};
}

CanaryCheck check_hard_rules(const json& job) {
    std::vector<std::string> problems;
    for (const auto& item : array_at(job, "items")) {
        const auto platform = text_at(item, "platform");
        const auto content = object_at(item, "content");
        if (!content.contains("quality")) {
            problems.push_back(platform + ": the item has no quality report");
            continue;
        }
        for (const auto& issue : array_at(object_at(content, "quality"), "issues")) {
            if (text_at(issue, "severity") == "error") {
                problems.push_back(fmt::format("{}: {} ({})", platform, text_at(issue, "code"),
                                               text_at(issue, "message")));
            }
        }
    }
    return problems.empty() ? CanaryCheck{"hard rules", true, "no error-severity issue"}
                            : CanaryCheck{"hard rules", false, join(problems)};
}

CanaryCheck check_media(const json& job, const CanaryOptions& options, HttpFetcher& http) {
    std::vector<std::string> problems;
    int checked = 0;
    for (const auto& item : array_at(job, "items")) {
        for (const auto& m : array_at(object_at(item, "content"), "media")) {
            const auto url = text_at(m, "url");
            const auto target = resolve(options.base_url, url);
            ++checked;
            if (target.empty()) {
                problems.push_back(
                    fmt::format("{}: \"{}\" is not an HTTP URL", text_at(item, "platform"), url));
                continue;
            }
            // The server's own media get the key; another host (a CDN) does not.
            const bool own = target.rfind(options.base_url + "/", 0) == 0;
            FetchRequest req{"GET",
                             target,
                             {},
                             options.request_timeout,
                             kMediaProbeBytes,
                             true,
                             own ? options.api_key : std::string()};
            const auto reply = http.fetch(req);
            if (reply.status != 200) {
                problems.push_back(
                    fmt::format("{}: {} -> {}", text_at(item, "platform"), target,
                                reply.status == 0 ? reply.error : std::to_string(reply.status)));
            }
        }
    }
    if (checked == 0) {
        return {"media", true, "no media to check"};
    }
    return problems.empty()
               ? CanaryCheck{"media", true, fmt::format("{} media URL(s) answer 200", checked)}
               : CanaryCheck{"media", false, join(problems)};
}

/// Follows the job until it ends or time runs out; the last job document, or null.
json follow_job(const CanaryOptions& options, HttpFetcher& http, Pacer& pacer,
                const std::string& job_id, CanaryReport& report) {
    const auto deadline = pacer.now() + options.timeout;
    FetchRequest req{"GET",
                     options.base_url + "/api/v1/jobs/" + job_id,
                     {},
                     options.request_timeout,
                     kMaxJobBytes,
                     false,
                     options.api_key};
    json last;
    std::string last_problem;
    for (;;) {
        const auto reply = http.fetch(req);
        auto doc = reply.status == 200 && !reply.truncated
                       ? json::parse(reply.body, nullptr, /*allow_exceptions=*/false)
                       : json();
        if (doc.is_object()) {
            last = std::move(doc);
            report.status = text_at(last, "status");
            if (is_final(report.status)) {
                report.checks.push_back({"finished", true, "the job ended " + report.status});
                return last;
            }
        } else {
            last_problem = answer_text(reply);
        }
        if (pacer.now() >= deadline) {
            report.checks.push_back(
                {"finished", false,
                 fmt::format("the job was still {} when time ran out{}{}",
                             report.status.empty() ? "unknown" : report.status,
                             last_problem.empty() ? "" : "; last poll: ", last_problem)});
            return json();
        }
        pacer.sleep_for(options.interval);
    }
}

}  // namespace

std::string default_canary_brief() {
    return json{
        {"prompt",
         "Announce Fieldnote's real-time re-planning for emergency calls to owners of HVAC and "
         "plumbing companies."},
        {"platforms", {"linkedin", "twitter", "pitch_deck"}},
        {"audience", "Owners of field service companies with 5-200 technicians"},
        {"goal", "Drive free-trial sign-ups"},
        {"tone", "confident, practical, no hype"},
        {"brand",
         {{"name", "Fieldnote"},
          {"call_to_action", "Start a 14-day free trial at fieldnote.example"}}}}
        .dump();
}

CanaryReport run_canary(const CanaryOptions& options, HttpFetcher& http, Pacer& pacer) {
    CanaryReport report;
    FetchRequest submit{"POST",
                        options.base_url + "/api/v1/jobs",
                        options.brief_json.empty() ? default_canary_brief() : options.brief_json,
                        options.request_timeout,
                        kMaxJobBytes,
                        false,
                        options.api_key};
    const auto created = http.fetch(submit);
    const auto doc = json::parse(created.body, nullptr, /*allow_exceptions=*/false);
    if ((created.status != 202 && created.status != 200) || !doc.is_object() ||
        text_at(doc, "job_id").empty()) {
        report.checks.push_back({"submit", false, answer_text(created)});
        return report;
    }
    report.job_id = text_at(doc, "job_id");
    report.checks.push_back({"submit", true, "job " + report.job_id});
    const auto job = follow_job(options, http, pacer, report.job_id, report);
    if (job.is_null()) {
        return report;
    }
    report.checks.push_back({"status", report.status == "succeeded",
                             report.status == "succeeded"
                                 ? "succeeded"
                                 : fmt::format("{} (error: {}, notes: {})", report.status,
                                               job.contains("error") ? job["error"].dump() : "null",
                                               array_at(job, "notes").dump())});
    report.checks.push_back(check_platforms(job));
    report.checks.push_back(check_hard_rules(job));
    report.checks.push_back(check_media(job, options, http));
    report.passed = std::all_of(report.checks.begin(), report.checks.end(),
                                [](const CanaryCheck& c) { return c.passed; });
    return report;
}

std::string format_canary(const CanaryReport& report) {
    std::string out =
        fmt::format("canary job {} ({})\n", report.job_id.empty() ? "-" : report.job_id,
                    report.status.empty() ? "not started" : report.status);
    for (const auto& c : report.checks) {
        out += fmt::format("  {} {}: {}\n", c.passed ? "PASS" : "FAIL", c.name, c.detail);
    }
    return out;
}

}  // namespace swarm::app
