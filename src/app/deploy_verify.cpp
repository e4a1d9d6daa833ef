#include "app/deploy_verify.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

using core::ErrorCode;
using core::fail;

constexpr std::size_t kMinShaPrefix = 7;
constexpr std::size_t kShownShaDigits = 12;

bool all_hex(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

/// "v1.2.3" (a git tag) names version "1.2.3".
std::string_view without_tag_prefix(std::string_view s) {
    if (s.size() > 1 && (s[0] == 'v' || s[0] == 'V') &&
        std::isdigit(static_cast<unsigned char>(s[1])) != 0) {
        s.remove_prefix(1);
    }
    return s;
}

struct VersionAnswer {
    std::string instance_id;
    std::string version;
    std::string git_sha;
    std::string started_at;
};

core::Result<VersionAnswer> read_version_answer(const FetchReply& reply) {
    if (reply.status == 0) {
        return fail(ErrorCode::kUnavailable, reply.error);
    }
    if (reply.status != 200 || reply.truncated) {
        return fail(ErrorCode::kUpstream, fmt::format("/version answered {}", reply.status));
    }
    const auto doc = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
        return fail(ErrorCode::kUpstream, "/version did not answer a JSON object");
    }
    VersionAnswer out;
    for (auto [key, target] :
         {std::pair{"instance_id", &out.instance_id}, std::pair{"version", &out.version},
          std::pair{"git_sha", &out.git_sha}, std::pair{"started_at", &out.started_at}}) {
        const auto it = doc.find(key);
        if (it == doc.end() || !it->is_string()) {
            return fail(ErrorCode::kUpstream, fmt::format("/version has no string \"{}\"", key));
        }
        *target = it->get<std::string>();
    }
    if (out.instance_id.empty()) {
        return fail(ErrorCode::kUpstream, "/version has an empty instance_id");
    }
    return out;
}

std::string seconds_text(std::chrono::steady_clock::duration d) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    return ms < 10'000 ? fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0)
                       : fmt::format("{}s", ms / 1000);
}

/// Records one answer; returns true when the table changed (a new row or another build).
bool record(VerifyReport& report, const VersionAnswer& answer, bool expected,
            std::chrono::steady_clock::time_point now, InstanceRow*& row_out) {
    auto it =
        std::find_if(report.instances.begin(), report.instances.end(),
                     [&](const InstanceRow& r) { return r.instance_id == answer.instance_id; });
    bool changed = false;
    if (it == report.instances.end()) {
        report.instances.push_back(InstanceRow{answer.instance_id, answer.version, answer.git_sha,
                                               answer.started_at, expected, 0, now, now});
        it = std::prev(report.instances.end());
        changed = true;
    } else if (it->version != answer.version || it->git_sha != answer.git_sha) {
        it->version = answer.version;
        it->git_sha = answer.git_sha;
        it->expected = expected;
        changed = true;
    }
    ++it->answers;
    it->last_seen = now;
    row_out = &*it;
    return changed;
}

}  // namespace

bool ExpectedBuild::matches(std::string_view version, std::string_view git_sha) const {
    if (without_tag_prefix(text) == without_tag_prefix(version)) {
        return true;
    }
    return text.size() >= kMinShaPrefix && all_hex(text) && git_sha.size() >= text.size() &&
           core::text::ascii_lower(git_sha.substr(0, text.size())) == core::text::ascii_lower(text);
}

core::Result<ExpectedBuild> parse_expected_build(std::string_view text, const std::string& field) {
    if (text.empty()) {
        return fail(ErrorCode::kInvalidArgument,
                    "give the version (0.1.0) or a git sha prefix of at least 7 hex digits", field);
    }
    if (all_hex(text) && text.size() < kMinShaPrefix) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is too short for a git sha prefix: give at least {} hex "
                                "digits, or a version such as 0.1.0",
                                text, kMinShaPrefix),
                    field);
    }
    return ExpectedBuild{std::string(text)};
}

core::Result<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                       const std::string& field) {
    long long value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    const std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
    long long ms_per_unit = 0;
    if (unit.empty() || unit == "s") {
        ms_per_unit = 1000;
    } else if (unit == "ms") {
        ms_per_unit = 1;
    } else if (unit == "m") {
        ms_per_unit = 60'000;
    } else if (unit == "h") {
        ms_per_unit = 3'600'000;
    }
    constexpr long long kMaxMs = 7LL * 24 * 3'600'000;  // a week: anything longer is a typo
    if (ec != std::errc{} || ptr == text.data() || value < 0 || ms_per_unit == 0 ||
        value > kMaxMs / ms_per_unit) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a duration: use e.g. 500ms, 30s, 10m, 1h", text),
                    field);
    }
    return std::chrono::milliseconds(value * ms_per_unit);
}

core::Result<std::string> parse_base_url(std::string_view text, const std::string& field) {
    const bool http = text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
    const auto host_at = text.find("://") + 3;
    if (!http || text.size() <= host_at || text[host_at] == '/' ||
        text.find_first_of(" \t\r\n?#") != std::string_view::npos) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not an http:// or https:// base URL", text), field);
    }
    while (text.size() > host_at && text.back() == '/') {
        text.remove_suffix(1);
    }
    return std::string(text);
}

int VerifyReport::expected_instances() const {
    return static_cast<int>(std::count_if(instances.begin(), instances.end(),
                                          [](const InstanceRow& r) { return r.expected; }));
}

VerifyReport verify_rollout(const VerifyOptions& options, HttpFetcher& http, Pacer& pacer,
                            const VerifyObserver& observer) {
    const int confirm = options.confirm > 0 ? options.confirm : std::max(10, 5 * options.replicas);
    const auto start = pacer.now();
    const auto deadline = start + options.timeout;
    VerifyReport report;
    FetchRequest request;
    request.url = options.base_url + "/version";
    request.timeout = options.request_timeout;
    request.max_body_bytes = std::size_t{64} * 1024;
    for (;;) {
        const auto reply = http.fetch(request);
        const auto now = pacer.now();
        ++report.polls;
        bool changed = false;
        auto answer = read_version_answer(reply);
        if (!answer) {
            ++report.errors;
            report.last_error = answer.error().message;
        } else {
            const bool expected = options.expect.matches(answer->version, answer->git_sha);
            InstanceRow* row = nullptr;
            changed = record(report, *answer, expected, now, row);
            report.streak = expected ? report.streak + 1 : 0;
            if (!expected && now - row->first_seen >= options.grace) {
                report.outcome = VerifyOutcome::kOtherBuild;
                report.reason = fmt::format(
                    "instance {} still answers version {} ({}) {} after it was first seen "
                    "(grace {}); expected {}",
                    row->instance_id, row->version, row->git_sha.substr(0, kShownShaDigits),
                    seconds_text(now - row->first_seen), seconds_text(options.grace),
                    options.expect.text);
            }
        }
        const int matched = report.expected_instances();
        if (report.outcome == VerifyOutcome::kRunning && matched >= options.replicas &&
            report.streak >= confirm) {
            report.outcome = VerifyOutcome::kVerified;
            report.reason = fmt::format(
                "{} distinct instance(s) report {}; the last {} answers all came from that build",
                matched, options.expect.text, report.streak);
        } else if (report.outcome == VerifyOutcome::kRunning && now >= deadline) {
            report.outcome = VerifyOutcome::kTimedOut;
            report.reason = fmt::format(
                "timed out after {}: {} of {} instance(s) report {}, {} answer(s) in a row from "
                "it (need {}), {} poll(s) without an answer{}{}",
                seconds_text(now - start), matched, options.replicas, options.expect.text,
                report.streak, confirm, report.errors,
                report.last_error.empty() ? "" : ", last: ", report.last_error);
        }
        if (observer) {
            observer(report, changed || report.outcome != VerifyOutcome::kRunning);
        }
        if (report.outcome != VerifyOutcome::kRunning) {
            return report;
        }
        pacer.sleep_for(options.interval);
    }
}

std::string format_instance_table(const VerifyReport& report,
                                  std::chrono::steady_clock::time_point now) {
    std::vector<std::array<std::string, 7>> rows;
    rows.push_back(
        {"INSTANCE", "VERSION", "GIT_SHA", "STARTED_AT", "LAST SEEN", "ANSWERS", "BUILD"});
    for (const auto& r : report.instances) {
        rows.push_back({r.instance_id, r.version, r.git_sha.substr(0, kShownShaDigits),
                        r.started_at, seconds_text(now - r.last_seen) + " ago",
                        std::to_string(r.answers), r.expected ? "expected" : "OTHER BUILD"});
    }
    std::array<std::size_t, 7> width{};
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            width.at(i) = std::max(width.at(i), row.at(i).size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += fmt::format("{:<{}}", row.at(i), i + 1 < row.size() ? width.at(i) + 2 : 0);
        }
        out += line + "\n";
    }
    if (report.instances.empty()) {
        out += "(no instance has answered /version yet)\n";
    }
    out += fmt::format("polls {}, without an answer {}{}{}\n", report.polls, report.errors,
                       report.last_error.empty() ? "" : " (last: ",
                       report.last_error.empty() ? "" : report.last_error + ")");
    return out;
}

}  // namespace swarm::app
