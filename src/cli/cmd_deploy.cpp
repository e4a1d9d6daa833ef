// `content-swarm deploy verify`: proves which build answers behind the load balancer (N distinct
// instances on the expected version or git sha), then optionally runs a canary generation.
#include "app/curl_http_fetcher.hpp"
#include "app/deploy_canary.hpp"
#include "app/deploy_verify.hpp"
#include "cli/common.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <tuple>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::cli {
namespace {

struct VerifyArgs {
    std::string url;
    std::string expect;
    int replicas = 1;
    std::string timeout = "10m";
    std::string grace = "2m";
    std::string interval = "500ms";
    int confirm = 0;
    bool canary = false;
    std::string api_key;
    std::string brief;
    std::string canary_timeout = "10m";
};

struct Parsed {
    app::VerifyOptions verify;
    app::CanaryOptions canary;
};

core::Result<Parsed> parse_args(const VerifyArgs& args) {
    Parsed p;
    SWARM_TRY_ASSIGN(auto url, app::parse_base_url(args.url, "--url"));
    SWARM_TRY_ASSIGN(auto expect, app::parse_expected_build(args.expect, "--expect"));
    p.verify.base_url = p.canary.base_url = url;
    p.verify.expect = expect;
    p.verify.replicas = args.replicas;
    p.verify.confirm = args.confirm;
    for (auto [text, field, target] :
         {std::tuple{&args.timeout, "--timeout", &p.verify.timeout},
          std::tuple{&args.grace, "--grace", &p.verify.grace},
          std::tuple{&args.interval, "--interval", &p.verify.interval},
          std::tuple{&args.canary_timeout, "--canary-timeout", &p.canary.timeout}}) {
        SWARM_TRY_ASSIGN(auto d, app::parse_duration(*text, field));
        *target = d;
    }
    if (p.verify.interval.count() == 0) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must be more than 0", "--interval");
    }
    if (!args.api_key.empty() && !args.canary) {
        return core::fail(core::ErrorCode::kInvalidArgument, "only used with --canary",
                          "--api-key");
    }
    p.canary.api_key = args.api_key;
    if (p.canary.api_key.empty()) {
        if (const char* env = std::getenv("CONTENT_SWARM_API_KEY"); env != nullptr) {  // NOLINT
            p.canary.api_key = env;
        }
    }
    if (!args.brief.empty()) {
        if (!args.canary) {
            return core::fail(core::ErrorCode::kInvalidArgument, "only used with --canary",
                              "--brief");
        }
        auto text = read_input(args.brief);
        if (!text) {
            return tl::unexpected(
                core::Error{text.error().code, text.error().message, "--brief", {}});
        }
        if (!nlohmann::json::parse(*text, nullptr, false).is_object()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "must hold a JSON object",
                              "--brief");
        }
        p.canary.brief_json = std::move(*text);
    }
    return p;
}

/// Redraws the table in place on a terminal; elsewhere (CI logs) prints it when it changes.
class TablePrinter {
public:
    explicit TablePrinter(app::Pacer& pacer) : pacer_(pacer), tty_(isatty(STDOUT_FILENO) == 1) {}

    void operator()(const app::VerifyReport& report, bool changed) {
        const bool final = report.outcome != app::VerifyOutcome::kRunning;
        if (!tty_ && !changed) {
            return;
        }
        const auto table = app::format_instance_table(report, pacer_.now());
        if (tty_ && lines_ > 0) {
            fmt::print("\x1b[{}A\x1b[J", lines_);
        }
        fmt::print("{}", table);
        lines_ =
            tty_ && !final ? static_cast<int>(std::count(table.begin(), table.end(), '\n')) : 0;
        if (!tty_ && !final) {
            fmt::print("\n");
        }
        std::fflush(stdout);
    }

private:
    app::Pacer& pacer_;
    bool tty_;
    int lines_ = 0;
};

int run_verify(const VerifyArgs& args) {
    auto parsed = parse_args(args);
    if (!parsed) {
        return report_error(parsed.error());
    }
    app::CurlHttpFetcher http;
    app::SteadyPacer pacer;
    fmt::print("verifying {} at {}: {} instance(s), timeout {}\n", parsed->verify.expect.text,
               parsed->verify.base_url, parsed->verify.replicas, args.timeout);
    TablePrinter printer(pacer);
    const auto report = app::verify_rollout(
        parsed->verify, http, pacer,
        [&printer](const app::VerifyReport& r, bool changed) { printer(r, changed); });
    if (report.outcome != app::VerifyOutcome::kVerified) {
        fmt::print(stderr, "content-swarm: deploy verify: FAILED: {}\n", report.reason);
        return kExitFailed;
    }
    fmt::print("verified: {}\n", report.reason);
    if (!args.canary) {
        return kExitOk;
    }
    const auto canary = app::run_canary(parsed->canary, http, pacer);
    fmt::print("{}", app::format_canary(canary));
    if (!canary.passed) {
        fmt::print(stderr, "content-swarm: deploy verify: canary FAILED\n");
        return kExitFailed;
    }
    fmt::print("canary passed\n");
    return kExitOk;
}

}  // namespace

void add_deploy_command(CLI::App& app, int& exit_code) {
    auto* deploy = app.add_subcommand("deploy", "Check a deployment from outside");
    deploy->require_subcommand(1);
    auto args = std::make_shared<VerifyArgs>();
    auto* cmd = deploy->add_subcommand(
        "verify",
        "Poll /version through the load balancer until N distinct instances report the expected "
        "build (exit 0), else print the table and exit 1");
    cmd->add_option("--url", args->url, "Base URL of the load balancer, e.g. https://api.example")
        ->required();
    cmd->add_option("--expect", args->expect,
                    "Expected version (0.1.0 or v0.1.0) or git sha prefix (7+ hex digits)")
        ->required();
    cmd->add_option("--replicas", args->replicas, "Distinct instances that must answer (default 1)")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--timeout", args->timeout, "Give up after this long (default 10m)");
    cmd->add_option("--grace", args->grace,
                    "How long one instance may keep answering another build (default 2m)");
    cmd->add_option("--interval", args->interval, "Pause between polls (default 500ms)");
    cmd->add_option("--confirm", args->confirm,
                    "Answers in a row from the expected build needed at the end (default "
                    "max(10, 5 x replicas))")
        ->check(CLI::Range(1, 100000));
    cmd->add_flag("--canary", args->canary,
                  "Then run one generation and check its items, hard rules and media URLs");
    cmd->add_option("--api-key", args->api_key,
                    "API key (editor or owner) the canary submits with (default "
                    "CONTENT_SWARM_API_KEY)");
    cmd->add_option("--brief", args->brief, "Brief for the canary (JSON file; default built in)");
    cmd->add_option("--canary-timeout", args->canary_timeout,
                    "How long the canary job may take (default 10m)");
    cmd->callback([args, &exit_code] { exit_code = run_verify(*args); });
}

}  // namespace swarm::cli
