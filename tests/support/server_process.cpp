#include "support/server_process.hpp"

#include "support/http_client.hpp"

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX

namespace swarm::test {
namespace {

constexpr auto kPoll = std::chrono::milliseconds(20);

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string>& extra_args,
                             const std::string& command) {
    std::vector<std::string> args{(binary_dir() / "content-swarm").string(), command};
    if (std::find(extra_args.begin(), extra_args.end(), "--listen") == extra_args.end()) {
        args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    const auto out = (dir_.path() / "stdout").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const auto err = (dir_.path() / "stderr").string();
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // The test keys (support/http_client.hpp), unless the test set its own in the environment.
    std::vector<std::string> env_text;
    bool owner = false;
    bool metrics = false;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        owner = owner || entry.starts_with("CONTENT_SWARM_OWNER_KEY=");
        metrics = metrics || entry.starts_with("CONTENT_SWARM_METRICS_KEY=");
        env_text.emplace_back(entry);
    }
    if (!owner) {
        env_text.push_back(std::string("CONTENT_SWARM_OWNER_KEY=") + kTestOwnerKey);
    }
    if (!metrics) {
        env_text.push_back(std::string("CONTENT_SWARM_METRICS_KEY=") + kTestMetricsKey);
    }
    std::vector<char*> envp;
    envp.reserve(env_text.size() + 1);
    for (auto& e : env_text) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
        pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    if (pid_ > 0 && wait_for_log("started", std::chrono::seconds(10))) {
        for (const auto& line : log_lines()) {
            if (line.is_object() && line.value("msg", "") == "started") {
                const std::string listen = line.value("listen", "");
                port_ =
                    static_cast<std::uint16_t>(std::stoul(listen.substr(listen.rfind(':') + 1)));
                register_swarm_port(port_);
            }
        }
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0 && !exit_code_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

void ServerProcess::send_signal(int signal) const {
    if (pid_ > 0) {
        ::kill(pid_, signal);
    }
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (pid_ > 0 && !exit_code_) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            break;
        }
        if (std::chrono::steady_clock::now() >= until) {
            break;
        }
        std::this_thread::sleep_for(kPoll);
    }
    return exit_code_;
}

std::vector<nlohmann::json> ServerProcess::log_lines() const {
    std::vector<nlohmann::json> lines;
    std::istringstream in(read_file(dir_.path() / "stdout"));
    for (std::string line; std::getline(in, line);) {
        auto parsed = nlohmann::json::parse(line, nullptr, false);
        if (!parsed.is_discarded() && parsed.is_object()) {
            lines.push_back(std::move(parsed));
        }
    }
    return lines;
}

bool ServerProcess::wait_for_log(const std::string& msg, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (true) {
        // Checked before the log, so a line written just before exit is still seen.
        const bool exited = wait_exit(std::chrono::milliseconds(0)).has_value();
        for (const auto& line : log_lines()) {
            if (line.is_object() && line.value("msg", "") == msg) {
                return true;
            }
        }
        if (exited || std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(kPoll);
    }
}

std::string ServerProcess::stdout_text() const {
    return read_file(dir_.path() / "stdout");
}

std::string ServerProcess::stderr_text() const {
    return read_file(dir_.path() / "stderr");
}

}  // namespace swarm::test
