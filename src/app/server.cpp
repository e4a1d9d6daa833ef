#include "app/server.hpp"

#include "app/llm_settings.hpp"
#include "app/media_config.hpp"
#include "app/server_wiring.hpp"
#include "app/version.hpp"
#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/json_logger.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"

#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <random>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace swarm::app {
namespace {

std::string random_hex(std::size_t bytes) {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::string out;
    while (out.size() < bytes * 2) {
        out += fmt::format("{:016x}", engine());
    }
    out.resize(bytes * 2);
    return out;
}

template <class T>
bool parse_number(std::string_view text, T& value) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc{} && ptr == end && !text.empty();
}

std::vector<std::string> split_origins(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        auto item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (!item.empty()) {
            out.emplace_back(item);
        }
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return out;
}

http::ServerOptions server_options(const ServerConfig& config) {
    http::ServerOptions options;
    options.host = config.listen.host;
    options.port = config.listen.port;
    options.io_threads = config.io_threads;
    options.body_limit = config.max_body_bytes;
    options.drain_deadline = config.drain_deadline;
    options.sse_heartbeat = config.sse_heartbeat;
    return options;
}

std::vector<std::string> platform_names(const std::vector<core::Platform>& platforms) {
    std::vector<std::string> out;
    for (const auto p : platforms) {
        out.emplace_back(core::to_string(p));
    }
    return out;
}

/// Job lines as JSON log lines: job_id and requested_platforms always; the final line names the
/// delivered and missing platforms and the model use. No prompts or secrets.
core::JobLogger job_logger(http::JsonLogger& logger) {
    return [&logger](const core::JobLogLine& line) {
        nlohmann::json fields{{"job_id", line.job_id}};
        if (!line.worker_id.empty()) {
            fields["worker_id"] = line.worker_id;
            fields["attempt"] = line.attempt;
            fields["requested_platforms"] = platform_names(line.requested_platforms);
        }
        if (line.msg == "job finished") {
            fields["status"] = line.status;
            fields["delivered_platforms"] = platform_names(line.delivered_platforms);
            fields["missing_platforms"] = platform_names(line.missing_platforms);
            fields["model_calls"] = line.usage.model_calls;
            fields["tokens"] = line.usage.total_tokens();
        }
        if (!line.error.empty()) {
            fields["reason"] = line.error;
        }
        if (line.msg == "job finished" && !line.missing_platforms.empty()) {
            logger.warn(line.msg, fields);
        } else {
            logger.info(line.msg, fields);
        }
    };
}

/// Refreshes the job gauges every few seconds on its own thread, until destroyed.
class MetricsRefresher {
public:
    MetricsRefresher(ApiRuntime& api, http::Metrics& metrics)
        : thread_([&api, &metrics](const std::stop_token& stop) {
              std::mutex mutex;
              std::condition_variable_any cv;
              std::unique_lock lock(mutex);
              do {
                  api.export_metrics(metrics);
              } while (!cv.wait_for(lock, stop, std::chrono::seconds(2),
                                    [&stop] { return stop.stop_requested(); }));
          }) {}

private:
    std::jthread thread_;
};

}  // namespace

core::Result<ListenAddress> parse_listen(std::string_view text, const std::string& field) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("expected HOST:PORT, got \"{}\"", text), field);
    }
    auto host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    ListenAddress out;
    out.host = std::string(host);
    std::array<unsigned char, sizeof(in6_addr)> scratch{};
    if (inet_pton(AF_INET, out.host.c_str(), scratch.data()) != 1 &&
        inet_pton(AF_INET6, out.host.c_str(), scratch.data()) != 1) {
        return core::fail(
            core::ErrorCode::kInvalidArgument,
            fmt::format("host must be a numeric IPv4 or IPv6 address, got \"{}\"", out.host),
            field);
    }
    if (!parse_number(text.substr(colon + 1), out.port)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("port must be 0..65535, got \"{}\"", text.substr(colon + 1)),
                          field);
    }
    return out;
}

namespace {

/// An integer variable within [lo, hi] and what it sets.
struct RangedVariable {
    const char* name;
    long lo;
    long hi;
    const char* unit;
    std::function<void(long)> set;
};

/// Applies each variable that is set; the error names the variable and its range.
core::Result<void> read_ranged(const EnvLookup& env, const std::vector<RangedVariable>& vars) {
    for (const auto& var : vars) {
        const auto v = env(var.name);
        if (!v) {
            continue;
        }
        long value = 0;
        if (!parse_number(std::string_view(*v), value) || value < var.lo || value > var.hi) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              fmt::format("must be {}..{} {}", var.lo, var.hi, var.unit), var.name);
        }
        var.set(value);
    }
    return {};
}

}  // namespace

core::Result<ServerConfig> server_config_from_env(const EnvLookup& env) {
    ServerConfig config;
    if (const auto v = env("CONTENT_SWARM_LISTEN")) {
        auto listen = parse_listen(*v, "CONTENT_SWARM_LISTEN");
        if (!listen) {
            return tl::unexpected(listen.error());
        }
        config.listen = *listen;
    }
    if (const auto v = env("CONTENT_SWARM_CORS_ORIGINS")) {
        config.cors_origins = split_origins(*v);
    }
    if (const auto v = env("CONTENT_SWARM_MAX_BODY_BYTES")) {
        if (!parse_number(std::string_view(*v), config.max_body_bytes) ||
            config.max_body_bytes == 0) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              "must be a positive number of bytes", "CONTENT_SWARM_MAX_BODY_BYTES");
        }
    }
    if (const auto v = env("CONTENT_SWARM_DB")) {
        config.db = *v;
    }
    if (const auto v = env("CONTENT_SWARM_MEDIA"); v && !v->empty()) {
        if (auto media = parse_media_location(*v, "CONTENT_SWARM_MEDIA"); !media) {
            return tl::unexpected(media.error());
        }
        config.media = *v;
    }
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    auto ranged = read_ranged(env, {{"CONTENT_SWARM_DRAIN_SECONDS", 0, 3600, "seconds",
                                     [&config](long v) {
                                         config.drain_deadline = seconds(v);
                                     }},
                                    {"CONTENT_SWARM_SSE_HEARTBEAT_MS", 10, 600'000, "ms",
                                     [&config](long v) {
                                         config.sse_heartbeat = milliseconds(v);
                                     }},
                                    {"CONTENT_SWARM_GENERATE_WAIT_SECONDS", 1, 3600, "seconds",
                                     [&config](long v) {
                                         config.generate_wait = seconds(v);
                                     }},
                                    {"CONTENT_SWARM_JOB_LEASE_SECONDS", 1, 3600, "seconds",
                                     [&config](long v) {
                                         config.job_lease = seconds(v);
                                     }},
                                    {"CONTENT_SWARM_JOB_MAX_ATTEMPTS", 1, 100, "attempts",
                                     [&config](long v) {
                                         config.job_retry.max_attempts = v;
                                     }},
                                    {"CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS", 0, 3600, "seconds",
                                     [&config](long v) {
                                         config.job_retry.backoff_base = seconds(v);
                                     }},
                                    {"CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS", 0, 86'400,
                                     "seconds", [&config](long v) {
                                         config.job_retry.backoff_cap = seconds(v);
                                     }}});
    if (!ranged) {
        return tl::unexpected(ranged.error());
    }
    if (config.job_retry.backoff_cap < config.job_retry.backoff_base) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be at least CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS",
                          "CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS");
    }
    return config;
}

core::Result<int> run_server(const ServerConfig& config) {
    const auto build = build_info();
    const auto now = std::chrono::system_clock::now();
    const http::ServerIdentity identity{build.version, build.git_sha, build.build_time,
                                        random_hex(8), http::rfc3339_utc_ms(now)};
    http::JsonLogger logger({{"version", identity.version}, {"instance_id", identity.instance_id}},
                            http::stdout_sink());
    auto llm = configure_llm(process_env(), config.llm_config);
    if (!llm) {
        return tl::unexpected(llm.error());
    }
    ApiConfig api_config{config.db,
                         config.kb_dir,
                         config.workers,
                         config.queue_capacity,
                         identity.instance_id,
                         llm->agents,
                         config.generate_wait,
                         job_logger(logger),
                         config.job_lease,
                         config.job_retry,
                         config.media,
                         {}};  // visuals: set below
    const auto enabled = visuals_enabled(process_env());
    if (!enabled) {
        return tl::unexpected(enabled.error());
    }
    auto visuals = configure_visuals(process_env(), *enabled);
    if (!visuals) {
        return tl::unexpected(visuals.error());
    }
    api_config.visuals = *visuals;
    auto runtime = ApiRuntime::open(api_config);
    if (!runtime) {
        return tl::unexpected(runtime.error());
    }
    ApiRuntime& api = **runtime;
    const std::chrono::duration<double> since_epoch = now.time_since_epoch();
    http::Metrics metrics({identity.version, identity.git_sha, since_epoch.count()});
    http::Health health([&api] { return api.storage_problem(); });
    health.add_detail("media", api.media_description());
    auto api_deps = api.deps();
    api_deps.allowed_origins = config.cors_origins;
    if (config.role == ServerRole::kApiOnly && !is_postgres_url(config.db)) {
        api_deps.event_store_poll = std::chrono::milliseconds(500);  // workers run elsewhere
    }
    const bool api_routes = config.role != ServerRole::kWorkersOnly;
    const auto router = http::build_router({identity, health, metrics, api_deps, api_routes});
    http::Dispatcher dispatcher(router, http::CorsPolicy(config.cors_origins), metrics, logger,
                                identity.version, [] { return random_hex(8); });
    http::HttpServer server(server_options(config), dispatcher, health, logger,
                            [&api, &logger](auto deadline, const std::stop_token& stop) {
                                const auto requeued = api.drain(deadline, stop);
                                logger.info("jobs drained", {{"requeued", requeued}});
                            });
    std::string listen;
    try {
        listen = server.start();
    } catch (const std::runtime_error& e) {
        return core::fail(core::ErrorCode::kUnavailable, e.what(), "--listen");
    }
    logger.info("started", {{"git_sha", identity.git_sha},
                            {"listen", listen},
                            {"workers", config.workers},
                            {"role", config.role == ServerRole::kApiAndWorkers ? "api+workers"
                                     : config.role == ServerRole::kApiOnly     ? "api"
                                                                               : "workers"},
                            {"llm", llm->description},
                            {"visuals", visuals->description},
                            {"kb", api.kb_summary()},
                            {"media", api.media_description()}});
    if (auto started = api.start_runner(); !started) {
        server.request_shutdown();
        server.run();
        return tl::unexpected(started.error());
    }
    const MetricsRefresher refresher(api, metrics);
    const auto reason = server.run();
    logger.info("stopped", {{"reason", reason == http::StopReason::kDrained    ? "drained"
                                       : reason == http::StopReason::kDeadline ? "deadline"
                                                                               : "forced"}});
    return reason == http::StopReason::kForced ? 1 : 0;
}

}  // namespace swarm::app
