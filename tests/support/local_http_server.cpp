#include "support/local_http_server.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstdio>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace swarm::test {

void send_all(int fd, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        const auto n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(n);
    }
}

void wait_for_close(int fd) {
    std::array<char, 256> buffer{};
    while (::recv(fd, buffer.data(), buffer.size(), 0) > 0) {
    }
}

std::string chunk(const std::string& data) {
    std::ostringstream size;
    size << std::hex << data.size();
    return size.str() + "\r\n" + data + "\r\n";
}

int refused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);  // bound but never listening: nothing accepts on this port now
    return ntohs(address.sin_port);
}

int listen_loopback(int backlog, int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(fd, backlog) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port = ntohs(address.sin_port);
    return fd;
}

LocalHttpServer::LocalHttpServer(Behaviour behaviour) {
    listen_fd_ = listen_loopback(1, port_);
    thread_ = std::thread([this, behaviour = std::move(behaviour)] { serve(behaviour); });
}

LocalHttpServer::~LocalHttpServer() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    thread_.join();
    ::close(listen_fd_);
}

std::string LocalHttpServer::request() {
    thread_done_.wait_for(std::chrono::seconds(5));
    return request_;
}

void LocalHttpServer::serve(const Behaviour& behaviour) {
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
        done_.set_value();
        return;
    }
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    read_request(fd);
    behaviour(fd);
    ::close(fd);
    done_.set_value();
}

void LocalHttpServer::read_request(int fd) {
    std::array<char, 4096> buffer{};
    std::size_t body_needed = std::string::npos;
    while (request_.size() < (1U << 20)) {
        const auto header_end = request_.find("\r\n\r\n");
        if (header_end != std::string::npos && body_needed == std::string::npos) {
            const auto at = request_.find("Content-Length: ");
            body_needed = at == std::string::npos ? 0 : std::stoul(request_.substr(at + 16));
            body_needed += header_end + 4;
        }
        if (body_needed != std::string::npos && request_.size() >= body_needed) {
            return;
        }
        const auto n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n <= 0) {
            return;
        }
        request_.append(buffer.data(), static_cast<std::size_t>(n));
    }
}

}  // namespace swarm::test
