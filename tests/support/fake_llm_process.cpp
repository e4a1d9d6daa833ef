#include "support/fake_llm_process.hpp"

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX

namespace swarm::test {

FakeLlmProcess::FakeLlmProcess(const std::filesystem::path& script,
                               const std::vector<std::string>& extra_args) {
    std::vector<std::string> args{(binary_dir() / "fake-llm").string(), "--port", "0", "--script",
                                  script.string()};
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
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; pid_ > 0 && port_ == 0 && i < 500; ++i) {
        const auto line = nlohmann::json::parse(read_file(out), nullptr, false);
        if (line.is_object() && line.value("msg", "") == "listening") {
            port_ = line["port"].get<std::uint16_t>();
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

FakeLlmProcess::~FakeLlmProcess() {
    stop(SIGKILL);
}

std::string FakeLlmProcess::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

int FakeLlmProcess::stop(int signal) {
    int status = -1;
    if (pid_ > 0) {
        ::kill(pid_, signal);
        ::waitpid(std::exchange(pid_, -1), &status, 0);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace swarm::test
