// A throwaway HTTP server on 127.0.0.1 for the HTTP client tests (the curl layer, the model
// transport): accepts one connection, reads the request and runs a scripted reply on the socket.
#pragma once

#include <functional>
#include <future>
#include <string>
#include <thread>

namespace swarm::test {

/// Writes all of `text` to `fd` (stops quietly when the peer has gone).
void send_all(int fd, const std::string& text);

/// Blocks until the peer closes the connection (or the 5 s receive timeout passes).
void wait_for_close(int fd);

/// One chunk of a chunked body ("" is the last chunk).
std::string chunk(const std::string& data);

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int refused_port();

/// A socket listening on 127.0.0.1 (a port the system picks) with `backlog`; its port in `port`.
/// Throws std::runtime_error when the system refuses. The caller closes the descriptor.
int listen_loopback(int backlog, int& port);

/// Accepts one connection, reads the request (headers and Content-Length body) and runs the
/// scripted behaviour on the socket, then closes it.
class LocalHttpServer {
public:
    using Behaviour = std::function<void(int fd)>;

    explicit LocalHttpServer(Behaviour behaviour);
    ~LocalHttpServer();
    LocalHttpServer(const LocalHttpServer&) = delete;
    LocalHttpServer& operator=(const LocalHttpServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/test"; }

    /// The raw request; call after the transfer finished.
    std::string request();

private:
    void serve(const Behaviour& behaviour);
    void read_request(int fd);

    int listen_fd_ = -1;
    int port_ = 0;
    std::string request_;
    std::promise<void> done_;
    std::shared_future<void> thread_done_ = done_.get_future().share();
    std::thread thread_;
};

}  // namespace swarm::test
