// The session side of streamed responses (Server-Sent Events): writes the head, then pulls the
// producer's chunks on a wake-up or a short fallback timer, with heartbeat comments in between.
#include "http/http_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace swarm::http::detail {
namespace {

namespace net = boost::asio;
namespace beast_http = boost::beast::http;

// Bounds the cost of a lost wake-up and how late a drain or a finished producer is noticed.

net::awaitable<bool> write_head(SessionState& s, const SessionContext& ctx, const Response& res,
                                unsigned version) {
    beast_http::response<beast_http::empty_body> head{static_cast<beast_http::status>(res.status),
                                                      version};
    head.set(beast_http::field::content_type, res.content_type);
    for (const auto& [name, value] : res.headers) {
        head.set(name, value);
    }
    head.keep_alive(false);  // the body ends when the connection closes
    beast_http::response_serializer<beast_http::empty_body> serializer{head};
    s.stream.expires_after(ctx.options.body_timeout);
    auto [ec, n] = co_await beast_http::async_write_header(s.stream, serializer, kAsTuple);
    co_return !ec;
}

net::awaitable<bool> write_bytes(SessionState& s, const SessionContext& ctx,
                                 const std::string& bytes) {
    if (bytes.empty()) {
        co_return true;
    }
    s.stream.expires_after(ctx.options.body_timeout);  // a stalled client times out
    auto [ec, n] = co_await net::async_write(s.stream, net::buffer(bytes), kAsTuple);
    co_return !ec;
}

/// A producer that throws ends its stream (the client sees the body end) instead of the session.
BodyStream::Chunk poll_safely(BodyStream& stream) {
    try {
        return stream.poll();
    } catch (const std::exception&) {
        return {": stream failed\n\n", true};
    }
}

}  // namespace

net::awaitable<void> write_stream(SessionState& s, const SessionContext& ctx, Response res,
                                  unsigned version) {
    const auto stream = res.stream;
    auto timer = std::make_shared<net::steady_timer>(s.stream.get_executor());
    // The waker posts to the session's strand, so it cancels the wait it is meant to cut short.
    stream->set_waker([weak = std::weak_ptr<net::steady_timer>(timer)] {
        if (auto t = weak.lock()) {
            net::post(t->get_executor(), [weak] {
                if (auto alive = weak.lock()) {
                    alive->cancel();
                }
            });
        }
    });
    const bool sse = res.content_type == "text/event-stream";
    bool ok = co_await write_head(s, ctx, res, version);
    auto last_write = std::chrono::steady_clock::now();
    const auto draining = [&ctx] {
        return ctx.health.is_draining();
    };
    while (ok && !ctx.health.is_draining()) {
        // A poll that reads the store runs on the storage lane, never on the network thread.
        // (An if, not `?:`: GCC 12 miscompiles co_await inside a conditional expression.)
        std::optional<BodyStream::Chunk> polled;
        if (stream->may_block()) {
            polled = co_await on_lane_patiently<BodyStream::Chunk>(
                ctx.storage, *timer, [&stream] { return poll_safely(*stream); }, draining);
        } else {
            polled = poll_safely(*stream);
        }
        if (!polled) {
            break;
        }
        auto& chunk = *polled;
        if (!chunk.data.empty()) {
            ok = co_await write_bytes(s, ctx, chunk.data);
            last_write = std::chrono::steady_clock::now();
        }
        if (chunk.done || !ok) {
            break;
        }
        // Heartbeat comments are SSE syntax: other streamed bodies (a JSON document) get none.
        if (sse && std::chrono::steady_clock::now() - last_write >= ctx.options.sse_heartbeat) {
            ok = co_await write_bytes(s, ctx, ": heartbeat\n\n");
            last_write = std::chrono::steady_clock::now();
            continue;
        }
        const auto until_heartbeat = last_write + ctx.options.sse_heartbeat;
        timer->expires_at(
            std::min(until_heartbeat, std::chrono::steady_clock::now() + kEventFallbackPoll));
        co_await timer->async_wait(kAsTuple);
    }
    stream->set_waker({});
    boost::beast::error_code ec;
    s.stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace swarm::http::detail
