#include "app/server.hpp"

#include "app/access_keys.hpp"
#include "app/accounts.hpp"
#include "app/first_run.hpp"
#include "app/llm_settings.hpp"
#include "app/media_config.hpp"
#include "app/server_wiring.hpp"
#include "app/version.hpp"
#include "app/workspace_models.hpp"
#include "core/text/utf8.hpp"
#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/json_logger.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <condition_variable>
#include <functional>
#include <limits>
#include <malloc.h>
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
    options.storage_threads = config.storage_threads;
    if (options.storage_threads == 0 && is_postgres_url(config.db)) {
        // PostgreSQL calls wait on the network: more of them in flight (the pool has 4
        // connections; queries queue there rather than holding a network thread).
        options.storage_threads = 8;
    }
    options.media_threads = config.media_threads;
    options.body_limit = config.max_body_bytes;
    options.drain_deadline = config.drain_deadline;
    options.sse_heartbeat = config.sse_heartbeat;
    options.trust_proxy = config.access.trust_proxy;
    return options;
}

std::vector<std::string> platform_names(const std::vector<core::Platform>& platforms) {
    std::vector<std::string> out;
    out.reserve(platforms.size());
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

/// A 1/0 (true/false, yes/no) variable; `fallback` when unset or empty.
core::Result<bool> env_switch(const EnvLookup& env, const char* name, bool fallback) {
    const auto v = env(name);
    if (!v || v->empty()) {
        return fallback;
    }
    const auto value = core::text::ascii_lower(*v);
    if (value == "1" || value == "true" || value == "yes") {
        return true;
    }
    if (value == "0" || value == "false" || value == "no") {
        return false;
    }
    return core::fail(core::ErrorCode::kInvalidArgument, "must be 1 or 0 (true or false)", name);
}

/// CONTENT_SWARM_LIMIT_QUEUED_JOBS, _MONTHLY_TOKENS, _REQUESTS_PER_MINUTE: whole numbers >= 1,
/// or 0 for no limit.
core::Result<void> read_limit_defaults(const EnvLookup& env, LimitDefaults& limits) {
    const auto read = [&env](const char* name) -> core::Result<std::optional<std::int64_t>> {
        const auto v = env(name);
        if (!v || v->empty()) {
            return std::optional<std::int64_t>(-1);  // unset: keep the default
        }
        std::int64_t value = 0;
        if (!parse_number(std::string_view(*v), value) || value < 0) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              "must be a whole number (0: no limit)", name);
        }
        return value == 0 ? std::nullopt : std::optional<std::int64_t>(value);
    };
    SWARM_TRY_ASSIGN(const auto queued, read("CONTENT_SWARM_LIMIT_QUEUED_JOBS"));
    SWARM_TRY_ASSIGN(const auto tokens, read("CONTENT_SWARM_LIMIT_MONTHLY_TOKENS"));
    SWARM_TRY_ASSIGN(const auto rate, read("CONTENT_SWARM_LIMIT_REQUESTS_PER_MINUTE"));
    if (queued != std::optional<std::int64_t>(-1)) {
        limits.max_queued_jobs = queued.value_or(std::numeric_limits<std::int64_t>::max());
    }
    if (tokens != std::optional<std::int64_t>(-1)) {
        limits.monthly_token_cap = tokens;
    }
    if (rate != std::optional<std::int64_t>(-1)) {
        limits.requests_per_minute = rate;
    }
    return {};
}

/// The variables that are a location or a list (checked here; opened later).
core::Result<void> read_locations(const EnvLookup& env, ServerConfig& config) {
    if (const auto v = env("CONTENT_SWARM_LISTEN")) {
        SWARM_TRY_ASSIGN(config.listen, parse_listen(*v, "CONTENT_SWARM_LISTEN"));
    }
    if (const auto v = env("CONTENT_SWARM_CORS_ORIGINS")) {
        config.cors_origins = split_origins(*v);
    }
    if (const auto v = env("CONTENT_SWARM_ALLOWED_HOSTS")) {
        config.access.allowed_hosts = split_origins(*v);
    }
    if (const auto v = env("CONTENT_SWARM_OWNER_KEY"); v && !v->empty()) {
        config.access.owner_key = *v;
    }
    if (const auto v = env("CONTENT_SWARM_METRICS_KEY"); v && !v->empty()) {
        config.access.metrics_key = *v;
    }
    if (const auto v = env("CONTENT_SWARM_SESSION_IDLE"); v && !v->empty()) {
        SWARM_TRY_ASSIGN(config.access.sessions.idle,
                         parse_lifetime(*v, "CONTENT_SWARM_SESSION_IDLE"));
    }
    if (const auto v = env("CONTENT_SWARM_SESSION_MAX"); v && !v->empty()) {
        SWARM_TRY_ASSIGN(config.access.sessions.absolute,
                         parse_lifetime(*v, "CONTENT_SWARM_SESSION_MAX"));
    }
    SWARM_TRY_ASSIGN(config.access.secure_cookies,
                     env_switch(env, "CONTENT_SWARM_SECURE_COOKIES", config.access.secure_cookies));
    SWARM_TRY_ASSIGN(config.access.trust_proxy,
                     env_switch(env, "CONTENT_SWARM_TRUST_PROXY", config.access.trust_proxy));
    SWARM_TRY(read_limit_defaults(env, config.access.limits));
    if (const auto v = env("CONTENT_SWARM_SECRET_KEY"); v && !v->empty()) {
        config.access.secret_key = *v;
    }
    if (const auto v = env("CONTENT_SWARM_SECRET_KEY_FILE"); v && !v->empty()) {
        config.access.secret_key_file = *v;
    }
    if (const auto v = env("CONTENT_SWARM_COMPAT_WORKSPACE"); v && !v->empty()) {
        SWARM_TRY(core::access::check_workspace_name(*v, "CONTENT_SWARM_COMPAT_WORKSPACE"));
        config.access.compat_workspace = *v;
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
        SWARM_TRY(parse_media_location(*v, "CONTENT_SWARM_MEDIA"));
        config.media = *v;
    }
    return {};
}

/// The numeric variables, their ranges and the setting each one sets in `config`.
std::vector<RangedVariable> ranged_variables(ServerConfig& config) {
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    auto& retry = config.job_retry;
    return {
        {"CONTENT_SWARM_DRAIN_SECONDS", 0, 3600, "seconds",
         [&config](long v) {
             config.drain_deadline = seconds(v);
         }},
        {"CONTENT_SWARM_IO_THREADS", 0, 256, "threads",
         [&config](long v) {
             config.io_threads = static_cast<int>(v);
         }},
        {"CONTENT_SWARM_STORAGE_THREADS", 0, 256, "threads",
         [&config](long v) {
             config.storage_threads = static_cast<int>(v);
         }},
        {"CONTENT_SWARM_MEDIA_THREADS", 0, 256, "threads",
         [&config](long v) {
             config.media_threads = static_cast<int>(v);
         }},
        {"CONTENT_SWARM_CONTENT_VERSIONS_KEPT", 0, 100'000, "versions",
         [&config](long v) {
             config.versions_kept = v;
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
         [&retry](long v) {
             retry.max_attempts = v;
         }},
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS", 0, 3600, "seconds",
         [&retry](long v) {
             retry.backoff_base = seconds(v);
         }},
        {"CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS", 0, 86'400, "seconds",
         [&retry](long v) {
             retry.backoff_cap = seconds(v);
         }},
    };
}

}  // namespace

core::Result<ServerConfig> server_config_from_env(const EnvLookup& env) {
    ServerConfig config;
    SWARM_TRY(read_locations(env, config));
    SWARM_TRY(read_ranged(env, ranged_variables(config)));
    if (config.job_retry.backoff_cap < config.job_retry.backoff_base) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "must be at least CONTENT_SWARM_JOB_RETRY_BACKOFF_SECONDS",
                          "CONTENT_SWARM_JOB_RETRY_BACKOFF_MAX_SECONDS");
    }
    return config;
}

namespace {

http::ServerIdentity make_identity(std::chrono::system_clock::time_point started) {
    const auto build = build_info();
    return {build.version, build.git_sha, build.build_time, random_hex(8),
            http::rfc3339_utc_ms(started)};
}

/// The API runtime's configuration: the server's settings, the models and the visuals the
/// environment configures, and what the start log says about the models.
struct RuntimeSetup {
    ApiConfig api;
    std::string llm_description;
};

/// 0 versions kept means every version stays (the stores prune nothing then).
core::ContentLimits content_limits(const ServerConfig& config) {
    core::ContentLimits limits;
    limits.versions_kept = config.versions_kept;
    return limits;
}

core::Result<RuntimeSetup> runtime_setup(const ServerConfig& config, const std::string& instance_id,
                                         http::JsonLogger& logger,
                                         const std::optional<crypto::SecretBox>& secrets) {
    SWARM_TRY_ASSIGN(auto llm_settings, load_llm_settings(process_env(), config.llm_config));
    SWARM_TRY_ASSIGN(auto llm_agents, make_llm_agents(llm_settings, nullptr));
    auto description = llm_settings.description();  // workspaces' own keys: app/workspace_models
    auto models = std::make_shared<WorkspaceModels>(std::move(llm_settings), secrets);
    SWARM_TRY_ASSIGN(const bool enabled, visuals_enabled(process_env()));
    SWARM_TRY_ASSIGN(auto visuals, configure_visuals(process_env(), enabled));
    return RuntimeSetup{
        .api = {
            .db = config.db,
            .kb_dir = config.kb_dir,
            .workers = config.workers,
            .queue_capacity = config.queue_capacity,
            .instance_id = instance_id,
            .llm = std::move(llm_agents),
            .generate_wait = config.generate_wait,
            .job_log = job_logger(logger),
            .listener_error =
                [&logger](const core::Error& error) {
                    logger.warn("event listener reconnecting", {{"reason", core::describe(error)}});
                },
            .job_lease = config.job_lease,
            .job_retry = config.job_retry,
            .media = config.media,
            .visuals = std::move(visuals),
            .content = content_limits(config),
            .llm_for =
                [models](core::WorkspaceSettingsStore& store, const core::WorkspaceId& workspace) {
                    return models->for_workspace(store, workspace);
                }},
        .llm_description = std::move(description)};
}

/// The runtime's deps as this process's role and CORS setting need them.
http::ApiDeps api_deps(const ServerConfig& config, ApiRuntime& api) {
    auto deps = api.deps();
    deps.allowed_origins = config.cors_origins;
    if (config.role == ServerRole::kApiOnly && !is_postgres_url(config.db)) {
        deps.event_store_poll = std::chrono::milliseconds(500);  // workers run elsewhere
    }
    return deps;
}

/// What the server does with its jobs when a signal drains it.
http::DrainHook drain_jobs(ApiRuntime& api, http::JsonLogger& logger) {
    return [&api, &logger](auto deadline, const std::stop_token& stop) {
        const auto requeued = api.drain(deadline, stop);
        logger.info("jobs drained", {{"requeued", requeued}});
    };
}

core::Result<std::string> start_listening(http::HttpServer& server) {
    try {
        return server.start();
    } catch (const std::runtime_error& e) {
        return core::fail(core::ErrorCode::kUnavailable, e.what(), "--listen");
    }
}

const char* role_name(ServerRole role) {
    switch (role) {
        case ServerRole::kApiAndWorkers:
            return "api+workers";
        case ServerRole::kApiOnly:
            return "api";
        case ServerRole::kWorkersOnly:
            return "workers";
    }
    return "workers";
}

const char* stop_reason_name(http::StopReason reason) {
    switch (reason) {
        case http::StopReason::kDrained:
            return "drained";
        case http::StopReason::kDeadline:
            return "deadline";
        case http::StopReason::kForced:
            return "forced";
    }
    return "forced";
}

/// Where the key that seals workspace secrets comes from (app/workspace_settings.hpp).
/// A malformed --db is reported later, where the database is opened.
SecretKeySource secret_key_source(const ServerConfig& config) {
    SecretKeySource source{config.access.secret_key, config.access.secret_key_file, std::nullopt};
    if (auto path = sqlite_path(config.db, "--db"); path && !is_postgres_url(config.db)) {
        source.sqlite_db = std::move(*path);
    }
    return source;
}

/// The dispatcher's checks with the per-workspace request rate gate added.
http::RequestSecurity gated(http::RequestSecurity security, http::RequestGate& gate) {
    security.gate = &gate;
    return security;
}

/// glibc gives each thread that allocates its own arena (up to 8 per core), and the server has
/// many (network, lanes, workers, probes): under load RSS kept growing with PostgreSQL (bench/soak:
/// 96 -> 298 MiB in 120 s; near 150 MiB flat with 2 arenas). Measured on item reads (wrk, 2
/// cores): 2 arenas cost 21% of the throughput, 8 (4 per core) 3%: half glibc's default, unless
/// the operator set MALLOC_ARENA_MAX.
void cap_malloc_arenas() {
    if (process_env()("MALLOC_ARENA_MAX")) {
        return;
    }
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    // Called first thing in run_server, before any thread of ours exists.
    mallopt(M_ARENA_MAX, 4 * cores);  // NOLINT(concurrency-mt-unsafe)
}

}  // namespace

core::Result<int> run_server(const ServerConfig& config) {
    cap_malloc_arenas();
    const auto started = std::chrono::system_clock::now();
    const auto identity = make_identity(started);
    // Asynchronous: request threads only queue their lines; the destructor writes the rest.
    http::JsonLogger logger({{"version", identity.version}, {"instance_id", identity.instance_id}},
                            http::stdout_sink(), http::JsonLogger::AsyncOptions{});
    // Before anything is opened: development mode off loopback never starts.
    SWARM_TRY(check_access_config(config.access, config.listen.host));
    SWARM_TRY_ASSIGN(auto secret_key, load_secret_key(secret_key_source(config)));
    SWARM_TRY_ASSIGN(auto setup,
                     runtime_setup(config, identity.instance_id, logger, secret_key.box));
    SWARM_TRY_ASSIGN(const auto runtime, ApiRuntime::open(setup.api));
    ApiRuntime& api = *runtime;
    const std::chrono::duration<double> since_epoch = started.time_since_epoch();
    http::Metrics metrics({identity.version, identity.git_sha, since_epoch.count()});
    http::Health health([&api] { return api.storage_problem(); });
    health.add_detail("media", api.media_description());
    AppAccounts accounts(api.people_store(), api.clock(), config.access.sessions, SignInPolicy{},
                         crypto::PasswordCost::kInteractive);
    if (secret_key.created) {
        logger.warn("secret key file created",
                    {{"path", secret_key.origin},
                     {"note",
                      "it encrypts the workspaces' stored secrets: back it up with the database "
                      "(without it they cannot be read), or set CONTENT_SWARM_SECRET_KEY"}});
    }
    WorkspaceLimiter limiter(api.settings_store(), api.job_store(), api.clock(),
                             config.access.limits, std::move(secret_key.box),
                             server_model(setup.api.llm));
    SWARM_TRY_ASSIGN(auto first_run, FirstRun::prepare(api.people_store(), api.access_store()));
    auto deps = api_deps(config, api);
    deps.accounts = &accounts;
    deps.first_run = first_run.get();
    deps.settings = &limiter;
    deps.secure_cookies = config.access.secure_cookies;
    const auto router = http::build_router({.identity = identity,
                                            .health = health,
                                            .metrics = metrics,
                                            .api = std::move(deps),
                                            .api_routes = config.role != ServerRole::kWorkersOnly});
    SWARM_TRY_ASSIGN(auto access,
                     prepare_access(config.access, config.listen.host, api, logger, stderr));
    http::Dispatcher dispatcher(
        router, http::CorsPolicy(config.cors_origins), metrics, logger, identity.version,
        [] { return random_hex(8); }, gated(access.security, limiter));
    http::HttpServer server(server_options(config), dispatcher, health, logger,
                            drain_jobs(api, logger));
    SWARM_TRY_ASSIGN(const auto listen, start_listening(server));
    logger.info("started",
                {{"git_sha", identity.git_sha},
                 {"listen", listen},
                 {"workers", config.workers},
                 {"role", role_name(config.role)},
                 {"llm", setup.llm_description},
                 {"visuals", setup.api.visuals.description},
                 {"kb", api.kb_summary()},
                 {"media", api.media_description()},
                 {"readiness", "checking the database and the media store every second"}});
    if (config.role != ServerRole::kWorkersOnly) {
        announce_first_run(*first_run, listen, logger, stdout);
    }
    // On its own thread, every second: /readyz answers from memory, and a check that hangs (a
    // media store that accepts connections but never answers) makes the process not ready. No
    // request is served before run(), so none meets an unprobed Health.
    health.start_probing(std::chrono::seconds(1), std::chrono::seconds(3),
                         [&logger](const std::optional<std::string>& reason) {
                             if (reason) {
                                 logger.error("not ready", {{"reason", *reason}});
                             } else {
                                 logger.info("ready", nlohmann::json::object());
                             }
                         });
    if (auto runner = api.start_runner(); !runner) {
        server.request_shutdown();
        server.run();
        return tl::unexpected(runner.error());
    }
    const MetricsRefresher refresher(api, metrics);
    const auto reason = server.run();
    logger.info("stopped", {{"reason", stop_reason_name(reason)}});
    return reason == http::StopReason::kForced ? 1 : 0;
}

}  // namespace swarm::app
