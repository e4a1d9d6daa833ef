#include "http/http_server.hpp"

#include "http/http_session.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace swarm::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::vector<std::unique_ptr<net::io_context>> make_contexts(int count) {
    std::vector<std::unique_ptr<net::io_context>> out;
    for (int i = 0; i < std::max(1, count); ++i) {
        out.push_back(std::make_unique<net::io_context>(1));
    }
    return out;
}

}  // namespace

struct HttpServer::Impl {
    Impl(ServerOptions opts, Dispatcher& d, Health& h, JsonLogger& l, DrainHook hook)
        : options(resolved(std::move(opts))),
          dispatcher(d),
          health(h),
          logger(l),
          drain(std::move(hook)),
          contexts(make_contexts(options.io_threads)),
          control(net::make_strand(*contexts.front())),
          acceptor(control),
          storage({"storage", options.storage_threads, options.storage_queue}),
          media({"media", options.media_threads, options.media_queue}) {
        // Each context runs until stop_all(), even while it has no connection.
        for (auto& context : contexts) {
            keep_running.push_back(net::make_work_guard(*context));
        }
    }

    net::awaitable<void> accept_loop();
    net::awaitable<void> watch_signals();
    net::awaitable<void> wait_drained(std::chrono::steady_clock::time_point deadline);
    void begin_drain(std::string_view why);
    void log_escape(std::string_view what, const std::exception_ptr& e);

    ServerOptions options;
    Dispatcher& dispatcher;
    Health& health;
    JsonLogger& logger;
    DrainHook drain;
    void stop_all();
    net::io_context& next_context();

    detail::SessionRegistry registry;  // before contexts: session frames unregister as they die
    // One io_context per network thread (the first also runs the listener and the signals): a
    // connection lives on one thread, so its handlers need no strand and no cross-thread wake-up.
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
    std::atomic<std::size_t> next{0};
    net::strand<net::io_context::executor_type> control;  // acceptor, signals, drain state
    tcp::acceptor acceptor;
    std::optional<net::signal_set> signals;
    bool draining = false;  // on `control` only
    std::atomic<bool> drain_hook_done{false};
    std::atomic<StopReason> reason{StopReason::kDrained};
    std::jthread drain_thread;
    // After contexts: destroyed (joined) first, so a finishing task still finds its io_context.
    WorkLane storage;
    WorkLane media;
};

namespace {

std::string format_endpoint(const tcp::endpoint& ep) {
    const auto address = ep.address().to_string();
    const auto host = ep.address().is_v6() ? "[" + address + "]" : address;
    return host + ":" + std::to_string(ep.port());
}

}  // namespace

void HttpServer::Impl::stop_all() {
    for (auto& context : contexts) {
        context->stop();
    }
}

net::io_context& HttpServer::Impl::next_context() {
    return *contexts[next.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
}

void HttpServer::Impl::log_escape(std::string_view what, const std::exception_ptr& e) {
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        logger.error("coroutine failed", {{"where", what}, {"exception", ex.what()}});
    } catch (...) {
        logger.error("coroutine failed", {{"where", what}, {"exception", "non-standard"}});
    }
}

net::awaitable<void> HttpServer::Impl::accept_loop() {
    while (acceptor.is_open()) {
        tcp::socket socket(next_context());
        auto [ec] = co_await acceptor.async_accept(socket, detail::kAsTuple);
        if (ec == net::error::operation_aborted || !acceptor.is_open()) {
            break;
        }
        if (ec) {
            // Typically EMFILE: back off briefly instead of spinning.
            logger.warn("accept failed", {{"error", ec.message()}});
            net::steady_timer pause(control, std::chrono::milliseconds(50));
            co_await pause.async_wait(detail::kAsTuple);
            continue;
        }
        auto session = std::make_shared<detail::SessionState>(std::move(socket));
        auto executor = session->stream.get_executor();
        net::co_spawn(executor,
                      detail::run_session(std::move(session),
                                          {options, dispatcher, health, registry, storage, media}),
                      [this](const std::exception_ptr& e) { log_escape("session", e); });
    }
}

net::awaitable<void> HttpServer::Impl::watch_signals() {
    auto [ec, signal] = co_await signals->async_wait(detail::kAsTuple);
    if (ec) {
        co_return;
    }
    begin_drain(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    auto [ec2, signal2] = co_await signals->async_wait(detail::kAsTuple);
    if (ec2) {
        co_return;
    }
    logger.warn("stopping at once", {{"signal", signal2 == SIGTERM ? "SIGTERM" : "SIGINT"}});
    reason = StopReason::kForced;
    drain_thread.request_stop();
    stop_all();
}

void HttpServer::Impl::begin_drain(std::string_view why) {
    if (draining) {
        return;
    }
    draining = true;
    health.set_draining();
    const auto deadline = std::chrono::steady_clock::now() + options.drain_deadline;
    logger.info("draining", {{"reason", why},
                             {"open_connections", registry.size()},
                             {"drain_deadline_ms", options.drain_deadline.count()}});
    boost::system::error_code ignored;
    acceptor.close(ignored);
    registry.close_idle();
    drain_thread = std::jthread([this, deadline](const std::stop_token& stop) {
        if (drain) {
            drain(deadline, stop);
        }
        drain_hook_done = true;
    });
    net::co_spawn(control, wait_drained(deadline),
                  [this](const std::exception_ptr& e) { log_escape("drain", e); });
}

net::awaitable<void> HttpServer::Impl::wait_drained(
    std::chrono::steady_clock::time_point deadline) {
    net::steady_timer timer(control);
    while (registry.size() > 0 || !drain_hook_done) {
        if (std::chrono::steady_clock::now() >= deadline) {
            logger.warn("drain deadline reached", {{"open_connections", registry.size()},
                                                   {"drain_hook_done", drain_hook_done.load()}});
            reason = StopReason::kDeadline;
            drain_thread.request_stop();
            break;
        }
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(detail::kAsTuple);
    }
    stop_all();
}

ServerOptions resolved(ServerOptions options) {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    if (options.io_threads <= 0) {
        options.io_threads = cores;
    }
    if (options.storage_threads <= 0) {
        // Measured on SQLite (one connection): more threads than cores only add contention.
        options.storage_threads = std::max(2, cores);
    }
    if (options.media_threads <= 0) {
        options.media_threads = 8;
    }
    return options;
}

HttpServer::HttpServer(ServerOptions options, Dispatcher& dispatcher, Health& health,
                       JsonLogger& logger, DrainHook drain)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher, health, logger,
                                   std::move(drain))) {}

HttpServer::~HttpServer() = default;

std::string HttpServer::start() {
    auto& impl = *impl_;
    const auto where = impl.options.host + ":" + std::to_string(impl.options.port);
    try {
        const tcp::endpoint endpoint{net::ip::make_address(impl.options.host), impl.options.port};
        impl.acceptor.open(endpoint.protocol());
        impl.acceptor.set_option(net::socket_base::reuse_address(true));
        impl.acceptor.bind(endpoint);
        impl.acceptor.listen(net::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("cannot listen on " + where + ": " + e.code().message());
    }
    // Installed now, before anyone can learn our address, so an early SIGTERM is graceful too.
    impl.signals.emplace(impl.control, SIGINT, SIGTERM);
    net::co_spawn(impl.control, impl.watch_signals(),
                  [&impl](const std::exception_ptr& e) { impl.log_escape("signals", e); });
    net::co_spawn(impl.control, impl.accept_loop(),
                  [&impl](const std::exception_ptr& e) { impl.log_escape("listener", e); });
    return format_endpoint(impl.acceptor.local_endpoint());
}

StopReason HttpServer::run() {
    auto& impl = *impl_;
    std::vector<std::thread> threads;
    for (int i = 1; i < impl.options.io_threads; ++i) {
        threads.emplace_back([&impl, i] { impl.contexts[static_cast<std::size_t>(i)]->run(); });
    }
    impl.contexts.front()->run();
    for (auto& t : threads) {
        t.join();
    }
    if (impl.drain_thread.joinable()) {
        impl.drain_thread.join();
    }
    return impl.reason.load();
}

void HttpServer::request_shutdown() {
    net::post(impl_->control, [impl = impl_.get()] { impl->begin_drain("requested"); });
}

}  // namespace swarm::http
