// Internals of HttpServer shared by the listener and the sessions: the per-connection state, the
// registry used to drain, and the session coroutine. Includes Beast: keep it out of other files.
#pragma once

#include "http/dispatcher.hpp"
#include "http/http_server.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace swarm::http::detail {

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
};

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
