// The session side of WebSocket conversations: completes the upgrade, then runs a reader (client
// messages into an inbox) and a writer (the handler's output) side by side on the strand.
#include "http/http_session.hpp"

#include <deque>
#include <functional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace swarm::http::detail {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using Ws = websocket::stream<beast::tcp_stream&>;

// Bounds the cost of a lost wake-up and how late a drain is noticed.

/// Shared by the reader, the writer and the handler's waker (all on the session's strand).
struct Conversation {
    explicit Conversation(const net::any_io_executor& executor) : timer(executor) {}

    std::deque<std::string> inbox;
    bool reader_done = false;
    net::steady_timer timer;  // the writer sleeps on it; the reader and the waker cancel it
};

net::awaitable<void> read_loop(Ws& ws, std::shared_ptr<Conversation> conv) {
    for (;;) {
        beast::flat_buffer buffer;
        auto [ec, n] = co_await ws.async_read(buffer, kAsTuple);
        if (ec) {
            break;  // closed by either side, timed out or failed
        }
        conv->inbox.push_back(beast::buffers_to_string(buffer.data()));
        conv->timer.cancel();
    }
    conv->reader_done = true;
    conv->timer.cancel();
}

net::awaitable<bool> send_all(Ws& ws, const std::vector<std::string>& messages) {
    for (const auto& message : messages) {
        ws.text(true);
        auto [ec, n] = co_await ws.async_write(net::buffer(message), kAsTuple);
        if (ec) {
            co_return false;
        }
    }
    co_return true;
}

using Output = WebSocketHandler::Output;

/// The handler's calls may read or write the store: they run on the storage lane (waiting for
/// room when it is full), never on the network thread. A throwing handler ends the conversation.
net::awaitable<Output> call_handler(const SessionContext& ctx, Conversation& conv,
                                    std::function<Output()> call) {
    const auto give_up = [&ctx, &conv] {
        return ctx.health.is_draining() || conv.reader_done;
    };
    const auto guarded = [&call]() -> Output {
        try {
            return call();
        } catch (const std::exception&) {
            return Output{{}, true};
        }
    };
    std::optional<Output> out =
        co_await on_lane_patiently<Output>(ctx.storage, conv.timer, guarded, give_up);
    if (!out) {
        co_return Output{{}, true};
    }
    co_return std::move(*out);
}

/// One round of work: the inbox, then what the handler has ready. False: stop writing.
net::awaitable<bool> exchange(Ws& ws, const SessionContext& ctx, WebSocketHandler& handler,
                              Conversation& conv, bool& close) {
    while (!conv.inbox.empty() && !close) {
        const auto text = std::move(conv.inbox.front());
        conv.inbox.pop_front();
        auto out = co_await call_handler(ctx, conv, [&] { return handler.on_message(text); });
        close = out.close;
        if (!co_await send_all(ws, out.messages)) {
            co_return false;
        }
    }
    if (close) {
        co_return true;
    }
    auto out = co_await call_handler(ctx, conv, [&handler] { return handler.poll(); });
    close = out.close;
    co_return co_await send_all(ws, out.messages);
}

net::awaitable<void> write_loop(Ws& ws, const SessionContext& ctx, WebSocketHandler& handler,
                                std::shared_ptr<Conversation> conv) {
    auto opened = co_await call_handler(ctx, *conv, [&handler] { return handler.open(); });
    bool close = opened.close;
    bool ok = co_await send_all(ws, opened.messages);
    bool draining = false;
    while (ok && !close && !conv->reader_done) {
        draining = ctx.health.is_draining();
        if (draining) {
            break;
        }
        ok = co_await exchange(ws, ctx, handler, *conv, close);
        if (ok && !close) {
            conv->timer.expires_after(kEventFallbackPoll);
            co_await conv->timer.async_wait(kAsTuple);
        }
    }
    if (ok && !conv->reader_done) {
        const auto code =
            draining ? websocket::close_code::going_away : websocket::close_code::normal;
        co_await ws.async_close(code, kAsTuple);
    }
}

}  // namespace

net::awaitable<void> run_websocket(
    SessionState& s, const SessionContext& ctx,
    boost::beast::http::request<boost::beast::http::string_body> request,
    std::shared_ptr<WebSocketHandler> handler) {
    // `a || b` on awaitables lives in this namespace and is found only through the directive.
    using namespace net::experimental::awaitable_operators;  // NOLINT(google-build-using-namespace)
    s.stream.expires_never();  // the websocket stream keeps its own timeouts
    Ws ws(s.stream);
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws.read_message_max(ctx.options.body_limit);
    auto [ec] = co_await ws.async_accept(request, kAsTuple);
    if (ec) {
        co_return;
    }
    auto conv = std::make_shared<Conversation>(s.stream.get_executor());
    // The waker posts to the strand, so it cancels the wait it is meant to cut short.
    handler->set_waker([weak = std::weak_ptr<Conversation>(conv)] {
        if (auto c = weak.lock()) {
            net::post(c->timer.get_executor(), [weak] {
                if (auto alive = weak.lock()) {
                    alive->timer.cancel();
                }
            });
        }
    });
    co_await (read_loop(ws, conv) && write_loop(ws, ctx, *handler, conv));
    handler->set_waker({});
}

}  // namespace swarm::http::detail
