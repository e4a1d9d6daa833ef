#include "http/http_session.hpp"

#include "core/text/utf8.hpp"
#include "http/error_response.hpp"

#include <limits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace swarm::http::detail {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using Parser = beast_http::request_parser<beast_http::string_body>;

/// Removes the session from the registry when the coroutine ends, however it ends.
class RegistryGuard {
public:
    RegistryGuard(SessionRegistry& registry, std::uint64_t id) : registry_(registry), id_(id) {}

    ~RegistryGuard() { registry_.remove(id_); }

    RegistryGuard(const RegistryGuard&) = delete;
    RegistryGuard& operator=(const RegistryGuard&) = delete;

private:
    SessionRegistry& registry_;
    std::uint64_t id_;
};

Request to_request(const Parser& parser) {
    const auto& msg = parser.get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
        auto name = core::text::ascii_lower(
            std::string_view(field.name_string().data(), field.name_string().size()));
        std::string value(field.value());
        auto [it, inserted] = req.headers.emplace(std::move(name), value);
        if (!inserted) {
            it->second += ", " + value;
        }
    }
    return req;
}

/// The socket's peer, or the last X-Forwarded-For hop when the server trusts its proxy.
std::string client_address_of(SessionState& s, const SessionContext& ctx, const Request& req) {
    if (ctx.options.trust_proxy) {
        if (const auto forwarded = req.header("x-forwarded-for")) {
            const auto comma = forwarded->rfind(',');
            auto hop = core::text::trim(
                comma == std::string_view::npos ? *forwarded : forwarded->substr(comma + 1));
            if (!hop.empty() && hop.size() <= 64) {
                return std::string(hop);
            }
        }
    }
    boost::system::error_code ec;
    const auto peer = s.stream.socket().remote_endpoint(ec);
    return ec ? std::string() : peer.address().to_string();
}

core::Error limit_error(std::string message, std::string field) {
    return core::Error{core::ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

template <class Body>
void set_fields(beast_http::response<Body>& out, const Response& res) {
    if (!res.content_type.empty()) {
        out.set(beast_http::field::content_type, res.content_type);
    }
    for (const auto& [name, value] : res.headers) {
        out.set(name, value);
    }
}

/// HEAD: the GET answer's status and headers (Content-Length of the body it would have) only.
/// A streamed answer (SSE) has no length: its headers alone. A handler that answered HEAD without
/// reading the body (media) sets Content-Length itself.
net::awaitable<bool> write_head_response(SessionState& s, const SessionContext& ctx,
                                         const Response& res, unsigned version, bool keep_alive) {
    beast_http::response<beast_http::empty_body> out{static_cast<beast_http::status>(res.status),
                                                     version};
    set_fields(out, res);
    out.keep_alive(keep_alive);
    if (!res.stream && !res.header("Content-Length") && res.status != 304 && res.status != 204) {
        out.content_length(res.body.size());
    }
    s.stream.expires_after(ctx.options.body_timeout);
    auto [ec, n] = co_await beast_http::async_write(s.stream, out, kAsTuple);
    co_return !ec;
}

net::awaitable<bool> write_response(SessionState& s, const SessionContext& ctx, Response res,
                                    unsigned version, bool keep_alive) {
    beast_http::response<beast_http::string_body> out{static_cast<beast_http::status>(res.status),
                                                      version};
    set_fields(out, res);
    out.keep_alive(keep_alive);
    if (res.status == 304 || res.status == 204) {
        // No body, and no Content-Length: a 304's would claim the representation is empty.
        out.content_length(boost::none);
    } else {
        out.body() = std::move(res.body);
        out.prepare_payload();
    }
    s.stream.expires_after(ctx.options.body_timeout);
    auto [ec, n] = co_await beast_http::async_write(s.stream, out, kAsTuple);
    co_return !ec;
}

/// Waits for the first byte of the next request on a kept-alive connection.
net::awaitable<bool> await_next_request(SessionState& s, const SessionContext& ctx,
                                        beast::flat_buffer& buffer) {
    if (buffer.size() > 0) {
        co_return true;
    }
    s.stream.expires_after(ctx.options.idle_timeout);
    auto [ec, n] = co_await s.stream.async_read_some(buffer.prepare(4096), kAsTuple);
    buffer.commit(n);
    co_return !ec;
}

/// Reads one request; on a limit or parse error answers it (413/431/400) and returns nullopt.
net::awaitable<std::optional<Request>> read_request(SessionState& s, const SessionContext& ctx,
                                                    beast::flat_buffer& buffer, Parser& parser) {
    parser.header_limit(ctx.options.header_limit);
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    s.stream.expires_after(ctx.options.header_timeout);
    auto [ec, header_bytes] =
        co_await beast_http::async_read_header(s.stream, buffer, parser, kAsTuple);
    if (ec == beast_http::error::header_limit) {
        auto res = ctx.dispatcher.reject(Request{}, 431,
                                         limit_error("request headers are too large", "headers"),
                                         "headers_too_large");
        co_await write_response(s, ctx, std::move(res), 11, false);
        co_return std::nullopt;
    }
    if (ec) {
        co_return std::nullopt;  // eof, timeout, garbage: nothing useful to answer
    }
    s.busy = true;
    auto req = to_request(parser);
    req.client_address = client_address_of(s, ctx, req);
    const auto length = parser.content_length();
    if (length && *length > ctx.options.body_limit) {
        auto res =
            ctx.dispatcher.reject(std::move(req), 413,
                                  limit_error("the body is larger than " +
                                                  std::to_string(ctx.options.body_limit) + " bytes",
                                              "body"),
                                  "payload_too_large");
        co_await write_response(s, ctx, std::move(res), parser.get().version(), false);
        co_return std::nullopt;
    }
    if (parser.is_done()) {
        co_return req;  // no body (a GET): no read to start
    }
    parser.body_limit(ctx.options.body_limit);
    s.stream.expires_after(ctx.options.body_timeout);
    auto [body_ec, n] = co_await beast_http::async_read(s.stream, buffer, parser, kAsTuple);
    if (body_ec == beast_http::error::body_limit) {
        auto res = ctx.dispatcher.reject(
            std::move(req), 413, limit_error("the body is too large", "body"), "payload_too_large");
        co_await write_response(s, ctx, std::move(res), parser.get().version(), false);
        co_return std::nullopt;
    }
    if (body_ec) {
        co_return std::nullopt;
    }
    req.body = std::move(parser.get().body());
    co_return req;
}

/// Routes on the network thread; runs the handler there only for an inline route or when the
/// route answers from memory, else on its lane (503 with Retry-After when the lane is full).
net::awaitable<Response> answer(const SessionContext& ctx, Request request) {
    auto routed = ctx.dispatcher.route(std::move(request));
    if (routed.route == nullptr) {
        co_return ctx.dispatcher.complete(routed, std::move(*routed.answer));
    }
    if (routed.lane() == Lane::kInline) {
        auto response = ctx.dispatcher.run_handler(routed);
        co_return ctx.dispatcher.complete(routed, std::move(response));
    }
    if (auto known = ctx.dispatcher.run_from_memory(routed)) {
        co_return ctx.dispatcher.complete(routed, std::move(*known));
    }
    auto& lane = ctx.lane(routed.lane());
    auto response = co_await on_lane<Response>(
        lane, [&ctx, &routed] { return ctx.dispatcher.run_handler(routed); });
    if (!response) {
        co_return ctx.dispatcher.refuse(routed, lane.name());
    }
    co_return ctx.dispatcher.complete(routed, std::move(*response));
}

}  // namespace

std::uint64_t SessionRegistry::add(const std::shared_ptr<SessionState>& session) {
    const std::lock_guard lock(mutex_);
    const auto id = next_id_++;
    sessions_.emplace(id, session);
    return id;
}

void SessionRegistry::remove(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    sessions_.erase(id);
}

std::size_t SessionRegistry::size() const {
    const std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SessionRegistry::close_idle() {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : sessions_) {
        if (auto session = weak.lock()) {
            // On the session's strand, so `busy` and the socket are touched by one thread.
            net::post(session->stream.get_executor(), [session] {
                if (!session->busy) {
                    session->stream.cancel();
                }
            });
        }
    }
}

net::awaitable<void> run_session(std::shared_ptr<SessionState> session, SessionContext context) {
    const RegistryGuard guard(context.registry, context.registry.add(session));
    auto& s = *session;
    beast::flat_buffer buffer;
    for (bool first = true;; first = false) {
        if (!first && !co_await await_next_request(s, context, buffer)) {
            break;
        }
        Parser parser;
        auto request = co_await read_request(s, context, buffer, parser);
        if (!request) {
            break;
        }
        const bool keep_alive = parser.get().keep_alive() && !context.health.is_draining();
        auto response = co_await answer(context, std::move(*request));
        if (response.websocket && beast::websocket::is_upgrade(parser.get())) {
            co_await run_websocket(s, context, parser.release(), std::move(response.websocket));
            break;
        }
        const bool head = parser.get().method() == beast_http::verb::head;
        if (response.stream && !head) {
            co_await write_stream(s, context, std::move(response), parser.get().version());
            break;
        }
        const bool written =
            head ? co_await write_head_response(s, context, response, parser.get().version(),
                                                keep_alive && !response.stream)
                 : co_await write_response(s, context, std::move(response), parser.get().version(),
                                           keep_alive);
        s.busy = false;
        if (!written || !keep_alive || context.health.is_draining()) {
            break;
        }
    }
    beast::error_code ec;
    s.stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace swarm::http::detail
