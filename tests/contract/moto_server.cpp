#include "contract/moto_server.hpp"

#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::test {
namespace {

bool executable(const std::filesystem::path& path) {
    return ::access(path.c_str(), X_OK) == 0;
}

/// A port the kernel just handed out on 127.0.0.1 (free now; moto binds it right after).
std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    std::uint16_t port = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    auto* any = reinterpret_cast<sockaddr*>(&addr);
    if (fd >= 0 && ::bind(fd, any, sizeof addr) == 0 && ::getsockname(fd, any, &len) == 0) {
        port = ntohs(addr.sin_port);
    }
    if (fd >= 0) {
        ::close(fd);
    }
    return port;
}

}  // namespace

std::optional<std::filesystem::path> find_moto_server() {
    std::vector<std::filesystem::path> dirs;
    if (const char* path = std::getenv("PATH")) {  // NOLINT(concurrency-mt-unsafe)
        std::string_view rest = path;
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            dirs.emplace_back(std::string(rest.substr(0, colon)));
            rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        }
    }
    if (const char* home = std::getenv("HOME")) {  // NOLINT(concurrency-mt-unsafe)
        dirs.emplace_back(std::filesystem::path(home) / ".pyenv" / "shims");
    }
    dirs.emplace_back("/root/.pyenv/shims");
    for (const auto& dir : dirs) {
        if (!dir.empty() && executable(dir / "moto_server")) {
            return dir / "moto_server";
        }
    }
    return std::nullopt;
}

MotoServer::MotoServer(const std::string& bucket) {
    const auto program = find_moto_server();
    if (!program) {
        error_ =
            "moto_server is not installed (not on PATH nor in ~/.pyenv/shims): S3 cases "
            "skipped";
        return;
    }
    port_ = free_port();
    const std::string port_text = std::to_string(port_);
    pid_ = ::fork();
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test leaves no server behind
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        const std::string exe = program->string();
        ::execl(exe.c_str(), exe.c_str(), "-H", "127.0.0.1", "-p", port_text.c_str(), nullptr);
        ::_exit(127);
    }
    if (pid_ < 0) {
        error_ = "cannot fork moto_server";
        return;
    }
    // Python starts in a second or two; allow a slow machine 30 s.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (http_request(port_, "GET", "/").status == 0) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            error_ = "moto_server exited at start";
            return;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            error_ = "moto_server did not answer within 30 s";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const auto created = http_request(port_, "PUT", "/" + bucket);
    if (created.status != 200) {
        error_ = "moto_server refused to create the bucket: " + std::to_string(created.status);
    }
}

MotoServer::~MotoServer() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

std::string MotoServer::endpoint() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::optional<std::size_t> MotoServer::count_keys(const std::string& bucket,
                                                  const std::string& prefix) {
    const auto reply =
        http_request(port_, "GET", "/" + bucket + "?list-type=2&max-keys=1000&prefix=" + prefix);
    if (reply.status != 200) {
        return std::nullopt;
    }
    std::size_t count = 0;
    for (auto at = reply.body.find("<Key>"); at != std::string::npos;
         at = reply.body.find("<Key>", at + 1)) {
        ++count;
    }
    return count;
}

std::string moto_skip_reason() {
    const std::string& error = MotoServer::shared().error();
    const char* required = std::getenv("SWARM_REQUIRE_MOTO");  // NOLINT(concurrency-mt-unsafe)
    if (!error.empty() && required != nullptr && std::string_view(required) == "1") {
        ADD_FAILURE() << error << " (SWARM_REQUIRE_MOTO=1: the S3 cases must run here)";
    }
    return error;
}

MotoServer& MotoServer::shared() {
    // Lives until the test program exits; its destructor stops the server.
    static MotoServer server(kBucket);
    return server;
}

}  // namespace swarm::test
