// fake-llm: the project's fake model server (OpenAI, Anthropic and Bedrock wire formats, scripted
// replies and faults) for tests and benchmarks. Usage and script format: README.md here.
#include "recorder.hpp"
#include "script.hpp"
#include "server.hpp"

#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace {

using namespace swarm::fake_llm;  // NOLINT(google-build-using-namespace): main only

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitFailed = 1;

struct CommandLine {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string script;
    std::optional<std::int64_t> ttft_ms;
    std::optional<double> tokens_per_second;
    std::string log;
    int threads = 1;
};

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// A thousand concurrent streams need a thousand descriptors: lift the soft limit to the hard one.
void raise_fd_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int serve(const CommandLine& cl) {
    Script script;
    ServerOptions options;
    if (!cl.script.empty()) {
        auto loaded = load_script(cl.script);
        if (!loaded) {
            std::cerr << "fake-llm: " << loaded.error() << '\n';
            return kExitUsage;
        }
        script = std::move(*loaded);
        options.script_dir = std::filesystem::absolute(cl.script).parent_path();
    } else {
        options.script_dir = std::filesystem::current_path();
    }
    PacingOverride pacing;
    if (cl.ttft_ms) {
        pacing.ttft = std::chrono::milliseconds(*cl.ttft_ms);
    }
    pacing.tokens_per_second = cl.tokens_per_second;
    ScriptBook book(std::move(script), pacing);
    Recorder recorder(cl.log);
    options.host = cl.host;
    options.port = cl.port;
    options.io_threads = cl.threads;
    raise_fd_limit();
    FakeLlmServer server(std::move(options), book, recorder);
    const auto port = server.start();
    std::cout << nlohmann::json{{"msg", "listening"}, {"host", cl.host}, {"port", port}}.dump()
              << std::endl;
    server.run();
    return kExitOk;
}

int run(int argc, char** argv) {
    CLI::App app{"fake-llm: a scripted stand-in for OpenAI, Anthropic and Bedrock model APIs"};
    CommandLine cl;
    app.add_option("--host", cl.host, "Loopback address to bind")->capture_default_str();
    app.add_option("--port", cl.port, "Port (0: any free port)")->capture_default_str();
    app.add_option("--script", cl.script, "Script JSON file (replies, faults)")
        ->check(CLI::ExistingFile);
    app.add_option("--ttft-ms", cl.ttft_ms, "Time to first token, overrides the script default")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--tokens-per-second", cl.tokens_per_second,
                   "Pacing after the first token, overrides the script default (0: none)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--log", cl.log, "Append one JSON line per answered request to FILE");
    app.add_option("--threads", cl.threads, "io threads")->check(CLI::Range(1, 64));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    }
    if (!is_loopback(cl.host)) {
        std::cerr << "fake-llm: --host must be a loopback address (got " << cl.host << ")\n";
        return kExitUsage;
    }
    return serve(cl);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "fake-llm: " << e.what() << '\n';
    } catch (...) {
        std::cerr << "fake-llm: unknown error\n";
    }
    return kExitFailed;
}
