// Internals of HttpServer shared by the listener and the sessions: the per-connection state, the
// registry used to drain, and the session coroutine. Includes Beast: keep it out of other files.
#pragma once

#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/work_lane.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace swarm::http::detail {

/// Completion token of the sessions' awaits: the error code comes back in a tuple, not thrown.
inline constexpr auto kAsTuple = boost::asio::as_tuple(boost::asio::use_awaitable);
/// How often an event stream (SSE, WebSocket) re-reads the store when no wake-up came.
inline constexpr std::chrono::milliseconds kEventFallbackPoll{250};

struct SessionState {
    explicit SessionState(boost::asio::ip::tcp::socket&& socket) : stream(std::move(socket)) {}

    boost::beast::tcp_stream stream;  // its executor is the connection's strand
    bool busy = false;                // a request is being processed (touched on the strand only)
};

/// The live sessions, so a drain can close the idle ones and wait for the busy ones.
class SessionRegistry {
public:
    std::uint64_t add(const std::shared_ptr<SessionState>& session);
    void remove(std::uint64_t id);
    std::size_t size() const;

    /// Closes every session that is waiting for a request; busy ones finish their response.
    void close_idle();

private:
    mutable std::mutex mutex_;  // guards the members below
    std::uint64_t next_id_ = 0;
    std::map<std::uint64_t, std::weak_ptr<SessionState>> sessions_;
};

struct SessionContext {
    const ServerOptions& options;
    Dispatcher& dispatcher;
    const Health& health;
    SessionRegistry& registry;
    WorkLane& storage;  // handlers that read or write the database, event stream reads
    WorkLane& media;    // handlers that read the media store

    WorkLane& lane(Lane which) const { return which == Lane::kMedia ? media : storage; }
};

/// Runs `fn` (which must not throw) on `lane` and resumes the calling coroutine on its own
/// executor (the connection's strand) with the result; nullopt at once when the lane is full.
/// The network thread is free meanwhile.
template <class T, class Fn>
boost::asio::awaitable<std::optional<T>> on_lane(WorkLane& lane, Fn fn) {
    namespace net = boost::asio;
    auto initiate = [&lane](auto handler, Fn work) {
        using Handler = decltype(handler);
        auto shared = std::make_shared<Handler>(std::move(handler));
        // The handler is moved out before it is called: the copies of `shared` die on other
        // threads, and must then hold only a moved-from handler (never the coroutine).
        WorkLane::Task task = [shared, work = std::move(work)]() mutable {
            std::optional<T> result(work());
            const auto executor = net::get_associated_executor(*shared);
            net::dispatch(executor, [shared, result = std::move(result)]() mutable {
                Handler resume = std::move(*shared);
                std::move(resume)(std::move(result));
            });
        };
        if (!lane.try_post(task)) {
            const auto executor = net::get_associated_executor(*shared);
            net::post(executor, [shared]() mutable {
                Handler resume = std::move(*shared);
                std::move(resume)(std::optional<T>{});
            });
        }
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(std::optional<T>)>(
        initiate, net::use_awaitable, std::move(fn));
}

/// on_lane() for work that must happen (a stream's next read): when the lane is full, waits
/// `pause` on `timer` and tries again. nullopt only when `give_up()` turns true meanwhile.
template <class T, class Fn, class GiveUp>
boost::asio::awaitable<std::optional<T>> on_lane_patiently(WorkLane& lane,
                                                           boost::asio::steady_timer& timer, Fn fn,
                                                           GiveUp give_up) {
    constexpr std::chrono::milliseconds kPause{50};
    for (;;) {
        auto result = co_await on_lane<T>(lane, fn);
        if (result || give_up()) {
            co_return result;
        }
        timer.expires_after(kPause);
        boost::system::error_code ignored;
        co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
    }
}

/// Writes a streamed response (Response::stream): head, then chunks and heartbeats until the
/// producer is done, a write fails (the client went away) or the server drains. Always closes.
boost::asio::awaitable<void> write_stream(SessionState& s, const SessionContext& ctx, Response res,
                                          unsigned version);

/// Completes the WebSocket upgrade of `request` and runs `handler` until either side closes,
/// an error or a drain (then a "going away" close frame).
boost::asio::awaitable<void> run_websocket(
    SessionState& s, const SessionContext& ctx,
    boost::beast::http::request<boost::beast::http::string_body> request,
    std::shared_ptr<WebSocketHandler> handler);

/// Serves one connection: requests in sequence with keep-alive, until close, error or drain.
boost::asio::awaitable<void> run_session(std::shared_ptr<SessionState> session,
                                         SessionContext context);

}  // namespace swarm::http::detail
