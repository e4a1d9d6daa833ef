// Baseline for scripts/bench: the smallest Boost.Beast HTTP/1.1 server (C++20 coroutines,
// keep-alive, 2 threads) answering every request with 200 "hello". wrk runs against it with the
// same settings as against `content-swarm serve`, so the ratio shows the cost of our stack.
// Usage: hello_server [PORT]   (0 or none: any free port). Prints the bound port on stdout.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

asio::awaitable<void> session(tcp::socket socket) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
        http::request<http::string_body> req;
        co_await http::async_read(socket, buffer, req,
                                  asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            break;
        }
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, "text/plain");
        res.keep_alive(req.keep_alive());
        res.body() = "hello";
        res.prepare_payload();
        co_await http::async_write(socket, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive()) {
            break;
        }
    }
    socket.shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor) {
    for (;;) {
        auto socket = co_await acceptor.async_accept(asio::use_awaitable);
        asio::co_spawn(socket.get_executor(), session(std::move(socket)), asio::detached);
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto port = static_cast<unsigned short>(argc > 1 ? std::stoul(argv[1]) : 0UL);
        constexpr int kThreads = 2;
        asio::io_context ioc{kThreads};
        tcp::acceptor acceptor{ioc, {asio::ip::make_address("127.0.0.1"), port}};
        std::cout << acceptor.local_endpoint().port() << std::endl;
        asio::co_spawn(ioc, listen(acceptor), asio::detached);
        asio::signal_set signals{ioc, SIGINT, SIGTERM};
        signals.async_wait([&ioc](const beast::error_code&, int) { ioc.stop(); });
        std::vector<std::jthread> threads;
        for (int i = 1; i < kThreads; ++i) {
            threads.emplace_back([&ioc] { ioc.run(); });
        }
        ioc.run();
    } catch (const std::exception& e) {
        std::cerr << "hello_server: " << e.what() << '\n';
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
